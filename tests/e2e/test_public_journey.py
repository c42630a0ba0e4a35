"""A visitor's journey through the public site in a real browser, and an accessibility check with axe."""

from django.core.management import call_command

import pytest
from playwright.sync_api import expect

from stories.models import StoryIndexPage, StoryPage

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SERIOUS = {"serious", "critical"}


@pytest.fixture
def site(live_server):
    """The demo content, served by the live server; returns its base URL."""
    call_command("seed_demo", force=True, verbosity=0)
    return live_server.url


def translated_story_on_first_page():
    """A Japanese story listed on the index's first page that has a live English translation."""
    index = StoryIndexPage.objects.get(locale__language_code="ja")
    for story in index.stories()[:9]:
        english = story.get_translations().live().filter(locale__language_code="en").first()
        if english is not None:
            return story, english.specific
    pytest.fail("the demo content has no translated story on the first page of the story index")


def test_visitor_reads_a_story_and_switches_it_to_english(site, page):
    story, english = translated_story_on_first_page()

    page.goto(site + "/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")

    page.locator('main a[href="/stories/"], header a[href="/stories/"]').first.click()
    expect(page).to_have_url(site + "/stories/")
    expect(page.locator("h1")).to_have_text(StoryIndexPage.objects.get(locale__language_code="ja").title)

    page.locator(f'main a[href="{story.url}"]').first.click()
    expect(page).to_have_url(site + story.url)
    expect(page.locator("h1")).to_have_text(story.title)

    page.locator(f'a[hreflang="en"][href="{english.url}"]').first.click()
    expect(page).to_have_url(site + english.url)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(english.title)
    expect(page.locator("main")).not_to_contain_text(story.title)


def test_public_pages_have_no_serious_accessibility_violations(site, page):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    story = StoryPage.objects.for_listing().filter(locale__language_code="ja").first()
    problems = {}
    for path in ("/", "/stories/", story.url, "/en/"):
        page.goto(site + path)
        violations = axe.run(page).response["violations"]
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[node['target'] for node in v['nodes']][:5]}"
            for v in violations
            if v["impact"] in SERIOUS
        ]
        if serious:
            problems[path] = serious
    assert not problems, "serious or critical axe violations:\n" + "\n".join(
        f"{path}:\n  " + "\n  ".join(found) for path, found in problems.items()
    )
