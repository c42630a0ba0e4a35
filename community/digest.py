"""The weekly digest: what happened in my groups (as I chose to hear it) and the new stories."""

from datetime import datetime

from django.utils import timezone

from .models.notifications import Channel, Kind
from .notifications import channels_for, unsubscribe_url, visible_notifications
from .outbox import queue_email

DIGEST_LENGTH = 20


def digest_items(user, since):
    """(notifications, stories) for a digest covering `since` until now, only what the user may see."""
    from stories.models import StoryPage

    from .models import Announcement

    digest_kinds = [kind for kind, channel in channels_for(user).items() if channel == Channel.DIGEST]
    # An announcement the secretariat chose not to e-mail stays out of the digest e-mail too.
    not_emailed = Announcement.posts.through.objects.filter(announcement__send_email=False).values("post_id")
    notifications = list(
        visible_notifications(user)
        .filter(kind__in=digest_kinds, created_at__gte=since)
        .exclude(kind=Kind.ANNOUNCEMENT, post_id__in=not_emailed)
        .order_by("-created_at")[:DIGEST_LENGTH]
    )
    stories = list(
        StoryPage.objects.live()
        .public()
        .filter(locale__language_code=user.language, first_published_at__gte=since)
        .order_by("-first_published_at")[:5]
    )
    return notifications, stories


def queue_digest(profile, week_key):
    """Queue one digest for this member and week if there is anything in it. Returns the outbox row or None."""
    user = profile.user
    if Channel.DIGEST not in channels_for(user).values():
        return None  # nothing is to go in a digest (e.g. they unsubscribed from every e-mail)
    since = profile.last_digest_at or timezone.now() - timezone.timedelta(days=7)
    notifications, stories = digest_items(user, since)
    if not notifications and not stories:
        return None
    row = queue_email(
        user, "community/emails/digest", {"since": since.isoformat()}, key=f"digest:{user.pk}:{week_key}"
    )
    type(profile).objects.filter(pk=profile.pk).update(last_digest_at=timezone.now())
    return row


def digest_context(recipient, context):
    notifications, stories = digest_items(recipient, datetime.fromisoformat(context["since"]))
    return {
        "notifications": notifications,
        "stories": stories,
        "unsubscribe_path": unsubscribe_url(recipient),
    }
