"""Feed pages: keyset ("load more") pagination and everything a post card shows, in a fixed number of queries."""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from . import permissions
from .models import Post
from .threads import Byline, byline, comment_counts, reaction_summary, url_for
from .timeago import friendly_time

PAGE_SIZE = 20


def parse_cursor(value):
    """'<timestamp>_<id>' → (datetime, id), or None for the first page or a malformed cursor."""
    try:
        stamp, pk = (value or "").split("_", 1)
        return datetime.fromtimestamp(float(stamp), tz=UTC), int(pk)
    except (ValueError, OverflowError, OSError):
        return None


def cursor_of(post):
    return f"{post.created_at.timestamp():.6f}_{post.pk}"


@dataclass
class PostCard:
    """One post of a page and what partials/post_card.html shows for it, worked out here as community/threads.py
    does for comments: a feed shows twenty cards, and a template include, filter or {% url %} costs far more
    than the same in Python."""

    post: object
    reactions: dict
    mine: set
    comments: int
    is_new: bool
    can_edit: bool
    can_delete: bool
    can_pin: bool
    pk: str = ""
    byline: Byline | None = None
    url: str = ""  # the post's own page
    group_url: str = ""  # "" for a post to everyone
    group_name: str = ""
    time_iso: str = ""  # <time datetime>, in local time
    time_text: str = ""  # "3 hours ago", or the date
    is_mine: bool = False  # written by the viewer: no report link
    edit_url: str = ""
    delete_url: str = ""
    pin_url: str = ""
    report_url: str = ""


def cards_for(posts, viewer, seen_at=None):
    """PostCards for these posts (with select_related("author__profile", "group")): reaction and comment counts
    in three queries, whatever the number of posts."""
    posts = list(posts)
    ids = [post.pk for post in posts]
    counts, mine = reaction_summary(Post, ids, viewer)
    comments = comment_counts(Post, ids)
    post_url, edit_url, delete_url, pin_url, report_url, profile_url = (
        url_for("post"),
        url_for("post_edit"),
        url_for("post_delete"),
        url_for("post_pin"),
        url_for("report", "post"),
        url_for("profile"),
    )
    viewer_id = getattr(viewer, "pk", None)
    audiences = permissions.audiences_for(viewer)
    bylines = {}  # per author
    group_urls = {}  # per group, reversed once each (a group's slug may need quoting: url_for cannot do it)
    now = timezone.now()
    cards = []
    for post in posts:
        card = PostCard(
            post=post,
            reactions=counts.get(post.pk, {}),
            mine=mine.get(post.pk, set()),
            comments=comments.get(post.pk, 0),
            is_new=bool(seen_at and post.created_at > seen_at and post.author_id != viewer.pk),
            can_edit=permissions.can_edit_post(viewer, post),
            can_delete=permissions.can_delete_post(viewer, post),
            can_pin=permissions.can_pin_post(viewer, post),
            pk=str(post.pk),
            url=post_url(post.pk),
            time_iso=timezone.localtime(post.created_at).isoformat(),
            time_text=friendly_time(post.created_at, now),
            is_mine=post.author_id == viewer_id,
        )
        if post.author_id not in bylines:
            bylines[post.author_id] = byline(post.author, viewer, audiences, profile_url)
        card.byline = bylines[post.author_id]
        if post.group_id is not None:
            if post.group_id not in group_urls:
                group_urls[post.group_id] = post.group.get_absolute_url()
            card.group_url, card.group_name = group_urls[post.group_id], post.group.name
        if card.can_edit:
            card.edit_url = edit_url(post.pk)
        if card.can_delete:
            card.delete_url = delete_url(post.pk)
        if card.can_pin:
            card.pin_url = pin_url(post.pk)
        if not card.is_mine:
            card.report_url = report_url(post.pk)
        cards.append(card)
    return cards


def feed_page(posts, cursor_value, page_size=PAGE_SIZE):
    """(posts on this page, cursor for the next page or None). `posts` is an unordered queryset."""
    posts = posts.select_related("author__profile", "group").order_by("-created_at", "-id")
    cursor = parse_cursor(cursor_value)
    if cursor:
        created_at, pk = cursor
        posts = posts.filter(Q(created_at__lt=created_at) | Q(created_at=created_at, id__lt=pk))
    page = list(posts[: page_size + 1])
    next_cursor = cursor_of(page[page_size - 1]) if len(page) > page_size else None
    return page[:page_size], next_cursor


def home_feed_page(user, cursor_value, page_size=PAGE_SIZE):
    """The home feed's page: community-wide posts and the user's groups, merged newest first.

    One `group IN (...) OR group IS NULL` query makes PostgreSQL read every matching post and sort them (200 ms
    at a million posts). Instead each group's newest page comes from its own walk down the (group, created_at,
    id) index, and the pieces are merged: a few milliseconds, whatever the size of the table. Databases that
    cannot LIMIT inside a UNION (SQLite, the small embedded default) use the single query.
    """
    if not connection.features.supports_slicing_ordering_in_compound:
        return feed_page(permissions.feed_posts_for(user), cursor_value, page_size)
    cursor = parse_cursor(cursor_value)
    visible = Post.objects.filter(is_hidden=False)
    if cursor:
        created_at, pk = cursor
        visible = visible.filter(Q(created_at__lt=created_at) | Q(created_at=created_at, id__lt=pk))
    pieces = [visible.filter(group__isnull=True)] + [
        visible.filter(group_id=group_id) for group_id in sorted(permissions.active_group_ids(user))
    ]
    pieces = [
        piece.order_by("-created_at", "-id").values_list("id", "created_at")[: page_size + 1]
        for piece in pieces
    ]
    merged = (
        pieces[0].union(*pieces[1:], all=True).order_by("-created_at", "-id")[: page_size + 1]
        if len(pieces) > 1
        else pieces[0]
    )
    ids = [pk for pk, _created in merged]
    posts = (
        Post.objects.filter(pk__in=ids)
        .select_related("author__profile", "group")
        .order_by("-created_at", "-id")
    )
    page = list(posts)
    next_cursor = cursor_of(page[page_size - 1]) if len(page) > page_size else None
    return page[:page_size], next_cursor


def current_announcements(posts):
    now = timezone.now()
    return (
        posts.filter(is_announcement=True)
        .filter(Q(pinned_until__isnull=True) | Q(pinned_until__gt=now))
        .select_related("author__profile", "group")
        .order_by("-created_at")[:3]
    )
