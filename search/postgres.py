"""PostgreSQL full-text search over the entries' own tsvector columns (production's database backend).

Each entry carries two generated `tsvector`s — `document` (title weighted A, body D, with a GIN index, migration
0002) and `title_document` (the title alone, migration 0004) — in the 'simple' configuration because the tokeniser
has already normalised the text. A query is one indexed statement on `search_searchentry`: the viewer's scope
(search/access.py), the kind and `document @@ query`, ranked by how many of the query's words the title holds,
newer first on ties: the design's ranking (title and name above body; newer above older when relevance ties).

The score reads only the small title vector. `ts_rank` over `document` read and ranked each match's whole
vector: for a word in a fifth of 100,000 profiles ("mentoring", 18,000 matches) that was 90 of 125 ms. The
sort key is computed, so PostgreSQL never walks a date index hoping to meet enough matches early: for a rare
word that walk reads the whole kind (190 ms over 200,000 posts to find none), and the planner's estimate of a
word's frequency cannot tell it when.

Why not Wagtail's PostgreSQL backend, as on SQLite: it matches `(title || body)` while its GIN indexes are on
each column apart, so every search read every index entry, and it joins back to our rows through a text-cast
id. At 100,000 members that took 1.7 s per directory search.
"""

from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import BooleanField, IntegerField
from django.db.models.expressions import RawSQL

from .access import scope_q
from .backends import MAX_HITS, DatabaseSearch, Hit
from .models import SearchEntry

CONFIG = "simple"
# A search reads its kind's GIN index (migration 0004) and nothing else. PostgreSQL's estimate of how many entries
# hold a word comes from the whole table, so for a word common among members it expects thousands of posts to hold
# it too, and chose to read every post through a b-tree instead (100–250 ms, finding none). Only bitmap scans stay
# allowed while a search runs (`session`), and reset after it; no b-tree starts with the kind (migration 0004), so
# the only other bitmap is a scan of a whole b-tree, which the planner takes for a tiny table, not a large one.
THROUGH_THE_WORD_INDEX = "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off"
PLANNER_DEFAULTS = "RESET enable_seqscan; RESET enable_indexscan"


def lexeme(token):
    """One token as a quoted tsquery lexeme (quotes and backslashes escaped)."""
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery(units, any_unit=False):
    """Our query terms as to_tsquery text: every unit (or any), each unit any of its alternatives, each
    alternative all of its tokens."""
    clauses = [
        "(" + " | ".join("(" + " & ".join(map(lexeme, tokens)) + ")" for tokens in alternatives) + ")"
        for alternatives in units
    ]
    return (" | " if any_unit else " & ").join(clauses)


def _matches(column, text):
    """`column @@ tsquery` with the query text as a parameter (the SQL around it is our constants)."""
    return RawSQL(  # noqa: S611
        f"search_searchentry.{column} @@ to_tsquery('{CONFIG}', %s)", [text], output_field=BooleanField()
    )


def _title_words(units):
    """How many of the query's units the title holds, as SQL: one cheap test per unit on the small vector."""
    tests = " + ".join(
        f"(search_searchentry.title_document @@ to_tsquery('{CONFIG}', %s))::int" for _unit in units
    )
    return RawSQL(tests, [tsquery([unit]) for unit in units], output_field=IntegerField())  # noqa: S611


class PostgresSearch(DatabaseSearch):
    name = "postgresql"

    def __init__(self):
        """Nothing to connect: the entries table is the index."""

    def hits(self, scope, units, kind, any_unit=False, limit=MAX_HITS):
        if not units:
            return []
        text = tsquery(units, any_unit)
        rows = (
            SearchEntry.objects.filter(scope_q(scope, kind), _matches("document", text), kind=kind)
            .annotate(score=_title_words(units))
            .order_by("-score", "-date", "-object_id")
            .values_list("object_id", "score", "date", "language", "family")[:limit]
        )
        return [
            Hit(kind, *row) for row in rows
        ]  # in ranked() order already: the statement sorts the same way

    @contextmanager
    def session(self):
        """Around one search's statements (every tab): one transaction planned through the word indexes. SET LOCAL
        ends with the transaction (and stays on one server connection behind PgBouncer's transaction pooling); the
        RESET is for a surrounding transaction that goes on, and a failure's rollback undoes the SET."""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(THROUGH_THE_WORD_INDEX)
            yield
            cursor.execute(PLANNER_DEFAULTS)

    def rebuild(self, log=print, chunk=1000):
        log("  postgresql: every entry's documents are generated by the database; nothing more to rebuild")
