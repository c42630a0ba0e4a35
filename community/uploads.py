"""Every image a member uploads: type read from the content, size and pixel floods refused before decoding,
orientation applied, metadata dropped, stored under a generated name.

Members upload no other kind of file (no documents or attachments), so there is no document allow-list here.
"""

import io
import struct
import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from .upload_files import StoredNameDescriptor

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 25_000_000
PHOTO_SIDE = 800  # profile photos
PICTURE_SIDE = 1600  # post images, group covers

# Pillow's own guard for every image this process opens (ours, and Wagtail's originals and renditions): a
# warning above this many pixels, DecompressionBombError above twice as many. The admin's limit is the largest
# any upload path accepts; our own, smaller limit is checked explicitly below.
Image.MAX_IMAGE_PIXELS = max(MAX_PIXELS, getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 0) or 0)

# What the first bytes of each accepted format look like. The browser's content type and the file name are
# never consulted.
SIGNATURES = {
    "JPEG": (b"\xff\xd8\xff",),
    "PNG": (b"\x89PNG\r\n\x1a\n",),
    "GIF": (b"GIF87a", b"GIF89a"),
    "WEBP": (b"RIFF",),  # followed by a length and b"WEBP", checked below
}
# Pillow opens some camera JPEGs as MPO (several pictures in one file); they are JPEGs all the same.
PILLOW_FORMATS = {"JPEG": {"JPEG", "MPO"}, "PNG": {"PNG"}, "GIF": {"GIF"}, "WEBP": {"WEBP"}}
ACCEPT = "image/jpeg,image/png,image/webp,image/gif"
SRGB = ImageCms.createProfile("sRGB")


def sniffed_format(header):
    """The format the first bytes announce ("JPEG", "PNG", "GIF", "WEBP"), or None."""
    for name, prefixes in SIGNATURES.items():
        if header.startswith(prefixes):
            if name == "WEBP" and header[8:12] != b"WEBP":
                continue
            return name
    return None


def checked_image(upload):
    """Check an upload without decoding it: at most MAX_UPLOAD_BYTES, an accepted format by its first bytes
    and by Pillow's reading of its header, at most MAX_PIXELS. Returns the opened, still undecoded, image.

    Raises ValidationError with a message for the person who uploaded it.
    """
    if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The image is too large (at most %(limit)s).") % {"limit": filesizeformat(MAX_UPLOAD_BYTES)},
            code="too_large",
        )
    upload.seek(0)
    fmt = sniffed_format(upload.read(16))
    if fmt is None:
        raise ValidationError(_("Upload a JPEG, PNG, WebP or GIF image."), code="format")
    upload.seek(0)
    try:
        image = Image.open(upload, formats=[fmt])  # reads the header only: nothing is decoded yet
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels() from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ValidationError(_("This file is not an image we can read."), code="invalid") from exc
    width, height = image.size
    if image.format not in PILLOW_FORMATS[fmt]:
        image.close()
        raise ValidationError(_("Upload a JPEG, PNG, WebP or GIF image."), code="format")
    if width * height > MAX_PIXELS:  # only the first frame of an animation is ever decoded
        image.close()
        raise _too_many_pixels()
    return image


def normalised_image(upload, max_side=PHOTO_SIDE):
    """Return a ContentFile holding the upload re-encoded as an sRGB JPEG of at most max_side pixels a side,
    turned the way its EXIF orientation says, with no metadata (EXIF, GPS, XMP, ICC, comments) left.

    Raises ValidationError with a message for the person who uploaded it.
    """
    image = checked_image(upload)
    try:
        with image:
            image.draft("RGB", (max_side, max_side))  # JPEG: decode at a reduced scale, far less memory
            picture = _as_srgb(ImageOps.exif_transpose(image))  # decodes the first frame only
            picture.thumbnail((max_side, max_side))
            picture.info = {}  # nothing carried over: no EXIF (GPS), XMP, ICC profile or comment
            out = io.BytesIO()
            picture.save(out, format="JPEG", quality=85, optimize=True)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels() from exc
    except (OSError, ValueError, SyntaxError, EOFError, struct.error, KeyError, IndexError, TypeError) as exc:
        # a damaged file, or damaged EXIF met while turning it upright (found by fuzzing)
        raise ValidationError(_("This file is not an image we can read."), code="invalid") from exc
    return ContentFile(out.getvalue(), name="image.jpg")


def _as_srgb(image):
    """An RGB image: colours converted to sRGB from an embedded ICC profile, transparency laid on white."""
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            image = ImageCms.profileToProfile(image, source, SRGB, outputMode="RGB")
        except ImageCms.PyCMSError:
            pass  # an unreadable profile: keep the pixels as they are
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, "white")
        image.paste(rgba, mask=rgba.getchannel("A"))
        return image
    return image.convert("RGB")


def _too_many_pixels():
    return ValidationError(
        _("The image has too many pixels (at most %(limit)s million).") % {"limit": MAX_PIXELS // 1_000_000},
        code="pixels",
    )


class ImageUploadField(forms.FileField):
    """A form field for a member's image: cleans to the normalised JPEG (see normalised_image)."""

    def __init__(self, *, max_side=PHOTO_SIDE, **kwargs):
        self.max_side = max_side
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        return normalised_image(upload, max_side=self.max_side) if upload else None

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "accept": ACCEPT}


def generated_name(folder, extension=".jpg"):
    """A path under folder that says nothing about the upload or its author: a random name, two levels deep."""
    name = uuid.uuid4().hex
    return f"{folder}/{name[:2]}/{name}{extension}"


class MemberImageField(models.ImageField):
    """A model field for images members upload: stored under generated_name(folder), edited (in our forms
    and in the admin) through ImageUploadField. The file a row lets go of is deleted (community/upload_files.py)."""

    descriptor_class = StoredNameDescriptor

    def __init__(self, *args, folder, max_side=PICTURE_SIDE, **kwargs):
        self.folder = folder
        self.max_side = max_side
        kwargs["upload_to"] = self.generate_name
        super().__init__(*args, **kwargs)

    def generate_name(self, instance, filename):
        return generated_name(self.folder)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        del kwargs["upload_to"]
        return name, path, args, {**kwargs, "folder": self.folder, "max_side": self.max_side}

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadField, "max_side": self.max_side, **kwargs})
