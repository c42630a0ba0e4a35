"""Members' uploaded images at /media/posts|groups|profiles/...: served only to those who may see what they
belong to, from the attacker's side. Everything refused is the same 404 as a name nobody uses."""

import contextlib
import io
import uuid

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.urls import Resolver404, resolve

import pytest
from PIL import Image

from community import member_media, permissions
from community.audiences import Audience
from community.models import Group, GroupMembership, Post
from community.upload_files import image_fields
from tests.factories.community import GroupFactory, PostFactory, add_member
from tests.factories.members import member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Every file these tests store goes to a temporary folder, never var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = ""
    settings.MEMBER_MEDIA_MAX_AGE = 600
    return settings.MEDIA_ROOT


def _store(instance, field_name):
    """Store a JPEG in the row's image field and save the row; returns (address, bytes)."""
    out = io.BytesIO()
    Image.new("RGB", (24, 16), (200, 120, 80)).save(out, format="JPEG")
    getattr(instance, field_name).save("picture.jpg", ContentFile(out.getvalue()))
    return "/media/" + getattr(instance, field_name).name, out.getvalue()


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def community_post(alumna):
    """A post in the community-wide feed: every member may read it."""
    return PostFactory(author=alumna.user, group=None)


@pytest.fixture
def private_group(alumna):
    group = GroupFactory(slug="locked", is_private=True)
    add_member(group, alumna)
    return group


@pytest.fixture
def private_post(alumna, private_group):
    return PostFactory(author=alumna.user, group=private_group)


def test_a_member_gets_a_post_image_with_private_headers(
    client, login, alumna, employee, community_post, django_assert_max_num_queries
):
    address, picture = _store(community_post, "image")
    login(employee)
    # session, user, the post with its group, the viewer's profile
    with django_assert_max_num_queries(4):
        response = client.get(address)
    assert response.status_code == 200
    assert _body(response) == picture
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"private", "max-age=600"}
    assert "cookie" in response["Vary"].lower()
    assert "X-Accel-Redirect" not in response


def test_head_is_answered_and_other_methods_are_not(client, login, employee, community_post):
    address, _picture = _store(community_post, "image")
    login(employee)
    assert client.head(address).status_code == 200
    assert client.post(address).status_code == 405


@pytest.mark.parametrize("folder", ["post", "cover", "photo"])
def test_anonymous_visitors_get_404_for_every_kind_of_upload(client, alumna, community_post, folder):
    group = GroupFactory(slug="open", is_private=False)
    row, field_name = {
        "post": (community_post, "image"),
        "cover": (group, "cover"),
        "photo": (alumna, "photo"),
    }[folder]
    address, _picture = _store(row, field_name)
    response = client.get(address)
    assert response.status_code == 404
    assert response.get("X-Accel-Redirect") is None


def test_a_logged_out_member_and_a_forwarded_link_get_404(client, login, employee, community_post):
    address, _picture = _store(community_post, "image")
    login(employee)
    assert client.get(address).status_code == 200
    client.logout()
    assert client.get(address).status_code == 404


def test_applicants_and_suspended_members_get_404(client, login, pending, suspended, community_post):
    address, _picture = _store(community_post, "image")
    for person in (pending, suspended):
        login(person)
        assert client.get(address).status_code == 404


def test_an_applicant_sees_their_own_photo(client, login, pending):
    address, picture = _store(pending, "photo")
    login(pending)
    response = client.get(address)
    assert response.status_code == 200
    assert _body(response) == picture


def test_private_group_post_image_is_404_for_non_members(client, login, employee, private_post):
    address, _picture = _store(private_post, "image")
    login(employee)
    assert client.get(address).status_code == 404


def test_group_members_and_the_secretariat_see_a_private_group_post_image(
    client, login, employee, secretary, private_group, private_post
):
    address, picture = _store(private_post, "image")
    add_member(private_group, employee)
    for person in (employee, secretary):
        login(person)
        response = client.get(address)
        assert response.status_code == 200
        assert _body(response) == picture


def test_a_member_removed_from_the_group_loses_its_images(
    client, login, employee, private_group, private_post, django_assert_max_num_queries
):
    address, _picture = _store(private_post, "image")
    add_member(private_group, employee)
    login(employee)
    # session, user, the post with its group, the viewer's profile, the viewer's groups
    with django_assert_max_num_queries(5):
        assert client.get(address).status_code == 200
    GroupMembership.objects.filter(group=private_group, user=employee.user).delete()
    assert client.get(address).status_code == 404


def test_a_hidden_post_image_is_404_even_for_its_author(client, login, alumna, community_post):
    address, _picture = _store(community_post, "image")
    Post.objects.filter(pk=community_post.pk).update(is_hidden=True)
    login(alumna)
    assert client.get(address).status_code == 404


def test_a_photo_follows_its_audience(
    client, login, alumna, employee, secretary, django_assert_max_num_queries
):
    address, picture = _store(alumna, "photo")
    colleague = member(handle="colleague")  # alumni, like alumna
    login(employee)
    assert client.get(address).status_code == 200  # all members, the default

    alumna.photo_audience = Audience.ALUMNI
    alumna.save(update_fields=["photo_audience"])
    assert client.get(address).status_code == 404  # narrowed: an employee no longer sees it
    login(colleague)
    # session, user, the photo's profile, the viewer's profile, the viewer's auth groups (secretariat?)
    with django_assert_max_num_queries(5):
        assert client.get(address).status_code == 200

    alumna.photo_audience = Audience.PRIVATE
    alumna.save(update_fields=["photo_audience"])
    assert client.get(address).status_code == 404
    for person in (alumna, secretary):  # only me (and the secretariat)
        login(person)
        response = client.get(address)
        assert response.status_code == 200
        assert _body(response) == picture


def test_a_group_cover_is_seen_with_the_group(client, login, alumna, employee, private_group):
    address, picture = _store(private_group, "cover")
    login(employee)  # not in the private group: members still see its page, cover included
    response = client.get(address)
    assert response.status_code == 200
    assert _body(response) == picture

    proposed = GroupFactory(slug="proposal", status=Group.Status.PROPOSED, proposed_by=alumna.user)
    address, _picture = _store(proposed, "cover")
    assert (
        client.get(address).status_code == 404
    )  # a proposal exists only for its proposer and the secretariat
    login(alumna)
    assert client.get(address).status_code == 200


def test_made_up_names_and_orphan_files_are_404(client, login, employee):
    login(employee)
    made_up = uuid.uuid4().hex
    assert client.get(f"/media/posts/{made_up[:2]}/{made_up}.jpg").status_code == 404
    orphan = default_storage.save(f"posts/{made_up[:2]}/{made_up}.jpg", ContentFile(b"\xff\xd8\xff"))
    assert default_storage.exists(orphan)
    assert client.get(f"/media/{orphan}").status_code == 404  # stored, but no row names it


def test_a_refusal_is_the_same_answer_as_a_name_nobody_uses(client, login, employee, private_post):
    address, _picture = _store(private_post, "image")
    made_up = uuid.uuid4().hex
    login(employee)
    refused = client.get(address)
    missing = client.get(f"/media/posts/{made_up[:2]}/{made_up}.jpg")
    assert refused.status_code == missing.status_code == 404
    assert refused.content == missing.content == b""
    assert dict(refused.headers) == dict(missing.headers)
    assert "no-store" in refused["Cache-Control"]  # a member added to the group later is not shown it


def test_nothing_but_an_image_is_served_even_to_an_allowed_viewer(client, login, employee, community_post):
    page = default_storage.save("posts/ab/page.html", ContentFile(b"<script>alert(1)</script>"))
    Post.objects.filter(pk=community_post.pk).update(image=page)
    login(employee)
    assert client.get(f"/media/{page}").status_code == 404


@pytest.mark.parametrize("accel_prefix", ["", "/_member_media/"])
def test_a_row_whose_file_is_gone_is_the_empty_404(
    client, login, employee, settings, community_post, accel_prefix
):
    """Behind nginx too: its own 404 would carry the image's private max-age, so a member's browser would keep
    the refusal after the file came back."""
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = accel_prefix
    address, _picture = _store(community_post, "image")
    default_storage.delete(community_post.image.name)
    login(employee)
    response = client.get(address)
    assert response.status_code == 404
    assert response.content == b""
    assert "X-Accel-Redirect" not in response
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "address",
    [
        "/media/posts/../{photo}",
        "/media/posts/%2e%2e/{photo}",
        "/media/posts/..%2f{photo}",
        "/media/posts/./../{photo}",
        "/media/posts//../{photo}",
        "/media/posts/..\\{photo}",
        "/media/posts/%2e%2e%5c{photo}",
        "/media/{photo}%00",
        "/media/{photo}/",
        "/media/posts/../../portal/settings/base.py",
        "/media/posts/%2e%2e/%2e%2e/portal/settings/base.py",
    ],
)
def test_path_traversal_is_404(client, login, alumna, employee, address):
    address_of_photo, _picture = _store(alumna, "photo")
    login(employee)
    assert client.get(address_of_photo).status_code == 200  # the viewer may see the photo itself
    response = client.get(address.format(photo=alumna.photo.name))
    assert response.status_code == 404


def test_a_name_under_another_folder_than_its_row_is_404(client, login, employee, community_post):
    """The folder picks the model: a post's file asked for as a group cover or a photo is nobody's."""
    address, _picture = _store(community_post, "image")
    login(employee)
    rest = community_post.image.name.partition("/")[2]
    assert client.get(f"/media/groups/{rest}").status_code == 404
    assert client.get(f"/media/profiles/{rest}").status_code == 404
    # Even a file that does exist under groups/, named by a post the viewer may read, is not a group's cover.
    moved = default_storage.save(f"groups/{rest}", ContentFile(b"\xff\xd8\xff"))
    Post.objects.filter(pk=community_post.pk).update(image=moved)
    assert client.get(f"/media/{moved}").status_code == 404


def test_x_accel_redirect_hands_the_file_to_nginx(client, login, employee, settings, community_post):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/_member_media/"
    address, _picture = _store(community_post, "image")
    login(employee)
    response = client.get(address)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_member_media/" + community_post.image.name
    assert response.content == b""
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"].startswith("private")
    assert "cookie" in response["Vary"].lower()
    client.logout()
    refused = client.get(address)
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused


class SignedUrlStorage(Storage):
    """Object storage as the view sees it: no local path, URLs signed by the storage."""

    def path(self, name):
        raise NotImplementedError

    def url(self, name):
        return f"https://bucket.example/{name}?X-Amz-Signature=abc&X-Amz-Expires=3600"


def test_object_storage_redirects_to_the_signed_url(client, login, employee, community_post, monkeypatch):
    address, _picture = _store(community_post, "image")
    monkeypatch.setattr(Post._meta.get_field("image"), "storage", SignedUrlStorage())
    login(employee)
    response = client.get(address)
    assert response.status_code == 302
    assert response["Location"] == SignedUrlStorage().url(community_post.image.name)
    assert response["Cache-Control"].startswith("private")
    client.logout()
    assert client.get(address).status_code == 404


def test_the_page_cache_never_keeps_a_member_image(client, login, employee, settings, community_post):
    settings.PAGE_CACHE_SECONDS = 600
    address, _picture = _store(community_post, "image")
    login(employee)
    member_response = client.get(address)
    assert member_response.status_code == 200
    assert "X-Page-Cache" not in member_response
    assert "public" not in member_response["Cache-Control"]
    client.logout()
    for _ in range(2):  # stored the first time, it would be a hit the second
        anonymous = client.get(address)
        assert anonymous.status_code == 404
        assert "X-Page-Cache" not in anonymous


def test_wagtail_images_and_documents_are_not_member_uploads():
    for address in (
        "/media/original_images/ab/x.jpg",
        "/media/images/x.width-400.jpg",
        "/media/documents/x.pdf",
    ):
        with contextlib.suppress(
            Resolver404
        ):  # no pattern at all with DEBUG off (static() serves them with it)
            assert resolve(address).url_name != "member_upload"
    assert resolve("/media/posts/ab/x.jpg").url_name == "member_upload"


def test_every_member_image_folder_is_served():
    """A new MemberImageField without a row lookup here would be refused for everyone."""
    folders = {image_field.folder for _model, image_field in image_fields()}
    assert folders == set(member_media.OWNERS)
    for folder in folders:
        assert resolve(f"/media/{folder}/ab/x.jpg").url_name == "member_upload"
    for label, field_name, _related in member_media.OWNERS.values():
        assert apps.get_model(label)._meta.get_field(field_name).folder in folders


def test_an_upload_of_an_unknown_kind_is_seen_by_nobody(secretary):
    assert permissions.can_see_upload(secretary.user, object()) is False


def test_no_audience_is_public():
    """Anonymous visitors get 404 for every upload because no audience includes them (community/views/media.py).
    An audience added for the public must revisit that, and the views' 404 for anonymous visitors."""
    assert permissions.audiences_for(AnonymousUser()) == set()
    assert set(Audience.values) == {"members", "alumni", "employees", "private"}
