"""Every members' view refuses the anonymous visitor, the applicant, the rejected and the suspended."""

from django.urls import reverse
from django.utils import translation

import pytest

MEMBER_URLS = [
    "directory",
    ("profile", "alumna"),
    "feed",
    "groups",
    "group_propose",
    "inbox",
    "notifications",
    ("message_start", "alumna"),
    "ideas",
    "idea_new",
    "calendar_settings",
]


def _url(name, language="ja"):
    with translation.override(language):
        if isinstance(name, tuple):
            return reverse(name[0], args=name[1:])
        return reverse(name)


@pytest.mark.parametrize("name", MEMBER_URLS)
def test_anonymous_visitor_is_sent_to_log_in(client, alumna, name):
    response = client.get(_url(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", ["me", "me_export", "me_delete", "join"])
def test_anonymous_visitor_is_sent_to_log_in_from_own_pages(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("name", MEMBER_URLS)
@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("pending", "being reviewed"),
        ("rejected", "not approved"),
        ("suspended", "suspended"),
    ],
)
def test_non_members_get_a_friendly_403_that_says_why(request, login, alumna, name, who, message):
    client = login(request.getfixturevalue(who))
    response = client.get(_url(name, "en"))
    assert response.status_code == 403
    assert message in response.content.decode()


def test_user_without_application_is_invited_to_apply(login, alumna):
    from tests.factories import UserFactory

    client = login(UserFactory())
    response = client.get(reverse("directory"))
    assert response.status_code == 403
    assert reverse("join") in response.content.decode()


def test_member_reaches_directory_and_profiles(login, alumna, employee):
    client = login(employee)
    assert client.get(reverse("directory")).status_code == 200
    assert client.get(reverse("profile", args=["alumna"])).status_code == 200


@pytest.mark.parametrize("who", ["pending", "rejected", "suspended"])
def test_profiles_of_non_members_are_404_to_members(request, login, alumna, who):
    other = request.getfixturevalue(who)
    response = login(alumna).get(reverse("profile", args=[other.handle]))
    assert response.status_code == 404


def test_unknown_handle_is_404(login, alumna):
    assert login(alumna).get(reverse("profile", args=["nobody-here"])).status_code == 404


def test_applicant_sees_own_status_and_profile_only(login, pending):
    client = login(pending)
    response = client.get(_url("join", "en"))
    assert response.status_code == 200
    assert "being reviewed" in response.content.decode()
    assert client.get(reverse("me")).status_code == 200


@pytest.mark.parametrize(
    "name",
    [
        ("block", "alumna"),
        ("group_follow", "any-group"),
        ("group_join", "any-group"),
        "notifications_read_all",
    ],
)
@pytest.mark.parametrize("who", ["pending", "suspended"])
def test_non_members_cannot_change_anything_by_posting(request, login, alumna, name, who):
    from community.models import Block, GroupMembership

    response = login(request.getfixturevalue(who)).post(_url(name))
    assert response.status_code == 403
    assert not Block.objects.exists() and not GroupMembership.objects.exists()


@pytest.mark.parametrize(
    "name", [("block", "alumna"), ("group_follow", "any-group"), "notifications_read_all"]
)
def test_anonymous_posts_are_sent_to_log_in(client, alumna, name):
    response = client.post(_url(name))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
