"""Editing one's own profile at /me/: privacy choices, validated uploads, bad input that loses nothing, deletion."""

import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from PIL import Image

from community.models import AuditEntry, Profile

pytestmark = pytest.mark.django_db


def _form_data(profile, **overrides):
    data = {
        "display_name": profile.display_name,
        "name_kana": profile.name_kana,
        "name_romaji": profile.name_romaji,
        "joined_year": profile.joined_year or "",
        "left_year": profile.left_year or "",
        "organisation": "",
        "job_title": "",
        "location": "",
        "bio": "",
        "expertise": "",
        "links": "",
        "public_headline": "",
        "messages_from": profile.messages_from,
    }
    for part in (
        "photo",
        "former_surname",
        "career_years",
        "departments",
        "sites",
        "work",
        "location",
        "bio",
        "expertise",
        "open_to",
        "links",
    ):
        data[f"{part}_audience"] = getattr(profile, f"{part}_audience")
    data.update(overrides)
    return data


def _jpeg_with_exif(size=(1600, 1200)):
    image = Image.new("RGB", size, (200, 120, 80))
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"  # Make
    exif[0x8825] = {2: (35, 40, 0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile("me.jpg", out.getvalue(), content_type="image/jpeg")


def test_member_saves_profile_and_privacy_choices(login, alumna):
    client = login(alumna)
    response = client.post(
        reverse("me"),
        _form_data(
            alumna,
            organisation="株式会社ミドリノ",
            work_audience="alumni",
            expertise="発酵, 商品開発",
            open_to=["mentoring", "coffee"],
            links="https://example.jp/me",
        ),
    )
    assert response.status_code == 302
    alumna.refresh_from_db()
    assert alumna.organisation == "株式会社ミドリノ"
    assert alumna.work_audience == "alumni"
    assert sorted(alumna.expertise.names()) == ["商品開発", "発酵"]
    assert alumna.open_to == ["mentoring", "coffee"]
    assert alumna.links == ["https://example.jp/me"]


def test_photo_is_resized_and_stripped_of_metadata(login, alumna, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = login(alumna)
    response = client.post(reverse("me"), {**_form_data(alumna), "photo": _jpeg_with_exif()})
    assert response.status_code == 302
    alumna.refresh_from_db()
    with Image.open(alumna.photo.path) as stored:
        assert max(stored.size) <= 800
        assert not stored.getexif()
    assert "me.jpg" not in alumna.photo.name  # stored under a generated name

    # Saving the profile again without a new photo keeps the one file: no copy left behind under a new name.
    stored = alumna.photo.name
    assert login(alumna).post(reverse("me"), _form_data(alumna, organisation="別の会社")).status_code == 302
    alumna.refresh_from_db()
    assert alumna.photo.name == stored and alumna.organisation == "別の会社"
    assert len([path for path in tmp_path.rglob("*") if path.is_file()]) == 1


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("x.jpg", b"not an image at all", content_type="image/jpeg"), "image"),
        (
            SimpleUploadedFile(
                "x.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                content_type="image/svg+xml",
            ),
            "image",
        ),
    ],
)
def test_bad_uploads_are_refused_with_a_message_and_nothing_saved(login, alumna, upload, message):
    client = login(alumna)
    response = client.post(
        reverse("me"), {**_form_data(alumna, organisation="変更されない"), "photo": upload}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["photo"]
    alumna.refresh_from_db()
    assert alumna.organisation != "変更されない"
    assert not alumna.photo


def test_oversized_upload_is_refused(login, alumna):
    big = SimpleUploadedFile(
        "big.jpg", b"\xff\xd8" + b"0" * (5 * 1024 * 1024 + 10), content_type="image/jpeg"
    )
    response = login(alumna).post(reverse("me"), {**_form_data(alumna), "photo": big})
    assert response.status_code == 200
    assert response.context["form"].errors["photo"]


def test_pixel_flood_is_refused_before_decoding(login, alumna):
    out = io.BytesIO()
    Image.new("1", (6000, 6000)).save(out, format="PNG")  # small file, 36 megapixels
    flood = SimpleUploadedFile("flood.png", out.getvalue(), content_type="image/png")
    response = login(alumna).post(reverse("me"), {**_form_data(alumna), "photo": flood})
    assert response.status_code == 200
    assert response.context["form"].errors["photo"]


def test_bad_links_and_years_are_explained_next_to_the_field(login, alumna):
    response = login(alumna).post(
        reverse("me"),
        _form_data(
            alumna,
            links="javascript:alert(1)",
            joined_year=2020,
            left_year=2010,
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "links" in errors and "left_year" in errors


def test_bio_with_script_is_shown_as_text(login, alumna, employee):
    login(alumna).post(
        reverse("me"), _form_data(alumna, bio="<script>alert('x')</script>", bio_audience="members")
    )
    html = login(employee).get(reverse("profile", args=[alumna.handle])).content.decode()
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;" in html


def test_volunteering_as_supporter_shows_on_profile(login, alumna, employee):
    login(alumna).post(reverse("me"), _form_data(alumna, is_supporter="on"))
    alumna.refresh_from_db()
    assert alumna.is_supporter and alumna.supporter_since
    html = login(employee).get(reverse("profile", args=[alumna.handle])).content.decode()
    assert 'data-supporter="true"' in html


def test_account_deletion_needs_confirmation_and_removes_the_profile(login, alumna, employee):
    client = login(alumna)
    response = client.post(reverse("me_delete"), {"confirm": "no", "password": "wrong"})
    assert response.status_code == 200
    assert Profile.objects.filter(pk=alumna.pk).exists()

    from tests.factories.users import DEFAULT_PASSWORD

    response = client.post(reverse("me_delete"), {"confirm": "DELETE", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert not Profile.objects.filter(handle="alumna").exists()
    assert not get_user_model().objects.filter(pk=alumna.user_id).exists()
    assert AuditEntry.objects.filter(action="delete_account").exists()
    other = login(employee)
    assert "佐藤 美咲" not in other.get(reverse("directory")).content.decode()
    assert other.get(reverse("profile", args=["alumna"])).status_code == 404


def test_deleted_members_comments_stay_without_their_name(login, alumna, employee):
    from django_comments_xtd.models import XtdComment

    from community.posting import add_comment
    from tests.factories.community import PostFactory
    from tests.factories.users import DEFAULT_PASSWORD

    post = PostFactory(author=employee.user, group=None)
    add_comment(alumna.user, post, "残るコメント")
    login(alumna).post(reverse("me_delete"), {"confirm": "DELETE", "password": DEFAULT_PASSWORD})
    comment = XtdComment.objects.get()
    assert comment.user is None and comment.user_name == "" and comment.comment == "残るコメント"
    html = login(employee).get(reverse("post", args=[post.pk])).content.decode()
    assert "残るコメント" in html and "佐藤 美咲" not in html
