"""Events and search in a real browser: a member answers an event and lands on the waitlist of a full one; a
member searches in Japanese from the header; a visitor searches the English site."""

import re

from django.core.management import call_command

import pytest
from playwright.sync_api import expect

from community.demo import DEMO_LOGINS

from .test_member_journey import SERIOUS, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site(live_server):
    call_command("seed_demo", force=True, verbosity=0)
    return live_server.url


def test_member_answers_an_event_and_is_waitlisted_for_a_full_one(site, page):
    from community.models import EventPage

    log_in(page, site, DEMO_LOGINS["secretariat"])
    page.goto(site + "/events/")
    expect(page.locator("main")).to_contain_text("年末の集い")
    full = EventPage.objects.get(slug="year-end-osaka")
    page.goto(site + full.url)
    page.locator("#rsvp form button[value=going]").first.click()
    expect(page.locator("main")).to_contain_text(re.compile("キャンセル待ち|waitlist"))

    talk = EventPage.objects.get(slug="career-talk-independence")
    page.goto(site + talk.url)
    page.locator("#rsvp form button[value=going]").first.click()
    expect(page.locator("main")).to_contain_text("meet.example.com")  # the online link, for attendees only


def test_member_searches_in_japanese_from_the_header(site, page):
    log_in(page, site, DEMO_LOGINS["member"])
    page.goto(site + "/community/")
    page.fill("#header-search-q", "発酵")
    page.press("#header-search-q", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    expect(page.locator(".search-result").first).to_be_visible()
    expect(page.locator(".search-result mark").first).to_contain_text("発酵")
    page.locator(".site-search__tabs a[href*='tab=member']").click()
    expect(page.locator(".search-result--member").first).to_be_visible()

    from axe_playwright_python.sync_playwright import Axe

    serious = [v["id"] for v in Axe().run(page).response["violations"] if v.get("impact") in SERIOUS]
    assert not serious, serious


def test_visitor_searches_the_english_site(site, page):
    page.goto(site + "/en/search/?q=Career+Festival")
    expect(page.locator(".search-result").first).to_contain_text("Career Festival")
    page.goto(site + "/en/search/?q=%E7%99%BA%E9%85%B5")  # 発酵: visitors get stories and events only
    expect(page.locator(".site-search__tabs")).not_to_contain_text("Members")
