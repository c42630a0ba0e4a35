"""The secretariat's synonym table (search/synonyms.py): queries holding one term also look for the others,
an edit counts at the next search, a synonym never reaches what the viewer may not see, and only the
secretariat can edit the table."""

import html

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

import pytest

from search import elastic, postgres
from search.models import Kind, Synonym
from search.service import site_search
from search.synonyms import compile_table, expand, query_terms_with_synonyms
from search.tokeniser import query_terms
from tests.factories.community import event
from tests.factories.members import member, secretariat
from tests.factories.pages import EventReportPageFactory
from tests.search.helpers import found, index_everything

CAREER_FESTIVAL = "キャリフェス, キャリアフェスティバル, Career Festival"


@pytest.fixture
def festival(db):
    """A story and an event that say キャリアフェスティバル, never キャリフェス."""
    story = EventReportPageFactory(
        title="キャリアフェスティバル2026を開催しました",
        slug="career-festival-report",
        body=[{"type": "paragraph", "value": "<p>先輩の話を聞きに、今年も多くの人が集まりました。</p>"}],
    )
    fair = event(
        title="キャリアフェスティバル2026", slug="career-festival", description="本社ホールで開催します。"
    )
    index_everything()
    return story, fair


# --- What a synonym finds ----------------------------------------------------------------------------------


def test_an_abbreviation_finds_the_story_and_the_event_once_it_is_a_synonym(festival):
    story, fair = festival
    anyone = AnonymousUser()
    assert found(anyone, "キャリフェス", Kind.STORY) == []  # nothing says キャリフェス

    Synonym.objects.create(terms=CAREER_FESTIVAL)

    assert found(anyone, "キャリフェス", Kind.STORY) == [story.pk]
    assert found(anyone, "キャリフェス", Kind.EVENT) == [fair.pk]
    assert found(anyone, "ｷｬﾘﾌｪｽ", Kind.EVENT) == [fair.pk]  # half-width, as typed on some phones
    assert found(anyone, "Career Festival", Kind.EVENT) == [fair.pk]  # a term of several words
    assert found(anyone, "キャリフェス 本社ホール", Kind.EVENT) == [fair.pk]  # the other words still count
    both = site_search(anyone, "キャリフェス 大阪")
    assert both.any_unit  # no result has both words: the page says it shows results with any of them


def test_an_edit_counts_at_the_very_next_search(festival):
    story, _fair = festival
    anyone = AnonymousUser()
    synonym = Synonym.objects.create(terms="キャリフェス, キャリアフェスティバル")
    assert found(anyone, "キャリフェス", Kind.STORY) == [story.pk]

    synonym.terms = "キャリフェス, 就職フェア"
    synonym.save()
    assert found(anyone, "キャリフェス", Kind.STORY) == []

    synonym.terms = "キャリフェス, キャリアフェスティバル"
    synonym.save()
    assert found(anyone, "キャリフェス", Kind.STORY) == [story.pk]

    synonym.delete()
    assert found(anyone, "キャリフェス", Kind.STORY) == []


def test_the_table_costs_one_query_per_search(db, django_assert_num_queries):
    Synonym.objects.create(terms=CAREER_FESTIVAL)
    Synonym.objects.create(terms="アルムナイ, alumni, OB・OG")
    query_terms_with_synonyms("キャリフェス")  # the terms are tokenised once per process

    with django_assert_num_queries(1):
        widened = query_terms_with_synonyms("キャリフェス")
    assert ("career", "festival") in widened[0]
    with django_assert_num_queries(0):
        assert query_terms_with_synonyms("  ") == []  # no words, no query


def test_a_synonym_of_a_hidden_value_does_not_find_the_member(db):
    viewer = member(handle="viewer", display_name="閲覧 太郎", name_kana="えつらん たろう")
    hidden = member(
        handle="hidden",
        display_name="秘匿 花子",
        name_kana="ひとく はなこ",
        organisation="某社",
        work_audience="private",
    )
    shown = member(
        handle="shown",
        display_name="公開 次郎",
        name_kana="こうかい じろう",
        organisation="某社",
        work_audience="members",
    )
    office = secretariat(handle="office")
    index_everything()
    Synonym.objects.create(terms="ACME, 某社")

    assert found(viewer.user, "ACME", Kind.MEMBER) == [shown.pk]  # the synonym works on what the viewer sees
    assert found(viewer.user, "某社", Kind.MEMBER) == [shown.pk]
    assert sorted(found(office.user, "ACME", Kind.MEMBER)) == sorted([hidden.pk, shown.pk])  # the secretariat
    assert found(AnonymousUser(), "ACME", Kind.MEMBER) == []


# --- How terms line up with the query's words -------------------------------------------------------------


def widened(text, *rows):
    return expand(text, query_terms(text), compile_table(rows))


def test_a_term_must_be_whole_words_of_the_query():
    assert widened("キャリフェス", "フェス, festival") == query_terms("キャリフェス")  # part of a word
    assert widened("job fair", "ob, alumni") == query_terms("job fair")  # part of an English word
    assert widened("OB・OG会", "アルムナイ, OB OG")[0] == (("ob", "og"), ("あるむない",), ("アルムナイ",))
    assert widened("サトウ", "佐藤, サトウ")[0] == (("さとう",), ("サトウ",), ("佐藤",))  # kana folded
    assert widened("さとう", "佐藤, サトウ")[0][-1] == ("佐藤",)


def test_other_words_keep_their_own_unit_and_order():
    units = widened("来月のキャリフェス 高橋", CAREER_FESTIVAL)
    assert units[0] == query_terms("来月")[0]
    assert units[2] == query_terms("高橋")[0]
    assert ("キャリアフェスティバル",) in units[1] and ("キャリフェス",) in units[1]


def test_every_backend_query_builder_takes_the_widened_units():
    units = widened("キャリフェス", CAREER_FESTIVAL)

    text = postgres.tsquery(units)
    assert "('キャリフェス')" in text and "('career' & 'festival')" in text
    query = elastic.query_for(units).to_dict()
    assert len(query["bool"]["should"]) == len(units[0])
    assert {
        "bool": {
            "must": [
                elastic.query_for([(("career",),)]).to_dict(),
                elastic.query_for([(("festival",),)]).to_dict(),
            ]
        }
    } in query["bool"]["should"]


# --- What the secretariat may enter ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        ("キャリフェス", "Enter at least two different terms, separated by commas or new lines."),
        (
            "キャリフェス、キャリフェス",
            "Enter at least two different terms, separated by commas or new lines.",
        ),
        ("キャリフェス\nｷｬﾘﾌｪｽ", "Enter at least two different terms, separated by commas or new lines."),
        (
            ", ".join(f"語{n}" for n in range(11)),
            "Enter at most 10 terms: split a longer list into several synonyms.",
        ),
        ("、".join(["キャリフェス" * 20] * 6), "The list is too long: keep it under 600 characters."),
        ("キャリフェス, " + "あ" * 51, "“" + "あ" * 20 + "…” is too long: a term has at most 50 characters."),
        ("キャリフェス, ・・・", "“・・・” has no word search could look for."),
    ],
)
def test_bad_terms_are_refused_with_a_message(db, terms, message):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        Synonym(terms=terms).full_clean()
    with translation.override("en"):
        assert refused.value.message_dict == {"terms": [message]}


def test_good_terms_are_accepted_and_shown_as_a_set(db):
    synonym = Synonym(terms=" キャリフェス,\nキャリアフェスティバル ; Career  Festival ")
    synonym.full_clean()
    assert str(synonym) == "キャリフェス ↔ キャリアフェスティバル ↔ Career Festival"


# --- Who may edit the table --------------------------------------------------------------------------------


def messages_in_any_language(message):
    texts = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            texts.append(html.escape(str(translation.gettext(message))))
    return texts


@pytest.mark.parametrize("who", ["anonymous", "member", "editor"])
def test_only_the_secretariat_reaches_the_synonyms(client, editor, alumna, who):
    Synonym.objects.create(terms="極秘プロジェクト, コードネーム")
    if who != "anonymous":
        client.force_login(editor if who == "editor" else alumna.user)

    listing = client.get(reverse("search_synonym_modeladmin_index"))
    assert listing.status_code in (302, 403)
    if listing.status_code == 302:
        assert not listing["Location"].startswith(reverse("search_synonym_modeladmin_index"))
    assert "極秘プロジェクト" not in listing.content.decode()
    created = client.post(
        reverse("search_synonym_modeladmin_create"), {"terms": "キャリフェス, キャリアフェスティバル"}
    )
    assert created.status_code in (302, 403)
    assert Synonym.objects.count() == 1


def test_the_secretariat_lists_adds_and_is_told_what_is_wrong(client, secretary, festival):
    story, _fair = festival
    Synonym.objects.create(terms="極秘プロジェクト, コードネーム")
    client.force_login(secretary.user)

    assert "極秘プロジェクト" in client.get(reverse("search_synonym_modeladmin_index")).content.decode()
    refused = client.post(reverse("search_synonym_modeladmin_create"), {"terms": "キャリフェス"})
    assert refused.status_code == 200
    message = "Enter at least two different terms, separated by commas or new lines."
    assert any(text in refused.content.decode() for text in messages_in_any_language(message))
    assert Synonym.objects.count() == 1

    added = client.post(reverse("search_synonym_modeladmin_create"), {"terms": CAREER_FESTIVAL})
    assert added.status_code == 302
    assert found(secretary.user, "キャリフェス", Kind.STORY) == [story.pk]
