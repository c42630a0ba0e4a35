"""What empties the anonymous page cache: any change that can show on a cached page bumps the generation.

Bumping is cheap and coarse on purpose: a page's HTML also holds the navigation, the footer, related and
latest stories and other pages' titles, so working out which entries a change touches would be a bug farm.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save

from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from django_comments_xtd.models import XtdComment
from taggit.models import Tag

from .models import PortalImage, PortalRendition, SiteSettings
from .page_cache import bump_generation

# Saving or deleting any of these can change what an anonymous visitor sees on a page.
SHOWN_ON_PAGES = (Page, PageViewRestriction, Site, Locale, SiteSettings, PortalImage, Tag)
# What a story's public card (components/person.html, NamedPerson.public_card) reads from a member.
PUBLIC_CARD_FIELDS = {
    "community.Profile": {"public_card", "public_headline", "status", "handle"},
    "community.User": {"is_active"},
}


# Wagtail fills these in on an image's first use, while a page renders: nothing a visitor sees changes.
IMAGE_BOOKKEEPING = {"file_size", "file_hash"}


def _is_bookkeeping(sender, kwargs):
    """Writes made while rendering a page, which change nothing shown: without this skip, the first render
    would make its own stored copy stale."""
    if issubclass(sender, PortalImage):
        return IMAGE_BOOKKEEPING.issuperset(kwargs.get("update_fields") or ["?"])
    # Site settings are created with their defaults on first use, which render the same as no settings.
    return issubclass(sender, SiteSettings) and kwargs.get("created", False)


def _on_save_or_delete(sender, instance, **kwargs):
    if _is_bookkeeping(sender, kwargs):
        return
    if issubclass(sender, SHOWN_ON_PAGES):
        bump_generation()
    elif issubclass(sender, XtdComment):
        _on_comment(instance)
    elif sender._meta.label in PUBLIC_CARD_FIELDS:
        if (
            "created" not in kwargs
        ):  # deleted: the story's link to the member is already nulled, so don't look
            bump_generation()
        else:
            _on_member(instance, PUBLIC_CARD_FIELDS[sender._meta.label], kwargs.get("update_fields"))


def _on_rendition_deleted(sender, instance, **kwargs):
    # A stored page may point at the deleted file (a focal point changed, renditions were cleared).
    bump_generation()


def _on_comment(comment):
    """A story shows its comment count to everyone."""
    from stories.models import StoryPage

    if comment.content_type_id == ContentType.objects.get_for_model(StoryPage).pk:
        bump_generation()


def _on_member(instance, fields, update_fields):
    """A member named in a story shows their public card there; it must go when they withdraw it."""
    from stories.models import StoryPerson

    if update_fields is not None and not fields & set(update_fields):
        return  # e.g. last_login, feed_seen_at: nothing the card shows
    if StoryPerson.objects.filter(member_id=getattr(instance, "user_id", instance.pk)).exists():
        bump_generation()


def _on_page_signal(**kwargs):
    bump_generation()


def connect():
    post_save.connect(_on_save_or_delete, dispatch_uid="page_cache_post_save")
    post_delete.connect(_on_save_or_delete, dispatch_uid="page_cache_post_delete")
    post_delete.connect(_on_rendition_deleted, sender=PortalRendition, dispatch_uid="page_cache_rendition")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_page_signal, dispatch_uid=f"page_cache_{id(signal)}")
