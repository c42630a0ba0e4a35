"""Site-wide settings editors change in the admin (Settings → Site settings)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        _("organisation name"), max_length=120, default="Tsunagari", help_text=_("Shown in the footer.")
    )
    contact_email = models.EmailField(_("secretariat contact e-mail"), blank=True)
    footer_note = models.TextField(_("footer note"), blank=True)

    class Meta:
        verbose_name = _("site settings")
