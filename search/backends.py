"""The search backends: the database's (Wagtail's backend on SQLite, search/postgres.py on PostgreSQL) or
Elasticsearch (when ELASTICSEARCH_URL is set).

Both answer the same questions over SearchEntry — which entries of a kind match these query terms for this
viewer, ranked — and both apply the viewer's scope (search/access.py) inside the backend query, so nothing
outside it is ever fetched. Ranking: relevance first (title above body), newer first when relevance ties.
"""

from contextlib import nullcontext
from datetime import datetime
from typing import NamedTuple

from django.conf import settings
from django.db import connection

from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from .access import scope_q
from .models import SearchEntry

MAX_HITS = 1000  # per kind and query; counts above it are shown as "1000+"


class SearchUnavailable(Exception):
    """The search service cannot answer now (Elasticsearch down): the page says so instead of failing."""


class Hit(NamedTuple):
    """One ranked match. A tuple: a search makes up to a thousand per tab, and a frozen dataclass took several
    times as long to build."""

    kind: str
    object_id: int
    score: float
    date: datetime
    language: str = ""
    family: str = ""


def wagtail_query(units, any_unit=False):
    """Wagtail query objects for our query terms: every unit (or any unit), each unit any of its alternatives."""
    clauses = []
    for alternatives in units:
        options = [
            PlainText(tokens[0]) if len(tokens) == 1 else And([PlainText(token) for token in tokens])
            for tokens in alternatives
        ]
        clauses.append(options[0] if len(options) == 1 else Or(options))
    if len(clauses) == 1:
        return clauses[0]
    return Or(clauses) if any_unit else And(clauses)


def ranked(hits):
    return sorted(hits, key=lambda hit: (-hit.score, -hit.date.timestamp(), -hit.object_id))


class DatabaseSearch:
    """Wagtail's database backend: SQLite FTS5 in the embedded default. (On PostgreSQL, search/postgres.py
    queries the entries' own tsvector column instead.)"""

    name = "database"
    # A search sees an object's new entries once their transaction commits (search/service.py keeps member
    # searches only where this holds).
    sees_updates_at_once = True

    def __init__(self):
        self.backend = get_search_backend("default")

    def hits(self, scope, units, kind, any_unit=False, limit=MAX_HITS):
        if not units:
            return []
        entries = SearchEntry.objects.filter(scope_q(scope, kind), kind=kind)
        results = self.backend.search(wagtail_query(units, any_unit), entries, order_by_relevance=True)
        rows = results.annotate_score("_score")[:limit]
        hits = [
            Hit(kind, row.object_id, self._score(row._score), row.date, row.language, row.family)
            for row in rows
        ]
        return ranked(hits)

    def session(self):
        """Around one search's queries (every tab): nothing to prepare for Wagtail's backend."""
        return nullcontext()

    @staticmethod
    def _score(value):
        # SQLite's bm25() is negative (lower is better); PostgreSQL's ts_rank is positive (higher is better).
        value = float(value or 0)
        return -value if value < 0 else value

    def update(self, kind, pk, entries):
        """Wagtail keeps its own index current when entries are saved or deleted: nothing more to do."""

    def rebuild(self, log=print, chunk=1000):
        """Re-add every entry to Wagtail's index (after a bulk load that bypassed its signals)."""
        index = self.backend.get_index_for_model(SearchEntry)
        ids = list(SearchEntry.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), chunk):
            index.add_items(SearchEntry, list(SearchEntry.objects.filter(pk__in=ids[start : start + chunk])))
            log(f"  database index: {min(start + chunk, len(ids))}/{len(ids)}")


def current():
    """The backend this site is configured to use: Elasticsearch when configured, else the database's own."""
    if settings.ELASTICSEARCH_URL:
        from .elastic import ElasticsearchSearch

        return ElasticsearchSearch.from_settings()
    if connection.vendor == "postgresql":
        from .postgres import PostgresSearch

        return PostgresSearch()
    return DatabaseSearch()
