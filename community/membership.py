"""Deciding on applications: the one place approval and rejection happen (admin views and bulk actions call it)."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .audiences import MembershipStatus
from .models import Application, AuditEntry, Profile


def unique_handle(application):
    """A readable, unique handle from the romaji name (or the e-mail's local part)."""
    base = slugify(application.name_romaji) or slugify(application.user.email.split("@")[0]) or "member"
    base = base[:30]
    handle, n = base, 1
    while Profile.objects.filter(handle=handle).exclude(user=application.user).exists():
        n += 1
        handle = f"{base}-{n}"
    return handle


def profile_for_application(application):
    """Create or update the applicant's profile from what they wrote in the application."""
    profile = Profile.objects.filter(user=application.user).first() or Profile(user=application.user)
    if not profile.handle:
        profile.handle = unique_handle(application)
    profile.kind = application.kind
    profile.display_name = profile.display_name or application.full_name
    profile.name_kana = profile.name_kana or application.name_kana
    profile.name_romaji = profile.name_romaji or application.name_romaji
    profile.former_surname = profile.former_surname or application.former_surname
    profile.joined_year = profile.joined_year or application.joined_year
    profile.left_year = profile.left_year or application.left_year
    profile.organisation = profile.organisation or application.organisation
    profile.job_title = profile.job_title or application.job_title
    return profile


@transaction.atomic
def submit_application(application):
    """Save a new application and give the applicant a profile in the 'applicant' state."""
    application.status = Application.Status.PENDING
    application.save()
    profile = profile_for_application(application)
    if profile.status != MembershipStatus.MEMBER:
        profile.status = MembershipStatus.APPLICANT
    profile.save()
    return application


@transaction.atomic
def decide(application, *, approve, actor, reason=""):
    """Approve or reject a pending application; record who, when and why; e-mail the applicant on commit.

    Returns False (and changes nothing) when the application was already decided.
    """
    from .outbox import queue_email

    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.status != Application.Status.PENDING:
        return False
    locked.status = Application.Status.APPROVED if approve else Application.Status.REJECTED
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.decision_reason = reason
    locked.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])

    profile = profile_for_application(locked)
    profile.status = MembershipStatus.MEMBER if approve else MembershipStatus.REJECTED
    if approve:
        profile.approved_at = locked.decided_at
    profile.save()

    AuditEntry.record(
        actor, AuditEntry.Action.APPROVE if approve else AuditEntry.Action.REJECT, locked, reason
    )
    queue_email(
        locked.user,
        "community/emails/application_decision",
        {"application_id": locked.pk},
        key=f"application:{locked.pk}:decision",
    )
    if approve:
        # Besides the e-mail (needed: the applicant cannot log in to read it yet), a welcome in the site.
        from django.urls import reverse
        from django.utils.translation import gettext as _

        from .models.notifications import Channel, Kind
        from .notifications import notify

        transaction.on_commit(
            lambda: notify(
                locked.user,
                Kind.MEMBERSHIP,
                f"application:{locked.pk}",
                lambda: _("Welcome! Your membership has been approved."),
                reverse("directory"),
                channel=Channel.SITE,
            )
        )
    application.refresh_from_db()
    return True
