"""Comment threads read in a fixed number of queries, whatever their length.

django-comments-xtd's stock tree tag asks the database about permissions once per comment; here a page of
threads costs: top-level ids (1) + count (1) + their comments (1) + reaction counts (1) + my reactions (1).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count

from django_comments_xtd.models import XtdComment

from .formatting import render_member_text
from .models import Reaction
from .posting import comment_content_type

THREADS_PER_PAGE = 50


@dataclass
class Node:
    comment: object
    html: str
    reactions: dict
    mine: set
    replies: list = field(default_factory=list)


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
    """{object id: number of visible comments} for many posts in one query."""
    rows = (
        XtdComment.norel_objects.filter(
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
    top_ids = comments.filter(level=0).order_by("submit_date", "pk").values_list("pk", flat=True)
    page_obj = Paginator(top_ids, per_page).get_page(page_number)
    thread_ids = list(page_obj.object_list)
    rows = list(
        comments.filter(thread_id__in=thread_ids)
        .select_related("user__profile")
        .order_by("thread_id", "order")
    )
    counts, mine = reaction_summary(XtdComment, [c.pk for c in rows], viewer)
    nodes = {}
    roots = {}
    for comment in rows:
        node = Node(
            comment=comment,
            html="" if comment.is_removed else render_member_text(comment.comment),
            reactions=counts.get(comment.pk, {}),
            mine=mine.get(comment.pk, set()),
        )
        nodes[comment.pk] = node
        if comment.level == 0:
            roots[comment.pk] = node
        elif comment.parent_id in nodes:
            nodes[comment.parent_id].replies.append(node)
    return page_obj, [roots[pk] for pk in thread_ids if pk in roots]
