"""Editors' uploads in the Wagtail admin: originals and renditions without metadata, generated names, the
admin's limits, and documents served so that a browser never runs or sniffs them."""

import io
import re

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images.forms import get_image_form

import pytest
from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo

from home.image_metadata import without_metadata
from home.models import PortalImage

SECRETS = (b"SecretCameraMaker", b"GPSLatitude", b"Taken at 3-2-1 Sakura", b"photoshop:City")
ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _exif(orientation=None):
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"
    exif[0x8825] = {1: "N", 2: (35.0, 40.0, 30.0), 3: "E", 4: (139.0, 45.0, 0.0)}
    if orientation:
        exif[0x0112] = orientation
    return exif


def _picture(mode="RGB"):
    picture = Image.new(mode, (64, 48), (255, 0, 0) if mode == "RGB" else (255, 0, 0, 128))
    picture.paste((0, 0, 255) if mode == "RGB" else (0, 0, 255, 255), (0, 0, 16, 48))
    return picture


def _pixels(data):
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("RGBA").tobytes()


def _gps(data):
    with Image.open(io.BytesIO(data)) as image:
        return image.getexif().get_ifd(0x8825)


def _xmp():
    return b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>GPSLatitude photoshop:City</rdf:RDF></x:xmpmeta>'


def test_jpeg_loses_exif_gps_xmp_and_comments_but_keeps_pixels_colour_profile_and_orientation():
    out = io.BytesIO()
    _picture().save(
        out, format="JPEG", exif=_exif(orientation=6), xmp=_xmp(), comment=SECRETS[2], icc_profile=ICC
    )
    original = out.getvalue()
    assert all(secret in original for secret in SECRETS)

    cleaned = without_metadata(original)
    assert not any(secret in cleaned for secret in SECRETS)
    assert _pixels(cleaned) == _pixels(original)  # not re-encoded: the very same pixels
    assert not _gps(cleaned)
    with Image.open(io.BytesIO(cleaned)) as image:
        assert dict(image.getexif()) == {0x0112: 6}  # renditions are still turned upright
        assert image.info.get("icc_profile") == ICC


def test_png_loses_text_and_exif_chunks_and_keeps_pixels():
    info = PngInfo()
    info.add_text("Comment", SECRETS[2].decode())
    info.add_itxt("XML:com.adobe.xmp", _xmp().decode())
    out = io.BytesIO()
    _picture("RGBA").save(out, format="PNG", pnginfo=info, exif=_exif())
    original = out.getvalue()

    cleaned = without_metadata(original)
    assert not any(secret in cleaned for secret in SECRETS)
    assert _pixels(cleaned) == _pixels(original)
    assert not _gps(cleaned)


def test_webp_loses_exif_and_xmp_chunks_and_still_decodes():
    out = io.BytesIO()
    _picture().save(out, format="WEBP", lossless=True, exif=_exif(), xmp=_xmp())
    original = out.getvalue()
    assert b"SecretCameraMaker" in original

    cleaned = without_metadata(original)
    assert not any(secret in cleaned for secret in SECRETS)
    assert _pixels(cleaned) == _pixels(original)
    assert int.from_bytes(cleaned[4:8], "little") == len(cleaned) - 8  # the RIFF size was rewritten


def test_gif_is_left_as_it_is():
    out = io.BytesIO()
    _picture().convert("P").save(out, format="GIF")
    assert without_metadata(out.getvalue()) == out.getvalue()


@pytest.mark.django_db
def test_admin_upload_stores_a_clean_original_under_a_generated_name_and_clean_renditions(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = io.BytesIO()
    _picture().resize((640, 480)).save(out, format="JPEG", exif=_exif(), xmp=_xmp())
    upload = SimpleUploadedFile("佐藤さんの自宅.jpg", out.getvalue(), content_type="image/jpeg")
    form = get_image_form(PortalImage)({"title": "取材の一枚"}, {"file": upload})
    assert form.is_valid(), form.errors
    image = form.save()

    assert re.fullmatch(r"original_images/[0-9a-f]{2}/[0-9a-f]{32}\.jpg", image.file.name), image.file.name
    stored = image.file.storage.open(image.file.name).read()
    assert not any(secret in stored for secret in SECRETS)
    assert image.file_size == len(stored)  # size and hash describe the stored, cleaned file
    assert (image.width, image.height) == (640, 480)

    rendition = image.get_rendition("width-320")
    assert "佐藤" not in rendition.url
    rendered = rendition.file.storage.open(rendition.file.name).read()
    assert not _gps(rendered) and b"SecretCameraMaker" not in rendered


@pytest.mark.django_db
def test_multiple_upload_second_step_also_cleans_the_stored_original(settings, tmp_path):
    """Wagtail's "complete the details later" step saves the file first, then asks for its metadata."""
    settings.MEDIA_ROOT = tmp_path
    out = io.BytesIO()
    _picture().save(out, format="JPEG", exif=_exif())
    image = PortalImage(title="後から")
    image.file.save("upload.jpg", ContentFile(out.getvalue()), save=False)
    first_name = image.file.name
    image._set_image_file_metadata()
    image.save()

    assert image.file.name != first_name
    assert not image.file.storage.exists(first_name)  # the uncleaned copy is gone
    assert b"SecretCameraMaker" not in image.file.storage.open(image.file.name).read()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.png", b"<html><script>alert(1)</script></html>"),
        ("drawing.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("photo.avif", b"\x00\x00\x00\x1cftypavif" + b"\x00" * 64),  # a format we cannot clean
    ],
)
def test_admin_refuses_non_images_and_formats_it_cannot_clean(name, content):
    form = get_image_form(PortalImage)({"title": "x"}, {"file": SimpleUploadedFile(name, content)})
    assert not form.is_valid()
    assert form.errors["file"]


@pytest.mark.django_db
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_admin_refuses_a_pixel_flood(settings):
    out = io.BytesIO()
    Image.new("1", (7000, 7000)).save(out, format="PNG")  # 49 Mpx in a few kilobytes
    form = get_image_form(PortalImage)(
        {"title": "x"}, {"file": SimpleUploadedFile("flood.png", out.getvalue())}
    )
    assert not form.is_valid()
    assert "file_too_many_pixels" in {error.code for error in form.errors.as_data()["file"]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "disposition"),
    [
        ("report.pdf", "inline"),
        ("notes.txt", "attachment"),
        ("members.csv", "attachment"),
        ("slides.pptx", "attachment"),
    ],
)
def test_documents_are_served_with_nosniff_and_a_policy_that_runs_nothing(
    client, settings, tmp_path, name, disposition
):
    settings.MEDIA_ROOT = tmp_path
    document = get_document_model().objects.create(
        title="資料", file=ContentFile(b"<html><script>alert(1)</script></html>", name=name)
    )
    response = client.get(reverse("wagtaildocs_serve", args=[document.pk, document.filename]))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["Content-Disposition"].startswith(disposition)
    assert not response["Content-Type"].startswith("text/html")


def test_pillow_guards_every_image_the_process_opens_at_the_admin_limit(settings):
    assert Image.MAX_IMAGE_PIXELS == settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
