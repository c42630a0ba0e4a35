"""Direct messages at /messages/: the inbox, one conversation (with polling for new messages), starting one."""

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from community import messaging
from community.models import Conversation, Profile
from community.ratelimit import RateLimited
from community.submissions import submit_once

from .access import member_required

PAGE = 50
INBOX_PAGE = 25


def _conversation_or_404(user, key):
    conversation = get_object_or_404(Conversation, key=key)
    if not messaging.can_read(user, conversation):
        raise Http404  # someone else's conversation looks exactly like a missing one
    return conversation


@member_required
def inbox(request):
    """My conversations, newest first, a page at a time (it showed 100 at once: 150 ms to render)."""
    page_obj = Paginator(messaging.inbox(request.user), INBOX_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "community/messages/inbox.html",
        {"conversations": page_obj.object_list, "page_obj": page_obj},
    )


@member_required
@require_http_methods(["GET", "POST"])
def conversation(request, key):
    conversation = _conversation_or_404(request.user, key)
    error, status = None, 400
    if request.method == "POST":
        with submit_once(request) as submission:
            if submission.repeated:
                return redirect(submission.url)
            try:
                messaging.send(request.user, conversation, request.POST.get("body", ""))
            except ValidationError as exc:
                error = exc.messages[0]
            except RateLimited as limited:
                error, status = str(limited.message), 429
            except PermissionDenied:
                error = _("You can no longer write in this conversation.")
            if error is None:
                return redirect(submission.done(conversation.get_absolute_url() + "#latest"))
    items = list(
        conversation.messages.select_related("sender__profile").order_by("-created_at", "-id")[:PAGE]
    )[::-1]
    messaging.mark_read(request.user, conversation)
    participants = conversation.participants.select_related("user__profile")
    return render(
        request,
        "community/messages/conversation.html",
        {
            "conversation": conversation,
            "items": items,
            "participants": participants,
            "error": error,
            "draft": request.POST.get("body", "") if error else "",
            "last_id": items[-1].pk if items else 0,
        },
        status=status if error else 200,
    )


@member_required
def new_messages(request, key):
    """Polled by htmx every few seconds: messages after ?after=<id>, and the conversation is marked read."""
    conversation = _conversation_or_404(request.user, key)
    try:
        after = int(request.GET.get("after", 0))
    except ValueError:
        after = 0
    items = list(
        conversation.messages.filter(pk__gt=after).select_related("sender__profile").order_by("pk")[:PAGE]
    )
    if items:
        messaging.mark_read(request.user, conversation)
    return render(
        request,
        "community/messages/partials/new_messages.html",
        {
            "conversation": conversation,
            "items": items,
            "last_id": items[-1].pk if items else after,
        },
    )


@member_required
@require_http_methods(["GET", "POST"])
def start(request, handle):
    """Write to a member (from their profile); more people can be added by handle, up to ten in all."""
    recipient = get_object_or_404(Profile.objects.members().select_related("user"), handle=handle)
    if not messaging.may_message(request.user, recipient.user):
        return render(request, "community/messages/cannot_message.html", {"recipient": recipient}, status=403)
    error, status = None, 400
    if request.method == "POST":
        handles = {
            h.strip().lstrip("@") for h in request.POST.get("others", "").replace("、", ",").split(",")
        } - {""}
        others = list(Profile.objects.members().filter(handle__in=handles).select_related("user"))
        unknown = sorted(handles - {p.handle for p in others})
        with submit_once(request) as submission:
            if submission.repeated:
                return redirect(submission.url)
            try:
                if unknown:
                    raise ValidationError(
                        _("No member has the handle %(handles)s.") % {"handles": ", ".join(unknown)}
                    )
                conversation = messaging.start_conversation(
                    request.user,
                    [recipient.user, *[p.user for p in others]],
                    request.POST.get("body", ""),
                    subject=request.POST.get("subject", ""),
                )
            except ValidationError as exc:
                error = exc.messages[0]
            except RateLimited as limited:
                error, status = str(limited.message), 429
            except PermissionDenied:
                error = _("Some of these members do not accept messages from you.")
            else:
                return redirect(submission.done(conversation.get_absolute_url()))
    return render(
        request,
        "community/messages/start.html",
        {"recipient": recipient, "error": error, "draft": request.POST},
        status=status if error else 200,
    )


@member_required
@require_POST
def toggle_block(request, handle):
    other = get_object_or_404(Profile.objects.select_related("user"), handle=handle)
    if other.user_id == request.user.pk:
        raise Http404
    if request.POST.get("action") == "unblock":
        messaging.unblock(request.user, other.user)
        flash.success(request, _("%(name)s can write to you again.") % {"name": other.display_name})
    else:
        messaging.block(request.user, other.user)
        flash.success(request, _("%(name)s can no longer write to you.") % {"name": other.display_name})
    return redirect("profile", handle=handle)
