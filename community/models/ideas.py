"""The supporters' idea board: members propose, vote and discuss; the secretariat answers with a status."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from community.formatting import render_member_text


class Idea(models.Model):
    class Kind(models.TextChoices):
        EVENT = "event", _("An event")
        GROUP = "group", _("A group")
        COLLABORATION = "collaboration", _("A collaboration")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("idea status", "New")
        UNDER_REVIEW = "under_review", _("Under review")
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        DECLINED = "declined", _("Declined")

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ideas")
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(
        _("the idea"), max_length=4000, help_text=_("Light formatting: **bold**, lists, links.")
    )
    body_html = models.TextField(editable=False, default="")
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices, default=Kind.OTHER)
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.NEW)
    status_note = models.TextField(
        _("note from the secretariat"), max_length=2000, blank=True, help_text=_("Shown to every member.")
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept with each vote in the same transaction, so "most voted" sorts without counting.
    vote_count = models.PositiveIntegerField(default=0, editable=False)
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="idea_status_idx"),
            models.Index(fields=["-vote_count", "-created_at"], name="idea_votes_idx"),
        ]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_member_text(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("idea", args=[self.pk])


class IdeaVote(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_votes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="one_vote_per_idea")]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self):
        return f"{self.user} → {self.idea}"
