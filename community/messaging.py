"""Direct messages: who may write to whom, starting conversations, sending, reading, blocking."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions, ratelimit, unread
from .models import Block, Conversation, Message, Participant
from .models.messaging import MAX_PARTICIPANTS, MESSAGE_MAX_LENGTH


def is_blocked_between(a, b):
    return Block.objects.filter(Q(blocker=a, blocked=b) | Q(blocker=b, blocked=a)).exists()


def has_blocked(blocker, blocked):
    return Block.objects.filter(blocker=blocker, blocked=blocked).exists()


def may_message(sender, recipient):
    """May `sender` start a conversation with `recipient`? (member, not blocked, recipient's own setting)"""
    if sender.pk == recipient.pk or not (permissions.is_member(sender) and permissions.is_member(recipient)):
        return False
    if is_blocked_between(sender, recipient):
        return False
    choice = getattr(permissions.profile_of(recipient), "messages_from", "members")
    if choice == "nobody":
        return permissions.is_secretariat(sender)
    if choice == "groups":
        return bool(
            permissions.active_group_ids(sender) & permissions.active_group_ids(recipient)
        ) or permissions.is_secretariat(sender)
    return True


def _clean_body(body):
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write something first."))
    if len(body) > MESSAGE_MAX_LENGTH:
        raise ValidationError(_("A message can be at most %(n)d characters.") % {"n": MESSAGE_MAX_LENGTH})
    return body


def start_conversation(sender, recipients, body, subject=""):
    """A new conversation with up to MAX_PARTICIPANTS people (sender included) and its first message."""
    recipients = list({r.pk: r for r in recipients if r.pk != sender.pk}.values())
    if not recipients:
        raise ValidationError(_("Choose who to write to."))
    if len(recipients) + 1 > MAX_PARTICIPANTS:
        raise ValidationError(_("A conversation can have at most %(n)d people.") % {"n": MAX_PARTICIPANTS})
    refused = [r for r in recipients if not may_message(sender, r)]
    if refused:
        raise PermissionDenied
    body = _clean_body(body)
    ratelimit.check(sender, "message")
    with transaction.atomic():
        conversation = Conversation.objects.create(created_by=sender, subject=subject[:120])
        Participant.objects.bulk_create(
            [Participant(conversation=conversation, user=user) for user in [sender, *recipients]]
        )
        _add_message(conversation, sender, body)
    return conversation


def _add_message(conversation, sender, body):
    from .signals import message_sent

    message = Message.objects.create(conversation=conversation, sender=sender, body=body)
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=message.created_at)
    Participant.objects.filter(conversation=conversation, user=sender).update(last_read_at=message.created_at)
    unread.forget(conversation.participants.values_list("user_id", flat=True))
    transaction.on_commit(lambda: message_sent.send(sender=Message, message=message))
    return message


def send(sender, conversation, body):
    if not can_read(sender, conversation):
        raise PermissionDenied
    others = [p.user for p in conversation.participants.exclude(user=sender).select_related("user")]
    if any(is_blocked_between(sender, other) for other in others):
        raise PermissionDenied
    body = _clean_body(body)
    ratelimit.check(sender, "message")
    with transaction.atomic():
        return _add_message(conversation, sender, body)


def can_read(user, conversation):
    return permissions.is_member(user) and conversation.participants.filter(user=user).exists()


def mark_read(user, conversation):
    """Read up to now: the conversation and its "new message" notifications."""
    from .models import Notification

    now = timezone.now()
    Participant.objects.filter(conversation=conversation, user=user).update(last_read_at=now)
    Notification.objects.filter(
        recipient=user, event_key__startswith=f"message:{conversation.pk}:", read_at__isnull=True
    ).update(read_at=now)
    unread.forget([user.pk])


def inbox(user):
    """My conversations, newest first, without those involving someone I blocked; each with `unread`."""
    blocked = Block.objects.filter(blocker=user).values("blocked_id")
    mine = Participant.objects.filter(conversation=OuterRef("pk"), user=user)
    with_blocked = Participant.objects.filter(conversation=OuterRef("pk"), user_id__in=blocked)
    return (
        Conversation.objects.filter(participants__user=user)
        .annotate(blocked=Exists(with_blocked))
        .filter(blocked=False)
        .annotate(
            unread=Exists(
                mine.filter(
                    Q(last_read_at__isnull=True) | Q(last_read_at__lt=F("conversation__last_message_at"))
                )
            )
        )
        .prefetch_related("participants__user__profile")
        .order_by(F("last_message_at").desc(nulls_last=True))
    )


def unread_conversations(user):
    return inbox(user).filter(unread=True).count()


def block(blocker, blocked):
    Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    unread.forget([blocker.pk])


def unblock(blocker, blocked):
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()
    unread.forget([blocker.pk])
