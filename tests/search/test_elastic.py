"""The Elasticsearch path (search/elastic.py) and the search_index command.

No Elasticsearch server runs here (design.md): most tests check the documents, mapping and queries the code
builds. The `test_live_*` tests talk to a real server and run only when ELASTICSEARCH_URL is set.
"""

import os
import uuid
from datetime import UTC, datetime

from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

import pytest

from search import backends, elastic
from search.access import Scope, scope_for
from search.backends import Hit
from search.elastic import (
    ElasticsearchSearch,
    catch_up_actions,
    document_for,
    hit_for,
    index_action,
    index_definition,
    query_for,
    scope_filter,
    search_body,
    unexpected_errors,
    update_actions,
)
from search.models import Kind, SearchEntry, Variant, Visibility
from search.tokeniser import query_terms, tokenise
from tests.factories.community import GroupFactory, add_member
from tests.factories.members import member

WHEN = datetime(2024, 4, 1, 9, 30, tzinfo=UTC)
ANONYMOUS = Scope(member=False, everything=False, variant="", group_ids=frozenset())
SECRETARIAT = Scope(member=True, everything=True, variant=Variant.ALL, group_ids=frozenset())


def entry(**fields):
    values = {
        "kind": Kind.MEMBER,
        "object_id": 42,
        "variant": Variant.ALUMNI,
        "visibility": Visibility.MEMBERS,
        "title": tokenise("佐々木 健太 Kenta Sasaki"),
        "body": tokenise("商品開発部でマネージャーをしています"),
        "date": WHEN,
    }
    values.update(fields)
    return SearchEntry(**values)


def term(field, token, boost=None):
    return {"term": {field: {"value": token, "boost": boost}}} if boost else {"term": {field: token}}


def token_clause(token):
    return {"bool": {"should": [term("title", token, 4), term("body", token)], "minimum_should_match": 1}}


# --- Documents ------------------------------------------------------------------------------------------


def test_document_mirrors_the_entry_and_keeps_the_tokenised_text():
    row = entry(group_id=7, group_private=True, visibility=Visibility.GROUP, language="ja", family="abc")
    document = document_for(row)

    assert document.meta.id == "member:42:alumni"
    assert document.meta.index == "tsunagari-entries"
    assert document.to_dict(skip_empty=False) == {
        "kind": "member",
        "object_id": 42,
        "variant": "alumni",
        "visibility": "group",
        "group_id": 7,
        "group_private": True,
        "language": "ja",
        "family": "abc",
        "title": row.title,  # exactly the tokeniser's output: Elasticsearch only splits it on spaces
        "body": row.body,
        "date": WHEN,
    }
    assert "健太" in document.title.split() and "kenta" in document.title.split()
    assert type(document.kind) is str  # not the TextChoices member


def test_bulk_action_keeps_the_empty_variant_that_filters_match():
    story = entry(kind=Kind.STORY, object_id=5, variant="", visibility=Visibility.PUBLIC, group_id=None)

    action = index_action(story)

    assert action["_id"] == "story:5:"
    assert action["_index"] == "tsunagari-entries"
    assert action["_op_type"] == "index"
    assert action["_source"]["variant"] == ""
    assert action["_source"]["group_id"] is None


def test_index_name_follows_the_setting(settings):
    settings.ELASTICSEARCH_INDEX = "alumni-staging"

    assert document_for(entry()).meta.index == "alumni-staging-entries"
    assert document_for(entry(), index="alumni-staging-entries-2").meta.index == "alumni-staging-entries-2"


def test_update_writes_the_new_variants_and_deletes_every_other_variant_by_id():
    actions = update_actions(Kind.MEMBER, 42, [entry(variant=Variant.ALUMNI), entry(variant=Variant.ALL)])

    written = [(a["_op_type"], a["_id"]) for a in actions]
    assert written == [
        ("index", "member:42:alumni"),
        ("index", "member:42:all"),
        ("delete", "member:42:"),
        ("delete", "member:42:employees"),
    ]
    # A profile hidden from the directory has no entries: every variant's document goes.
    gone = update_actions(Kind.MEMBER, 42, [])
    assert {a["_op_type"] for a in gone} == {"delete"}
    assert {a["_id"] for a in gone} == {f"member:42:{variant}" for variant in Variant.values}


def test_only_missing_documents_are_tolerated_bulk_errors():
    missing = {"delete": {"_id": "member:42:", "status": 404, "result": "not_found"}}
    rejected = {
        "index": {"_id": "member:42:alumni", "status": 400, "error": {"type": "mapper_parsing_exception"}}
    }

    assert unexpected_errors([missing]) == []
    assert unexpected_errors([missing, rejected]) == [rejected]


def test_catching_up_after_a_rebuild_rewrites_changed_entries_and_drops_vanished_documents():
    changed = entry(object_id=7, variant=Variant.ALL)
    indexed = {"member:7:all", "member:8:alumni", "story:1:"}
    present = {"member:7:all", "story:1:"}  # member 8 was hidden while the copy ran

    actions = catch_up_actions(indexed, present, [changed], "tsunagari-entries")

    assert [(a["_op_type"], a["_id"], a["_index"]) for a in actions] == [
        ("index", "member:7:all", "tsunagari-entries"),
        ("delete", "member:8:alumni", "tsunagari-entries"),
    ]


# --- Mapping --------------------------------------------------------------------------------------------


def test_index_mapping_uses_the_whitespace_analyzer_for_text_and_keywords_for_filters():
    definition = index_definition("tsunagari-entries-1").to_dict()
    analyzers = definition["settings"]["analysis"]["analyzer"]
    properties = definition["mappings"]["properties"]

    assert analyzers == {
        "tsunagari_tokens": {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}
    }
    assert properties["title"] == {"type": "text", "analyzer": "tsunagari_tokens"}
    assert properties["body"] == {"type": "text", "analyzer": "tsunagari_tokens"}
    for field in ("kind", "variant", "visibility", "language", "family"):
        assert properties[field] == {"type": "keyword"}, field
    assert properties["object_id"] == properties["group_id"] == {"type": "long"}
    assert properties["group_private"] == {"type": "boolean"}
    assert properties["date"] == {"type": "date"}
    assert definition["mappings"]["dynamic"] == "strict"  # a misspelt field fails instead of being guessed


# --- Who may find what -----------------------------------------------------------------------------------


def test_anonymous_visitors_find_only_public_entries_without_member_variants():
    assert scope_for(AnonymousUser()) == ANONYMOUS

    assert scope_filter(ANONYMOUS).to_dict() == {
        "bool": {"filter": [{"term": {"visibility": "public"}}, {"term": {"variant": ""}}]}
    }


@pytest.mark.django_db
def test_alumni_member_finds_members_entries_open_groups_and_their_private_groups():
    profile = member()
    private = GroupFactory(is_private=True)
    GroupFactory(is_private=True)  # not theirs
    add_member(private, profile)
    scope = scope_for(profile.user)
    assert scope.variant == Variant.ALUMNI and private.pk in scope.group_ids

    assert scope_filter(scope).to_dict() == {
        "bool": {
            "filter": [
                {"terms": {"variant": ["", "alumni"]}},
                {
                    "bool": {
                        "should": [
                            {"terms": {"visibility": ["public", "members"]}},
                            {
                                "bool": {
                                    "filter": [
                                        {"term": {"visibility": "group"}},
                                        {"term": {"group_private": False}},
                                    ]
                                }
                            },
                            {
                                "bool": {
                                    "filter": [
                                        {"term": {"visibility": "group"}},
                                        {"terms": {"group_id": sorted(scope.group_ids)}},
                                    ]
                                }
                            },
                        ],
                        "minimum_should_match": 1,
                    }
                },
            ]
        }
    }


def test_member_without_groups_gets_no_private_group_clause():
    scope = Scope(member=True, everything=False, variant=Variant.EMPLOYEES, group_ids=frozenset())

    rules = scope_filter(scope).to_dict()["bool"]["filter"]

    assert rules[0] == {"terms": {"variant": ["", "employees"]}}
    assert "group_id" not in str(rules)


def test_secretariat_finds_everything_in_its_own_profile_variant():
    assert scope_filter(SECRETARIAT).to_dict() == {"terms": {"variant": ["", "all"]}}


# --- Queries --------------------------------------------------------------------------------------------


def test_every_unit_must_match_and_a_compound_alternative_needs_all_its_parts():
    units = [(("商品開発",), ("商品", "開発")), (("転職",),)]

    assert query_for(units).to_dict() == {
        "bool": {
            "must": [
                {
                    "bool": {
                        "should": [
                            token_clause("商品開発"),
                            {"bool": {"must": [token_clause("商品"), token_clause("開発")]}},
                        ],
                        "minimum_should_match": 1,
                    }
                },
                token_clause("転職"),
            ]
        }
    }


def test_any_unit_query_needs_one_unit():
    units = [(("商品開発",), ("商品", "開発")), (("転職",),)]

    query = query_for(units, any_unit=True).to_dict()

    assert query["bool"]["minimum_should_match"] == 1
    assert "must" not in query["bool"]
    assert query["bool"]["should"] == query_for(units).to_dict()["bool"]["must"]


def test_query_uses_the_tokens_of_the_shared_tokeniser():
    units = query_terms("開発部 転職")
    compound = next(unit for unit in units if any(len(alternative) > 1 for alternative in unit))

    query = str(query_for(units).to_dict())

    for alternative in compound:
        for token in alternative:
            assert f"'{token}'" in query
    assert len(query_for(units).to_dict()["bool"]["must"]) == len(units)


def test_one_unit_is_the_query_itself_and_no_units_match_nothing():
    assert query_for([(("転職",),)]).to_dict() == token_clause("転職")
    assert query_for([(("転職",),)], any_unit=True).to_dict() == token_clause("転職")
    assert query_for([]).to_dict() == {"match_none": {}}


def test_search_body_filters_by_scope_and_kind_and_sorts_like_the_database_backend():
    units = [(("転職",),)]

    body = search_body(ANONYMOUS, units, Kind.STORY, any_unit=False, limit=50)

    assert body["query"] == {
        "bool": {
            "must": [token_clause("転職")],
            "filter": [scope_filter(ANONYMOUS).to_dict(), {"term": {"kind": "story"}}],
        }
    }
    assert body["sort"] == [
        {"_score": {"order": "desc"}},
        {"date": {"order": "desc"}},
        {"object_id": {"order": "desc"}},
    ]
    assert body["size"] == 50
    assert body["track_scores"] is True
    assert sorted(body["_source"]) == ["date", "family", "kind", "language", "object_id"]


def test_search_hit_becomes_a_backend_hit():
    raw = {
        "_id": "story:5:",
        "_score": 3.5,
        "_source": {
            "kind": "story",
            "object_id": 5,
            "date": "2024-04-01T09:30:00+00:00",
            "language": "ja",
            "family": "f1",
        },
        "sort": [3.5, 1711963800000, 5],
    }

    assert hit_for(raw) == Hit("story", 5, 3.5, WHEN, "ja", "f1")
    assert hit_for({**raw, "_score": None}).score == 3.5  # taken from the sort values
    naive = {**raw, "_source": {**raw["_source"], "date": "2024-04-01T09:30:00"}}
    assert hit_for(naive).date == WHEN  # dates without an offset are UTC, as Elasticsearch stores them


def test_elasticsearch_is_the_backend_when_its_url_is_set(settings):
    settings.ELASTICSEARCH_URL = "http://search.example:9200"
    settings.ELASTICSEARCH_INDEX = "alumni"

    backend = backends.current()  # builds a client; no request is made

    assert isinstance(backend, ElasticsearchSearch)
    assert backend.alias == "alumni-entries"
    assert backend.client._request_timeout == 5
    assert backends.current().client is backend.client  # one client per process
    assert backend.hits(ANONYMOUS, [], Kind.STORY) == []  # nothing to look for: no request either


# --- The search_index command, on the database backend ---------------------------------------------------


@pytest.fixture
def database_backend(settings):
    settings.ELASTICSEARCH_URL = ""
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}


@pytest.mark.django_db
def test_search_index_rebuild_makes_entries_and_finds_them(database_backend, interview, capsys):
    profile = member(display_name="佐々木 健太", name_kana="ささき けんた", name_romaji="Kenta Sasaki")
    stale = SearchEntry.objects.create(
        kind=Kind.IDEA, object_id=987654, visibility=Visibility.MEMBERS, title="gone", date=WHEN
    )
    # on_commit never fires inside a test transaction, so nothing was indexed on save.
    SearchEntry.objects.exclude(pk=stale.pk).delete()

    call_command("search_index", "--rebuild")

    assert SearchEntry.objects.filter(kind=Kind.STORY, object_id=interview.pk).count() == 1
    assert set(
        SearchEntry.objects.filter(kind=Kind.MEMBER, object_id=profile.pk).values_list("variant", flat=True)
    ) == {Variant.ALUMNI, Variant.EMPLOYEES, Variant.ALL}
    assert not SearchEntry.objects.filter(pk=stale.pk).exists()  # its object is gone

    search = backends.current()  # Wagtail's FTS5 index on SQLite, the entries' own tsvector on PostgreSQL
    viewer = member()
    hits = search.hits(scope_for(viewer.user), query_terms("佐々木"), Kind.MEMBER)
    assert [hit.object_id for hit in hits] == [profile.pk]
    assert search.hits(scope_for(AnonymousUser()), query_terms("佐々木"), Kind.MEMBER) == []
    stories = search.hits(scope_for(AnonymousUser()), query_terms("山田"), Kind.STORY)
    assert [hit.object_id for hit in stories] == [interview.pk]

    out = capsys.readouterr().out
    assert "member: 1 objects, 3 entries" in out
    assert "Rebuilt" in out and " s." in out
    assert f"Rebuilding the {search.name} index" in out
    assert ("database index:" in out) if search.name == "database" else ("nothing more to rebuild" in out)


@pytest.mark.django_db
def test_search_index_without_rebuild_only_reports(database_backend, capsys):
    SearchEntry.objects.create(kind=Kind.IDEA, object_id=1, visibility=Visibility.MEMBERS, date=WHEN)

    call_command("search_index")

    out = capsys.readouterr().out
    assert "idea: 1 entries" in out
    assert f"backend: {backends.current().name}" in out
    assert SearchEntry.objects.count() == 1


# --- Against a live Elasticsearch server (only when ELASTICSEARCH_URL is set) -----------------------------

live = pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"), reason="no Elasticsearch server: set ELASTICSEARCH_URL to run"
)


@pytest.fixture
def live_search(settings):
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX = f"tsunagari-test-{uuid.uuid4().hex[:8]}"
    backend = ElasticsearchSearch.from_settings()
    yield backend
    # By name: Elasticsearch 8 refuses wildcard deletes (action.destructive_requires_name).
    for name in backend.client.indices.get(index=f"{backend.alias}-*").body:
        backend.client.indices.delete(index=name)
    elastic._ready.discard(backend.alias)


@live
def test_live_update_and_scoped_search(live_search):
    public = entry(
        kind=Kind.STORY,
        object_id=1,
        variant="",
        visibility=Visibility.PUBLIC,
        title=tokenise("商品開発部の転職ストーリー"),
        body="",
    )
    members_only = entry(
        kind=Kind.STORY,
        object_id=2,
        variant="",
        visibility=Visibility.MEMBERS,
        title=tokenise("転職の相談会"),
        body="",
        date=datetime(2025, 1, 1, tzinfo=UTC),
    )
    live_search.update(Kind.STORY, 1, [public])
    live_search.update(Kind.STORY, 2, [members_only])
    live_search.client.indices.refresh(index=live_search.alias)
    alumni = Scope(member=True, everything=False, variant=Variant.ALUMNI, group_ids=frozenset())

    anyone = live_search.hits(ANONYMOUS, query_terms("転職"), Kind.STORY)
    members = live_search.hits(alumni, query_terms("転職"), Kind.STORY)
    compound = live_search.hits(alumni, query_terms("開発"), Kind.STORY)

    assert [hit.object_id for hit in anyone] == [1]
    assert {hit.object_id for hit in members} == {1, 2}
    assert [hit.object_id for hit in compound] == [1]  # 開発 is a part of 商品開発部
    assert live_search.hits(alumni, query_terms("転職"), Kind.MEMBER) == []

    live_search.update(Kind.STORY, 1, [])  # unpublished
    live_search.client.indices.refresh(index=live_search.alias)
    assert [hit.object_id for hit in live_search.hits(alumni, query_terms("転職"), Kind.STORY)] == [2]


@live
@pytest.mark.django_db
def test_live_rebuild_switches_the_alias(live_search):
    entry(
        kind=Kind.STORY, object_id=3, variant="", visibility=Visibility.PUBLIC, title=tokenise("同窓会")
    ).save()
    live_search.ensure_index()
    first = sorted(live_search.client.indices.get_alias(name=live_search.alias).body)

    live_search.rebuild(log=lambda message: None)

    second = sorted(live_search.client.indices.get_alias(name=live_search.alias).body)
    assert len(second) == 1 and second != first
    assert not live_search.client.indices.exists(index=first[0])
    hits = live_search.hits(ANONYMOUS, query_terms("同窓会"), Kind.STORY)
    assert [hit.object_id for hit in hits] == [3]

    # A story unpublished while a rebuild copied entries: its row is gone, the copied document goes too.
    since = SearchEntry.objects.order_by("pk").last().pk
    SearchEntry.objects.filter(object_id=3).delete()
    live_search.catch_up(since, log=lambda message: None)
    live_search.client.indices.refresh(index=live_search.alias)
    assert live_search.hits(ANONYMOUS, query_terms("同窓会"), Kind.STORY) == []
