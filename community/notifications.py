"""Telling members what happened: in the site, by e-mail at once, or in the weekly digest — as each chooses.

Everything here is called after the write that caused it has committed (signals sent on commit, or tasks).
"""

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from . import permissions, unread
from .models import Notification, NotificationPreference
from .models.notifications import DEFAULT_CHANNELS, Channel, Kind
from .outbox import queue_email, queue_emails

UNSUBSCRIBE_SALT = "tsunagari.unsubscribe"
GROUPED_KINDS = {Kind.REACTION, Kind.MESSAGE}


def channels_for(user):
    """{kind: channel} for the user, defaults filled in."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "channel"))
    return {kind: chosen.get(kind, default) for kind, default in DEFAULT_CHANNELS.items()}


def set_channel(user, kind, channel):
    NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"channel": channel})


def notify(recipient, kind, event_key, text, url, actor=None, post=None, channel=None):
    """Notify one member of one event (at most once per event_key). `text` is a callable run in their language.

    Returns the Notification, or None when the member turned this kind off or may not know about it.
    """
    if actor is not None and recipient.pk == actor.pk:
        return None
    if not permissions.is_member(recipient):
        return None
    if post is not None and not permissions.can_read_post(recipient, post):
        return None
    channel = channel or channels_for(recipient)[kind]
    if channel == Channel.OFF:
        return None
    with translation.override(recipient.language):
        rendered = str(text())
    if kind in GROUPED_KINDS:
        grouped = Notification.objects.filter(
            recipient=recipient, event_key__startswith=event_key, read_at__isnull=True
        ).first()
        if grouped is not None:
            with transaction.atomic():
                grouped = Notification.objects.select_for_update().get(pk=grouped.pk)
                if actor is not None and actor.pk not in grouped.actor_ids:
                    grouped.actor_ids = [*grouped.actor_ids, actor.pk][-50:]
                    grouped.actor_count = len(grouped.actor_ids)
                grouped.actor, grouped.text, grouped.created_at = actor, rendered[:300], timezone.now()
                grouped.save(update_fields=["actor_ids", "actor_count", "actor", "text", "created_at"])
            return grouped
        event_key = f"{event_key}:{timezone.now().timestamp():.6f}"
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                kind=kind,
                event_key=event_key[:120],
                text=rendered[:300],
                url=url[:300],
                actor=actor,
                post=post,
                actor_ids=[actor.pk] if actor is not None else [],
            )
    except IntegrityError:  # this event was already notified (a retried task): nothing twice
        return None
    if channel == Channel.EMAIL:
        queue_email(
            recipient,
            "community/emails/notification",
            {"notification_id": notification.pk},
            key=f"notify:{recipient.pk}:{event_key}",
        )
    return notification


def notify_many(users, kind, event_key, text, url, actor=None, post=None, site_only=False):
    """notify() for a batch of members in a handful of queries (group fan-out). Same rules, same idempotency:
    members who turned the kind off or may not read the post are skipped, and nobody is notified of an event
    twice; e-mails still pending from an earlier, interrupted run are enqueued again. Returns the number of new
    notifications.

    `site_only`: the event is not to be e-mailed (an announcement the secretariat did not send by e-mail).
    Members who chose e-mail are told in the site only; those who turned the kind off still hear nothing."""
    from .models import Profile

    users = [u for u in users if actor is None or u.pk != actor.pk]
    member_ids = set(Profile.objects.members().filter(user__in=users).values_list("user_id", flat=True))
    if post is not None and post.group_id is not None and post.group.is_private:
        from .models import GroupMembership

        member_ids &= set(
            GroupMembership.objects.filter(
                group_id=post.group_id, state="active", user_id__in=member_ids
            ).values_list("user_id", flat=True)
        )
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=member_ids, kind=kind).values_list(
            "user_id", "channel"
        )
    )
    already = set(
        Notification.objects.filter(recipient_id__in=member_ids, event_key=event_key).values_list(
            "recipient_id", flat=True
        )
    )
    rows, emails = [], []
    for user in users:
        channel = chosen.get(user.pk, DEFAULT_CHANNELS[kind])
        if user.pk not in member_ids or channel == Channel.OFF:
            continue
        if site_only:
            channel = Channel.SITE
        if channel == Channel.EMAIL:
            # Also for members already notified: a re-run (after a crash) re-enqueues their e-mail if it is
            # still pending; a row already sent is never sent again.
            emails.append(user)
        if user.pk in already:
            continue
        with translation.override(user.language):
            rendered = str(text())
        rows.append(
            Notification(
                recipient=user,
                kind=kind,
                event_key=event_key[:120],
                text=rendered[:300],
                url=url[:300],
                actor=actor,
                post=post,
                actor_ids=[actor.pk] if actor else [],
            )
        )
    with transaction.atomic():
        created = Notification.objects.bulk_create(rows, ignore_conflicts=True)
        unread.forget(row.recipient_id for row in rows)
        by_recipient = dict(
            Notification.objects.filter(recipient__in=emails, event_key=event_key[:120]).values_list(
                "recipient_id", "pk"
            )
        )
        queue_emails(
            [
                (
                    user,
                    "community/emails/notification",
                    {"notification_id": by_recipient[user.pk]},
                    f"notify:{user.pk}:{event_key}",
                )
                for user in emails
                if user.pk in by_recipient
            ]
        )
    return len(created)


def visible_notifications(user):
    """The member's notifications, minus those about posts they can no longer read."""
    return Notification.objects.filter(recipient=user).filter(
        Q(post__isnull=True) | Q(post__in=permissions.readable_posts_for(user))
    )


def unread_count(user):
    return visible_notifications(user).filter(read_at__isnull=True).count()


def mark_read(user, notification_ids=None):
    still_unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        still_unread = still_unread.filter(pk__in=notification_ids)
    unread.forget([user.pk])
    return still_unread.update(read_at=timezone.now())


def unsubscribe_token(user, kind="all"):
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(user, kind="all"):
    return reverse("unsubscribe", args=[unsubscribe_token(user, kind)])


def read_unsubscribe_token(token):
    """(user id, kind) from a token, or None if it is forged or tampered with. Tokens do not expire: an old
    e-mail's link must still work."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        return int(data["u"]), str(data["k"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def unsubscribe(user, kind):
    """Stop e-mails: one kind, or every kind (digest included)."""
    kinds = DEFAULT_CHANNELS if kind == "all" else [kind] if kind in Kind.values else []
    current = channels_for(user)
    for each in kinds:
        if current[each] in (Channel.EMAIL, Channel.DIGEST):
            set_channel(user, each, Channel.SITE)
    return len(kinds)
