"""Groups, posts and comments for community tests."""

import factory
from factory.django import DjangoModelFactory

from community.models import Group, GroupMembership, Post


class GroupFactory(DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"グループ{n}")
    slug = factory.Sequence(lambda n: f"group-{n}")
    description = "説明"
    status = Group.Status.ACTIVE


class PostFactory(DjangoModelFactory):
    class Meta:
        model = Post

    body = factory.Sequence(lambda n: f"投稿 {n}")


def add_member(group, profile, role=GroupMembership.Role.MEMBER, state=GroupMembership.State.ACTIVE):
    return GroupMembership.objects.create(group=group, user=profile.user, role=role, state=state)


def events_index():
    """The Japanese events index under the home page, created on first use."""
    from community.models import EventIndexPage
    from tests.factories.pages import japanese_home_page

    index = EventIndexPage.objects.filter(locale__language_code="ja").first()
    if index is None:
        index = EventIndexPage(title="イベント", slug="events")
        japanese_home_page().add_child(instance=index)
    return index


def event(days=7, hours=2, **fields):
    """A live event starting `days` from now (negative: in the past), public and first-come unless told."""
    from datetime import timedelta

    from django.utils import timezone

    from community.models import EventPage

    starts_at = fields.pop("starts_at", None) or timezone.now() + timedelta(days=days)
    defaults = {
        "title": "キャリアトーク",
        "slug": f"event-{EventPage.objects.count() + 1}",
        "description": "卒業生が話します。",
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=hours),
        "venue_name": "本社ホール",
        "venue_address": "東京都中央区日本橋1-1-1",
        "audience": "public",
    }
    page = EventPage(**{**defaults, **fields})
    events_index().add_child(instance=page)
    return page
