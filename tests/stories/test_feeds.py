"""RSS and Atom feeds list exactly the live, public stories of their language, newest first."""

import xml.etree.ElementTree as ET

from django.utils import translation

from wagtail.models import PageViewRestriction

import pytest

from stories.models import InterviewPage
from tests.factories import InterviewPageFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def fetch_xml(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200, f"GET {url} gave {response.status_code}"
    assert response["Content-Type"].startswith(content_type)
    return ET.fromstring(response.content)  # noqa: S314 - our own response, not untrusted input


def rss_items(client, url):
    channel = fetch_xml(client, url, "application/rss+xml").find("channel")
    return channel, [(item.findtext("title"), item.findtext("link")) for item in channel.findall("item")]


def atom_entries(client, url):
    feed = fetch_xml(client, url, "application/atom+xml")
    entries = [
        (entry.findtext(f"{ATOM}title"), entry.find(f"{ATOM}link").get("href"))
        for entry in feed.findall(f"{ATOM}entry")
    ]
    return feed, entries


@pytest.fixture
def feed_stories(stories, story_index):
    """Three public stories (oldest: interview, newest: collaboration), a draft and a private story."""
    InterviewPageFactory(parent=story_index, title="下書き", slug="draft", live=False)
    private = InterviewPageFactory(parent=story_index, title="会員限定", slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return sorted(stories, key=lambda story: story.published_date, reverse=True)


def expected(stories):
    return [(story.title, story.get_full_url()) for story in stories]


class TestRssFeed:
    def test_rss_lists_public_japanese_stories_newest_first_with_absolute_links(self, client, feed_stories):
        _channel, items = rss_items(client, "/stories/feed/")
        assert items == expected(feed_stories)
        assert all(link.startswith("http://localhost/stories/") for _title, link in items)

    def test_rss_channel_describes_the_index(self, client, feed_stories, story_index):
        channel, _items = rss_items(client, "/stories/feed/")
        assert channel.findtext("title") == story_index.title
        assert channel.findtext("link") == story_index.get_full_url()
        assert channel.findtext("language") == "ja"

    def test_rss_items_carry_kind_and_tags_as_categories(self, client, interview):
        channel = fetch_xml(client, "/stories/feed/", "application/rss+xml").find("channel")
        categories = [category.text for category in channel.find("item").findall("category")]
        with translation.override("ja"):
            kind = str(InterviewPage._meta.verbose_name)
        assert categories == [kind, "キャリア"]

    def test_english_rss_lists_english_translations_only(self, client, feed_stories, interview_en):
        channel, items = rss_items(client, "/en/stories/feed/")
        assert items == [(interview_en.title, interview_en.get_full_url())]
        assert items[0][1].startswith("http://localhost/en/stories/")
        assert channel.findtext("language") == "en"


class TestAtomFeed:
    def test_atom_lists_public_japanese_stories_newest_first_with_absolute_links(self, client, feed_stories):
        _feed, entries = atom_entries(client, "/stories/feed/atom/")
        assert entries == expected(feed_stories)

    def test_atom_links_to_itself(self, client, feed_stories, story_index):
        feed, _entries = atom_entries(client, "/stories/feed/atom/")
        self_links = [link.get("href") for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
        assert self_links == [story_index.get_full_url() + "feed/atom/"]

    def test_english_atom_lists_english_translations_only(
        self, client, feed_stories, interview_en, collaboration_en
    ):
        _feed, entries = atom_entries(client, "/en/stories/feed/atom/")
        assert entries == expected(
            sorted([interview_en, collaboration_en], key=lambda story: story.published_date, reverse=True)
        )
