"""Comments, reactions and reports: the ways members answer each other."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from django_comments_xtd.models import XtdComment

from community import permissions
from community.forms.posts import CommentForm, ReportForm
from community.models import Reaction
from community.posting import (
    add_comment,
    comment_target,
    delete_comment,
    edit_comment,
    report,
    toggle_reaction,
)
from community.ratelimit import RateLimited
from community.submissions import submit_once
from community.threads import reaction_summary

from .access import member_required
from .ideas import readable_idea_or_404
from .posts import readable_post_or_404


def _readable_comment_or_404(user, pk):
    comment = get_object_or_404(
        XtdComment.norel_objects.select_related("content_type"), pk=pk, is_public=True
    )
    target = comment_target(comment)
    if target is None or not permissions.can_read_comments_on(user, target):
        raise Http404
    return comment, target


def _target_or_404(user, kind, pk):
    """(object, its group) for a post, an idea, a comment or a message the user may read; 404 otherwise."""
    if kind == "post":
        post = readable_post_or_404(user, pk)
        return post, post.group
    if kind == "idea":
        return readable_idea_or_404(user, pk), None  # reports about ideas go to the secretariat
    if kind == "comment":
        comment, target = _readable_comment_or_404(user, pk)
        return comment, getattr(target, "group", None)
    if kind == "message":
        from community.messaging import can_read
        from community.models import Message

        message = get_object_or_404(Message.objects.select_related("conversation"), pk=pk)
        if not can_read(user, message.conversation):
            raise Http404
        return message, None  # reports about messages go to the secretariat only
    raise Http404


def _back_to(target):
    if hasattr(target, "conversation"):
        return target.conversation.get_absolute_url()
    return target.get_url() if hasattr(target, "get_url") else target.get_absolute_url()


def _post_comment(request, target):
    form = CommentForm(request.POST)
    with submit_once(request) as submission:
        if submission.repeated:
            return redirect(submission.url)
        if form.is_valid():
            try:
                comment = add_comment(
                    request.user, target, form.cleaned_data["comment"], form.cleaned_data["parent"]
                )
            except (ValidationError, RateLimited) as error:
                messages.error(
                    request, error.messages[0] if isinstance(error, ValidationError) else error.message
                )
                request.session["comment_draft"] = form.cleaned_data["comment"]  # nothing typed is lost
            else:
                return redirect(submission.done(f"{_back_to(target)}#comment-{comment.pk}"))
        else:
            messages.error(request, _("Write something first."))
    return redirect(_back_to(target) + "#comments")


@member_required
@require_POST
def comment_on_post(request, pk):
    return _post_comment(request, readable_post_or_404(request.user, pk))


@member_required
@require_POST
def comment_on_idea(request, pk):
    idea = readable_idea_or_404(request.user, pk)
    if not permissions.can_comment_on(request.user, idea):
        raise Http404  # a hidden idea, seen by the secretariat, takes no new comments
    return _post_comment(request, idea)


@member_required
@require_POST
def comment_on_story(request, page_id):
    from stories.models import StoryPage

    story = get_object_or_404(StoryPage, pk=page_id)
    if not permissions.can_comment_on(request.user, story):
        raise Http404
    return _post_comment(request, story)


@member_required
@require_http_methods(["GET", "POST"])
def comment_edit(request, pk):
    comment, target = _readable_comment_or_404(request.user, pk)
    if comment.user_id != request.user.pk or comment.is_removed:
        raise Http404
    form = CommentForm(request.POST or None, initial={"comment": comment.comment})
    if request.method == "POST" and form.is_valid():
        try:
            edit_comment(request.user, comment, form.cleaned_data["comment"])
        except ValidationError as error:
            form.add_error("comment", error)
        else:
            return redirect(f"{_back_to(target)}#comment-{comment.pk}")
    return render(
        request, "community/comment_edit.html", {"form": form, "comment": comment, "target": target}
    )


@member_required
@require_POST
def comment_delete(request, pk):
    comment, target = _readable_comment_or_404(request.user, pk)
    try:
        delete_comment(request.user, comment)
    except PermissionDenied as exc:
        raise Http404 from exc
    messages.success(request, _("Your comment has been removed."))
    return redirect(_back_to(target) + "#comments")


@member_required
@require_POST
def react(request, kind, pk):
    """Toggle one reaction; answers the updated reaction bar (htmx) or goes back to the page."""
    if kind not in ("post", "comment"):
        raise Http404
    target, _group = _target_or_404(request.user, kind, pk)
    try:
        toggle_reaction(request.user, target, request.POST.get("reaction", ""))
    except RateLimited as limited:
        if request.headers.get("HX-Request"):
            return render(request, "community/partials/error.html", {"message": limited.message}, status=429)
        messages.error(request, limited.message)
    except ValidationError as exc:
        raise Http404 from exc
    if request.headers.get("HX-Request"):
        counts, mine = reaction_summary(type(target), [target.pk], request.user)
        return render(
            request,
            "community/partials/reactions.html",
            {
                "target_kind": kind,
                "target_id": target.pk,
                "reactions": counts.get(target.pk, {}),
                "mine": mine.get(target.pk, set()),
            },
        )
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/") and not back.startswith("//") else "feed")


@member_required
def reactors(request, kind, pk):
    """Who reacted, by kind (only to people who may read the object)."""
    from django.contrib.contenttypes.models import ContentType

    if kind not in ("post", "comment"):
        raise Http404
    target, _group = _target_or_404(request.user, kind, pk)
    reactions = (
        Reaction.objects.filter(content_type=ContentType.objects.get_for_model(target), object_id=target.pk)
        .select_related("user__profile")
        .order_by("kind", "created_at")
    )
    return render(
        request,
        "community/reactors.html",
        {
            "reactions": reactions,
            "kinds": Reaction.Kind.choices,
            "target": target,
            "kind": kind,
            "back_url": _back_to(comment_target(target) if kind == "comment" else target),
        },
    )


@member_required
@require_http_methods(["GET", "POST"])
def report_content(request, kind, pk):
    target, group = _target_or_404(request.user, kind, pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report(request.user, target, form.cleaned_data["reason"], group=group)
        except RateLimited as limited:
            form.add_error(None, limited.message)
        else:
            messages.success(request, _("Thank you. The moderators will look at it."))
            return redirect(_back_to(comment_target(target) if kind == "comment" else target))
    return render(
        request,
        "community/report.html",
        {
            "form": form,
            "target": target,
            "kind": kind,
            "back_url": _back_to(comment_target(target) if kind == "comment" else target),
        },
    )
