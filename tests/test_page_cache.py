"""The anonymous page cache (home/page_cache.py): cheap hits, changes visible at once, nothing per-user shared."""

import re
from contextlib import contextmanager

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from wagtail import hooks
from wagtail.models import PageViewRestriction

import pytest

from community.models import Notification
from community.models.notifications import Kind
from community.posting import add_comment
from stories.models import StoryPerson

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_MAX_AGE = 30


@contextmanager
def page_hook(fn):
    """An extra on_serve_page hook for one test: `fn(request, response)` runs after the page rendered."""

    def wrap(next_serve_page):
        def serve(page, request, args, kwargs):
            response = next_serve_page(page, request, args, kwargs)
            fn(request, response)
            return response

        return serve

    with hooks.register_temporarily("on_serve_page", wrap):
        yield


def publish(page, **changes):
    """What 'Publish' in the Wagtail editor does: save a revision with the changes, publish it."""
    for field, value in changes.items():
        setattr(page, field, value)
    page.save_revision().publish()


@pytest.mark.parametrize(
    "fixture", ["home_page", "story_index", "interview", "event_report", "collaboration"]
)
def test_second_anonymous_request_is_served_from_cache_without_queries(
    client, request, fixture, stories, django_assert_num_queries
):
    url = request.getfixturevalue(fixture).url
    first = client.get(url)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "public" in second["Cache-Control"] and "max-age=30" in second["Cache-Control"]
    assert "Cookie" in second["Vary"]


def test_head_is_answered_from_the_stored_page(client, interview, django_assert_num_queries):
    client.get(interview.url)
    with django_assert_num_queries(0):
        response = client.head(interview.url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


def test_publishing_a_revision_shows_on_the_very_next_anonymous_request(client, home_page, interview):
    assert "元営業部の山田さんに聞く" in client.get(interview.url).content.decode()
    assert "元営業部の山田さんに聞く" in client.get(home_page.url).content.decode()

    publish(interview, title="改訂版：山田さんに聞く")

    story = client.get(interview.url)
    assert story["X-Page-Cache"] == "miss"
    assert "改訂版：山田さんに聞く" in story.content.decode()
    # Other pages listing the story are renewed too (the home page's latest stories).
    assert "改訂版：山田さんに聞く" in client.get(home_page.url).content.decode()


def test_unpublished_and_deleted_pages_are_gone_at_once(client, interview, collaboration):
    client.get(interview.url)
    client.get(collaboration.url)
    interview.unpublish()
    assert client.get(interview.url).status_code == 404
    url = collaboration.url
    collaboration.delete()
    assert client.get(url).status_code == 404


def test_a_logged_in_member_never_gets_the_anonymous_page_nor_shares_their_own(client, interview, alumna):
    Notification.objects.create(recipient=alumna.user, kind=Kind.REPLY, text="t", url="/", event_key="k")
    anonymous = client.get(interview.url)
    assert "Log out" not in anonymous.content.decode() and "account_logout" not in anonymous.content.decode()

    client.force_login(alumna.user)
    own = client.get(interview.url)
    assert own.get("X-Page-Cache") is None
    assert 'data-unread="notifications"' in own.content.decode()
    assert "private" in own["Cache-Control"] and "no-store" in own["Cache-Control"]

    client.logout()
    client.cookies.clear()
    again = client.get(interview.url)
    assert again["X-Page-Cache"] == "hit"
    assert 'data-unread="notifications"' not in again.content.decode()
    assert "csrfmiddlewaretoken" not in again.content.decode()


def test_a_members_page_rendered_first_is_not_stored_for_the_public(client, interview, alumna):
    client.force_login(alumna.user)
    client.get(interview.url)
    client.logout()
    client.cookies.clear()
    anonymous = client.get(interview.url)
    assert anonymous["X-Page-Cache"] == "miss"
    assert "csrfmiddlewaretoken" not in anonymous.content.decode()


def test_a_restricted_page_never_enters_the_cache(client, interview, alumna):
    client.get(interview.url)  # stored while it was public
    PageViewRestriction.objects.create(page=interview, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(interview.url).status_code == 302  # the restriction applies at once

    client.force_login(alumna.user)
    member_view = client.get(interview.url)
    assert member_view.status_code == 200 and member_view.get("X-Page-Cache") is None
    client.logout()
    client.cookies.clear()
    assert client.get(interview.url).status_code == 302


def test_languages_do_not_mix(client, interview, interview_en):
    ja = client.get(interview.url)
    en = client.get(interview_en.url)
    assert en["X-Page-Cache"] == "miss"
    assert '<html lang="en">' in en.content.decode() and '<html lang="ja">' in ja.content.decode()
    # The Japanese URL stays Japanese whatever the browser prefers.
    ja_again = client.get(interview.url, HTTP_ACCEPT_LANGUAGE="en")
    assert ja_again["X-Page-Cache"] == "hit"
    assert '<html lang="ja">' in ja_again.content.decode()


def test_query_string_and_host_are_part_of_the_key(client, story_index, stories):
    client.get(story_index.url)
    filtered = client.get(story_index.url + "?kind=interview")
    assert filtered["X-Page-Cache"] == "miss"
    assert "みらい工房との共同開発" not in filtered.content.decode()
    assert client.get(story_index.url, HTTP_HOST="localhost")["X-Page-Cache"] == "miss"


def test_a_response_that_sets_a_cookie_is_not_stored(client, interview):
    with page_hook(lambda request, response: response.set_cookie("tracking", "visitor-1")):
        first = client.get(interview.url)
        client.cookies.clear()
        second = client.get(interview.url)
    assert first.status_code == second.status_code == 200
    assert first.get("X-Page-Cache") is None and second.get("X-Page-Cache") is None


def test_a_response_that_wrote_to_the_session_is_not_stored(client, interview):
    def remember(request, response):
        request.session["seen"] = True

    with page_hook(remember):
        first = client.get(interview.url)
        client.cookies.clear()
        second = client.get(interview.url)
    assert first.status_code == second.status_code == 200
    assert first.get("X-Page-Cache") is None and second.get("X-Page-Cache") is None


def test_a_visitor_with_a_session_cookie_bypasses_the_cache(client, interview):
    client.get(interview.url)
    client.cookies["sessionid"] = "not-a-real-session"
    response = client.get(interview.url)
    assert response.get("X-Page-Cache") is None


def test_a_new_comment_updates_the_public_count(client, interview, alumna):
    before = client.get(interview.url).content.decode()
    add_comment(alumna.user, interview, "とても良い記事でした")
    after = client.get(interview.url)
    assert after["X-Page-Cache"] == "miss"
    assert after.content.decode() != before


def test_a_withdrawn_public_card_leaves_the_cached_story_at_once(client, interview, alumna):
    alumna.public_card = True
    alumna.public_headline = "起業家・元営業部"
    alumna.save()
    StoryPerson.objects.filter(page=interview).update(member=alumna.user)
    assert "起業家・元営業部" in client.get(interview.url).content.decode()

    alumna.public_card = False
    alumna.save(update_fields=["public_card"])
    assert "起業家・元営業部" not in client.get(interview.url).content.decode()


def test_a_deleted_account_leaves_the_cached_story_at_once(client, interview, alumna):
    alumna.public_card = True
    alumna.public_headline = "起業家・元営業部"
    alumna.save()
    StoryPerson.objects.filter(page=interview).update(member=alumna.user)
    assert "起業家・元営業部" in client.get(interview.url).content.decode()

    alumna.user.delete()  # the story's link is nulled before the delete signals: the cache must not look for it
    assert "起業家・元営業部" not in client.get(interview.url).content.decode()


def test_a_change_inside_a_transaction_bumps_again_on_commit(django_capture_on_commit_callbacks):
    from home.page_cache import bump_generation, generation

    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        bump_generation()
        during = generation()  # a request now may still read the old rows and store them under this one
    assert before < during < generation()


def test_pages_are_not_stored_when_the_cache_is_off(client, settings, interview):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(interview.url)
    assert client.get(interview.url).get("X-Page-Cache") is None


def test_shared_fragments_for_members_follow_site_settings_and_language(
    client, interview, interview_en, alumna
):
    from home.models import SiteSettings

    client.force_login(alumna.user)
    client.get(interview.url)  # the footer and cards are now cached fragments
    settings_row = SiteSettings.for_site(interview.get_site())
    settings_row.footer_note = "新しいお知らせ"
    settings_row.save()
    assert "新しいお知らせ" in client.get(interview.url).content.decode()
    with translation.override("en"):
        tagline = gettext("The alumni and friends network of our company.")
    english = client.get(interview_en.url).content.decode()
    assert tagline in english
    assert '<html lang="en">' in english


def test_the_header_menu_kept_for_members_follows_publishing_and_language(
    client, home_page, story_index, story_index_en, alumna
):
    """The menu and home link every header shows are kept under the page cache's generation."""

    def menu(path):
        html = client.get(path).content.decode()
        return re.findall(r'class="site-nav__link" href="([^"]+)"[^>]*>([^<]+)<', html)

    client.force_login(alumna.user)
    publish(story_index, show_in_menus=False)
    assert menu(reverse("groups")) == []
    publish(story_index, show_in_menus=True, title="ストーリー一覧")
    assert menu(reverse("groups")) == [(story_index.url, "ストーリー一覧")]
    publish(story_index, title="みんなの話")
    assert menu(reverse("groups")) == [(story_index.url, "みんなの話")]
    publish(story_index_en, show_in_menus=True)
    with translation.override("en"):
        assert menu(reverse("groups")) == [(story_index_en.url, "Stories")]
    story_index.unpublish()
    assert menu(reverse("groups")) == []
