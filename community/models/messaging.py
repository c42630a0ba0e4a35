"""Direct messages: 1:1 and small group conversations, read state per participant, blocks between members."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MAX_PARTICIPANTS = 10
MESSAGE_MAX_LENGTH = 4000


def conversation_key():
    # The address of a conversation is random, so ids cannot be walked to find other people's conversations.
    return secrets.token_urlsafe(12)


class Conversation(models.Model):
    key = models.CharField(max_length=24, unique=True, default=conversation_key, editable=False)
    subject = models.CharField(_("subject"), max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self):
        return self.subject or self.key

    def get_absolute_url(self):
        return reverse("conversation", args=[self.key])


class Participant(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations")
    last_read_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="one_participant_per_user")
        ]
        indexes = [models.Index(fields=["user", "conversation"], name="participant_inbox_idx")]

    def __str__(self):
        return f"{self.user_id} in {self.conversation_id}"


class Message(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_messages"
    )
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    body_html = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["conversation", "created_at", "id"], name="message_thread_idx"),
            models.Index(fields=["created_at"], name="message_created_idx"),  # the dashboard's time windows
        ]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return self.body[:40]

    def save(self, *args, **kwargs):
        from community.formatting import render_member_text

        self.body_html = render_member_text(self.body)
        super().save(*args, **kwargs)


class Block(models.Model):
    """`blocker` no longer receives messages from `blocked`; their existing conversations are hidden."""

    blocker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocked_by")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"], name="one_block_per_pair")]

    def __str__(self):
        return f"{self.blocker_id} blocks {self.blocked_id}"
