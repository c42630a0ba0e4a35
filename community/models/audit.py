"""The audit trail: who did what to whom, when and why. Rows are only ever added."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        APPROVE = "approve", _("Approved an application")
        REJECT = "reject", _("Rejected an application")
        SUSPEND = "suspend", _("Suspended a member")
        REINSTATE = "reinstate", _("Reinstated a member")
        DELETE_ACCOUNT = "delete_account", _("Deleted an account")
        EXPORT = "export", _("Exported data")
        HIDE = "hide", _("Hid content")
        RESTORE = "restore", _("Restored content")
        REMOVE = "remove", _("Removed content")
        DISMISS = "dismiss", _("Dismissed a report")
        APPROVE_GROUP = "approve_group", _("Approved a group")
        DECLINE_GROUP = "decline_group", _("Declined a group")
        IDEA_STATUS = "idea_status", _("Answered an idea")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    target = models.CharField(_("target"), max_length=200, help_text=_("What the action was done to."))
    reason = models.TextField(_("why"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        # Exports leave the site with personal data: a right of its own, given to the Secretariat group only.
        permissions = [("export_data", _("Can export members, applications and event attendance"))]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.target}"

    @classmethod
    def record(cls, actor, action, target, reason=""):
        return cls.objects.create(actor=actor, action=action, target=str(target)[:200], reason=reason)
