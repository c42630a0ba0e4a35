"""What to re-index when something changes. Connected in SearchConfig.ready(); tasks are sent on commit."""

import logging

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from wagtail.signals import page_published, page_unpublished

from .models import Kind

logger = logging.getLogger(__name__)


def _send(task, *args):
    """Send a re-index task. What the member did is committed already: a broker that is down (or, in the
    embedded default, a task that fails in-process) is logged, never turned into an error page. The entry stays
    as it was until the next change or `search_index --rebuild`."""
    try:
        task.delay(*args)
    except Exception:
        logger.warning(
            "search: %s%r not sent; entries may be stale until re-indexed", task.name, args, exc_info=True
        )


def queue(kind, pk):
    from .directory import LISTING
    from .tasks import reindex_object

    if kind == Kind.MEMBER:
        LISTING.bump()
    transaction.on_commit(lambda: _send(reindex_object, kind, pk))


def _on_page(sender, instance, **kwargs):
    from community.models import EventPage
    from stories.models import StoryPage

    page = instance.specific if hasattr(instance, "specific") else instance
    if isinstance(page, StoryPage):
        queue(Kind.STORY, page.pk)
    elif isinstance(page, EventPage):
        queue(Kind.EVENT, page.pk)


def _on_page_deleted(sender, instance, **kwargs):
    queue(Kind.STORY, instance.pk)  # finds nothing now: its entries go
    queue(Kind.EVENT, instance.pk)


def _indexed_change(update_fields, fields):
    """Was anything that is indexed saved? (Bookkeeping saves such as feed_seen_at are not re-indexed.)"""
    return update_fields is None or bool(set(update_fields) & fields)


PROFILE_FIELDS = {
    "display_name",
    "name_kana",
    "name_romaji",
    "former_surname",
    "joined_year",
    "left_year",
    "organisation",
    "job_title",
    "location",
    "bio",
    "open_to",
    "hidden_from_directory",
    "status",
    "kind",
    "approved_at",
}


def _on_profile(sender, instance, update_fields=None, **kwargs):
    if _indexed_change(update_fields, PROFILE_FIELDS) or any(
        f.endswith("_audience") for f in update_fields or ()
    ):
        queue(Kind.MEMBER, instance.pk)


def _on_profile_units(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        queue(Kind.MEMBER, instance.pk)


def _on_user(sender, instance, update_fields=None, **kwargs):
    if not _indexed_change(update_fields, {"is_active"}):  # a log-in saves last_login: nothing to re-index
        return
    profile_id = getattr(getattr(instance, "profile", None), "pk", None)
    if profile_id:
        queue(Kind.MEMBER, profile_id)


def _on_unit(sender, instance, created=False, **kwargs):
    """A department or site renamed: its members' entries hold the old name, and the directory's facets too."""
    from .directory import LISTING
    from .tasks import reindex_unit_members

    if created:
        return
    LISTING.bump()
    transaction.on_commit(lambda: _send(reindex_unit_members, instance.pk))


def _on_unit_deleted(sender, instance, **kwargs):
    """Its members are known only before the delete (their links go with it): re-indexed after the commit."""
    from .directory import LISTING
    from .tasks import unit_member_ids

    LISTING.bump()
    for profile_id in unit_member_ids(instance.pk):
        queue(Kind.MEMBER, profile_id)


def _on_group(sender, instance, **kwargs):
    from .tasks import reindex_group_content

    queue(Kind.GROUP, instance.pk)
    if not kwargs.get("created"):
        transaction.on_commit(lambda: _send(reindex_group_content, instance.pk))


def _on(kind, fields):
    def handler(sender, instance, update_fields=None, **kwargs):
        if _indexed_change(update_fields, fields):
            queue(kind, instance.pk)

    return handler


on_post = _on(Kind.POST, {"body", "is_hidden", "group"})
on_idea = _on(Kind.IDEA, {"title", "body", "status_note", "is_hidden"})


def connect():
    from community.models import Group, Idea, OrgUnit, Post, Profile, User

    page_published.connect(_on_page, dispatch_uid="search_page_published")
    page_unpublished.connect(_on_page, dispatch_uid="search_page_unpublished")
    post_delete.connect(_on_page_deleted, sender="wagtailcore.Page", dispatch_uid="search_page_deleted")
    for model, handler in ((Profile, _on_profile), (Group, _on_group), (Post, on_post), (Idea, on_idea)):
        post_save.connect(handler, sender=model, dispatch_uid=f"search_{model.__name__}_saved")
        post_delete.connect(handler, sender=model, dispatch_uid=f"search_{model.__name__}_deleted")
    post_save.connect(_on_user, sender=User, dispatch_uid="search_user_saved")
    post_save.connect(_on_unit, sender=OrgUnit, dispatch_uid="search_unit_saved")
    pre_delete.connect(_on_unit_deleted, sender=OrgUnit, dispatch_uid="search_unit_deleted")
    for relation in (Profile.departments.through, Profile.sites.through):
        m2m_changed.connect(_on_profile_units, sender=relation, dispatch_uid=f"search_{relation.__name__}")
    m2m_changed.connect(_on_profile_units, sender=Profile.expertise.through, dispatch_uid="search_expertise")
