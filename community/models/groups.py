"""Groups: theme, expertise, region and generation circles, open or private, proposed by members."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from community.uploads import PICTURE_SIDE, MemberImageField


class GroupQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Group.Status.ACTIVE)


class Group(models.Model):
    class Kind(models.TextChoices):
        THEME = "theme", _("Theme")
        EXPERTISE = "expertise", _("Expertise")
        REGION = "region", _("Region")
        GENERATION = "generation", _("Generation")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", pgettext_lazy("group status", "Active")
        DECLINED = "declined", _("Declined")
        ARCHIVED = "archived", _("Archived")

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("address"), max_length=80, unique=True, allow_unicode=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.THEME)
    description = models.TextField(
        _("description"),
        max_length=4000,
        blank=True,
        help_text=_("Light formatting: **bold**, lists, links."),
    )
    cover = MemberImageField(_("cover image"), folder="groups", max_side=PICTURE_SIDE, blank=True)
    is_private = models.BooleanField(
        _("private"),
        default=False,
        help_text=_("Private groups: members join on request and only members see what is posted."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposal_reason = models.TextField(_("why this group"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        indexes = [
            # "Which group names this file?" when /media/groups/... is asked for (community/member_media.py) and
            # before a cover is deleted (community/upload_files.py). Only groups with a cover are in it.
            models.Index(fields=["cover"], condition=~models.Q(cover=""), name="group_cover_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("group", args=[self.slug])

    @property
    def description_html(self):
        """The description with its light formatting, sanitised like every member-written text."""
        from community.formatting import render_member_text

        return render_member_text(self.description)


class GroupMembership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MODERATOR = "moderator", _("Moderator")

    class State(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("group membership", "Active")
        REQUESTED = "requested", _("Requested to join")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.ACTIVE)
    follows_closely = models.BooleanField(_("notify me about every new post"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_group")]
        indexes = [models.Index(fields=["user", "state"], name="membership_by_user_idx")]
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")

    def __str__(self):
        return f"{self.user} @ {self.group}"
