"""Search quality on the demo content: a labelled query set, precision and recall, and the plain baseline.

The demo (`seed_demo`) is searched as the demo member (an alumni member of five open groups and one private
one) over every tab. Each query is labelled with every object a person would expect for it, identified
stably: `story:<slug>:<language>`, `member:<handle>`, `group:<slug>`, `event:<slug>`, `idea:<title>`,
`post:<fragment>` (every post the viewer may read whose body holds the fragment; `post?:` when the demo may
not have it) and `posts-by:<handle>` (every post the viewer may read by that member: a post shows its author's
name). When the demo content changes, the labels are revised by reading it again.

How the labels were made (by reading the demo data, not the engine's output): an object is expected when it
holds the query's word in any form a reader takes for the same word — inflected (転職しました → 転職して),
in another width or script (ｱﾙﾑﾅｲ, さとう/サトウ/佐藤/Sato: the same person's name in kana, kanji or
romaji), a variant kanji (髙橋), an English plural or -ing, or an abbreviation (キャリフェス) — and, for
several words, every word. Topical neighbours that never say the word are not expected (a bio about
developing frozen food is not expected for 商品開発). Parts a member hides from the viewer (a former surname
kept private, a private group's posts) are never expected. A Japanese query expects the Japanese version of a
translated story, an English query the English one. Some labels need what the design leaves to a synonym
table (kana-only names for kanji text, キャリフェス): the demo's synonyms (search/demo.py) supply them, and the
labels were not widened for what the synonyms find besides.

Run with `-s` to see the table. Measured with the demo's synonyms: SQLite (Wagtail's FTS5 backend) precision
0.944, recall 0.966; PostgreSQL (search/postgres.py) the same, 0.944 / 0.966; plain indexing 1.000 / 0.479 on
both. Without synonyms SQLite measured 0.968 / 0.945 and PostgreSQL 0.968 / 0.940. What the
synonyms change: キャリフェス finds all 6, and さとう/サトウ find the two stories that write 佐藤 (佐藤 ↔ サトウ);
アルムナイ ↔ alumni ↔ OB・OG also brings 6 unexpected hits to ｱﾙﾑﾅｲ (the 商品開発OB・OG会 group, its event
and idea, two stories naming it, the English Hakobune story's "alumni"), and makes "alumni network" match the
Japanese versions of its two stories, which a Japanese reader is shown in place of the English ones.
"""

import time

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import translation

import pytest

from community.models import EventPage, Group, Idea, Post, Profile
from community.permissions import readable_posts_for
from search import entries as search_entries
from search import service
from search.models import Kind, SearchEntry
from search.service import site_search
from stories.models import StoryPage
from tests.search.helpers import index_everything

pytestmark = pytest.mark.django_db

SATO = {
    "member:hanako-sato-0",
    "member:sakura-sato-24",
    "posts-by:hanako-sato-0",
    "posts-by:sakura-sato-24",
}
SATO_JA = SATO | {"story:plant-based-startup-midorino:ja", "story:career-festival-2026:ja"}
SATO_EN = SATO | {"story:plant-based-startup-midorino:en", "story:career-festival-2026:en"}
TAKAHASHI = {
    "member:tomoko-takahashi-2",
    "member:shota-takahashi-21",
    "member:misaki-takahashi-26",
    "posts-by:tomoko-takahashi-2",
    "posts-by:shota-takahashi-21",
    "posts-by:misaki-takahashi-26",
    "story:boomerang-career-coach:ja",
    "story:career-festival-2026:ja",
    "event:career-festival-2026",  # 高橋 健太 speaks
}
CAREER_COACHES = {  # bio: キャリアコーチとして、40代からの転職や学び直しを支援しています
    "member:takuya-suzuki-1",
    "member:misaki-kobayashi-8",
    "member:kazuya-hayashi-15",
    "member:aya-maeda-22",
    "member:daisuke-watanabe-29",
    "member:hanako-matsumoto-36",
}
TENSHOKU = CAREER_COACHES | {
    "group:キャリア相談室",
    "idea:キャリア相談のメンター制度",
    "post:転職して3年",
    "story:boomerang-career-coach:ja",
}
ALUMNI = {
    "group:キャリア相談室",
    "group:海外で働く人たち",
    "group:起業家ネットワーク",
    "group:関西アルムナイ",
    "idea:アルムナイ向けの社内食堂ランチ会",
    "idea:キャリア相談のメンター制度",
    "idea:シンガポールでの交流会",
    "idea:地域食材を使った共同商品開発",
    "idea:子育て世代のアルムナイのグループ",
    "idea:工場見学ツアーの復活",
    "idea:関西アルムナイで夏のバーベキュー",
    "member:chihiro-matsumoto-12",  # bio: アルムナイの皆さんの経験を社内に届けたい
    "member:kazuya-kato-33",
    "member:misaki-takahashi-26",
    "member:takuya-hashimoto-19",
    "story:boomerang-career-coach:ja",
    "story:career-festival-2026:ja",
    "story:plant-based-startup-midorino:ja",
    "story:why-we-built-tsunagari:ja",
    "post?:アルムナイ交流会",  # the secretariat's pinned announcement
}
CAREER_FESTIVAL = {
    "event:career-festival-2026",
    "story:career-festival-2026:ja",
    "story:why-we-built-tsunagari:ja",  # 年に一度のキャリアフェスティバルも、今年は規模を広げて
    "post:来月のキャリアフェスティバル",
}
MARKETING = {
    "member:aya-ito-4",
    "member:chihiro-yamamoto-30",
    "member:daisuke-watanabe-29",
    "member:daisuke-yamada-11",
    "member:mai-ito-100",
    "member:mai-yoshida-10",
    "member:makoto-yamada-35",
    "member:megumi-kobayashi-32",
    "member:misaki-kobayashi-8",
    "member:misaki-takahashi-26",
    "member:osamu-fujita-23",
    "member:ryo-suzuki-25",
    "member:shota-hayashi-39",
    "member:takuya-inoue-37",
    "member:yumi-yoshida-34",
    "story:hidamari-farm-yuzu-ponzu:ja",  # 元マーケティング部
}
QUALITY_ASSURANCE = {  # members of 品質保証部 (Quality Assurance)
    "member:aya-maeda-22",
    "member:daisuke-yamada-11",
    "member:hanako-matsumoto-36",
    "member:kazuya-kato-33",
    "member:sakura-sato-24",
    "member:shota-takahashi-21",
    "member:tomoko-ishikawa-20",
    "member:tomoko-kimura-38",
}
MENTORING = {  # open to メンタリング / Mentoring
    "member:kazuya-hayashi-15",
    "member:kazuya-kato-33",
    "member:makoto-yamada-35",
    "member:misaki-takahashi-26",
    "member:naoki-tanaka-27",
    "member:takuya-inoue-37",
    "member:tomoko-kimura-38",
    "member:tomoko-takahashi-2",
    "member:yumi-yoshida-34",
}

QUERIES = [
    # Inflection: the query's verb form is not the text's.
    ("転職しました", TENSHOKU),
    ("転職を考えています", TENSHOKU),
    (
        "学び直したい",
        CAREER_COACHES | {"group:キャリア相談室"},
    ),
    # Width and script.
    ("ｱﾙﾑﾅｲ", ALUMNI),
    ("ﾏｰｹﾃｨﾝｸﾞ", MARKETING),
    ("ポン酢", {"story:hidamari-farm-yuzu-ponzu:ja"}),  # the text says ぽん酢
    ("Ｓａｔｏ", SATO_EN),
    # One person's name in kanji, hiragana, katakana and romaji; variant kanji.
    ("佐藤", SATO_JA),
    ("さとう", SATO_JA),
    ("サトウ", SATO_JA),
    ("Sato", SATO_EN),
    ("髙橋", TAKAHASHI),
    ("高橋", TAKAHASHI),
    ("小林 恵", {"member:megumi-kobayashi-32", "story:online-study-fermentation:ja"}),
    (
        "いとう まい",
        {"member:mai-ito-28", "member:mai-ito-100", "posts-by:mai-ito-28", "posts-by:mai-ito-100"},
    ),
    (
        "Mai Ito",
        {"member:mai-ito-28", "member:mai-ito-100", "posts-by:mai-ito-28", "posts-by:mai-ito-100"},
    ),
    ("Misaki Sato", {"story:plant-based-startup-midorino:en", "story:career-festival-2026:en"}),
    # Former surnames: found only where the member shows them to members (村上 is also the hidden former
    # surname of four others; 小野 of three).
    ("村上", {"member:chihiro-matsumoto-12", "member:megumi-kimura-14"}),
    ("小野", {"member:makoto-yamada-35"}),
    # Departments, in Japanese and in English.
    ("品質保証部", QUALITY_ASSURANCE | {"group:品質保証食品表示の会"}),
    ("Quality Assurance", QUALITY_ASSURANCE),
    (
        "人事部",
        {
            "event:career-festival-2026",
            "idea:キャリア相談のメンター制度",
            "member:chihiro-matsumoto-12",
            "member:chihiro-yamamoto-30",
            "member:kazuya-hayashi-15",
            "member:kazuya-kato-33",
            "member:misaki-kobayashi-8",
            "member:misaki-takahashi-26",
            "member:naoki-kato-9",
            "member:ryo-suzuki-25",
            "member:shota-hayashi-39",
            "member:shota-takahashi-21",
            "member:takuya-hashimoto-19",
            "member:takuya-suzuki-1",
            "story:boomerang-career-coach:ja",
            "story:career-festival-2026:ja",
            "story:plant-based-startup-midorino:ja",
            "story:why-we-built-tsunagari:ja",
        },
    ),
    (
        "研究所",
        {
            "group:発酵研究会",
            "idea:発酵の勉強会をオンラインで",
            "member:chihiro-matsumoto-12",
            "member:chihiro-yamamoto-30",
            "member:kenta-inoue-13",
            "member:mai-ito-100",
            "member:megumi-kimura-14",
            "member:naoki-kato-9",
            "member:osamu-fujita-23",
            "member:ryo-nakamura-7",
            "member:takuya-inoue-37",
            "member:tomoko-ishikawa-20",
            "member:tomoko-takahashi-2",
            "member:yumi-shimizu-16",
            "post:研究所時代の先輩",
        },
    ),
    (
        "Product Development",
        {
            "member:aya-ito-4",
            "member:ryo-nakamura-7",
            "story:career-festival-2026:en",
            "story:plant-based-startup-midorino:en",
        },
    ),
    (
        "2012年入社",
        {
            "member:chihiro-matsumoto-12",
            "member:mai-ito-28",
            "member:makoto-yamada-35",
            "member:naoki-tanaka-27",
            "member:tomoko-takahashi-2",
            "story:career-festival-2026:ja",  # 中村 由紀 2012年入社
            "story:why-we-built-tsunagari:ja",
        },
    ),
    # Topics and expertise.
    (
        "商品開発",
        {
            "event:career-talk-independence",
            "event:fermentation-study-3",  # 商品開発OB・OG会の勉強会
            "group:商品開発obog会",
            "idea:地域食材を使った共同商品開発",
            "member:aya-ito-4",
            "member:daisuke-watanabe-29",
            "member:kazuya-kato-33",
            "member:mai-ito-28",
            "member:makoto-yamada-35",
            "member:misaki-takahashi-26",
            "member:ryo-nakamura-7",
            "member:shota-hayashi-39",
            "member:takuya-inoue-37",
            "member:tomoko-ishikawa-20",
            "member:yumi-shimizu-16",
            "story:career-festival-2026:ja",
            "story:online-study-fermentation:ja",
            "story:plant-based-startup-midorino:ja",
        },
    ),
    (
        "発酵",
        {
            "event:fermentation-study-3",
            "group:発酵研究会",
            "idea:発酵の勉強会をオンラインで",
            "member:chihiro-yamamoto-30",
            "member:kazuya-hayashi-15",
            "member:kazuya-kato-33",
            "member:mai-ito-100",
            "member:misaki-takahashi-26",
            "member:naoki-kato-9",
            "member:osamu-fujita-23",
            "member:takuya-inoue-37",
            "member:tomoko-takahashi-2",
            "member:yumi-shimizu-16",
            "member:yumi-yoshida-34",
            "story:online-study-fermentation:ja",
        },
    ),
    ("味噌", {"idea:発酵の勉強会をオンラインで", "story:online-study-fermentation:ja"}),
    (
        "食品表示",
        {
            "group:品質保証食品表示の会",
            "member:daisuke-watanabe-29",
            "member:kazuya-kato-33",
            "member:megumi-kimura-14",
            "member:misaki-takahashi-26",
            "member:naoki-kato-9",
            "member:ryo-suzuki-25",
            "member:shota-tanaka-3",
            "member:takuya-suzuki-1",
            "post:食品表示の改正",
            "story:online-study-fermentation:ja",
        },
    ),
    (
        "冷凍技術",
        {
            "member:daisuke-watanabe-101",
            "member:mai-ito-100",
            "member:naoki-kato-9",
            "member:sakura-sato-24",
            "member:shota-hayashi-39",
            "member:shota-tanaka-3",
            "post:冷凍技術に詳しい方",
        },
    ),
    (
        "起業",
        {
            "group:起業家ネットワーク",
            "idea:地域食材を使った共同商品開発",
            "member:naoki-tanaka-27",
            "member:ryo-nakamura-7",
            "member:sakura-sato-24",
            "member:shota-hayashi-39",
            "member:takuya-suzuki-1",
            "member:tomoko-ishikawa-20",
            "member:tomoko-kimura-38",
            "story:career-festival-2026:ja",
            "story:hakobune-cold-chain-pilot:ja",
            "story:plant-based-startup-midorino:ja",
            "story:why-we-built-tsunagari:ja",
        },
    ),
    (
        "佐藤 起業",
        {
            "member:sakura-sato-24",
            "story:career-festival-2026:ja",
            "story:plant-based-startup-midorino:ja",
        },
    ),
    (
        "物流",
        {
            "member:daisuke-watanabe-101",
            "member:daisuke-watanabe-29",
            "member:mai-yoshida-10",
            "member:makoto-mori-17",
            "member:naoki-tanaka-27",
            "member:sakura-sato-24",
            "member:shota-hayashi-39",
            "member:shota-tanaka-3",
            "member:tomoko-kimura-38",
            "member:tomoko-takahashi-2",
            "member:yumi-yoshida-34",
            "story:career-festival-2026:ja",
            "story:hakobune-cold-chain-pilot:ja",
            "story:plant-based-startup-midorino:ja",
        },
    ),
    (
        "ハコブネ",  # the story's ハコブネ・ロジ, the members' はこぶね物流
        {
            "member:naoki-tanaka-27",
            "member:shota-hayashi-39",
            "member:shota-tanaka-3",
            "story:career-festival-2026:ja",
            "story:hakobune-cold-chain-pilot:ja",
        },
    ),
    (
        "植物性食品",
        {
            "event:career-talk-independence",
            "story:career-festival-2026:ja",
            "story:plant-based-startup-midorino:ja",
        },
    ),
    ("メンタリング", MENTORING),
    ("mentoring", MENTORING),
    ("ブーメラン入社", {"story:boomerang-career-coach:ja"}),
    ("出戻り", {"story:boomerang-career-coach:ja"}),
    (
        "子育て",
        {
            "group:子育て介護と仕事",
            "idea:子育て世代のアルムナイのグループ",
            "story:why-we-built-tsunagari:ja",  # 「子育て中の卒業生の会」
        },
    ),
    # Events, places and what happens there.
    ("キャリアフェスティバル", CAREER_FESTIVAL),
    ("キャリフェス", CAREER_FESTIVAL),
    (
        "工場見学",
        {
            "idea:工場見学ツアーの復活",
            "event:chitose-factory-tour",  # 千歳工場 見学会
            "story:factory-dialogue-chitose:ja",  # 千歳工場の見学交流もやりたいね
        },
    ),
    (
        "千歳工場",
        {
            "event:chitose-factory-tour",
            "story:factory-dialogue-chitose:ja",
            "story:why-we-built-tsunagari:ja",
        },
    ),
    (
        "北海道",
        {
            "event:chitose-factory-tour",
            "group:北海道つながり",
            "idea:地域食材を使った共同商品開発",
            "member:takuya-hashimoto-19",
            "post:北海道工場の近く",  # in 発酵研究会, a private group the demo member belongs to
            "story:career-festival-2026:ja",
            "story:factory-dialogue-chitose:ja",
        },
    ),
    (
        "大阪",
        {
            "event:year-end-osaka",
            "group:関西アルムナイ",
            "idea:関西アルムナイで夏のバーベキュー",
            "member:aya-ito-4",
            "member:daisuke-watanabe-101",
            "member:megumi-kobayashi-32",
            "member:shota-tanaka-3",
            "member:tomoko-kimura-38",
            "member:tomoko-takahashi-2",
            "member:yumi-yoshida-34",
            "post:大阪で小さな懇親会",
        },
    ),
    (
        "シンガポール",
        {
            "group:海外で働く人たち",
            "idea:シンガポールでの交流会",
            "member:kenta-inoue-13",
            "member:naoki-tanaka-27",
            "member:sakura-yamamoto-6",
            "member:tomoko-ishikawa-20",
            "member:yumi-yoshida-34",
            "post:シンガポールで日本の調味料",
        },
    ),
    ("懇親会", {"group:関西アルムナイ", "post:大阪で小さな懇親会"}),
    ("年末の集い", {"event:year-end-osaka"}),
    ("夏のバーベキュー", {"idea:関西アルムナイで夏のバーベキュー"}),
    ("夏休み", set()),  # only in 子育て・介護と仕事, a private group the demo member is not in
    # English: the English stories, and the English parts of profiles.
    ("deliveries", {"story:hakobune-cold-chain-pilot:en", "story:plant-based-startup-midorino:en"}),
    ("tastings", {"story:career-festival-2026:en", "story:plant-based-startup-midorino:en"}),
    (
        "startups",
        {
            "story:career-festival-2026:en",
            "story:hakobune-cold-chain-pilot:en",
            "story:plant-based-startup-midorino:en",
        },
    ),
    ("alumni network", {"story:plant-based-startup-midorino:en", "story:why-we-built-tsunagari:en"}),
    ("career coach", {"story:career-festival-2026:en"}),
    (
        "hiring",
        {
            "member:aya-ito-4",
            "member:chihiro-yamamoto-30",
            "member:daisuke-watanabe-29",
            "member:mai-ito-100",
            "member:megumi-kimura-14",
            "member:misaki-kobayashi-8",
            "member:misaki-takahashi-26",
            "member:naoki-tanaka-27",
            "member:ryo-suzuki-25",
            "member:shota-tanaka-3",
            "member:takuya-inoue-37",
            "member:takuya-suzuki-1",
            "member:tomoko-takahashi-2",
            "story:why-we-built-tsunagari:en",  # count hires
        },
    ),
]

OUR_PRECISION, OUR_RECALL = 0.93, 0.92  # measured on both databases: see the module's docstring
PLAIN_RECALL_MARGIN = 0.3  # our recall must beat the plain baseline's by at least this much


class Labels:
    """Turns labels into (kind, id) pairs and hits back into labels, for one viewer."""

    def __init__(self, viewer):
        self.viewer = viewer
        self.readable = list(readable_posts_for(viewer).select_related("author__profile", "group"))
        self.names = {}

    def resolve(self, label):
        kind, _, rest = label.partition(":")
        if kind in ("post", "post?"):  # post?: the demo may not have it (yet)
            found = {(Kind.POST, post.pk) for post in self.readable if rest in post.body}
            assert found or kind == "post?", f"no readable post holds {rest!r}"
            return found
        if kind == "posts-by":
            return {(Kind.POST, post.pk) for post in self.readable if post.author.profile.handle == rest}
        if kind == "story":
            slug, language = rest.rsplit(":", 1)
            return {(Kind.STORY, StoryPage.objects.get(slug=slug, locale__language_code=language).pk)}
        model, field = {
            "member": (Profile, "handle"),
            "group": (Group, "slug"),
            "event": (EventPage, "slug"),
            "idea": (Idea, "title"),
        }[kind]
        return {(kind, model.objects.get(**{field: rest}).pk)}

    def expected(self, labels):
        return set().union(*(self.resolve(label) for label in labels)) if labels else set()

    def name(self, pair):
        if pair not in self.names:
            kind, pk = pair
            if kind == Kind.STORY:
                page = StoryPage.objects.select_related("locale").get(pk=pk)
                label = f"story:{page.slug}:{page.locale.language_code}"
            elif kind == Kind.MEMBER:
                label = f"member:{Profile.objects.get(pk=pk).handle}"
            elif kind == Kind.GROUP:
                label = f"group:{Group.objects.get(pk=pk).slug}"
            elif kind == Kind.POST:
                post = Post.objects.get(pk=pk)
                label = f"post#{pk}:{post.body[:12]}"
            elif kind == Kind.EVENT:
                label = f"event:{EventPage.objects.get(pk=pk).slug}"
            else:
                label = f"idea:{Idea.objects.get(pk=pk).title}"
            self.names[pair] = label
        return self.names[pair]


def measure(viewer, labels, title):
    """Run every query; print a table; return (precision, recall) micro-averaged over (query, object) pairs."""
    found_total = expected_total = correct_total = 0
    lines = [f"\n{title}", f"{'query':24} {'exp':>4} {'hits':>4} {'ok':>4}  missed / unexpected"]
    with translation.override("ja"):
        for text, wanted in QUERIES:
            expected = labels.expected(wanted)
            outcome = site_search(viewer, text)
            found = {(hit.kind, hit.object_id) for hits in outcome.hits.values() for hit in hits}
            correct = found & expected
            found_total += len(found)
            expected_total += len(expected)
            correct_total += len(correct)
            missed = sorted(labels.name(pair) for pair in expected - found)
            unexpected = sorted(labels.name(pair) for pair in found - expected)
            detail = " ".join([f"-{name}" for name in missed[:3]] + [f"+{name}" for name in unexpected[:3]])
            more = len(missed) + len(unexpected) - min(3, len(missed)) - min(3, len(unexpected))
            lines.append(
                f"{text:24} {len(expected):4d} {len(found):4d} {len(correct):4d}  {detail}"
                + (f" (+{more} more)" if more > 0 else "")
            )
    precision = correct_total / found_total if found_total else 0.0
    recall = correct_total / expected_total
    lines.append(
        f"{len(QUERIES)} queries, {expected_total} expected, {found_total} found, {correct_total} correct: "
        f"precision {precision:.3f}, recall {recall:.3f}"
    )
    print("\n".join(lines))
    return precision, recall


def plain_terms(text):
    """The raw query as one PlainText (what a site gets without a Japanese tokeniser)."""
    text = (text or "").strip()
    return [((text,),)] if text else []


def test_search_quality_on_the_demo_content_and_against_plain_indexing(monkeypatch):
    started = time.monotonic()
    call_command("seed_demo", "--force", verbosity=0)
    index_everything()  # on_commit callbacks don't run inside a test's transaction
    viewer = get_user_model().objects.get(email="member@tsunagari.example")
    labels = Labels(viewer)
    assert len(QUERIES) >= 40
    seeded = time.monotonic()

    precision, recall = measure(viewer, labels, "Tokenised (search/tokeniser.py)")

    # The plain baseline: the same backend, entries holding the raw text, the raw query as one PlainText.
    monkeypatch.setattr(search_entries, "tokenise", lambda text: text or "")
    monkeypatch.setattr(service, "query_terms", plain_terms)
    index_everything()
    assert SearchEntry.objects.filter(kind=Kind.STORY, title__contains="植物性食品").exists()  # raw text now
    plain_precision, plain_recall = measure(viewer, labels, "Plain (raw text, raw query)")
    print(
        f"\nours: precision {precision:.3f} recall {recall:.3f}; "
        f"plain: precision {plain_precision:.3f} recall {plain_recall:.3f} "
        f"(seed {seeded - started:.1f} s, measuring {time.monotonic() - seeded:.1f} s)"
    )

    assert precision >= OUR_PRECISION
    assert recall >= OUR_RECALL
    assert recall >= plain_recall + PLAIN_RECALL_MARGIN
