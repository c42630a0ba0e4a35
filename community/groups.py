"""Joining and leaving groups, join requests, moderators, and the secretariat's decision on proposed groups."""

from django.contrib.auth.models import Group as AuthGroup
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from . import permissions
from .models import AuditEntry, Group, GroupMembership

MODERATORS_AUTH_GROUP = "Group moderators"  # gives the Wagtail admin's report queue, filtered to their groups


def join(user, group):
    """Join an open group at once; ask to join a private one. Joining twice changes nothing."""
    if not permissions.can_see_group(user, group) or group.status != Group.Status.ACTIVE:
        raise PermissionDenied
    state = GroupMembership.State.REQUESTED if group.is_private else GroupMembership.State.ACTIVE
    membership, _created = GroupMembership.objects.get_or_create(
        group=group, user=user, defaults={"state": state}
    )
    permissions.forget_memberships(user)
    return membership


def leave(user, group):
    with transaction.atomic():
        GroupMembership.objects.filter(group=group, user=user).delete()
        sync_moderator_access(user)
    permissions.forget_memberships(user)


def approve_request(moderator, membership, approve):
    if not permissions.can_moderate(moderator, membership.group):
        raise PermissionDenied
    from django.utils.translation import gettext as _

    from .models.notifications import Kind
    from .notifications import notify

    group, user = membership.group, membership.user
    if approve:
        membership.state = GroupMembership.State.ACTIVE
        membership.save(update_fields=["state"])
        text = lambda: _("You can now read and post in %(group)s.") % {"group": group.name}  # noqa: E731
    else:
        membership.delete()
        text = lambda: _("Your request to join %(group)s was not accepted.") % {"group": group.name}  # noqa: E731
    transaction.on_commit(
        lambda: notify(
            user,
            Kind.MEMBERSHIP,
            f"group_request:{group.pk}:{user.pk}:{timezone.now():%Y%m%d%H%M%S}",
            text,
            group.get_absolute_url(),
            actor=moderator,
        )
    )


def make_moderator(user, group):
    with transaction.atomic():
        GroupMembership.objects.update_or_create(
            group=group,
            user=user,
            defaults={"role": GroupMembership.Role.MODERATOR, "state": GroupMembership.State.ACTIVE},
        )
        sync_moderator_access(user)
    permissions.forget_memberships(user)


def sync_moderator_access(user):
    """Moderators of at least one group get the admin's report queue; others lose it."""
    auth_group = AuthGroup.objects.filter(name=MODERATORS_AUTH_GROUP).first()
    if auth_group is None:
        return
    moderates = GroupMembership.objects.filter(
        user=user, role=GroupMembership.Role.MODERATOR, state=GroupMembership.State.ACTIVE
    ).exists()
    if moderates:
        user.groups.add(auth_group)
    else:
        user.groups.remove(auth_group)


def decide_group(group, approve, actor, reason=""):
    """The secretariat approves a proposed group (its proposer becomes moderator) or declines it."""
    if not permissions.is_secretariat(actor):
        raise PermissionDenied
    with transaction.atomic():
        group.status = Group.Status.ACTIVE if approve else Group.Status.DECLINED
        group.save(update_fields=["status"])
        if approve and group.proposed_by_id:
            make_moderator(group.proposed_by, group)
        AuditEntry.record(
            actor,
            AuditEntry.Action.APPROVE_GROUP if approve else AuditEntry.Action.DECLINE_GROUP,
            group,
            reason,
        )
