"""Announcements from the secretariat: published once as pinned posts, their audience told once, edits carried over.

An announcement becomes one community-wide post, or one post in each chosen group, so members react to it and
comment on it like any post, and who may read it follows the same rules (community/permissions.py). Its audience
is notified after the publication commits, in batches (tasks `notify_announcement` and
`notify_announcement_batch`), with the event key `announcement:<id>`: publishing or notifying again tells nobody
twice.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Announcement, Group, GroupMembership, Post, Profile
from .models.notifications import Kind

logger = logging.getLogger(__name__)
# A publication whose notification task never reached the broker is started again after this long.
NOTIFY_GRACE = timezone.timedelta(minutes=10)


def publish(announcement):
    """Publish the announcement now, whatever its time. Returns True if this call published it.

    In one transaction: a post for everyone (or one per chosen active group), linked to the announcement, which
    is marked published. After commit the audience is notified. An announcement already published is left alone.
    """
    now = timezone.now()
    with transaction.atomic():
        locked = Announcement.objects.select_for_update().get(pk=announcement.pk)
        if locked.published_at is not None:
            announcement.published_at = locked.published_at
            return False
        if locked.audience == Announcement.Audience.EVERYONE:
            groups = [None]
        else:
            groups = list(locked.groups.filter(status=Group.Status.ACTIVE).order_by("pk"))
        posts = []
        for group in groups:
            post = Post(
                author_id=locked.author_id,
                group=group,
                body=locked.post_body,
                is_announcement=True,
                pinned_until=locked.pinned_until,
                # The audience is told by the announcement's own notification, never by the group fan-out
                # (nor by its sweep, which starts the fan-out of group posts without this mark).
                fanned_out_at=now,
            )
            post.save()
            posts.append(post)
        locked.posts.add(*posts)
        locked.published_at = now
        locked.save(update_fields=["published_at", "updated_at"])
        transaction.on_commit(lambda: start_notifying(locked.pk))
    announcement.published_at = now
    return True


def start_notifying(announcement_id):
    """Enqueue the audience's notification. With the broker down the publication stands; the scheduler retries."""
    from .tasks import notify_announcement

    try:
        notify_announcement.delay(announcement_id)
    except Exception:  # noqa: BLE001 - the broker is down: publish_due_announcements starts it again later
        logger.warning(
            "announcement %s: broker unavailable, notification left for the scheduler", announcement_id
        )


def update_posts(announcement):
    """After an edit of a published announcement: its posts say what it says now. Nobody is notified again.

    Returns the number of posts changed."""
    changed = 0
    for post in announcement.posts.all():
        body_changed = post.body != announcement.post_body
        if not body_changed and post.pinned_until == announcement.pinned_until:
            continue
        post.body = announcement.post_body
        post.pinned_until = announcement.pinned_until
        if body_changed:
            post.edited_at = timezone.now()
        post.save(update_fields=["body", "body_html", "pinned_until", "edited_at"])
        changed += 1
    return changed


def announcement_saved(announcement, now=None):
    """What saving an announcement in the admin does. Returns "updated", "published" or "scheduled".

    A published announcement's posts follow the edit; one whose time has come (or that has no time) is
    published at once; a later one waits for `publish_due_announcements`.
    """
    if announcement.published_at is not None:
        update_posts(announcement)
        return "updated"
    if Announcement.objects.due(now).filter(pk=announcement.pk).exists():
        publish(announcement)
        return "published"
    return "scheduled"


def publish_due(now=None, limit=100):
    """Publish the announcements whose time has come (oldest first). Returns how many this call published."""
    published = 0
    for announcement in Announcement.objects.due(now).order_by("publish_at", "pk")[:limit]:
        published += publish(announcement)
    return published


def restart_lost_notifications():
    """Start the notification of announcements published a while ago whose task never reached the broker."""
    now = timezone.now()
    ids = list(
        Announcement.objects.filter(
            notified_at__isnull=True,
            published_at__lt=now - NOTIFY_GRACE,
            published_at__gt=now - timezone.timedelta(days=2),
        ).values_list("pk", flat=True)[:100]
    )
    for announcement_id in ids:
        start_notifying(announcement_id)
    return len(ids)


def audience_ids(post):
    """Ids of the members to tell about one post of an announcement: every approved member on an active account
    for a community-wide post, the group's active members for a group's post."""
    members = Profile.objects.members()
    if post.group_id is not None:
        members = members.filter(
            user_id__in=GroupMembership.objects.filter(
                group_id=post.group_id, state=GroupMembership.State.ACTIVE
            ).values("user_id")
        )
    return members.order_by("user_id").values_list("user_id", flat=True)


def notification_batches(announcement, batch_size):
    """(post, user ids) for every batch of the announcement's audience; a member of several chosen groups is
    in one batch only (the first of their groups)."""
    told = set()
    for post in announcement.posts.filter(is_hidden=False).order_by("pk"):
        ids = [user_id for user_id in audience_ids(post).iterator(chunk_size=2000) if user_id not in told]
        told.update(ids)
        for start in range(0, len(ids), batch_size):
            yield post, ids[start : start + batch_size]


def notify_batch(announcement_id, post_id, user_ids):
    """Notify one batch of the audience (safe to run again: one notification per member and announcement).

    Members hear about it as they chose for announcements, and only in the site unless the secretariat chose to
    send it by e-mail. Returns the number of new notifications."""
    from django.contrib.auth import get_user_model

    from .notifications import notify_many

    announcement = Announcement.objects.select_related("author").filter(pk=announcement_id).first()
    post = Post.objects.select_related("group").filter(pk=post_id, is_hidden=False).first()
    if announcement is None or post is None:
        return 0
    if post.group_id is not None and post.group.status != Group.Status.ACTIVE:
        return 0
    title = announcement.title
    users = list(get_user_model().objects.filter(pk__in=user_ids, is_active=True))
    return notify_many(
        users,
        Kind.ANNOUNCEMENT,
        f"announcement:{announcement.pk}",
        lambda: _("From the secretariat: %(title)s") % {"title": title},
        post.get_absolute_url(),
        actor=announcement.author,
        post=post,
        site_only=not announcement.send_email,
    )


def withdraw(announcement):
    """Delete the announcement with its posts, their comments and reactions (and so its notifications)."""
    from .posting import delete_post_and_replies

    with transaction.atomic():
        for post in announcement.posts.all():
            delete_post_and_replies(post)
        announcement.delete()
