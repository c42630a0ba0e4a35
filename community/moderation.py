"""What moderators do about reported content: hide, restore, remove or dismiss — always audited."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from django_comments_xtd.models import XtdComment

from . import permissions
from .models import AuditEntry, Idea, Message, Post, Report

ACTIONS = {
    "hide": (Report.Status.HIDDEN, AuditEntry.Action.HIDE),
    "restore": (Report.Status.DISMISSED, AuditEntry.Action.RESTORE),
    "remove": (Report.Status.REMOVED, AuditEntry.Action.REMOVE),
    "dismiss": (Report.Status.DISMISSED, AuditEntry.Action.DISMISS),
}


def can_handle(user, report):
    return permissions.can_moderate(user, report.group)


def _apply(target, action):
    if target is None:
        return
    if isinstance(target, Post | Idea):
        if action == "remove":
            target.delete()
        elif action in ("hide", "restore"):
            target.is_hidden = action == "hide"
            target.save(update_fields=["is_hidden"])
    elif isinstance(target, Message):
        if action in ("hide", "remove"):
            target.delete()
    elif isinstance(target, XtdComment):
        if action == "remove":
            target.is_removed, target.comment = True, ""
            target.save(update_fields=["is_removed", "comment"])
        elif action in ("hide", "restore"):
            target.is_public = action == "restore"
            target.save(update_fields=["is_public"])


@transaction.atomic
def handle(report, action, actor, note=""):
    """Carry out `action` on the reported content and close every open report about it."""
    if action not in ACTIONS or not can_handle(actor, report):
        raise PermissionDenied
    status, audit_action = ACTIONS[action]
    target = report.content_type.model_class().objects.filter(pk=report.object_id).first()
    _apply(target, action)
    same_target = Report.objects.filter(content_type=report.content_type, object_id=report.object_id)
    (same_target if action != "restore" else same_target.filter(pk=report.pk)).update(
        status=status, handled_by=actor, handled_at=timezone.now()
    )
    AuditEntry.record(
        actor,
        audit_action,
        f"{report.content_type.model} #{report.object_id}: {report.excerpt}",
        note or report.reason,
    )
