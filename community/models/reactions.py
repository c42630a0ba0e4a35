"""Reactions on posts and comments: a small set of kinds, one of each per member and object."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Reaction(models.Model):
    class Kind(models.TextChoices):
        LIKE = "like", _("Like")
        THANKS = "thanks", _("Thank you")
        CONGRATS = "congrats", _("Congratulations")
        INSIGHTFUL = "insightful", _("I see")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "content_type", "object_id"], name="one_reaction_per_kind"
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="reaction_target_idx"),
            models.Index(fields=["created_at"], name="reaction_created_idx"),  # the dashboard's time windows
        ]
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")

    def __str__(self):
        return f"{self.get_kind_display()} by {self.user_id}"
