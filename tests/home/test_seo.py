"""What search engines and link previews see: sitemap, robots.txt, canonical, Open Graph, hreflang."""

import xml.etree.ElementTree as ET

from wagtail.models import PageViewRestriction

import pytest

from tests.factories import InterviewPageFactory
from tests.markup import links, meta_content

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urlset = ET.fromstring(response.content)  # noqa: S314 - our own response, not untrusted input
    return [url.findtext(f"{SITEMAP}loc") for url in urlset.findall(f"{SITEMAP}url")]


class TestSitemap:
    def test_sitemap_lists_live_public_pages_only(self, client, home_page, story_index, stories):
        draft = InterviewPageFactory(parent=story_index, slug="draft", live=False)
        private = InterviewPageFactory(parent=story_index, slug="private")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

        locations = sitemap_locations(client)

        expected = [
            home_page.get_full_url(),
            story_index.get_full_url(),
            *(s.get_full_url() for s in stories),
        ]
        assert sorted(locations) == sorted(expected)
        assert draft.get_full_url() not in locations
        assert private.get_full_url() not in locations

    def test_sitemap_lists_english_translations(self, client, interview_en):
        assert interview_en.get_full_url() in sitemap_locations(client)


class TestRobots:
    def test_robots_points_to_the_sitemap_and_keeps_crawlers_out_of_private_areas(self, client):
        response = client.get("/robots.txt")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain")
        lines = response.content.decode().splitlines()
        assert "User-agent: *" in lines
        assert "Sitemap: http://testserver/sitemap.xml" in lines
        for private_area in ("/admin/", "/members/", "/messages/", "/me/"):
            assert f"Disallow: {private_area}" in lines
        assert "Disallow: /" not in lines  # the public site stays crawlable

    def test_robots_sitemap_line_follows_the_request_host(self, client):
        response = client.get("/robots.txt", headers={"host": "localhost"})
        assert "Sitemap: http://localhost/sitemap.xml" in response.content.decode().splitlines()


class TestStoryMetaTags:
    def test_story_has_canonical_link_and_open_graph_title(self, client, interview):
        response = client.get(interview.url)
        assert [link["href"] for link in links(response, "canonical")] == [interview.get_full_url()]
        assert meta_content(response, "og:title") == interview.title
        assert meta_content(response, "og:url") == interview.get_full_url()
        assert meta_content(response, "og:type") == "article"

    def test_seo_title_overrides_the_title_in_previews(self, client, story_index):
        story = InterviewPageFactory(parent=story_index, title="本題", seo_title="検索向けの題")
        response = client.get(story.url)
        assert meta_content(response, "og:title") == "検索向けの題"

    def test_story_with_hero_image_has_absolute_og_image(self, client, interview):
        response = client.get(interview.url)
        og_image = meta_content(response, "og:image")
        assert og_image, "a story with a hero image has og:image"
        assert og_image.startswith("http://testserver/")
        assert interview.hero_image.renditions.filter(filter_spec="fill-1200x630").exists()

    def test_story_without_hero_image_has_no_og_image(self, client, collaboration):
        assert collaboration.hero_image is None
        response = client.get(collaboration.url)
        assert meta_content(response, "og:image") is None

    def test_description_comes_from_the_intro(self, client, interview):
        response = client.get(interview.url)
        assert meta_content(response, "description") == interview.intro

    def test_translated_story_lists_both_languages_as_alternates(self, client, interview, interview_en):
        for url in (interview.url, interview_en.url):
            response = client.get(url)
            alternates = {
                link["hreflang"]: link["href"] for link in links(response, "alternate") if "hreflang" in link
            }
            assert alternates == {
                "ja": interview.get_full_url(),
                "en": interview_en.get_full_url(),
                "x-default": interview.get_full_url(),
            }

    def test_untranslated_story_has_no_hreflang_alternates(self, client, collaboration, home_page_en):
        response = client.get(collaboration.url)
        assert [link for link in links(response, "alternate") if "hreflang" in link] == []

    def test_story_advertises_the_story_feeds(self, client, interview, story_index):
        response = client.get(interview.url)
        feeds = {link["type"]: link["href"] for link in links(response, "alternate") if "type" in link}
        assert feeds == {
            "application/rss+xml": story_index.url + "feed/",
            "application/atom+xml": story_index.url + "feed/atom/",
        }
