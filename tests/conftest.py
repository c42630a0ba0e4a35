"""Fixtures shared by the whole suite: the site's pages in Japanese and English, one story of each kind, and
members in every state of membership."""

import pytest

from community.audiences import MemberKind, MembershipStatus
from tests.factories import (
    CollaborationPageFactory,
    EventReportPageFactory,
    ImageFactory,
    InterviewPageFactory,
    StoryIndexPageFactory,
    UserFactory,
    english_home_page,
    japanese_home_page,
    translate_page,
)
from tests.factories.members import applicant, member, secretariat, with_status


@pytest.fixture(autouse=True)
def _isolated_cache():
    """Tests share one local-memory cache: start each from empty so nothing cached leaks between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language: a request through LocaleMiddleware leaves the
    language it chose active in the thread, and the next test's reverse() and gettext would follow it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def home_page(db):
    return japanese_home_page()


@pytest.fixture
def home_page_en(db):
    return english_home_page()


@pytest.fixture
def story_index(home_page):
    return StoryIndexPageFactory(parent=home_page)


@pytest.fixture
def story_index_en(story_index, home_page_en):
    return translate_page(story_index, title="Stories", intro="What our alumni are doing now.")


@pytest.fixture
def image(db):
    return ImageFactory(title="集合写真")


@pytest.fixture
def interview(story_index, image):
    from stories.models import StoryPerson

    return InterviewPageFactory(
        parent=story_index,
        title="元営業部の山田さんに聞く",
        slug="yamada-interview",
        intro="営業からスタートアップの創業者へ。",
        hero_image=image,
        tags=["キャリア"],
        people=[
            StoryPerson(role=StoryPerson.ROLE_INTERVIEWEE, name="山田 花子", title="2008年入社・元営業部")
        ],
        body=[
            {
                "type": "question_answer",
                "value": {
                    "question": "独立を決めたきっかけは何でしたか？",
                    "answers": [
                        {"speaker": "ヤマダ", "text": "<p>お客様の声を直接聞く仕事がしたかったからです。</p>"}
                    ],
                },
            },
            {
                "type": "pull_quote",
                "value": {"quote": "会社を離れても仲間です。", "attribution": "山田 花子"},
            },
        ],
    )


@pytest.fixture
def event_report(story_index, image):
    from stories.models import EventReportGalleryImage

    return EventReportPageFactory(
        parent=story_index,
        title="大阪アルムナイ交流会レポート",
        slug="osaka-meetup",
        venue="大阪・梅田",
        gallery_images=[EventReportGalleryImage(image=image, caption="乾杯の様子")],
        body=[
            {"type": "heading", "value": {"text": "当日の様子", "level": "h2"}},
            {"type": "paragraph", "value": "<p>三十人のアルムナイが集まりました。</p>"},
        ],
    )


@pytest.fixture
def collaboration(story_index):
    return CollaborationPageFactory(
        parent=story_index,
        title="みらい工房との共同開発",
        slug="mirai-collaboration",
        partner_organisation="株式会社みらい工房",
        links=[
            {
                "type": "link",
                "value": {
                    "title": "製品ページ",
                    "url": "https://mirai.example.com/product",
                    "description": "",
                },
            }
        ],
    )


@pytest.fixture
def stories(interview, event_report, collaboration):
    """One live, public story of each kind in Japanese."""
    return [interview, event_report, collaboration]


@pytest.fixture
def interview_en(interview, story_index_en):
    return translate_page(
        interview,
        title="Interview with Yamada, formerly in sales",
        intro="From sales to founding a start-up.",
        body=[
            {
                "type": "question_answer",
                "value": {
                    "question": "What made you decide to go independent?",
                    "answers": [{"speaker": "Hanako", "text": "<p>I wanted to hear customers directly.</p>"}],
                },
            }
        ],
    )


@pytest.fixture
def event_report_en(event_report, story_index_en):
    return translate_page(event_report, title="Osaka alumni meetup report", venue="Umeda, Osaka")


@pytest.fixture
def collaboration_en(collaboration, story_index_en):
    return translate_page(
        collaboration, title="Co-developing with Mirai Kobo", partner_organisation="Mirai Kobo Inc."
    )


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True, email="admin@example.com")


@pytest.fixture
def editor(db):
    return UserFactory(email="editor@example.com", groups=["Editors"])


# --- Members in every state -----------------------------------------------------------------------------


@pytest.fixture
def alumna(db):
    return member(handle="alumna", display_name="佐藤 美咲", name_kana="さとう みさき")


@pytest.fixture
def employee(db):
    return member(
        kind=MemberKind.EMPLOYEE, handle="employee", display_name="鈴木 健太", name_kana="すずき けんた"
    )


@pytest.fixture
def pending(db):
    return applicant()


@pytest.fixture
def rejected(db):
    return with_status(MembershipStatus.REJECTED, handle="rejected")


@pytest.fixture
def suspended(db):
    return with_status(MembershipStatus.SUSPENDED, handle="suspended")


@pytest.fixture
def secretary(db):
    return secretariat(handle="secretary")


@pytest.fixture
def login(client):
    def _login(profile_or_user):
        user = getattr(profile_or_user, "user", profile_or_user)
        client.force_login(user)
        return client

    return _login
