"""Pages: the migration's Japanese home page, story index, the three story kinds, and English translations.

Stories are created live and public with publication timestamps, as if an editor had published them; pass
`live=False` for a draft. `body` takes StreamField raw data (a list of {"type": ..., "value": ...}).
"""

import datetime

from django.utils import timezone

from wagtail.models import Locale

import factory
import wagtail_factories

from home.models import HomePage
from stories.models import CollaborationPage, EventReportPage, InterviewPage, StoryIndexPage


def locale(language_code):
    return Locale.objects.get(language_code=language_code)


def japanese_home_page():
    """The HomePage migration home/0003 put at the site root."""
    return HomePage.objects.get(locale__language_code="ja")


def translate_page(page, language_code="en", publish=True, **fields):
    """Copy `page` into another locale as Wagtail's translation workflow does, set `fields`, publish it.

    The parent must already be translated (Wagtail raises ParentNotTranslatedError otherwise).
    """
    translated = page.specific.copy_for_translation(locale(language_code))
    for name, value in fields.items():
        setattr(translated, name, value)
    revision = translated.save_revision()
    if publish:
        revision.publish()
    return translated.__class__.objects.get(pk=translated.pk)


def english_home_page():
    """The English translation of the home page, created and published on first use."""
    japanese = japanese_home_page()
    existing = japanese.get_translation_or_none(locale("en"))
    if existing is not None:
        return existing.specific
    return translate_page(
        japanese, title="Tsunagari", hero_title="The company ends; the connection continues."
    )


def japanese_story_index():
    """The Japanese story index, created under the home page on first use."""
    index = StoryIndexPage.objects.filter(locale__language_code="ja").first()
    return index or StoryIndexPageFactory()


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StoryIndexPage

    parent = factory.LazyFunction(japanese_home_page)
    title = "ストーリー"
    slug = "stories"
    intro = "アルムナイの今を伝える記事。"


class StoryPageFactory(wagtail_factories.PageFactory):
    """What all three kinds share; not used on its own (StoryPage is not creatable)."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    parent = factory.LazyFunction(lambda: japanese_story_index())

    title = factory.Sequence(lambda n: f"ストーリー{n}")
    slug = factory.Sequence(lambda n: f"story-{n}")
    intro = "会社を離れたあとの歩みを聞きました。"
    published_date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyFunction(timezone.now)
    live = True
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>本文です。</p>"}])

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        """InterviewPageFactory(tags=["キャリア", "起業"]) tags the story (by tag name)."""
        if create and extracted:
            self.tags.add(*extracted)
            self.save()


class InterviewPageFactory(StoryPageFactory):
    class Meta:
        model = InterviewPage

    title = factory.Sequence(lambda n: f"インタビュー{n}")
    body = factory.LazyFunction(
        lambda: [
            {
                "type": "question_answer",
                "value": {
                    "question": "転職を決めたきっかけは？",
                    "answers": [
                        {"speaker": "山田", "text": "<p>お客様の声を直接聞く仕事がしたかったからです。</p>"}
                    ],
                },
            }
        ]
    )


class EventReportPageFactory(StoryPageFactory):
    class Meta:
        model = EventReportPage

    title = factory.Sequence(lambda n: f"イベントレポート{n}")
    event_date = datetime.date(2024, 6, 1)
    venue = "東京・渋谷"


class CollaborationPageFactory(StoryPageFactory):
    class Meta:
        model = CollaborationPage

    title = factory.Sequence(lambda n: f"コラボレーション{n}")
    partner_organisation = "株式会社みらい工房"
    partner_url = "https://mirai.example.com/"
