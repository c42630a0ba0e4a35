"""Member profiles: who someone was at the company and is now, each part with its own audience."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from community.audiences import Audience, MemberKind, MembershipStatus, OpenTo
from community.uploads import PHOTO_SIDE, MemberImageField, generated_name

# Each privacy-controlled part of a profile, its default audience, and the attributes it covers.
# Defaults protect privacy: what someone did not choose to share is seen by members at most.
PRIVACY_PARTS = {
    "photo": (Audience.MEMBERS, ("photo",)),
    "former_surname": (Audience.PRIVATE, ("former_surname",)),
    "career_years": (Audience.MEMBERS, ("joined_year", "left_year")),
    "departments": (Audience.MEMBERS, ("departments",)),
    "sites": (Audience.PRIVATE, ("sites",)),
    "work": (Audience.PRIVATE, ("organisation", "job_title")),
    "location": (Audience.PRIVATE, ("location",)),
    "bio": (Audience.MEMBERS, ("bio",)),
    "expertise": (Audience.MEMBERS, ("expertise",)),
    "open_to": (Audience.MEMBERS, ("open_to",)),
    "links": (Audience.PRIVATE, ("links",)),
}
PRIVACY_PART_LABELS = {
    "photo": _("Photo"),
    "former_surname": _("Former surname"),
    "career_years": _("Years at the company"),
    "departments": _("Departments"),
    "sites": _("Sites"),
    "work": _("Current organisation and title"),
    "location": _("Location"),
    "bio": _("About me"),
    "expertise": _("Expertise"),
    "open_to": _("Open to"),
    "links": _("Links"),
}

YEAR_VALIDATORS = [MinValueValidator(1950), MaxValueValidator(2100)]


class OrgUnit(models.Model):
    """A department or a site (office, factory, lab) of the company, curated by the secretariat."""

    DEPARTMENT = "department"
    SITE = "site"
    KINDS = [(DEPARTMENT, _("Department")), (SITE, _("Site"))]

    kind = models.CharField(_("kind"), max_length=12, choices=KINDS)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        ordering = ["kind", "sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="orgunit_unique_name")]
        verbose_name = _("department or site")
        verbose_name_plural = _("departments and sites")

    def __str__(self):
        return self.name

    def label(self, language_code="ja"):
        return self.name_en if language_code == "en" and self.name_en else self.name


class ExpertiseTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "community.Profile", related_name="expertise_items", on_delete=models.CASCADE
    )

    class Meta:
        # taggit only checks before it adds: two saves at once could tag a member twice (and count them twice
        # in the directory's facets). The index also serves "this member's tags".
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="expertise_tag_once_per_member")
        ]


def audience_field(part):
    default, _attributes = PRIVACY_PARTS[part]
    return models.CharField(
        format_lazy(_("who sees: {part}"), part=PRIVACY_PART_LABELS[part]),
        max_length=10,
        choices=Audience.choices,
        default=default,
    )


class ProfileQuerySet(models.QuerySet):
    def members(self):
        """Approved members whose account is active."""
        return self.filter(status=MembershipStatus.MEMBER, user__is_active=True)


def profile_photo_path(instance, filename):
    # Kept for migration 0002, which names it; the field now generates its names itself.
    return generated_name("profiles")


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    handle = models.SlugField(
        _("handle"), max_length=40, unique=True, help_text=_("Used in your profile address.")
    )
    kind = models.CharField(
        _("member kind"), max_length=12, choices=MemberKind.choices, default=MemberKind.ALUMNI
    )
    status = models.CharField(
        _("membership"), max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.APPLICANT
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    display_name = models.CharField(_("display name"), max_length=80)
    name_kana = models.CharField(_("reading (kana)"), max_length=80, blank=True)
    name_romaji = models.CharField(_("name in romaji"), max_length=80, blank=True)
    former_surname = models.CharField(_("former surname (旧姓)"), max_length=40, blank=True)
    photo = MemberImageField(_("photo"), folder="profiles", max_side=PHOTO_SIDE, blank=True)
    joined_year = models.PositiveSmallIntegerField(
        _("joining year (入社年次)"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    left_year = models.PositiveSmallIntegerField(
        _("leaving year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    departments = models.ManyToManyField(
        OrgUnit,
        blank=True,
        related_name="department_profiles",
        limit_choices_to={"kind": OrgUnit.DEPARTMENT},
        verbose_name=_("departments"),
    )
    sites = models.ManyToManyField(
        OrgUnit,
        blank=True,
        related_name="site_profiles",
        limit_choices_to={"kind": OrgUnit.SITE},
        verbose_name=_("sites"),
    )
    organisation = models.CharField(_("current organisation"), max_length=120, blank=True)
    job_title = models.CharField(_("current title"), max_length=120, blank=True)
    location = models.CharField(
        _("location"), max_length=80, blank=True, help_text=_("e.g. 東京都, 大阪府, Singapore")
    )
    bio = models.TextField(_("about me"), max_length=2000, blank=True)
    expertise = TaggableManager(through=ExpertiseTag, blank=True, verbose_name=_("expertise"))
    open_to = models.JSONField(_("open to"), default=list, blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)

    hidden_from_directory = models.BooleanField(_("hide me from the member directory"), default=False)
    public_card = models.BooleanField(
        _("show a short public card"),
        default=False,
        help_text=_(
            "Anyone may then see your name, photo and one line about you, e.g. when a story features you."
        ),
    )
    public_headline = models.CharField(_("one line for the public card"), max_length=120, blank=True)
    is_supporter = models.BooleanField(_("community supporter"), default=False)
    supporter_since = models.DateTimeField(_("supporter since"), null=True, blank=True)

    photo_audience = audience_field("photo")
    former_surname_audience = audience_field("former_surname")
    career_years_audience = audience_field("career_years")
    departments_audience = audience_field("departments")
    sites_audience = audience_field("sites")
    work_audience = audience_field("work")
    location_audience = audience_field("location")
    bio_audience = audience_field("bio")
    expertise_audience = audience_field("expertise")
    open_to_audience = audience_field("open_to")
    links_audience = audience_field("links")

    messages_from = models.CharField(
        _("who may send me messages"),
        max_length=10,
        default="members",
        choices=[
            ("members", _("Any member")),
            ("groups", _("Members of my groups")),
            ("nobody", _("Nobody")),
        ],
    )
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)
    feed_seen_at = models.DateTimeField(
        null=True, blank=True, editable=False
    )  # for "new" markers in the feed
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        indexes = [
            models.Index(
                fields=["status", "hidden_from_directory", "name_kana"], name="profile_directory_idx"
            ),
            models.Index(fields=["joined_year"], name="profile_joined_idx"),
            # The dashboard's new members per window: when they joined the community (insights.joined_at()).
            models.Index("status", Coalesce("approved_at", "created_at"), name="profile_joined_at_idx"),
            # "Does a profile still name this file?" before a photo is deleted (community/upload_files.py).
            models.Index(fields=["photo"], condition=~models.Q(photo=""), name="profile_photo_idx"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def is_member(self):
        return self.status == MembershipStatus.MEMBER and self.user.is_active

    def open_to_labels(self):
        labels = dict(OpenTo.choices)
        return [labels[value] for value in self.open_to if value in labels]
