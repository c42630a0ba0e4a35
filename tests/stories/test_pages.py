"""Every page type renders in Japanese (no prefix) and English (/en/), with its content and language."""

from wagtail.models import PageViewRestriction

import pytest

from home.models import HomePage
from home.templatetags.portal_tags import language_links
from stories.models import (
    CollaborationPage,
    EventReportPage,
    InterviewPage,
    StoryIndexPage,
    StoryPage,
)
from stories.reading_time import reading_minutes, text_of
from tests.factories import InterviewPageFactory, translate_page
from tests.markup import hrefs, html_lang

pytestmark = pytest.mark.django_db


def get_ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"GET {url} gave {response.status_code}"
    return response


class TestJapanesePages:
    def test_home_page_renders_in_japanese_without_prefix(self, client, home_page):
        response = get_ok(client, "/")
        assert html_lang(response) == "ja"
        assert home_page.hero_title in response.content.decode()

    def test_story_index_renders_its_title_and_stories(self, client, story_index, stories):
        response = get_ok(client, "/stories/")
        html = response.content.decode()
        assert html_lang(response) == "ja"
        assert story_index.title in html
        for story in stories:
            assert story.title in html

    def test_interview_shows_questions_answers_speakers_and_people(self, client, interview):
        response = get_ok(client, "/stories/yamada-interview/")
        html = response.content.decode()
        assert html_lang(response) == "ja"
        assert interview.title in html
        assert "独立を決めたきっかけは何でしたか？" in html
        assert "ヤマダ" in html  # the speaker of the answer
        assert "お客様の声を直接聞く仕事がしたかったからです。" in html
        assert "山田 花子" in html  # the interviewee named in "people"
        assert "会社を離れても仲間です。" in html  # pull quote

    def test_event_report_shows_venue_body_and_gallery_captions(self, client, event_report):
        response = get_ok(client, "/stories/osaka-meetup/")
        html = response.content.decode()
        assert html_lang(response) == "ja"
        assert event_report.title in html
        assert "大阪・梅田" in html
        assert "当日の様子" in html
        assert "三十人のアルムナイが集まりました。" in html
        assert "乾杯の様子" in html

    def test_collaboration_shows_partner_and_links(self, client, collaboration):
        response = get_ok(client, "/stories/mirai-collaboration/")
        html = response.content.decode()
        assert html_lang(response) == "ja"
        assert collaboration.title in html
        assert "株式会社みらい工房" in html
        assert "https://mirai.example.com/product" in html
        assert "製品ページ" in html


class TestEnglishPages:
    def test_home_page_renders_in_english_under_prefix(self, client, home_page_en):
        response = get_ok(client, "/en/")
        assert html_lang(response) == "en"
        assert home_page_en.hero_title in response.content.decode()

    def test_story_index_lists_only_english_stories(
        self, client, story_index_en, interview_en, collaboration
    ):
        response = get_ok(client, "/en/stories/")
        html = response.content.decode()
        assert html_lang(response) == "en"
        assert story_index_en.title in html
        assert interview_en.title in html
        assert collaboration.title not in html  # Japanese only, not translated

    def test_interview_renders_english_questions_and_speakers(self, client, interview_en):
        response = get_ok(client, "/en/stories/yamada-interview/")
        html = response.content.decode()
        assert html_lang(response) == "en"
        assert interview_en.title in html
        assert "What made you decide to go independent?" in html
        assert "Hanako" in html  # the speaker of the answer
        assert "I wanted to hear customers directly." in html
        assert "独立を決めたきっかけ" not in html

    def test_event_report_renders_english_venue_and_gallery(self, client, event_report_en):
        response = get_ok(client, "/en/stories/osaka-meetup/")
        html = response.content.decode()
        assert html_lang(response) == "en"
        assert event_report_en.title in html
        assert "Umeda, Osaka" in html
        assert "乾杯の様子" in html  # the copied gallery keeps its caption until translated

    def test_collaboration_renders_english_partner(self, client, collaboration_en):
        response = get_ok(client, "/en/stories/mirai-collaboration/")
        html = response.content.decode()
        assert html_lang(response) == "en"
        assert collaboration_en.title in html
        assert "Mirai Kobo Inc." in html


class TestLanguageSwitch:
    def test_translated_story_links_to_its_english_translation(self, client, interview_en):
        response = get_ok(client, "/stories/yamada-interview/")
        assert "/en/stories/yamada-interview/" in hrefs(response)

    def test_english_story_links_back_to_the_japanese_original(self, client, interview_en):
        response = get_ok(client, "/en/stories/yamada-interview/")
        assert "/stories/yamada-interview/" in hrefs(response)

    def test_untranslated_story_links_to_the_english_home_page(self, client, collaboration, home_page_en, rf):
        response = get_ok(client, "/stories/mirai-collaboration/")
        links = hrefs(response)
        assert "/en/" in links
        assert "/en/stories/mirai-collaboration/" not in links

        request = rf.get("/stories/mirai-collaboration/")
        switch = {
            code: url
            for code, _name, url, _current in language_links({"request": request, "page": collaboration})
        }
        assert switch == {"ja": "/stories/mirai-collaboration/", "en": "/en/"}

    def test_draft_translation_is_not_offered(self, client, interview, story_index_en, rf):
        translate_page(interview, title="Draft English interview", publish=False)
        request = rf.get("/stories/yamada-interview/")
        switch = {
            code: url
            for code, _name, url, _current in language_links({"request": request, "page": interview})
        }
        assert switch["en"] == "/en/"


class TestReadingTime:
    @pytest.mark.parametrize(
        ("text", "minutes"),
        [
            ("", 1),
            ("あ" * 500, 1),
            ("あ" * 501, 2),
            ("漢字とカタカナ" * 200, 3),  # 1,400 characters at 500 a minute
            ("word " * 220, 1),
            ("word " * 221, 2),
            ("word " * 660, 3),
            ("あ" * 250 + " word" * 110, 1),  # half a minute of each
            ("あ" * 250 + " word" * 111, 2),
        ],
    )
    def test_reading_minutes_counts_japanese_characters_and_english_words(self, text, minutes):
        assert reading_minutes(text) == minutes

    def test_body_text_drops_markup_ids_and_urls(self):
        raw = [
            {"type": "paragraph", "value": "<p class='lead'>本文<b>です</b></p>", "id": "0f6c-uuid"},
            {"type": "link", "value": {"title": "製品", "url": "https://mirai.example.com/"}, "id": "1a2b"},
        ]
        assert text_of(raw).split() == ["本文です", "製品"]

    def test_saved_japanese_story_stores_reading_time_of_its_body(self, story_index):
        story = InterviewPageFactory(
            parent=story_index,
            intro="はじめに",
            body=[{"type": "paragraph", "value": "<p>" + "あ" * 1200 + "</p>"}],
        )
        story.refresh_from_db()
        assert story.reading_minutes == 3  # 1,204 characters

    def test_saved_english_story_stores_reading_time_of_question_answers(self, story_index):
        story = InterviewPageFactory(
            parent=story_index,
            intro="Intro",
            body=[
                {
                    "type": "question_answer",
                    "value": {
                        "question": "Why?",
                        "answers": [{"speaker": "Kim", "text": "<p>" + "because " * 500 + "</p>"}],
                    },
                }
            ],
        )
        story.refresh_from_db()
        assert story.reading_minutes == 3  # 504 words


class TestWhereStoriesCanBeCreated:
    def test_story_base_is_not_creatable_anywhere(self, story_index, home_page):
        assert StoryPage.is_creatable is False
        assert not StoryPage.can_create_at(story_index)
        assert StoryPage not in StoryIndexPage.allowed_subpage_models()

    @pytest.mark.parametrize("kind", [InterviewPage, EventReportPage, CollaborationPage])
    def test_each_kind_is_creatable_only_under_the_story_index(self, kind, story_index, home_page):
        assert kind.can_create_at(story_index)
        assert not kind.can_create_at(home_page)
        assert kind.allowed_parent_page_models() == [StoryIndexPage]

    def test_story_index_lives_under_the_home_page(self, home_page):
        assert StoryIndexPage.allowed_parent_page_models() == [HomePage]
        assert StoryIndexPage.can_create_at(home_page)

    def test_only_one_story_index_per_home_page(self, story_index, home_page):
        assert not StoryIndexPage.can_create_at(home_page)


class TestHiddenStories:
    """Drafts and privacy-restricted stories never appear in public listings."""

    @pytest.fixture
    def hidden_stories(self, story_index, interview):
        draft = InterviewPageFactory(
            parent=story_index, title="下書きのインタビュー", slug="draft", live=False
        )
        private = InterviewPageFactory(parent=story_index, title="会員限定のインタビュー", slug="private")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        return draft, private

    @pytest.mark.parametrize("url", ["/", "/stories/", "/stories/feed/", "/stories/feed/atom/"])
    def test_drafts_and_private_stories_are_absent_from_listings(
        self, client, hidden_stories, interview, url
    ):
        html = get_ok(client, url).content.decode()
        assert interview.title in html  # the public story is listed, so absence below means something
        for story in hidden_stories:
            assert story.title not in html

    def test_featured_story_that_becomes_private_or_draft_leaves_the_home_page(
        self, client, hidden_stories, home_page
    ):
        from home.models import HomePageFeaturedStory

        draft, private = hidden_stories
        for story in (draft, private):
            HomePageFeaturedStory.objects.create(page=home_page, story=story)
        html = get_ok(client, "/").content.decode()
        assert draft.title not in html
        assert private.title not in html

    def test_draft_story_is_not_found(self, client, hidden_stories):
        assert client.get("/stories/draft/").status_code == 404

    def test_private_story_is_not_shown_to_anonymous_visitors(self, client, hidden_stories):
        response = client.get("/stories/private/")
        assert response.status_code == 302
        assert "会員限定のインタビュー" not in response.content.decode()
