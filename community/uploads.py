"""Validating and normalising uploaded images: content checked, floods refused before decoding, metadata gone."""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from PIL import Image, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 25_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def normalised_image(upload, max_side=800):
    """Return a ContentFile holding a re-encoded JPEG (no EXIF, at most max_side pixels a side).

    Raises ValidationError with a message for the person who uploaded it.
    """
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The image is too large (at most 5 MB)."), code="too_large")
    try:
        upload.seek(0)
        with Image.open(upload) as probe:  # reads the header only: nothing decoded yet
            if probe.format not in ALLOWED_FORMATS:
                raise ValidationError(_("Upload a JPEG, PNG, WebP or GIF image."), code="format")
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(_("The image has too many pixels."), code="pixels")
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            image = image.convert("RGB")
            image.thumbnail((max_side, max_side))
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=85, optimize=True)  # saved without EXIF or other metadata
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("This file is not an image we can read."), code="invalid") from exc
    return ContentFile(out.getvalue(), name="photo.jpg")
