"""Notifications in the site, each member's choices of how to hear about things, and the e-mail outbox."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REPLY = "reply", _("Replies to my posts and comments")
    REACTION = "reaction", _("Reactions to what I wrote")
    GROUP_POST = "group_post", _("New posts in groups I follow closely")
    MENTION = "mention", _("Mentions of me (@handle)")
    MEMBERSHIP = "membership", _("Decisions on my membership and group requests")
    MESSAGE = "message", _("New direct messages")
    EVENT = "event", _("Events I signed up for: reminders, seats and draws")
    IDEA = "idea", _("News about my ideas")
    ANNOUNCEMENT = "announcement", _("Announcements from the secretariat")


class Channel(models.TextChoices):
    SITE = "site", _("In the site only")
    EMAIL = "email", _("In the site and by e-mail at once")
    DIGEST = "digest", _("In the site and in the weekly digest")
    OFF = "off", _("Off")


DEFAULT_CHANNELS = {
    Kind.REPLY: Channel.EMAIL,
    Kind.REACTION: Channel.SITE,
    Kind.GROUP_POST: Channel.DIGEST,
    Kind.MENTION: Channel.EMAIL,
    Kind.MEMBERSHIP: Channel.EMAIL,
    Kind.MESSAGE: Channel.EMAIL,
    Kind.EVENT: Channel.EMAIL,
    Kind.IDEA: Channel.EMAIL,
    # E-mailed only when the secretariat chose to send the announcement by e-mail; otherwise in the site.
    Kind.ANNOUNCEMENT: Channel.EMAIL,
}


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_count = models.PositiveIntegerField(
        default=1
    )  # "3 people reacted": distinct people, grouped while unread
    actor_ids = models.JSONField(default=list, editable=False)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    # The post it is about, if any: notifications about posts the recipient can no longer read are not shown.
    post = models.ForeignKey(
        "community.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # One row per event and recipient: re-running a fan-out never notifies twice.
    event_key = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "event_key"], name="one_notification_per_event")
        ]
        indexes = [
            # Unread badge: one member's notifications with read_at IS NULL.
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox_idx"),
            # Notification centre: one member's notifications, newest first, read or not.
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_centre_idx"),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return self.text


class NotificationPreference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_prefs"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    channel = models.CharField(max_length=8, choices=Channel.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]

    def __str__(self):
        return f"{self.user_id} {self.kind}: {self.channel}"


class OutboxEmail(models.Model):
    """Every e-mail the site sends is first a row here, committed with the change that caused it.

    A Celery task delivers it and marks it sent; the idempotency key makes a second row for the same recipient
    and event impossible, and a sent row is never sent again.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Gave up")

    idempotency_key = models.CharField(max_length=160, unique=True)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    template = models.CharField(max_length=120)
    context = models.JSONField(default=dict)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "created_at"], name="outbox_queue_idx")]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("e-mail outbox")

    def __str__(self):
        return self.idempotency_key
