"""News from the secretariat to everyone or to chosen groups, published (now or at a set time) as pinned posts."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .posts import BODY_MAX_LENGTH

TITLE_MAX_LENGTH = 120
# The post shows the title in bold above the body: both must fit in one post.
ANNOUNCEMENT_BODY_MAX_LENGTH = BODY_MAX_LENGTH - TITLE_MAX_LENGTH - 10


class AnnouncementQuerySet(models.QuerySet):
    def due(self, now=None):
        """Not yet published, and their time has come (no time set: at once)."""
        now = now or timezone.now()
        return self.filter(published_at__isnull=True).filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=now)
        )


class Announcement(models.Model):
    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Every member")
        GROUPS = "groups", _("Members of the chosen groups")

    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    body = models.TextField(
        _("text"),
        max_length=ANNOUNCEMENT_BODY_MAX_LENGTH,
        help_text=_("Light formatting: **bold**, *italic*, lists; addresses become links."),
    )
    audience = models.CharField(_("for"), max_length=10, choices=Audience.choices, default=Audience.EVERYONE)
    groups = models.ManyToManyField(
        "community.Group",
        blank=True,
        related_name="announcements",
        verbose_name=_("groups"),
        help_text=_("Only when the announcement is for chosen groups: one post in each group."),
    )
    publish_at = models.DateTimeField(
        _("publish at"), null=True, blank=True, help_text=_("Empty: publish as soon as it is saved.")
    )
    pinned_until = models.DateTimeField(
        _("pinned on top of the feed until"),
        null=True,
        blank=True,
        help_text=_("Empty: it stays on top until newer announcements take its place."),
    )
    send_email = models.BooleanField(
        _("also send by e-mail"),
        default=False,
        help_text=_(
            "Members who chose to hear about announcements by e-mail get one; the others only see it in the "
            "site (or their weekly digest), as each chose."
        ),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
        verbose_name=_("author"),
    )
    # The posts it was published as: one community-wide post, or one per chosen group.
    posts = models.ManyToManyField("community.Post", blank=True, editable=False, related_name="announcements")
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    # Set once the audience's notifications are queued; the scheduler starts those whose start was lost.
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        indexes = [models.Index(fields=["published_at", "publish_at"], name="announcement_due_idx")]

    def __str__(self):
        return self.title

    @property
    def post_body(self):
        """What its posts say: the title in bold, then the text."""
        title = self.title.replace("*", "").strip()
        return f"**{title}**\n\n{self.body.strip()}"
