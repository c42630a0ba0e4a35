"""The notification centre at /notifications/, preferences, and one-click unsubscribe from e-mails."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from community import notifications
from community.models.notifications import Channel, Kind

from .access import member_required


@member_required
def centre(request):
    items = notifications.visible_notifications(request.user).select_related("actor__profile")
    page_obj = Paginator(items, 30).get_page(request.GET.get("page"))
    return render(request, "community/notifications/centre.html", {"page_obj": page_obj})


@member_required
@require_POST
def open_one(request, pk):
    """Mark one notification read and go to what it is about."""
    notification = get_object_or_404(notifications.visible_notifications(request.user), pk=pk)
    notifications.mark_read(request.user, [notification.pk])
    target = notification.url
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "notifications"
    return redirect(target)


@member_required
@require_POST
def mark_all_read(request):
    count = notifications.mark_read(request.user)
    messages.success(
        request,
        ngettext("%(count)d notification marked as read.", "%(count)d notifications marked as read.", count)
        % {"count": count},
    )
    return redirect("notifications")


class PreferencesForm(forms.Form):
    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = notifications.channels_for(user)
        for kind, label in Kind.choices:
            self.fields[kind] = forms.ChoiceField(label=label, choices=Channel.choices, initial=current[kind])


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    form = PreferencesForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        for kind, channel in form.cleaned_data.items():
            notifications.set_channel(request.user, kind, channel)
        messages.success(request, _("Your notification settings have been saved."))
        return redirect("notification_preferences")
    return render(request, "community/notifications/preferences.html", {"form": form})


@csrf_exempt  # one-click unsubscribe (RFC 8058) comes from mail clients without a session; the token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    decoded = notifications.read_unsubscribe_token(token)
    if decoded is None:
        raise Http404
    user = get_object_or_404(get_user_model(), pk=decoded[0], is_active=True)
    kind = decoded[1]
    if request.method == "POST":
        notifications.unsubscribe(user, kind)
        return render(request, "community/notifications/unsubscribed.html", {"kind": kind})
    label = dict(Kind.choices).get(kind)
    return render(request, "community/notifications/unsubscribe.html", {"kind": kind, "label": label})
