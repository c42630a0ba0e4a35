"""Posts in a group's feed or the community-wide feed (group empty), announcements from the secretariat."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from community.formatting import render_member_text
from community.uploads import PICTURE_SIDE, MemberImageField

BODY_MAX_LENGTH = 5000


class Post(models.Model):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts")
    group = models.ForeignKey(
        "community.Group",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="posts",
        verbose_name=_("group"),
        help_text=_("Empty: the community-wide feed."),
    )
    body = models.TextField(_("text"), max_length=BODY_MAX_LENGTH)
    body_html = models.TextField(editable=False, default="")
    image = MemberImageField(_("image"), folder="posts", max_side=PICTURE_SIDE, blank=True)
    is_announcement = models.BooleanField(_("announcement from the secretariat"), default=False)
    pinned = models.BooleanField(_("pinned"), default=False)
    pinned_until = models.DateTimeField(_("pinned until"), null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    # Set once the followers' notifications are queued; the sweep catches posts whose fan-out never started.
    fanned_out_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [
            # The feeds: a group's posts (or the community-wide ones) newest first, keyset-paginated.
            models.Index(fields=["group", "-created_at", "-id"], name="post_feed_idx"),
            # PostgreSQL cannot walk the index above in order for "group IS NULL": the community-wide feed
            # gets its own partial index.
            models.Index(
                fields=["-created_at", "-id"],
                condition=models.Q(group__isnull=True),
                name="post_community_feed_idx",
            ),
            # A few posts are pinned or announcements among a million: each has its own small index, so their
            # boxes above the feeds read those few instead of every post of the feed (100–140 ms at 1M posts).
            models.Index(
                fields=["group", "-created_at"], condition=models.Q(pinned=True), name="post_pinned_idx"
            ),
            models.Index(
                fields=["-created_at"], condition=models.Q(is_announcement=True), name="post_announcement_idx"
            ),
            models.Index(fields=["author", "-created_at"], name="post_author_idx"),
            models.Index(fields=["created_at"], name="post_created_idx"),  # the dashboard's time windows
            # "Does a post still name this file?" (community/upload_files.py) before a file is deleted: a
            # sequential read of a million posts took 174 ms. Only posts with an image are in it.
            models.Index(fields=["image"], condition=~models.Q(image=""), name="post_image_idx"),
        ]

    def __str__(self):
        return self.body[:40]

    def save(self, *args, **kwargs):
        self.body_html = render_member_text(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("post", args=[self.pk])
