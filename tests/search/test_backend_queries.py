"""The database backends answer the same questions: what they build, and that odd input can't break them."""

from django.db import DatabaseError, connection, transaction

import pytest

from search import backends
from search.access import scope_for
from search.directory import DirectoryQuery, RankedProfiles, directory_results
from search.entries import reindex
from search.models import Kind, SearchEntry
from search.postgres import tsquery
from search.service import site_search
from search.tokeniser import query_terms
from tests.factories.members import member

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own tsvector path")


def test_tsquery_quotes_every_token_and_keeps_the_and_or_shape():
    units = [[["転職"]], [["o'brien", "x\\y"], ["alumni"]]]
    assert tsquery(units) == "(('転職')) & (('o''brien' & 'x\\\\y') | ('alumni'))"
    assert tsquery(units, any_unit=True) == "(('転職')) | (('o''brien' & 'x\\\\y') | ('alumni'))"


def test_the_configured_backend_matches_the_database():
    expected = "postgresql" if connection.vendor == "postgresql" else "database"
    assert backends.current().name == expected


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["O'Brien", "a\\b", "& | ! ( ) : * <->", "'", "発酵 & 食品"])
def test_operators_and_quotes_in_a_query_are_plain_text(text):
    viewer = member(handle="viewer")
    assert isinstance(backends.current().hits(scope_for(viewer.user), query_terms(text), Kind.MEMBER), list)


@on_postgres
@pytest.mark.django_db
def test_postgres_ranks_a_title_match_above_a_body_match_and_skips_wagtails_index():
    from wagtail.search.models import IndexEntry

    in_body = member(handle="body", display_name="本文 花子", bio="発酵食品の研究をしています")
    in_title = member(handle="title", display_name="発酵 太郎")
    for profile in (in_body, in_title):
        reindex(Kind.MEMBER, profile.pk)
    viewer = member(handle="viewer")
    hits = backends.current().hits(scope_for(viewer.user), query_terms("発酵"), Kind.MEMBER)
    assert [hit.object_id for hit in hits] == [in_title.pk, in_body.pk]
    assert hits[0].score > hits[1].score
    # Entries are searched through their own generated tsvector: Wagtail's index holds none of them.
    assert not IndexEntry.objects.filter(content_type__model="searchentry").exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_searchentry WHERE document IS NOT NULL")
        assert cursor.fetchone()[0] == SearchEntry.objects.count() > 0


@on_postgres
@pytest.mark.django_db
def test_postgres_searches_through_the_kinds_word_index_and_restores_the_planner():
    """A search is planned through bitmap scans only (the planner's whole-table estimate once chose to read every
    post through a b-tree), and the session's planner settings are what they were afterwards, also after a
    failure."""
    from django.test.utils import CaptureQueriesContext

    from search import postgres

    viewer = member(handle="viewer")
    with CaptureQueriesContext(connection) as run:
        site_search(viewer.user, "発酵")
    statements = [query["sql"] for query in run.captured_queries]
    first = statements.index(postgres.THROUGH_THE_WORD_INDEX)
    assert statements[-2:] == [postgres.PLANNER_DEFAULTS, statements[-1]]
    assert statements[-1].startswith("RELEASE SAVEPOINT")  # its own savepoint in the test's transaction
    assert statements.count(postgres.THROUGH_THE_WORD_INDEX) == 1  # once around every tab's search
    post_search = next(sql for sql in statements[first:] if "'post'" in sql)
    with connection.cursor() as cursor:
        cursor.execute(postgres.THROUGH_THE_WORD_INDEX)
        cursor.execute("EXPLAIN " + post_search)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute(postgres.PLANNER_DEFAULTS)
    # Only bitmap scans. (On a table this small a bitmap over a whole b-tree can cost the same as the GIN index;
    # on the large one the GIN index wins: bench/search.py.)
    scans = [line.split(" on ")[0].split("->")[-1].strip() for line in plan.splitlines() if " on " in line]
    assert scans and all(scan.startswith("Bitmap") for scan in scans), plan

    def setting(name):
        with connection.cursor() as cursor:
            cursor.execute(f"SHOW {name}")
            return cursor.fetchone()[0]

    assert setting("enable_seqscan") == setting("enable_indexscan") == "on"
    with pytest.raises(DatabaseError), pytest.MonkeyPatch.context() as patch, transaction.atomic():
        patch.setattr(postgres, "tsquery", lambda *args, **kwargs: "((( not a query")
        site_search(viewer.user, "viewer")
    assert setting("enable_seqscan") == setting("enable_indexscan") == "on"


@pytest.mark.django_db
def test_the_directory_pages_over_ranked_matches_in_rank_order(django_assert_max_num_queries):
    viewer = member(handle="viewer")
    first = member(handle="first", display_name="醸造 一郎")
    second = member(handle="second", display_name="山本 次郎", bio="醸造の仕事をしていました")
    for profile in (first, second, viewer):
        reindex(Kind.MEMBER, profile.pk)
    results = directory_results(viewer.user, DirectoryQuery(text="醸造"))
    listed = results.members
    assert isinstance(listed, RankedProfiles)
    assert len(listed) == listed.count() == results.count == results.facets["total"] == 2
    assert "ids" not in results.facets
    with django_assert_max_num_queries(2):  # one page: profiles + their departments (what a card shows)
        assert list(listed[0:24]) == [first, second]
    assert listed[1] == second
    nothing = directory_results(viewer.user, DirectoryQuery(text="存在しない言葉"))
    assert list(nothing.members) == [] and nothing.count == nothing.facets["total"] == 0
