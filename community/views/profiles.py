"""Profiles: a member's page, my own at /me/, data export, logging out everywhere, account deletion."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from community.events import release_seats
from community.forms.profiles import DeleteAccountForm, ProfileForm
from community.models import AuditEntry, Profile
from community.models.profiles import PRIVACY_PART_LABELS, PRIVACY_PARTS
from community.permissions import can_view_profile, profile_of
from community.profiles import profile_view
from community.sessions import end_all_sessions

from .access import member_required


@member_required
def profile_detail(request, handle):
    """/members/<handle>/: what this viewer may see of the member. Unknown or not-visible → 404."""
    profile = get_object_or_404(
        Profile.objects.select_related("user").prefetch_related("departments", "sites", "expertise"),
        handle=handle,
    )
    if not can_view_profile(request.user, profile):
        raise Http404
    from community import messaging

    is_self = profile.user_id == request.user.pk
    return render(
        request,
        "community/profile_detail.html",
        {
            "member": profile_view(request.user, profile),
            "can_message": not is_self and messaging.may_message(request.user, profile.user),
            "is_blocked": not is_self and messaging.has_blocked(request.user, profile.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def me(request):
    """/me/: edit one's own profile, each part with who may see it."""
    profile = profile_of(request.user)
    if profile is None:
        return redirect("join")
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                saved = form.save()
                if saved.is_supporter and not saved.supporter_since:
                    saved.supporter_since = timezone.now()
                    saved.save(update_fields=["supporter_since"])
            messages.success(request, _("Your profile has been saved."))
            return redirect("me")
        messages.error(request, _("Please correct the marked fields. Nothing was saved."))
    sections = [(part, PRIVACY_PART_LABELS[part], form[f"{part}_audience"]) for part in PRIVACY_PARTS]
    return render(
        request, "community/me.html", {"form": form, "profile": profile, "privacy_sections": sections}
    )


def _my_data(user):
    profile = profile_of(user)
    data = {
        "account": {
            "email": user.email,
            "language": user.language,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "applications": [
            {
                "created_at": a.created_at,
                "status": a.status,
                "kind": a.kind,
                "full_name": a.full_name,
                "name_kana": a.name_kana,
                "name_romaji": a.name_romaji,
                "former_surname": a.former_surname,
                "joined_year": a.joined_year,
                "left_year": a.left_year,
                "departments": a.departments,
                "sites": a.sites,
                "employee_number": a.employee_number,
                "referee": a.referee,
                "organisation": a.organisation,
                "job_title": a.job_title,
                "message": a.message,
                "decided_at": a.decided_at,
                "decision_reason": a.decision_reason,
            }
            for a in user.applications.all()
        ],
        "profile": None,
    }
    if profile is not None:
        data["profile"] = {
            "handle": profile.handle,
            "kind": profile.kind,
            "status": profile.status,
            "display_name": profile.display_name,
            "name_kana": profile.name_kana,
            "name_romaji": profile.name_romaji,
            "former_surname": profile.former_surname,
            "photo": profile.photo.url if profile.photo else None,
            "joined_year": profile.joined_year,
            "left_year": profile.left_year,
            "departments": [unit.name for unit in profile.departments.all()],
            "sites": [unit.name for unit in profile.sites.all()],
            "organisation": profile.organisation,
            "job_title": profile.job_title,
            "location": profile.location,
            "bio": profile.bio,
            "expertise": [tag.name for tag in profile.expertise.all()],
            "open_to": profile.open_to,
            "links": profile.links,
            "hidden_from_directory": profile.hidden_from_directory,
            "public_card": profile.public_card,
            "public_headline": profile.public_headline,
            "is_supporter": profile.is_supporter,
            "audiences": {part: getattr(profile, f"{part}_audience") for part in PRIVACY_PARTS},
        }
    data["event_registrations"] = [
        {
            "event": r.event.title,
            "starts_at": r.event.starts_at,
            "answer": r.response,
            "seat": r.seat,
            "after_party": r.after_party,
            "show_name": r.show_name,
            "answered_at": r.created_at,
        }
        for r in user.event_registrations.select_related("event")
    ]
    data["ideas"] = [
        {"title": i.title, "body": i.body, "kind": i.kind, "status": i.status, "proposed_at": i.created_at}
        for i in user.ideas.all()
    ]
    data["idea_votes"] = list(user.idea_votes.values_list("idea__title", flat=True))
    return data


@login_required
def me_export(request):
    """All of my data as a JSON download (only ever the requesting user's own)."""
    payload = json.dumps(_my_data(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tsunagari-my-data-{timezone.localdate()}.json"'
    return response


@login_required
@require_POST
def me_logout_everywhere(request):
    """End every session of mine, on every device, this one included."""
    end_all_sessions(request.user)
    logout(request)
    messages.success(request, _("You have been logged out on every device."))
    return redirect("account_login")


@login_required
@require_http_methods(["GET", "POST"])
def me_delete(request):
    """Delete my account for good, after typing DELETE and the password."""
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        with transaction.atomic():
            AuditEntry.record(
                None, AuditEntry.Action.DELETE_ACCOUNT, f"user #{user.pk}", "deleted by the member"
            )
            # The photo and post images are deleted from storage once this commits (community/upload_files.py).
            # Comments stay in their threads, without a name (shown as "former member"); everything else of
            # theirs — profile, applications, posts, reactions, messages, notifications — goes with the account.
            from django_comments_xtd.models import XtdComment

            XtdComment.norel_objects.filter(user=user).update(user_name="", user_email="", ip_address=None)
            release_seats(user)  # the next on each waitlist gets the seat
            logout(request)
            user.delete()
        messages.success(request, _("Your account and profile have been deleted."))
        return redirect("/")
    return render(request, "community/me_delete.html", {"form": form})
