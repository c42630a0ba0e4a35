"""People that editors name on pages: interviewees and speakers in stories, speakers at events.

Naming a person on a page is the editor's decision to make that name public; linking a member profile is
optional, and the profile is shown only when the member opted in to a public card.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel


class NamedPerson(models.Model):
    name = models.CharField(_("name"), max_length=120)
    title = models.CharField(
        _("title and affiliation"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 2008年入社・元マーケティング部／現 株式会社〇〇 代表"),
    )
    photo = models.ForeignKey(
        "home.PortalImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: the member's public card is linked only if they allow it."),
    )

    person_panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("photo"), FieldPanel("member")]),
    ]

    class Meta:
        abstract = True

    @property
    def public_card(self):
        """The linked member's profile when they opted in to a public card (and are an approved member)."""
        profile = getattr(self.member, "profile", None) if self.member_id else None
        if profile is not None and profile.public_card and profile.is_member:
            return profile
        return None
