"""Query budgets for the public pages, and listings whose cost does not grow with the number of stories.

Counts are taken on a warm request (site root and renditions cached, as in production after the first
visit). Bounds are the measured count plus a margin of 2; measured on Wagtail 8.0.1 / SQLite (ja / en):
home 26 / 28 and index 24 (any filter) / 26 with 9-10 stories, feed 11,
interview 26 / 28, event report 27 / 29, collaboration 25 / 27.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from stories.models import EventReportGalleryImage
from tests.factories import (
    CollaborationPageFactory,
    EventReportPageFactory,
    ImageFactory,
    InterviewPageFactory,
)

pytestmark = pytest.mark.django_db

KIND_FACTORIES = [InterviewPageFactory, EventReportPageFactory, CollaborationPageFactory]


def add_stories(story_index, count, start=0):
    """Stories as the index shows them: a hero image and two tags each, kinds in rotation."""
    for n in range(start, start + count):
        KIND_FACTORIES[n % 3](parent=story_index, hero_image=ImageFactory(), tags=[f"tag-{n}", "共通"])


def queries_for(client, url):
    client.get(url)  # warm: the site root, settings and renditions are cached after the first visit
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"GET {url} gave {response.status_code}"
    return len(context)


def assert_budget(client, url, budget, django_assert_max_num_queries):
    client.get(url)
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200


class TestBudgets:
    @pytest.mark.parametrize(
        "query",
        ["", "?kind=interview", "?kind=event-report", "?tag=tag-1", "?page=2", "?kind=collaboration&page=1"],
    )
    def test_story_index_with_ten_stories(self, client, story_index, query, django_assert_max_num_queries):
        add_stories(story_index, 10)
        assert_budget(client, f"/stories/{query}", 26, django_assert_max_num_queries)

    def test_english_story_index(self, client, story_index_en, django_assert_max_num_queries):
        add_stories(story_index_en, 10)
        assert_budget(client, "/en/stories/", 28, django_assert_max_num_queries)

    def test_home_page(self, client, story_index, django_assert_max_num_queries):
        add_stories(story_index, 9)
        assert_budget(client, "/", 28, django_assert_max_num_queries)

    def test_english_home_page(self, client, story_index_en, django_assert_max_num_queries):
        add_stories(story_index_en, 9)
        assert_budget(client, "/en/", 30, django_assert_max_num_queries)

    def test_feed(self, client, story_index, django_assert_max_num_queries):
        add_stories(story_index, 10)
        assert_budget(client, "/stories/feed/", 13, django_assert_max_num_queries)

    @pytest.mark.parametrize(
        ("fixture", "budget"),
        [("interview", 28), ("event_report", 29), ("collaboration", 27)],
    )
    def test_japanese_story_page(self, client, request, fixture, budget, django_assert_max_num_queries):
        story = request.getfixturevalue(fixture)
        assert_budget(client, story.url, budget, django_assert_max_num_queries)

    @pytest.mark.parametrize(
        ("fixture", "budget"),
        [("interview_en", 30), ("event_report_en", 31), ("collaboration_en", 29)],
    )
    def test_english_story_page(self, client, request, fixture, budget, django_assert_max_num_queries):
        story = request.getfixturevalue(fixture)
        assert_budget(client, story.url, budget, django_assert_max_num_queries)


class TestListingsDoNotGrowWithStories:
    @pytest.mark.parametrize("url", ["/", "/stories/", "/stories/?kind=interview", "/stories/feed/"])
    def test_three_or_nine_stories_cost_the_same(self, client, story_index, url):
        add_stories(story_index, 3)
        with_three = queries_for(client, url)
        add_stories(story_index, 6, start=3)
        with_nine = queries_for(client, url)
        assert with_nine - with_three <= 1, f"{url}: {with_three} queries with 3 stories, {with_nine} with 9"

    def test_story_page_cost_does_not_grow_with_its_tags_and_people(self, client, story_index):
        from stories.models import StoryPerson

        def story(n):
            return InterviewPageFactory(
                parent=story_index,
                tags=[f"tag-{n}-{k}" for k in range(n)],
                people=[StoryPerson(name=f"人{k}", photo=ImageFactory()) for k in range(n)],
            )

        small, large = queries_for(client, story(1).url), queries_for(client, story(6).url)
        assert large - small <= 1, f"{small} queries with 1 tag and person, {large} with 6"

    def test_home_page_cost_does_not_grow_with_featured_stories(self, client, story_index, home_page):
        from home.models import HomePageFeaturedStory

        stories = [
            InterviewPageFactory(parent=story_index, hero_image=ImageFactory(), tags=["共通"])
            for _ in range(5)
        ]
        HomePageFeaturedStory.objects.create(page=home_page, story=stories[0])
        one = queries_for(client, "/")
        for story in stories[1:]:
            HomePageFeaturedStory.objects.create(page=home_page, story=story)
        five = queries_for(client, "/")
        assert five - one <= 1, f"{one} queries with 1 featured story, {five} with 5"

    def test_event_report_cost_does_not_grow_with_its_gallery(self, client, story_index):
        def report(n):
            gallery = [EventReportGalleryImage(image=ImageFactory(), caption=f"写真{k}") for k in range(n)]
            return EventReportPageFactory(parent=story_index, gallery_images=gallery)

        small, large = queries_for(client, report(1).url), queries_for(client, report(6).url)
        assert large - small <= 1, f"{small} queries with 1 gallery image, {large} with 6"
