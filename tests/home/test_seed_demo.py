"""`manage.py seed_demo`: demo content in both languages, idempotent, and never by accident in production."""

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from wagtail.images import get_image_model
from wagtail.models import Page, Revision

import pytest

from home.models import HomePageFeaturedStory
from stories.models import STORY_KINDS, EventReportGalleryImage, StoryPage, StoryPerson

pytestmark = pytest.mark.django_db


def seed(**options):
    call_command("seed_demo", force=True, stdout=io.StringIO(), **options)


def snapshot():
    from taggit.models import Tag

    return {
        "pages": Page.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
        "people": StoryPerson.objects.count(),
        "gallery images": EventReportGalleryImage.objects.count(),
        "featured": HomePageFeaturedStory.objects.count(),
        "tags": Tag.objects.count(),
        "revisions": Revision.objects.count(),
    }


def live_stories(language_code):
    return StoryPage.objects.live().public().filter(locale__language_code=language_code)


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    """Seed once for the module (seeding takes seconds), inside a transaction rolled back at the end.

    Each test still runs in its own savepoint (the `db` fixture), as with TestCase.setUpTestData.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        seed()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_once, db):
    return None


def test_seeding_again_adds_nothing(seeded):
    first = snapshot()
    assert first["pages"] > 10 and first["images"] > 0 and first["users"] >= 2
    seed()
    assert snapshot() == first


def test_refresh_rewrites_pages_without_duplicating_them(seeded):
    before = snapshot()
    seed(refresh=True)
    after = snapshot()
    assert {key: after[key] for key in after if key != "revisions"} == {
        key: before[key] for key in before if key != "revisions"
    }


def test_seed_writes_at_least_six_japanese_stories_of_every_kind(seeded):
    stories = live_stories("ja")
    assert stories.count() >= 6
    assert {story.specific_class.kind_slug for story in stories} == set(STORY_KINDS)


def test_seed_translates_stories_into_english(seeded):
    english = live_stories("en")
    assert english.count() >= 1
    japanese_keys = set(live_stories("ja").values_list("translation_key", flat=True))
    for story in english:
        assert story.translation_key in japanese_keys, f"{story} is not a translation of a Japanese story"
        assert story.get_parent().url == "/en/stories/"


def test_seed_fills_the_home_page_and_demo_accounts(seeded):
    from home.models import HomePage

    home = HomePage.objects.get(locale__language_code="ja")
    assert home.hero_image is not None
    assert home.featured_stories.exists()
    assert get_user_model().objects.filter(groups__name="Editors").exists()
    assert get_user_model().objects.filter(is_superuser=True).exists()


def test_seeded_site_renders_in_both_languages(seeded, client):
    urls = ["/", "/en/", "/stories/", "/en/stories/", "/stories/feed/", "/en/stories/feed/"]
    # One story of each kind in each language (every story would render each image's renditions: slow).
    for language_code in ("ja", "en"):
        by_kind = {story.specific_class: story for story in live_stories(language_code)}
        urls += [story.url for story in by_kind.values()]
    failures = {url: status for url in urls if (status := client.get(url).status_code) != 200}
    assert not failures


def test_seed_refuses_without_force_when_debug_is_off(db, settings):
    settings.DEBUG = False
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=io.StringIO())
    assert Page.objects.count() == pages
