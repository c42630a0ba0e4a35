"""Celery tasks for the community. Each is idempotent: running it twice has the effect of running it once."""

import logging

from django.db import transaction
from django.utils import timezone

from celery import shared_task

logger = logging.getLogger(__name__)
FAN_OUT_BATCH = 500
RETRY = {"retry_backoff": 30, "retry_backoff_max": 3600, "retry_jitter": True}


@shared_task(bind=True, acks_late=True, max_retries=12, **RETRY)
def deliver_email(self, outbox_id):
    """Send one outbox e-mail, once; on failure record why and retry with exponential backoff."""
    from .outbox import deliver, record_failure

    try:
        return deliver(outbox_id)
    except Exception as exc:
        final = self.request.retries >= self.max_retries
        record_failure(outbox_id, exc, final=final)
        if final:
            logger.error("outbox %s: giving up after %s tries: %s", outbox_id, self.request.retries + 1, exc)
            return "failed"
        # Exponential backoff: 30 s, 1 min, 2 min … capped at an hour; 12 retries span about seven hours.
        raise self.retry(exc=exc, countdown=min(3600, 30 * 2**self.request.retries)) from exc


@shared_task
def sweep_outbox():
    """Re-enqueue e-mails whose broker message was lost (Redis down when they were queued, a worker killed)."""
    from .outbox import stale_pending_ids

    ids = stale_pending_ids()
    for outbox_id in ids:
        deliver_email.delay(outbox_id)
    return len(ids)


@shared_task
def forget_old_submissions():
    """Drop the double-submit claims of forms rendered more than two days ago (community/submissions.py)."""
    from .submissions import forget_old_submissions as forget

    return forget()


@shared_task(acks_late=True)
def fan_out_group_post(post_id):
    """Split the notification of a new group post into batches, one task each, so no giant transaction forms."""
    from .models import GroupMembership, Post

    post = Post.objects.filter(pk=post_id).first()
    if post is None or post.group_id is None:
        return 0
    follower_ids = list(
        GroupMembership.objects.filter(group_id=post.group_id, state="active", follows_closely=True)
        .exclude(user_id=post.author_id)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )
    for start in range(0, len(follower_ids), FAN_OUT_BATCH):
        notify_group_post_batch.delay(post_id, follower_ids[start : start + FAN_OUT_BATCH])
    Post.objects.filter(pk=post_id).update(fanned_out_at=timezone.now())
    return len(follower_ids)


@shared_task
def sweep_fan_outs():
    """Start the fan-out of group posts whose task never reached the broker (it was down when they were posted)."""
    from .models import Post

    now = timezone.now()
    ids = list(
        Post.objects.filter(
            group__isnull=False,
            fanned_out_at__isnull=True,
            created_at__lt=now - timezone.timedelta(minutes=10),
            created_at__gt=now - timezone.timedelta(days=2),
        ).values_list("pk", flat=True)[:500]
    )
    for post_id in ids:
        fan_out_group_post.delay(post_id)
    return len(ids)


@shared_task(acks_late=True, autoretry_for=(Exception,), max_retries=5, **RETRY)
def notify_group_post_batch(post_id, user_ids):
    """Notify one batch of followers in a few queries; safe to run again (one notification per member and post)."""
    from django.contrib.auth import get_user_model
    from django.utils.translation import gettext as _

    from .models import Post
    from .models.notifications import Kind
    from .notifications import notify_many
    from .receivers import display_name

    post = Post.objects.select_related("group", "author__profile").filter(pk=post_id).first()
    if post is None or post.is_hidden or post.group.status != post.group.Status.ACTIVE:
        return 0
    name, group = display_name(post.author), post.group.name
    users = list(get_user_model().objects.filter(pk__in=user_ids, is_active=True))
    return notify_many(
        users,
        Kind.GROUP_POST,
        f"group_post:{post.pk}",
        lambda: _("%(name)s posted in %(group)s") % {"name": name, "group": group},
        post.get_absolute_url(),
        actor=post.author,
        post=post,
    )


@shared_task
def send_weekly_digests():
    """Queue this week's digest for every member who has something in it (one per member and week)."""
    from .digest import queue_digest
    from .models import Profile

    week = timezone.localdate().isocalendar()
    queued = 0
    for profile in Profile.objects.members().select_related("user").iterator(chunk_size=500):
        with transaction.atomic():
            queued += bool(queue_digest(profile, f"{week.year}-W{week.week:02d}"))
    return queued


@shared_task
def clean_uploads():
    """Delete member uploads no row has used for a day (weekly; `manage.py clean_uploads`). Returns the counts."""
    from .upload_files import sweep_uploads

    return sweep_uploads().as_dict()


@shared_task
def send_event_reminders():
    """Remind attendees of events starting within a day (hourly; each attendee once per start time)."""
    from .events import send_reminders

    return send_reminders()


@shared_task
def draw_due_lotteries():
    """Draw every lottery whose entries have closed (every five minutes; a drawn lottery is never redrawn)."""
    from .events import draw_lottery, due_lotteries

    drawn = 0
    for event in due_lotteries():
        draw_lottery(event)
        drawn += 1
    return drawn


@shared_task
def publish_due_announcements(now=None):
    """Publish the announcements whose time has come (every minute), and start again any notification of an
    announcement whose task never reached the broker. Publishing is once per announcement, however often it runs.
    `now` (a datetime or ISO string) lets a caller ask "as if it were then"."""
    from datetime import datetime

    from .announcements import publish_due, restart_lost_notifications

    if isinstance(now, str):
        now = datetime.fromisoformat(now)
    published = publish_due(now)
    restart_lost_notifications()
    return published


@shared_task(acks_late=True)
def notify_announcement(announcement_id):
    """Split the notification of a published announcement into batches of its audience, one task each."""
    from .announcements import notification_batches
    from .models import Announcement

    announcement = Announcement.objects.filter(pk=announcement_id, published_at__isnull=False).first()
    if announcement is None:
        return 0
    told = 0
    for post, user_ids in notification_batches(announcement, FAN_OUT_BATCH):
        notify_announcement_batch.delay(announcement_id, post.pk, user_ids)
        told += len(user_ids)
    Announcement.objects.filter(pk=announcement_id).update(notified_at=timezone.now())
    return told


@shared_task(acks_late=True, autoretry_for=(Exception,), max_retries=5, **RETRY)
def notify_announcement_batch(announcement_id, post_id, user_ids):
    """Notify one batch of an announcement's audience; safe to run again (one notification per member)."""
    from .announcements import notify_batch

    return notify_batch(announcement_id, post_id, user_ids)
