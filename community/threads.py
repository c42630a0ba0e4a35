"""Comment threads read in a fixed number of queries, whatever their length.

django-comments-xtd's stock tree tag asks the database about permissions once per comment; here a page of
threads costs: top-level ids (1) + their comments (1) + reaction counts (1) + my reactions (1).
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from django_comments.models import Comment
from django_comments_xtd.models import XtdComment

from . import formatting, permissions
from .audiences import MembershipStatus
from .formatting import render_member_text
from .models import Reaction
from .posting import comment_content_type
from .templatetags.community_tags import STAND_IN_ID, author_name
from .timeago import friendly_time

# Top-level comments per page, each shown with all its replies: 20 keep a page of the 1,000-comment thread of
# the load database to about a hundred comments.
THREADS_PER_PAGE = 20


@dataclass(frozen=True)
class Byline:
    """Who wrote a comment or post, as partials/avatar.html and partials/author.html show them; comment.html and
    post_card.html show it without their includes (tests/community/test_thread_page.py and test_post_cards.py
    check that the markup stays the same)."""

    name: str
    initial: str
    profile_url: str  # "" when the name is not a link (staff, former members)
    photo_url: str  # "" without a photo, or when the viewer may not see it


def byline(user, viewer, audiences, profile_url):
    """The Byline of `user` for `viewer` (audiences: permissions.audiences_for(viewer)); profile_url(handle)."""
    profile = permissions.profile_of(user)
    photo_visible = bool(
        profile is not None
        and profile.photo
        and permissions.can_see_part(viewer, profile, "photo", audiences)
    )
    name = author_name(user)
    return Byline(
        name=name,
        initial=name[:1],
        profile_url=profile_url(profile.handle)
        if profile is not None and profile.status == MembershipStatus.MEMBER
        else "",
        photo_url=profile.photo.url if photo_visible else "",
    )


@dataclass
class Node:
    """One comment of a page and its replies, with what partials/comment.html shows for it worked out here:
    a page shows hundreds, and a template lookup, filter or {% url %} costs far more than the same in Python."""

    comment: object
    html: str  # its text as safe HTML ("" once removed)
    reactions: dict
    mine: set
    replies: list = field(default_factory=list)
    pk: str = ""
    byline: Byline | None = None  # None once removed
    time_iso: str = ""  # <time datetime>, in local time
    time_text: str = ""  # "3 hours ago", or the date
    is_mine: bool = False  # written by the viewer: edit and delete instead of report
    edit_url: str = ""
    delete_url: str = ""
    report_url: str = ""
    reply_url: str = ""  # this page again, with the reply form open under this comment (without JavaScript)


# What a page of threads shows of each comment and its author (a profile has some forty columns; loading them
# all for hundreds of comments cost more than the query). Reading another field costs a query per comment.
SHOWN_FIELDS = [
    "comment",
    "submit_date",
    "is_removed",
    "thread_id",
    "parent_id",
    "level",
    "order",
    "user__first_name",
    "user__last_name",
    "user__profile__user",
    "user__profile__handle",
    "user__profile__status",
    "user__profile__display_name",
    "user__profile__photo",
    "user__profile__photo_audience",
]

# Comments' HTML is kept in the cache under a digest of their text and of the formatter: its code and the
# versions of Markdown and nh3, so a new rule for what is allowed never meets HTML made by an older one.
FORMATTER = hashlib.sha256(
    Path(formatting.__file__).read_bytes() + f"{version('markdown')} {version('nh3')}".encode()
).hexdigest()[:16]
MEMBER_HTML_SECONDS = 7 * 24 * 60 * 60


def member_html(texts):
    """{text: render_member_text(text)} for these texts, each formatted once and then taken from the cache:
    formatting is a third of what building a page of threads costs (an edited comment has a new digest)."""
    keys = {
        text: f"member-html:{FORMATTER}:{hashlib.sha256(text.encode()).hexdigest()}" for text in set(texts)
    }
    cached = cache.get_many(keys.values())
    html, fresh = {}, {}
    for text, key in keys.items():
        if key in cached:
            html[text] = cached[key]
        else:
            html[text] = fresh[key] = render_member_text(text)
    if fresh:
        cache.set_many(fresh, MEMBER_HTML_SECONDS)
    return html


def url_for(name, *args):
    """key → reverse(name, args=[*args, key]) at the cost of one reverse, for a last argument that needs no
    quoting (an <int:> id, a <slug:> handle)."""
    head, _stand_in, tail = reverse(name, args=[*args, STAND_IN_ID]).partition(str(STAND_IN_ID))
    return lambda pk: f"{head}{pk}{tail}"


def reaction_summary(model, ids, viewer):
    """({object_id: {kind: count}}, {object_id: {kinds the viewer gave}}) in two queries."""
    content_type = ContentType.objects.get_for_model(model)
    counts = defaultdict(dict)
    for row in (
        Reaction.objects.filter(content_type=content_type, object_id__in=ids)
        .values("object_id", "kind")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts[row["object_id"]][row["kind"]] = row["n"]
    mine = defaultdict(set)
    if viewer is not None and viewer.is_authenticated:
        for object_id, kind in Reaction.objects.filter(
            content_type=content_type, object_id__in=ids, user=viewer
        ).values_list("object_id", "kind"):
            mine[object_id].add(kind)
    return counts, mine


def visible_comments(target):
    return XtdComment.norel_objects.filter(
        content_type=comment_content_type(target), object_pk=str(target.pk), is_public=True
    )


def comment_counts(model, ids):
    """{object id: number of visible comments} for many posts in one query. Counted on django_comments' own table:
    every comment here is an XtdComment, and joining its table row by row cost 40 ms for a feed page at 3M comments."""
    rows = (
        Comment.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_pk__in=[str(i) for i in ids],
            is_public=True,
            is_removed=False,
        )
        .values("object_pk")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {int(row["object_pk"]): row["n"] for row in rows}


def thread_page(target, viewer, page_number=1, per_page=THREADS_PER_PAGE):
    """(page_obj, nodes): one page of top-level comments (oldest first) with all their replies nested."""
    comments = visible_comments(target)
    # All the top-level ids, paginated here: one short query instead of a count and a LIMITed one, whose plan
    # PostgreSQL may turn into a walk through every comment's submit_date (seconds, for a page of 10 on the
    # load database), and a few thousand ids cost nothing to hold.
    top_ids = list(comments.filter(level=0).order_by("submit_date", "pk").values_list("pk", flat=True))
    page_obj = Paginator(top_ids, per_page).get_page(page_number)
    thread_ids = list(page_obj.object_list)
    rows = list(
        comments.filter(thread_id__in=thread_ids)
        .select_related("user__profile")
        .only(*SHOWN_FIELDS)
        .order_by("thread_id", "order")
    )
    counts, mine = reaction_summary(XtdComment, [c.pk for c in rows], viewer)
    texts = member_html(c.comment for c in rows if not c.is_removed)
    edit_url, delete_url, report_url, profile_url = (
        url_for("comment_edit"),
        url_for("comment_delete"),
        url_for("report", "comment"),
        url_for("profile"),
    )
    page_query = f"page={page_obj.number}&" if page_obj.number > 1 else ""
    viewer_id = getattr(viewer, "pk", None)
    audiences = permissions.audiences_for(viewer)
    bylines = {}
    now = timezone.now()
    nodes = {}
    roots = {}
    for comment in rows:
        html = "" if comment.is_removed else texts[comment.comment]
        node = Node(
            comment=comment,
            html=mark_safe(html),  # noqa: S308 - render_member_text sanitised it (nh3)
            reactions=counts.get(comment.pk, {}),
            mine=mine.get(comment.pk, set()),
            pk=str(comment.pk),
            time_iso=timezone.localtime(comment.submit_date).isoformat(),
            time_text=friendly_time(comment.submit_date, now),
        )
        if not comment.is_removed:
            if comment.user_id not in bylines:
                bylines[comment.user_id] = byline(comment.user, viewer, audiences, profile_url)
            node.byline = bylines[comment.user_id]
            node.is_mine = viewer_id is not None and comment.user_id == viewer_id
            if node.is_mine:
                node.edit_url, node.delete_url = edit_url(comment.pk), delete_url(comment.pk)
            else:
                node.report_url = report_url(comment.pk)
            node.reply_url = f"?{page_query}reply={comment.pk}#reply-{comment.pk}"
        nodes[comment.pk] = node
        if comment.level == 0:
            roots[comment.pk] = node
        elif comment.parent_id in nodes:
            nodes[comment.parent_id].replies.append(node)
    return page_obj, [roots[pk] for pk in thread_ids if pk in roots]
