"""Display helpers for the community templates: reaction bars, author names and avatars, story comments.

Rules (who may see or do what) stay in community/permissions.py; these tags only ask it and shape the answer
for a template.
"""

from typing import NamedTuple

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from community import permissions, timeago
from community.models import Reaction

register = template.Library()

# Where one post can appear twice on a page (an announcement or pinned post at the top and again in the
# stream), its reaction bar gets a scope so element ids stay unique. The scope travels with the reaction
# form, so the bar the react view answers keeps the ids of the bar it replaces (htmx restores focus by id).
REACTION_SCOPES = {"announcement", "pinned"}

# A number no real id reaches: an address or element id made for it once is made for many ids by putting
# each in its place (reaction bars here, comment addresses in community/threads.py).
STAND_IN_ID = 9_876_543_210_123
# And for the counts of a reaction bar, one per kind: as long as STAND_IN_ID and different from it, so none is
# ever found inside another.
STAND_IN_COUNTS = {kind: STAND_IN_ID + 1 + n for n, kind in enumerate(Reaction.Kind.values)}


class ReactionButton(NamedTuple):
    kind: str
    label: str
    count: int
    pressed: bool


class ReactionBar(NamedTuple):
    dom_id: str  # reactions-[scope-]<target kind>-<id>
    url: str  # where every button of the bar posts (reversed once: a thread shows hundreds of bars)
    scope: str
    buttons: list
    total: int
    next_url: str
    is_response: bool  # rendered by the react view: an htmx answer with an out-of-band status message
    toggled: ReactionButton | None  # the button this answer is about


@register.simple_tag
def reaction_buttons(reactions, mine):
    """[(kind, translated label, count, pressed)] for every reaction kind, in the order the model defines."""
    reactions = reactions or {}
    mine = mine or set()
    return [
        ReactionButton(kind, str(label), reactions.get(kind, 0), kind in mine)
        for kind, label in Reaction.Kind.choices
    ]


@register.simple_tag(takes_context=True)
def reaction_bar(context, target_kind, target_id, reactions, mine, scope=""):
    """Everything partials/reactions.html shows for one post or comment."""
    request = context.get("request")
    is_response = bool(request and request.resolver_match and request.resolver_match.url_name == "react")
    if is_response:
        scope = request.POST.get("scope", "")
    scope = scope if scope in REACTION_SCOPES else ""
    buttons = reaction_buttons(reactions, mine)
    toggled = None
    if is_response:
        toggled = next((b for b in buttons if b.kind == request.POST.get("reaction")), None)
        next_url = request.POST.get("next", "")
    else:
        next_url = request.get_full_path() if request else ""
    return ReactionBar(
        dom_id=f"reactions-{scope + '-' if scope else ''}{target_kind}-{target_id}",
        url=reverse("react", args=[target_kind, target_id]),
        scope=scope,
        buttons=buttons,
        total=sum(b.count for b in buttons),
        next_url=next_url,
        is_response=is_response,
        toggled=toggled,
    )


@register.simple_tag(takes_context=True)
def reaction_bar_html(context, target_kind, target_id, reactions, mine, scope=""):
    """partials/reactions.html for one post or comment, as `{% include %}` with these values renders it.

    A thread shows hundreds of bars and a feed twenty, which differ in their target's id and their counts: each
    shape (which kinds have reactions, which are the viewer's, the scope) is rendered once per page with
    stand-ins for the id and the counts, and the other bars of that shape are copies with the real numbers in
    their places. (Nothing else in a bar is a long number.)
    """
    reactions = {kind: n for kind, n in (reactions or {}).items() if n and kind in STAND_IN_COUNTS}
    bars = _page_memo(context, "reaction_bars")
    shape = (target_kind, scope, frozenset(reactions), frozenset(mine or ()))
    if shape not in bars:
        bars[shape] = _render_partial(
            context,
            "community/partials/reactions.html",
            target_kind=target_kind,
            target_id=STAND_IN_ID,
            reactions={kind: STAND_IN_COUNTS[kind] for kind in reactions},
            mine=mine,
            scope=scope,
        )
    html = bars[shape]
    for kind, n in reactions.items():
        html = html.replace(str(STAND_IN_COUNTS[kind]), str(n))
    return mark_safe(html.replace(str(STAND_IN_ID), str(target_id)))  # noqa: S308 - numbers put in HTML


def _page_memo(context, name):
    """A dict that lives as long as the rendering of the whole page (its includes share it)."""
    return context.render_context.dicts[0].setdefault(f"community_tags.{name}", {})


def _render_partial(context, template_name, **values):
    """What `{% include template_name with values %}` renders here."""
    template = context.template.engine.get_template(template_name)
    with context.push(**values):
        return template.render(context)


@register.filter
def profile_of(user):
    """The user's profile or None (staff without one, deleted users)."""
    return permissions.profile_of(user)


@register.filter
def author_name(user):
    """The name shown for someone who wrote something: the profile's display name, never an e-mail address."""
    if user is None or not hasattr(user, "is_authenticated"):
        return _("Former member")
    profile = permissions.profile_of(user)
    if profile is not None:
        return profile.display_name
    return user.get_full_name() or _("Tsunagari secretariat")


@register.filter
def is_member(user):
    return permissions.is_member(user)


@register.simple_tag(takes_context=True)
def can_see_photo(context, profile):
    """May the viewer see this profile's photo? (The photo has its own audience.)"""
    if profile is None or not profile.photo:
        return False
    request = context.get("request")
    viewer = getattr(request, "user", None)
    if viewer is None:
        return False
    cache = _page_memo(context, "audiences")
    if "viewer" not in cache:
        cache["viewer"] = permissions.audiences_for(viewer)
    return permissions.can_see_part(viewer, profile, "photo", cache["viewer"])


@register.filter
def friendly_time(value):
    """'3 hours ago' within a week, the date after that."""
    return timeago.friendly_time(value)


@register.filter
def target_url(target):
    """The address of what a comment belongs to: a post or a story page."""
    if target is None:
        return ""
    if hasattr(target, "get_url"):
        return target.get_url() or ""
    return target.get_absolute_url()


@register.simple_tag(takes_context=True)
def comment_form(context, form=None):
    """The new-comment form, holding the text of a comment that could not be posted (the view keeps it)."""
    from community.forms.posts import CommentForm

    request = context.get("request")
    draft = (
        request.session.pop("comment_draft", "")
        if request is not None and hasattr(request, "session")
        else ""
    )
    if draft:
        return CommentForm(initial={"comment": draft})
    return form or CommentForm()


@register.simple_tag(takes_context=True)
def nav_section(context):
    """Which part of the community the current page belongs to, for aria-current in the header."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    name = getattr(match, "url_name", "") or ""
    if name in ("feed", "post", "post_edit", "post_delete", "comment_edit", "reactors", "report"):
        return "community"
    if name.startswith("group"):
        return "groups"
    if name in ("directory", "profile"):
        return "members"
    if name in ("ideas", "idea") or name.startswith("idea_"):
        return "ideas"
    if name.startswith("me") or name == "notification_preferences":
        return "me"
    if name in ("inbox", "conversation", "message_start"):
        return "messages"
    if name.startswith("notification"):
        return "notifications"
    return ""


@register.inclusion_tag("community/partials/story_comments.html", takes_context=True)
def story_comments(context, page):
    """The conversation under a story: a count for everyone, the thread and a form for members."""
    from community.threads import thread_page, visible_comments

    request = context.get("request")
    viewer = getattr(request, "user", None)
    if page is None or page.pk is None:  # previewing a story that was never saved: nothing to talk about yet
        return {"hidden": True}
    result = {
        "page": page,
        "request": request,
        "user": viewer,
        "count": visible_comments(page).filter(is_removed=False).count(),
        "is_member": permissions.is_member(viewer),
        "messages": context.get("messages"),
    }
    if result["is_member"] and permissions.can_comment_on(viewer, page):
        page_obj, threads = thread_page(page, viewer, request.GET.get("page"))
        result.update(
            {
                "can_comment": True,
                "page_obj": page_obj,
                "threads": threads,
                "target": page,
                "comment_action": "comment_on_story",
            }
        )
    return result


@register.filter
def post_ids(cards):
    """The ids of the posts on these cards (to leave out of the stream what is already shown above it)."""
    return [card.post.pk for card in cards or []]
