"""Accounts from the attacker's side: no enumeration, slowed guessing, no open redirects."""

from django.core import mail
from django.urls import reverse
from django.utils import translation

import pytest

from tests.factories import UserFactory
from tests.factories.users import DEFAULT_PASSWORD


@pytest.fixture
def known(db):
    from allauth.account.models import EmailAddress

    user = UserFactory(email="known@example.com")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _without_csrf(html):
    import re

    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client, known):
    translation.activate("en")
    known_response = client.post(
        reverse("account_reset_password"), {"email": "known@example.com"}, follow=True
    )
    unknown_response = client.post(
        reverse("account_reset_password"), {"email": "nobody@example.com"}, follow=True
    )
    assert known_response.status_code == unknown_response.status_code == 200
    assert known_response.redirect_chain == unknown_response.redirect_chain
    assert _without_csrf(known_response.content.decode()) == _without_csrf(unknown_response.content.decode())


def test_signup_with_a_taken_address_looks_like_any_signup(client, known):
    taken = client.post(
        reverse("account_signup"),
        {
            "email": "known@example.com",
            "password1": "another-long-phrase-1",
            "password2": "another-long-phrase-1",
        },
    )
    fresh = client.post(
        reverse("account_signup"),
        {
            "email": "fresh@example.com",
            "password1": "another-long-phrase-1",
            "password2": "another-long-phrase-1",
        },
    )
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"]
    # The owner of the taken address is told by e-mail, not the person at the form.
    assert {tuple(m.to) for m in mail.outbox} == {("known@example.com",), ("fresh@example.com",)}


def test_login_failures_are_rate_limited(client, known):
    translation.activate("en")

    def attempt():
        response = client.post(
            reverse("account_login"), {"login": "known@example.com", "password": "wrong-guess"}
        )
        return " ".join(response.context["form"].non_field_errors()) if response.context else ""

    first = attempt()
    later = [attempt() for _ in range(6)]
    assert "Too many" not in first
    assert "Too many failed login attempts" in later[-1]


def test_login_refuses_an_offsite_next(client, known):
    response = client.post(
        reverse("account_login") + "?next=https://evil.example/steal",
        {"login": "known@example.com", "password": DEFAULT_PASSWORD, "next": "https://evil.example/steal"},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_login_follows_an_onsite_next(client, known):
    response = client.post(
        reverse("account_login"), {"login": "known@example.com", "password": DEFAULT_PASSWORD, "next": "/me/"}
    )
    assert response["Location"] == "/me/"
