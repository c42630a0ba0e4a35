"""Applications to join, and the secretariat's decisions on them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from community.audiences import MemberKind

from .profiles import YEAR_VALIDATORS


class Application(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications")
    kind = models.CharField(
        _("I am"),
        max_length=12,
        default=MemberKind.ALUMNI,
        choices=[
            (MemberKind.ALUMNI, MemberKind.ALUMNI.label),
            (MemberKind.EMPLOYEE, MemberKind.EMPLOYEE.label),
        ],
    )
    full_name = models.CharField(_("full name (kanji)"), max_length=80)
    name_kana = models.CharField(_("reading (kana)"), max_length=80)
    name_romaji = models.CharField(_("name in romaji"), max_length=80, blank=True)
    former_surname = models.CharField(_("former surname (旧姓), if any"), max_length=40, blank=True)
    joined_year = models.PositiveSmallIntegerField(_("joining year"), validators=YEAR_VALIDATORS)
    left_year = models.PositiveSmallIntegerField(
        _("leaving year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    departments = models.TextField(_("departments you worked in"), max_length=500)
    sites = models.TextField(_("sites you worked at"), max_length=500, blank=True)
    employee_number = models.CharField(_("employee number (optional)"), max_length=20, blank=True)
    referee = models.CharField(_("a referee who knows you (optional)"), max_length=120, blank=True)
    organisation = models.CharField(_("current organisation"), max_length=120, blank=True)
    job_title = models.CharField(_("current role"), max_length=120, blank=True)
    message = models.TextField(_("message to the secretariat"), max_length=2000, blank=True)

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    notes = models.TextField(_("secretariat notes"), blank=True, help_text=_("Never shown to the applicant."))
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        indexes = [models.Index(fields=["status", "created_at"], name="application_queue_idx")]

    def __str__(self):
        return f"{self.full_name} ({self.get_status_display()})"
