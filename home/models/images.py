"""The project's image model, in place from the first migration so later fields need no painful move."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.images.models import AbstractImage, AbstractRendition, Image


class PortalImage(AbstractImage):
    credit = models.CharField(_("credit"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
