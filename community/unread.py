"""The header's unread badges (notifications, conversations), counted once and kept a short while per member.

Every logged-in page shows them, and counting costs two queries that each look at what the member may still
read. So the counts are kept in the cache for UNREAD_CACHE_SECONDS (0: counted on every page, as in the
embedded default and the tests) and forgotten whenever something changes them: a notification created,
grouped or read; a message sent; a conversation read; a block made or lifted. Anything rarer corrects itself
within that time: notifications deleted with their post or account (no delete signal here: one would make
Django load every notification of a deleted post, one by one, instead of deleting them in one statement),
or a member leaving a private group whose posts they were notified about. A badge never shows more than a
number.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save

NONE = {"notifications": 0, "messages": 0}


def _key(user_id):
    return f"unread:{user_id}"


def counts(user):
    """{"notifications": n, "messages": n} for a member (zeros for anyone else)."""
    from . import messaging, notifications, permissions

    if not (user and user.is_authenticated and permissions.is_member(user)):
        return dict(NONE)
    seconds = settings.UNREAD_CACHE_SECONDS
    found = cache.get(_key(user.pk)) if seconds > 0 else None
    if found is None:
        found = {
            "notifications": notifications.unread_count(user),
            "messages": messaging.unread_conversations(user),
        }
        if seconds > 0:
            cache.set(_key(user.pk), found, seconds)
    return found


def forget(user_ids):
    """Count these members' badges afresh: now, and again when the surrounding transaction commits (a page
    rendered in between may have stored counts from before the change)."""
    if settings.UNREAD_CACHE_SECONDS <= 0:
        return
    keys = [_key(user_id) for user_id in set(user_ids)]
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def _notification_saved(sender, instance, **kwargs):
    forget([instance.recipient_id])


def connect():
    from .models import Notification

    post_save.connect(_notification_saved, sender=Notification, dispatch_uid="unread-notification-saved")
