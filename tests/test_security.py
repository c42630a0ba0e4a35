"""Security headers on every kind of response, cookie flags in production, and the session lifecycle."""

import re
import runpy
from pathlib import Path

from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.test import Client
from django.urls import reverse

import pytest

from tests.factories.users import DEFAULT_PASSWORD

NEW_PASSWORD = "a-brand-new-long-phrase-7"


def directives(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    policy = response["Content-Security-Policy"]
    return {name: sources for name, *sources in (part.split() for part in policy.split(";") if part.strip())}


def assert_common_headers(response):
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    csp = directives(response)
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    return csp


def assert_site_policy(response):
    csp = assert_common_headers(response)
    assert response["X-Frame-Options"] == "DENY"
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]


def test_public_page_has_the_strict_site_policy(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert_site_policy(response)


def test_member_page_has_the_strict_site_policy(login, alumna):
    response = login(alumna).get(reverse("feed"))
    assert response.status_code == 200
    assert_site_policy(response)


def test_not_found_page_has_the_strict_site_policy(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_site_policy(response)


def assert_admin_policy(response):
    csp = assert_common_headers(response)
    # Wagtail's widgets write inline code (wagtail/wagtail#1288); nothing else is loosened.
    assert csp["script-src"] == csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["frame-ancestors"] == ["'self'"]  # the page editor frames its own preview
    assert csp["default-src"] == ["'self'"]


def test_admin_gets_its_own_policy(login, secretary):
    response = login(secretary).get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert_admin_policy(response)


def test_a_page_preview_gets_the_admin_policy_though_it_renders_the_site(interview):
    # Wagtail renders previews by sending a made-up request for the page's own URL through the middleware.
    response = interview.make_preview_request()
    assert response.status_code == 200
    assert_admin_policy(response)


TEMPLATES_DIR = Path(django_settings.BASE_DIR) / "templates"
# E-mails are not web pages; the admin's own screens run under the admin policy, which allows style=.
NOT_SITE_PAGES = ("community/emails/", "community/admin/")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<[^>]+\sstyle\s*=|<style[\s>]", re.I)
SCRIPT_URL = re.compile(r"javascript:", re.I)
TEMPLATE_COMMENT = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.S)


def site_templates():
    for path in sorted(TEMPLATES_DIR.rglob("*.html")):
        relative = path.relative_to(TEMPLATES_DIR).as_posix()
        if not relative.startswith(NOT_SITE_PAGES):
            yield relative, TEMPLATE_COMMENT.sub("", path.read_text(encoding="utf-8"))


def test_site_templates_have_no_inline_scripts_event_handlers_or_styles():
    offenders = [
        (name, pattern.pattern)
        for name, text in site_templates()
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER, INLINE_STYLE, SCRIPT_URL)
        if pattern.search(text)
    ]
    assert offenders == []
    assert any(name == "base.html" for name, _ in site_templates())  # the scan really read the templates


def test_inline_code_patterns_catch_what_a_strict_policy_blocks():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/js/site.js" defer></script>')
    assert not INLINE_SCRIPT.search('<script id="data" type="application/json">{}</script>')
    assert EVENT_HANDLER.search('<button class="b" onclick="go()">')
    assert INLINE_STYLE.search('<div style="color: red">')


# --- Production settings ---------------------------------------------------------------------------------


@pytest.fixture
def production(monkeypatch):
    """The settings production.py computes, from a production-like environment."""

    def load(**environment):
        monkeypatch.setenv("SECRET_KEY", "test-only-" + "x" * 50)
        monkeypatch.setenv("ALLOWED_HOSTS", "tsunagari.example")
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        return runpy.run_module("portal.settings.production")

    return load


def test_production_hsts_includes_subdomains_and_preload_unless_turned_off(production):
    values = production()
    assert values["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and values["SECURE_HSTS_PRELOAD"]
    values = production(SECURE_HSTS_INCLUDE_SUBDOMAINS="false", SECURE_HSTS_PRELOAD="false")
    assert not values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and not values["SECURE_HSTS_PRELOAD"]


@pytest.fixture
def verified(db):
    from allauth.account.models import EmailAddress

    from tests.factories import UserFactory

    user = UserFactory(email="verified@example.com")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def log_in(client, email="verified@example.com", password=DEFAULT_PASSWORD, **extra):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **extra)


SECURITY_SETTINGS = (
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
)


def test_production_cookies_are_secure_httponly_and_lax_and_https_is_strict(
    production, settings, client, verified, home_page
):
    values = production()
    for name in SECURITY_SETTINGS:
        setattr(settings, name, values[name])
    assert client.get("/", secure=False).status_code == 301  # plain HTTP is sent to HTTPS
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    client.get(reverse("account_login"), secure=True)
    log_in(client, secure=True)
    for name in ("sessionid", "csrftoken"):
        cookie = client.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name


# --- Sessions ------------------------------------------------------------------------------------------


def is_logged_in(client):
    """Whether the client's session still opens a page that needs only a login (not membership)."""
    response = client.get(reverse("notification_preferences"))
    assert response.status_code in (200, 302)
    return response.status_code == 200


def test_logging_in_replaces_a_planted_session_key(client, verified):
    planted = SessionStore()
    planted["lang"] = "ja"
    planted.create()
    client.cookies["sessionid"] = planted.session_key
    assert log_in(client).status_code == 302
    assert client.cookies["sessionid"].value != planted.session_key
    assert not SessionStore().exists(planted.session_key)
    assert client.session["_auth_user_id"] == str(verified.pk)


def test_changing_the_password_ends_other_sessions_and_keeps_this_one(client, verified):
    other = Client()
    log_in(client)
    log_in(other)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": DEFAULT_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert is_logged_in(client)
    assert not is_logged_in(other)


def test_resetting_the_password_ends_every_session(client, verified):
    elsewhere = Client()
    log_in(elsewhere)
    assert is_logged_in(elsewhere)
    client.post(reverse("account_reset_password"), {"email": verified.email})
    link = re.search(r"https?://[^/\s]+(/\S*/password/reset/key/\S+/)", mail.outbox[-1].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    verified.refresh_from_db()
    assert verified.check_password(NEW_PASSWORD)
    assert not is_logged_in(elsewhere)


def test_suspending_a_member_ends_their_open_sessions(login, alumna, secretary):
    member_client = Client()
    member_client.force_login(alumna.user)
    assert member_client.get(reverse("feed")).status_code == 200
    admin = login(secretary)
    admin.post(reverse("community_suspend_member", args=[alumna.pk]), {"reason": "規約違反の確認中"})
    alumna.refresh_from_db()
    assert alumna.status == "suspended"
    # Logged out (sent to log in), not merely refused with a 403 while the session lives on.
    response = member_client.get(reverse("feed"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_log_out_everywhere_ends_every_session_including_this_one(client, alumna):
    laptop, phone = client, Client()
    laptop.force_login(alumna.user)
    phone.force_login(alumna.user)
    assert "logout-everywhere" in laptop.get(reverse("me")).content.decode()
    response = laptop.post(reverse("logout_everywhere"))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    assert not is_logged_in(laptop)
    assert not is_logged_in(phone)
    alumna.user.refresh_from_db()
    laptop.force_login(alumna.user)  # logging in again works as usual
    assert is_logged_in(laptop)


def test_log_out_everywhere_needs_a_post_with_a_csrf_token(alumna):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alumna.user)
    assert browser.get(reverse("logout_everywhere")).status_code == 405
    assert browser.post(reverse("logout_everywhere")).status_code == 403  # a cross-site form has no token
    assert is_logged_in(browser)


def test_log_out_everywhere_sends_an_anonymous_visitor_to_log_in(client, db):
    response = client.post(reverse("logout_everywhere"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_sessions_keep_working_while_the_cache_is_unreachable(settings, client, alumna):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/3",  # nothing listens on the discard port
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }
    client.force_login(alumna.user)
    assert is_logged_in(client)
    assert client.get(reverse("feed")).status_code == 200
