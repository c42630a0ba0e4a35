"""Rate limits on accounts, search and what members write, and the second factor the admin requires —
from the attacker's side: a guesser, a password sprayer, a flood of searches, an admin login without the code."""

import contextlib
import time

from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django_comments_xtd.models import XtdComment

from community import messaging, ratelimit
from community.models import Report
from tests.factories import UserFactory
from tests.factories.community import GroupFactory, PostFactory, add_member
from tests.factories.users import DEFAULT_PASSWORD, with_authenticator

ATTACKER, OWNER = "203.0.113.66", "198.51.100.7"


@pytest.fixture(autouse=True)
def _japanese_urls():
    """Each test starts in Japanese (no URL prefix), whatever language an earlier request left active."""
    with translation.override("ja"):
        yield


def _verified(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _from(address):
    return Client(REMOTE_ADDR=address)


def _log_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def _logged_in(client):
    return "_auth_user_id" in client.session


def _code(secret):
    """The six digits an authenticator app shows now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


# --- Log-in: slowed guessing, never the owner locked out --------------------------------------------------------


def test_guessing_one_password_is_slowed_but_the_owner_still_logs_in_from_elsewhere(db):
    owner = _verified(UserFactory(email="owner@example.com"))
    attacker = _from(ATTACKER)
    for guess in range(5):
        assert _log_in(attacker, owner.email, f"guess-{guess}").status_code == 200
    with translation.override("en"):
        refused = _log_in(attacker, owner.email, DEFAULT_PASSWORD)  # even the right password, from there
    assert "Too many failed login attempts" in refused.content.decode()
    assert not _logged_in(attacker)

    owner_elsewhere = _from(OWNER)
    assert _log_in(owner_elsewhere, owner.email, DEFAULT_PASSWORD).status_code == 302
    assert _logged_in(owner_elsewhere)


def test_guessing_from_fresh_ipv6_addresses_of_one_block_is_slowed_like_one_address(db):
    owner = _verified(UserFactory(email="v6owner@example.com"))
    for guess in range(5):  # a new address of the same /64 for every guess
        assert (
            _log_in(_from(f"2001:db8:1:2::{guess + 1:x}"), owner.email, f"guess-{guess}").status_code == 200
        )
    with translation.override("en"):
        refused = _log_in(_from("2001:db8:1:2::ff"), owner.email, DEFAULT_PASSWORD)
    assert "Too many failed login attempts" in refused.content.decode()

    owner_elsewhere = _from("2001:db8:9:9::1")  # another /64: the owner's own line
    assert _log_in(owner_elsewhere, owner.email, DEFAULT_PASSWORD).status_code == 302


def test_spraying_one_password_over_many_accounts_from_one_address_is_slowed(db):
    accounts = [_verified(UserFactory(email=f"sprayed{n}@example.com")) for n in range(11)]
    sprayer = _from(ATTACKER)
    for account in accounts[:10]:
        _log_in(sprayer, account.email, "Summer2026!")
    with translation.override("en"):
        refused = _log_in(sprayer, accounts[10].email, DEFAULT_PASSWORD)
    assert "Too many failed login attempts" in refused.content.decode()
    assert not _logged_in(sprayer)

    owner = _from(OWNER)
    _log_in(owner, accounts[10].email, DEFAULT_PASSWORD)
    assert _logged_in(owner)


def test_a_flood_of_log_ins_gets_the_translated_429_page_in_the_site_layout(db):
    flood = _from(ATTACKER)
    with translation.override("en"):
        url, reset = reverse("account_login"), reverse("account_reset_password")
    statuses = [flood.post(url, {"login": "x@example.com", "password": "x"}).status_code for _ in range(31)]
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429
    page = flood.post(url, {"login": "x@example.com", "password": "x"})
    content = page.content.decode()
    assert page.status_code == 429
    assert "Too many attempts: please wait a few minutes" in content
    assert 'class="site-header"' in content and reset in content
    japanese = flood.post(reverse("account_login"), {"login": "x@example.com", "password": "x"})
    assert japanese.status_code == 429 and 'lang="ja"' in japanese.content.decode()


def test_sign_ups_from_one_address_are_limited(db):
    flood = _from(ATTACKER)

    def sign_up(n):
        data = {
            "email": f"new{n}@example.com",
            "password1": "a-long-phrase-42",
            "password2": "a-long-phrase-42",
        }
        return flood.post(reverse("account_signup"), data).status_code

    assert [sign_up(n) for n in range(10)] == [302] * 10
    assert sign_up(10) == 429
    assert _from(OWNER).post(reverse("account_signup"), {}).status_code == 200  # others still can


# --- Search -----------------------------------------------------------------------------------------------------


def test_a_member_searching_too_often_gets_a_clear_429_and_keeps_the_words(monkeypatch, login, alumna):
    monkeypatch.setitem(ratelimit.LIMITS, "search", (2, 300))
    client = login(alumna)
    assert client.get(reverse("search")).status_code == 200  # opening the page is not a search
    assert [client.get(reverse("search"), {"q": "転職"}).status_code for _ in range(2)] == [200, 200]
    with translation.override("en"):
        limited = client.get("/en/search/", {"q": "転職"})
    assert limited.status_code == 429
    content = limited.content.decode()
    assert "You are doing that a lot: please wait a few minutes" in content
    assert 'value="転職"' in content


def test_visitors_are_limited_per_address_not_all_together(monkeypatch, db):
    monkeypatch.setitem(ratelimit.ANONYMOUS_LIMITS, "search", (2, 300))
    flood = _from(ATTACKER)
    assert [flood.get(reverse("search"), {"q": "キャリア"}).status_code for _ in range(3)] == [200, 200, 429]
    assert _from(OWNER).get(reverse("search"), {"q": "キャリア"}).status_code == 200


def test_the_directory_limits_free_text_only_and_keeps_the_filters(monkeypatch, login, alumna):
    monkeypatch.setitem(ratelimit.LIMITS, "search", (1, 300))
    client = login(alumna)
    assert client.get(reverse("directory"), {"q": "営業"}).status_code == 200
    with translation.override("en"):
        limited = client.get("/en/members/", {"q": "営業", "location": "札幌"})
    assert limited.status_code == 429
    content = limited.content.decode()
    assert "You are doing that a lot" in content
    assert 'value="営業"' in content and 'value="札幌"' in content
    # Filters without free text are not searches.
    assert client.get(reverse("directory"), {"location": "札幌"}).status_code == 200


# --- What members write: refused clearly, nothing lost ------------------------------------------------------


@pytest.fixture
def circle(alumna, employee):
    group = GroupFactory(name="写真部", slug="photo")
    add_member(group, alumna)
    add_member(group, employee)
    return group


@pytest.fixture
def used_up(monkeypatch):
    """used_up(user, action): spend the member's allowance (one, here), so their next `action` is refused."""

    def spend(user, action):
        monkeypatch.setitem(ratelimit.LIMITS, action, (1, 600))
        with contextlib.suppress(ratelimit.RateLimited):  # the test's own setup may have spent it already
            ratelimit.check(user, action)

    return spend


def test_a_post_over_the_limit_is_refused_with_429_and_the_text_kept(used_up, login, alumna):
    client = login(alumna)
    used_up(alumna.user, "post")
    with translation.override("en"):
        response = client.post(reverse("feed"), {"body": "週末の撮影会のお知らせ"})
    assert response.status_code == 429
    content = response.content.decode()
    assert "You are doing that a lot" in content and "週末の撮影会のお知らせ" in content


def test_a_group_post_over_the_limit_is_refused_with_the_text_kept(used_up, login, alumna, circle):
    client = login(alumna)
    used_up(alumna.user, "post")
    with translation.override("en"):
        response = client.post(reverse("group", args=["photo"]), {"body": "新しいレンズの話"})
    assert response.status_code == 429
    content = response.content.decode()
    assert "You are doing that a lot" in content and "新しいレンズの話" in content
    assert not circle.posts.exists()


def test_a_comment_over_the_limit_is_refused_and_kept_as_a_draft(used_up, login, alumna, employee, circle):
    post = PostFactory(author=employee.user, group=circle)
    client = login(alumna)
    used_up(alumna.user, "comment")
    with translation.override("en"):
        refused = client.post(
            reverse("comment_on_post", args=[post.pk]), {"comment": "素敵な写真ですね", "parent": ""}
        )
        page = client.get(refused["Location"])
    content = page.content.decode()
    assert "You are doing that a lot" in content and "素敵な写真ですね" in content
    assert not XtdComment.objects.exists()


def test_a_reaction_over_the_limit_answers_429_in_place(used_up, login, alumna, employee, circle):
    post = PostFactory(author=employee.user, group=circle)
    client = login(alumna)
    used_up(alumna.user, "react")
    with translation.override("en"):
        response = client.post(
            reverse("react", args=["post", post.pk]), {"reaction": "like"}, HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 429
    assert "You are doing that a lot" in response.content.decode()


def test_a_report_over_the_limit_is_refused_with_the_reason_kept(used_up, login, alumna, employee, circle):
    post = PostFactory(author=employee.user, group=circle)
    client = login(alumna)
    used_up(alumna.user, "report")
    with translation.override("en"):
        response = client.post(
            reverse("report", args=["post", post.pk]), {"reason": "同じ宣伝が何度も投稿されています"}
        )
    content = response.content.decode()
    assert "You are doing that a lot" in content and "同じ宣伝が何度も投稿されています" in content
    assert not Report.objects.exists()


def test_a_message_over_the_limit_is_refused_with_the_text_kept(used_up, login, alumna, employee):
    conversation = messaging.start_conversation(alumna.user, [employee.user], "こんにちは")
    client = login(alumna)
    used_up(alumna.user, "message")
    with translation.override("en"):
        reply = client.post(conversation.get_absolute_url(), {"body": "来週お茶しませんか"})
        new = client.post(reverse("message_start", args=[employee.handle]), {"body": "別件のご相談です"})
    for response, text in ((reply, "来週お茶しませんか"), (new, "別件のご相談です")):
        assert response.status_code == 429
        content = response.content.decode()
        assert "You are doing that a lot" in content and text in content
    assert conversation.messages.count() == 1


# --- The second factor --------------------------------------------------------------------------------------


@pytest.fixture
def editor_without_mfa(db):
    return _verified(UserFactory(email="new-editor@example.com", groups=["Editors"], second_factor=False))


def test_admin_users_without_an_authenticator_are_sent_to_set_one_up(client, editor_without_mfa, secretary):
    Authenticator.objects.filter(user=secretary.user).delete()
    superuser = UserFactory(is_superuser=True, is_staff=True, second_factor=False)
    for user in (editor_without_mfa, secretary.user, superuser):
        client.force_login(user)
        for page in (reverse("wagtailadmin_home"), reverse("wagtailadmin_explore_root")):
            response = client.get(page)
            assert response.status_code == 302
            assert response["Location"] == reverse("mfa_activate_totp")


def test_a_member_without_mfa_is_never_asked_for_it(login, alumna):
    client = login(alumna)
    assert client.get(reverse("feed")).status_code == 200
    assert client.get(reverse("me")).status_code == 200
    response = client.get(reverse("wagtailadmin_home"))  # not for members: refused, not sent to set up MFA
    assert response.status_code == 302 and reverse("mfa_activate_totp") not in response["Location"]


def test_log_in_asks_for_the_code_and_only_then_admits_to_the_admin(editor_without_mfa):
    secret = with_authenticator(editor_without_mfa)
    client = _from(OWNER)
    step = _log_in(client, editor_without_mfa.email, DEFAULT_PASSWORD)
    assert step["Location"] == reverse("mfa_authenticate")
    assert not _logged_in(client)
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # a password alone opens nothing

    with translation.override("en"):
        wrong = client.post(
            reverse("mfa_authenticate"), {"code": f"{(int(_code(secret)) + 500000) % 10**6:06d}"}
        )
    assert wrong.status_code == 200 and not _logged_in(client)

    assert client.post(reverse("mfa_authenticate"), {"code": _code(secret)}).status_code == 302
    assert _logged_in(client)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.parametrize("door", ["/admin/login/", "/_util/login/", "/en/_util/login/"])
def test_wagtails_password_only_forms_cannot_skip_the_second_factor(client, door, editor_without_mfa):
    with_authenticator(editor_without_mfa)
    response = client.post(door, {"username": editor_without_mfa.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert "/accounts/login/?next=" in response["Location"]
    assert not _logged_in(client)
    assert client.get(door + "?next=/admin/pages/")["Location"].endswith(
        "/accounts/login/?next=/admin/pages/"
    )


def test_any_member_can_turn_on_totp_from_my_page(alumna):
    user = _verified(alumna.user)
    client = _from(OWNER)
    _log_in(client, user.email, DEFAULT_PASSWORD)
    assert reverse("mfa_index") in client.get(reverse("me")).content.decode()

    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})  # allauth asks again first
    setup = client.get(reverse("mfa_activate_totp"))
    assert setup.status_code == 200
    page = setup.content.decode()
    # In our layout, with a QR code and the secret itself (typed by hand when the phone cannot scan).
    assert 'class="site-header"' in page and 'src="data:image/svg+xml;base64,' in page
    secret = client.session[SECRET_SESSION_KEY]
    assert secret in page
    response = client.post(reverse("mfa_activate_totp"), {"code": _code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def test_login_asks_a_member_with_totp_for_the_code_too(alumna):
    user = _verified(alumna.user)
    with_authenticator(user)
    client = _from(OWNER)
    assert _log_in(client, user.email, DEFAULT_PASSWORD)["Location"] == reverse("mfa_authenticate")
    assert not _logged_in(client)


def test_the_demo_admin_logs_in_through_allauth_and_is_asked_to_set_up_totp(db):
    from home.demo.seeder import ADMIN_EMAIL, ADMIN_PASSWORD, DemoSeeder

    DemoSeeder(log=lambda message: None).seed_accounts()
    client = _from(OWNER)
    _log_in(client, ADMIN_EMAIL, ADMIN_PASSWORD)
    assert _logged_in(client)
    assert client.get(reverse("wagtailadmin_home"))["Location"] == reverse("mfa_activate_totp")
