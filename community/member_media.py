"""Members' uploaded images served at their /media/ addresses, each request checked: which row names the file,
and how the bytes reach the browser (streamed by Django, sent by nginx, or fetched from object storage).

Who may see an upload is decided in community/permissions.py (`can_see_upload`); the view is
community/views/media.py. The folders are those of community/uploads.py's MemberImageField.
"""

import posixpath
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.http import FileResponse, HttpResponse, HttpResponseNotFound, HttpResponseRedirect
from django.utils.cache import patch_cache_control, patch_vary_headers

# Upload folder → the model and field whose rows name its files, and what the permission check reads with
# the row (so it costs no second query). tests/community/test_member_media.py checks that every
# MemberImageField's folder is here.
OWNERS = {
    "posts": ("community.Post", "image", ("group",)),
    "groups": ("community.Group", "cover", ()),
    "profiles": ("community.Profile", "photo", ()),
}
# Every member image is re-encoded as a JPEG (community/uploads.py); the other types are for any file stored
# before that rule. Nothing else is served.
CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
}
NAME_MAX_LENGTH = 255


def is_plain_name(name):
    """A name as storage writes them: relative, no empty, '.' or '..' segment, no backslash or NUL.

    The database lookup is what admits a name; this only spares it requests that cannot be one of ours."""
    if not name or len(name) > NAME_MAX_LENGTH or "\\" in name or "\x00" in name:
        return False
    return all(segment not in ("", ".", "..") for segment in name.split("/"))


def stored_upload(name):
    """The image field value (a FieldFile: its row is `.instance`) of the row that names exactly `name`, the
    folder deciding which model; None when no row does. One query, through the name's index."""
    folder = name.partition("/")[0]
    if folder not in OWNERS or not is_plain_name(name):
        return None
    label, field_name, related = OWNERS[folder]
    model = apps.get_model(label)
    row = model._default_manager.select_related(*related).filter(**{field_name: name}).first()
    return getattr(row, field_name) if row is not None else None


def content_type_of(name):
    return CONTENT_TYPES.get(posixpath.splitext(name)[1].lower())


def file_response(storage, name, content_type):
    """The answer carrying the file: a redirect to the storage's own (signed) URL when the storage has no
    local files (object storage); with MEDIA_ACCEL_REDIRECT_PREFIX, an empty answer whose X-Accel-Redirect
    header has nginx send the file; otherwise the file itself, streamed. Raises FileNotFoundError when a
    local file is missing."""
    try:
        storage.path(name)
    except NotImplementedError:
        # django-storages signs the URL when querystring auth is on (base.py turns it on): the address works
        # for AWS_QUERYSTRING_EXPIRE seconds, for whoever holds it.
        return HttpResponseRedirect(storage.url(name))
    prefix = settings.MEDIA_ACCEL_REDIRECT_PREFIX
    if prefix:
        # Asked here, not left to nginx: its 404 would keep the private max-age set for the image (a member's
        # browser would hold the refusal after the file came back) and differ from every other refusal.
        if not storage.exists(name):
            raise FileNotFoundError(name)
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name)
        return response
    return FileResponse(storage.open(name, "rb"), content_type=content_type)


def private_headers(response):
    """Only the viewer's own browser may keep the answer, and never for another cookie (another log-in)."""
    patch_cache_control(response, private=True, max_age=settings.MEMBER_MEDIA_MAX_AGE)
    patch_vary_headers(response, ["Cookie"])
    response["X-Content-Type-Options"] = "nosniff"
    return response


def not_found():
    """The one answer to a name that is missing or not the viewer's to see: an empty 404 that no cache keeps
    (a member added to a group later must not be shown an old refusal)."""
    response = HttpResponseNotFound()
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Cookie"])
    return response
