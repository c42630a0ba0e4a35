"""The story index: filters by kind and tag, and pagination that never fails on odd input."""

import pytest

from stories.models import STORIES_PER_PAGE
from tests.factories import CollaborationPageFactory, EventReportPageFactory, InterviewPageFactory

pytestmark = pytest.mark.django_db


def listed_titles(response):
    assert response.status_code == 200
    return [story.title for story in response.context["stories"]]


@pytest.fixture
def tagged_stories(story_index):
    return {
        "career": InterviewPageFactory(
            parent=story_index, title="転職インタビュー", tags=["キャリア", "転職"]
        ),
        "meetup": EventReportPageFactory(parent=story_index, title="交流会レポート", tags=["交流会"]),
        "product": CollaborationPageFactory(parent=story_index, title="共同開発の話", tags=["キャリア"]),
    }


class TestKindFilter:
    @pytest.mark.parametrize(
        ("kind", "expected"),
        [("interview", ["career"]), ("event-report", ["meetup"]), ("collaboration", ["product"])],
    )
    def test_kind_filter_lists_only_that_kind(self, client, tagged_stories, kind, expected):
        response = client.get("/stories/", {"kind": kind})
        assert listed_titles(response) == [tagged_stories[key].title for key in expected]
        assert response.context["current_kind"] == kind
        html = response.content.decode()
        for key, story in tagged_stories.items():
            assert (story.title in html) == (key in expected)

    @pytest.mark.parametrize("kind", ["bogus", "storypage", "<script>", ""])
    def test_unknown_kind_is_ignored_and_lists_everything(self, client, tagged_stories, kind):
        response = client.get("/stories/", {"kind": kind})
        assert sorted(listed_titles(response)) == sorted(story.title for story in tagged_stories.values())
        assert response.context["current_kind"] == ""


class TestTagFilter:
    def test_tag_filter_lists_stories_with_that_tag_across_kinds(self, client, tagged_stories):
        slug = tagged_stories["career"].tags.get(name="キャリア").slug
        response = client.get("/stories/", {"tag": slug})
        assert sorted(listed_titles(response)) == sorted(
            [tagged_stories["career"].title, tagged_stories["product"].title]
        )
        assert response.context["current_tag"] == slug

    def test_tag_and_kind_filters_combine(self, client, tagged_stories):
        slug = tagged_stories["career"].tags.get(name="キャリア").slug
        response = client.get("/stories/", {"tag": slug, "kind": "collaboration"})
        assert listed_titles(response) == [tagged_stories["product"].title]

    def test_unknown_tag_lists_nothing(self, client, tagged_stories):
        response = client.get("/stories/", {"tag": "no-such-tag"})
        assert listed_titles(response) == []

    def test_index_offers_the_tags_of_its_stories_once_each(self, client, tagged_stories):
        response = client.get("/stories/")
        assert sorted(tag.name for tag in response.context["tags"]) == sorted(["キャリア", "転職", "交流会"])


class TestPagination:
    @pytest.fixture
    def many_stories(self, story_index):
        # Sequential published dates: the newest is created last.
        return InterviewPageFactory.create_batch(STORIES_PER_PAGE + 2, parent=story_index)

    def test_first_page_holds_the_newest_nine(self, client, many_stories):
        response = client.get("/stories/")
        newest_first = [story.title for story in reversed(many_stories)]
        assert listed_titles(response) == newest_first[:STORIES_PER_PAGE]
        assert response.context["page_obj"].paginator.num_pages == 2

    def test_second_page_holds_the_rest(self, client, many_stories):
        response = client.get("/stories/", {"page": 2})
        newest_first = [story.title for story in reversed(many_stories)]
        assert listed_titles(response) == newest_first[STORIES_PER_PAGE:]
        assert response.context["page_obj"].number == 2

    # Not named `page`: that is pytest-playwright's fixture.
    @pytest.mark.parametrize("number", ["99", "-1", "0"])
    def test_out_of_range_page_shows_the_last_page(self, client, many_stories, number):
        response = client.get("/stories/", {"page": number})
        assert response.status_code == 200
        assert response.context["page_obj"].number == 2

    @pytest.mark.parametrize("number", ["abc", "", "2.5", "１"])
    def test_non_numeric_page_shows_the_first_page(self, client, many_stories, number):
        response = client.get("/stories/", {"page": number})
        assert response.status_code == 200
        assert response.context["page_obj"].number == 1

    def test_filtered_stories_are_paginated_on_their_own(self, client, many_stories, story_index):
        EventReportPageFactory(parent=story_index, title="唯一のレポート")
        response = client.get("/stories/", {"kind": "interview", "page": 2})
        titles = listed_titles(response)
        assert len(titles) == 2
        assert "唯一のレポート" not in titles
