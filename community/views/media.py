"""Members' uploaded images (post images, group covers, profile photos) at their /media/ addresses.

Random names are not a permission: an address outlives the right to see it (someone removed from a private
group, a photo whose audience was narrowed, a forwarded link). So every request finds the row that names the
file and asks community/permissions.py. Anything the viewer may not see, and anything that does not exist, is
the same 404: no 403, which would confirm the file exists.

Anonymous visitors get 404 too, not the log-in redirect of members' pages: no audience of a member upload
includes them (community/audiences.py has no public audience, and a story's public card shows the editor's
photo, not the member's upload), an <img> cannot follow a log-in page anyway, and one answer for every
refusal says nothing about which names exist. The 404 is empty rather than the site's page: nobody sees an
image's error page, and rendering one (about 6 queries and a template) for every stale <img> of a logged-out
browser would cost more than serving the images.
"""

from django.views.decorators.http import require_safe

from community import member_media, permissions


@require_safe
def member_upload(request, name):
    """The image stored as `name` (e.g. posts/ab/<32 hex>.jpg) if the viewer may see what it belongs to."""
    upload = member_media.stored_upload(name)
    content_type = member_media.content_type_of(name)
    if (
        upload is None
        or content_type is None
        or not permissions.can_see_upload(request.user, upload.instance)
    ):
        return member_media.not_found()
    try:
        response = member_media.file_response(upload.storage, upload.name, content_type)
    except FileNotFoundError:
        return member_media.not_found()
    return member_media.private_headers(response)
