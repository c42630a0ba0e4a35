"""The project's image model, in place from the first migration so later fields need no painful move."""

import os

from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.images.models import AbstractImage, AbstractRendition, Image

from community.uploads import generated_name
from home.image_metadata import without_metadata


class PortalImage(AbstractImage):
    credit = models.CharField(_("credit"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "credit")

    def get_upload_to(self, filename):
        """A random name in original_images/ (renditions take theirs from it): never the uploader's."""
        return generated_name("original_images", os.path.splitext(filename)[1].lower())

    def _set_image_file_metadata(self):
        # Wagtail calls this for every new file (the upload form, and the multiple upload's second step)
        # before size and hash are taken: drop the metadata first, so both describe the stored file.
        self.file.open()
        self.file.seek(0)
        original = self.file.read()
        cleaned = without_metadata(original)
        if cleaned != original:
            stored_before = self.file.name if self.file._committed else None
            self.file.save(os.path.basename(self.file.name), ContentFile(cleaned), save=False)
            if stored_before:
                self.file.storage.delete(stored_before)
            self.file.field.update_dimension_fields(self, force=True)  # saving the new file left them empty
        super()._set_image_file_metadata()

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
