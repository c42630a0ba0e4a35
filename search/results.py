"""Loading one page of hits as things to show: a fixed number of queries per page, whatever the page holds.

Each loader reads through the same permission rules as the pages themselves, so an entry that is out of date
(a post hidden a moment ago, before its entry was re-indexed) is still never shown.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from community.permissions import audiences_for, directory_profiles_for, is_member, readable_posts_for

from .entries import profile_text
from .models import Kind
from .snippets import snippet


@dataclass
class Result:
    kind: str
    obj: object
    title: str
    url: str
    snippet: str
    date: object = None
    extra: object = None  # a ProfileView for members, the group for posts and events


def _in_order(objects, ids):
    by_id = {obj.pk: obj for obj in objects}
    return [by_id[pk] for pk in ids if pk in by_id]


def _stories(ids, viewer, pattern):
    from stories.models import StoryPage

    pages = StoryPage.objects.live().public().filter(pk__in=ids).select_related("locale")
    return [
        Result(Kind.STORY, page, page.title, page.url, snippet(page.intro, pattern), page.published_date)
        for page in _in_order(pages, ids)
    ]


def _members(ids, viewer, pattern):
    from community.profiles import profile_view

    audiences = audiences_for(viewer)
    profiles = (
        directory_profiles_for(viewer)
        .filter(pk__in=ids)
        .select_related("user")
        .prefetch_related("departments", "sites", "expertise")
    )
    results = []
    for profile in _in_order(profiles, ids):
        _names, visible_text = profile_text(profile, audiences, for_display=True)  # only what they may see
        view = profile_view(viewer, profile, audiences)
        url = f"/members/{profile.handle}/"
        results.append(
            Result(
                Kind.MEMBER, profile, profile.display_name, url, snippet(visible_text, pattern), extra=view
            )
        )
    return results


def _groups(ids, viewer, pattern):
    from community.models import Group

    groups = (
        Group.objects.active()
        .filter(pk__in=ids)
        .annotate(member_count=Count("memberships", filter=Q(memberships__state="active")))
    )
    return [
        Result(Kind.GROUP, group, group.name, group.get_absolute_url(), snippet(group.description, pattern))
        for group in _in_order(groups, ids)
    ]


def _posts(ids, viewer, pattern):
    posts = readable_posts_for(viewer).filter(pk__in=ids).select_related("author__profile", "group")
    results = []
    for post in _in_order(posts, ids):
        author = getattr(post.author, "profile", None)
        title = author.display_name if author else ""
        results.append(
            Result(
                Kind.POST,
                post,
                title,
                post.get_absolute_url(),
                snippet(post.body, pattern),
                post.created_at,
                post.group,
            )
        )
    return results


def _events(ids, viewer, pattern):
    from community.events import visible_events_for

    events = visible_events_for(viewer).filter(pk__in=ids).select_related("group", "locale")
    return [
        Result(
            Kind.EVENT,
            event,
            event.title,
            event.url,
            snippet(event.description, pattern),
            event.starts_at,
            event.group,
        )
        for event in _in_order(events, ids)
    ]


def _ideas(ids, viewer, pattern):
    from community.models import Idea

    ideas = Idea.objects.filter(pk__in=ids, is_hidden=False) if is_member(viewer) else Idea.objects.none()
    return [
        Result(
            Kind.IDEA, idea, idea.title, idea.get_absolute_url(), snippet(idea.body, pattern), idea.created_at
        )
        for idea in _in_order(ideas, ids)
    ]


LOADERS = {
    Kind.STORY: _stories,
    Kind.MEMBER: _members,
    Kind.GROUP: _groups,
    Kind.POST: _posts,
    Kind.EVENT: _events,
    Kind.IDEA: _ideas,
}


def load(kind, hits, viewer, pattern):
    """Results for these hits (one page of one kind), in rank order."""
    return LOADERS[kind]([hit.object_id for hit in hits], viewer, pattern)
