"""Members' uploads from the attacker's side: type judged by content, floods refused before decoding,
metadata gone, generated names, and a refused upload that loses none of the typed text."""

import io
import re
import struct
import time
import zlib

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from django.utils import translation

import pytest
from PIL import Image, ImageCms, ImageFile

from community import uploads
from community.forms.posts import PostForm
from community.forms.profiles import ProfileForm
from community.models import Post

GENERATED = re.compile(r"^(posts|profiles|groups)/[0-9a-f]{2}/[0-9a-f]{32}\.jpg$")


def _image_bytes(fmt, size=(120, 80), mode="RGB", color=(200, 120, 80), **save_options):
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, format=fmt, **save_options)
    return out.getvalue()


def _upload(content, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def _png_flood(width, height):
    """A real, valid black 1-bit PNG of width × height built row by row, so neither the test nor the file
    holds its pixels: 20000 × 20000 is 400 million pixels in about 50 KB."""
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte + packed pixels
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def _refusal(upload):
    with pytest.raises(ValidationError) as refused:
        uploads.normalised_image(upload)
    return refused.value


# --- type from content -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "name", "content_type"),
    [
        ("PNG", "holiday.jpg", "image/jpeg"),  # a PNG that says it is a JPEG
        ("JPEG", "holiday.png", "image/png"),
        ("WEBP", "holiday", "application/octet-stream"),  # no extension, no useful content type
        ("GIF", "holiday.txt", "text/plain"),
    ],
)
def test_type_is_judged_by_content_not_name_or_content_type(fmt, name, content_type):
    stored = uploads.normalised_image(
        _upload(_image_bytes(fmt, mode="RGB" if fmt != "GIF" else "P"), name, content_type)
    )
    with Image.open(stored) as result:
        assert result.format == "JPEG"
        assert result.size == (120, 80)


@pytest.mark.parametrize(
    "content",
    [
        b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>',
        b"#!/bin/sh\nrm -rf /\n",
        b"%PDF-1.7\n1 0 obj<<>>endobj\n",
        b"GIF89a<script>alert(1)</script>",  # a polyglot: right magic bytes, not an image
        b"\x89PNG\r\n\x1a\n" + b"<script>alert(1)</script>",
        _image_bytes("BMP"),  # a real image, but not a format we accept
    ],
    ids=["html", "svg", "script", "pdf", "gif-polyglot", "png-polyglot", "bmp"],
)
def test_files_that_are_not_accepted_images_are_refused_whatever_their_name(content):
    assert _refusal(_upload(content, "innocent.png", "image/png")).messages


def test_refusal_messages_are_translated_and_clear():
    with translation.override("en"):
        assert _refusal(_upload(b"<svg/>", "x.png")).messages == ["Upload a JPEG, PNG, WebP or GIF image."]
    with translation.override("ja"):
        message = _refusal(_upload(b"<svg/>", "x.png")).messages[0]
    assert message  # the catalogue may still lack the Japanese; the message is never empty


# --- size and pixel floods --------------------------------------------------------------------------


def test_oversized_file_is_refused_before_it_is_read(monkeypatch):
    content = b"\x89PNG\r\n\x1a\n" + b"\x00" * uploads.MAX_UPLOAD_BYTES
    upload = _upload(content, "big.png", "image/png")
    monkeypatch.setattr(upload, "file", None)  # any read or seek would now fail
    with translation.override("en"):
        refusal = _refusal(upload)
    assert refusal.code == "too_large"
    assert "5.0" in refusal.messages[0] and "MB" in refusal.messages[0]


# Pillow's warning is an error here, so the test also proves the warning path is caught.
@pytest.mark.filterwarnings("error::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize(
    ("width", "height"),
    [
        (6000, 6000),  # 36 Mpx: over our limit, under Pillow's own guard
        (7000, 7000),  # 49 Mpx: Pillow only warns; our check refuses
        (20000, 20000),  # 400 Mpx: Pillow's DecompressionBombError
        (30_000_000, 1),  # one very long row
    ],
)
def test_pixel_flood_is_refused_from_the_header_without_decoding(monkeypatch, width, height):
    flood = _png_flood(width, height)
    assert len(flood) < 200_000  # tiny on disk
    decoded = []
    monkeypatch.setattr(
        ImageFile.ImageFile, "load", lambda self: decoded.append(self) or pytest.fail("decoded")
    )
    started = time.perf_counter()
    with translation.override("en"):
        refusal = _refusal(_upload(flood, "flood.png", "image/png"))
    assert time.perf_counter() - started < 1.0
    assert not decoded
    assert refusal.code == "pixels"
    assert refusal.messages == ["The image has too many pixels (at most 25 million)."]


def test_image_at_the_pixel_limit_is_accepted_and_shrunk():
    content = _image_bytes("PNG", size=(5000, 5000), mode="1", color=1)  # exactly 25 Mpx
    stored = uploads.normalised_image(_upload(content, "big.png"), max_side=800)
    with Image.open(stored) as result:
        assert result.size == (800, 800)


# --- metadata -------------------------------------------------------------------------------------------


def test_exif_gps_xmp_and_icc_are_gone_and_orientation_is_applied():
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"  # Make
    exif[0x0112] = 6  # Orientation: the camera was turned; the picture must be rotated 90° clockwise
    exif[0x8825] = {1: "N", 2: (35.0, 40.0, 30.0), 3: "E", 4: (139.0, 45.0, 0.0)}  # GPS: Tokyo
    picture = Image.new("RGB", (400, 200), (255, 0, 0))
    picture.paste((0, 0, 255), (0, 0, 200, 200))  # left half blue, right half red
    out = io.BytesIO()
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>GPSLatitude 35,40</rdf:RDF></x:xmpmeta>'
    picture.save(out, format="JPEG", exif=exif, icc_profile=icc, xmp=xmp, comment=b"Taken at home")
    original = out.getvalue()
    assert b"SecretCameraMaker" in original and b"GPSLatitude" in original

    stored = uploads.normalised_image(_upload(original, "gps.jpg")).read()
    for secret in (
        b"Exif",
        b"SecretCameraMaker",
        b"GPSLatitude",
        b"xmpmeta",
        b"ICC_PROFILE",
        b"Taken at home",
    ):
        assert secret not in stored
    with Image.open(io.BytesIO(stored)) as result:
        assert not result.getexif()
        assert not result.getexif().get_ifd(0x8825)
        assert "icc_profile" not in result.info and "xmp" not in result.info
        assert result.size == (200, 400)  # turned upright
        top, bottom = result.getpixel((100, 100)), result.getpixel((100, 300))
        assert top[2] > 200 and top[0] < 60  # the blue (left) half is now on top
        assert bottom[0] > 200 and bottom[2] < 60


def test_damaged_exif_is_a_refusal_with_a_message_not_a_server_error():
    exif = Image.Exif()
    exif[0x010F] = "Cam"  # Make, text
    exif[0x0112] = 6
    jpeg = _image_bytes("JPEG", exif=exif)
    damaged = jpeg.replace(b"\x01\x0f\x00\x02", b"\x01\x54\x00\x02", 1)  # relabelled WhitePoint (numbers)
    assert damaged != jpeg
    try:
        uploads.normalised_image(_upload(damaged))  # a Pillow that copes may accept it; it must not crash
    except ValidationError as refusal:
        assert refusal.code == "invalid"


def test_transparency_is_laid_on_white():
    content = _image_bytes("PNG", mode="RGBA", color=(0, 0, 0, 0))
    with Image.open(uploads.normalised_image(_upload(content, "clear.png"))) as result:
        assert all(channel > 245 for channel in result.getpixel((10, 10)))


# --- generated names ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_posted_image_is_stored_under_a_generated_name(login, alumna, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = _upload(_image_bytes("PNG"), "佐藤美咲_履歴書_自宅.png", "image/png")
    response = login(alumna).post(reverse("feed"), {"body": "写真つきの投稿", "image": upload})
    assert response.status_code == 302
    post = Post.objects.get(body="写真つきの投稿")
    assert GENERATED.match(post.image.name), post.image.name
    assert "佐藤" not in post.image.url and "履歴書" not in post.image.url and "alumna" not in post.image.url
    with Image.open(post.image.path) as stored:
        assert stored.format == "JPEG"


def test_generated_names_are_unguessable_and_never_repeat():
    names = {uploads.generated_name("profiles") for _ in range(1000)}
    assert len(names) == 1000
    assert all(GENERATED.match(name) for name in names)


def test_every_image_field_in_the_community_goes_through_the_validator():
    file_fields = [
        field
        for model in apps.get_app_config("community").get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]
    assert {f"{f.model.__name__}.{f.name}" for f in file_fields} >= {
        "Post.image",
        "Profile.photo",
        "Group.cover",
    }
    for field in file_fields:
        assert isinstance(field, uploads.MemberImageField), field
        assert isinstance(field.formfield(), uploads.ImageUploadField), field  # the admin's forms too
        assert field.generate_filename(None, "../../etc/passwd.html").endswith(".jpg")
    assert isinstance(PostForm().fields["image"], uploads.ImageUploadField)
    assert isinstance(ProfileForm().fields["photo"], uploads.ImageUploadField)
    assert PostForm().fields["image"].widget.attrs["accept"] == uploads.ACCEPT


# --- the form keeps what was typed -------------------------------------------------------------------


@pytest.mark.django_db
def test_post_with_a_bad_upload_is_refused_and_keeps_the_typed_text(login, alumna):
    fake = _upload(b"<html><script>alert(1)</script></html>", "cat.png", "image/png")
    with translation.override("en"):
        url = reverse("feed")
    response = login(alumna).post(url, {"body": "消えてほしくない本文です", "image": fake})
    assert response.status_code == 400
    html = response.content.decode()
    assert "消えてほしくない本文です" in html
    assert "Upload a JPEG, PNG, WebP or GIF image." in html
    assert not Post.objects.filter(body="消えてほしくない本文です").exists()


@pytest.mark.django_db
def test_post_with_a_pixel_flood_is_refused_quickly(login, alumna):
    flood = _upload(_png_flood(20000, 20000), "flood.png", "image/png")
    started = time.perf_counter()
    response = login(alumna).post(reverse("feed"), {"body": "爆弾", "image": flood})
    assert time.perf_counter() - started < 2.0
    assert response.status_code == 400
    assert "爆弾" in response.content.decode()
    assert not Post.objects.exists()
