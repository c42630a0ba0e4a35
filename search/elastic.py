"""The Elasticsearch search backend: search entries as elasticsearch-dsl documents, searched with the same rules.

Selected when `ELASTICSEARCH_URL` is set (search/backends.py). Every SearchEntry row becomes one document
(id `kind:object_id:variant`) in the index behind the alias `<ELASTICSEARCH_INDEX>-entries`. Titles and bodies
hold tokens our tokeniser already made (search/tokeniser.py), so they are analysed with a whitespace analyzer
only: Elasticsearch must not segment or stem them again, because queries are made of the same tokens (one
`term` per token) and the two sides have to meet exactly. The viewer's scope (search/access.py) is a filter in
the query, so nothing outside it is ever fetched. Changes reach the index through `update()`, called by
`search.entries.reindex` in Celery tasks; `rebuild()` (manage.py search_index --rebuild) builds a new index,
switches the alias to it in one step, then applies the changes saved while it copied.

No Elasticsearch server runs on our machines: tests check the documents, mappings and queries built here, and
talk to a server only when ELASTICSEARCH_URL is set (tests/search/test_elastic.py).
"""

from contextlib import nullcontext
from datetime import UTC
from functools import lru_cache
from itertools import islice

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from elasticsearch import ApiError, BadRequestError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.helpers import BulkIndexError, bulk, scan
from elasticsearch_dsl import (
    Boolean,
    Date,
    Document,
    Index,
    Keyword,
    Long,
    MetaField,
    Q,
    Search,
    Text,
    analyzer,
)

from .backends import MAX_HITS, Hit, SearchUnavailable, ranked
from .models import SearchEntry, Variant, Visibility

TIMEOUT = 5  # seconds per request
CHUNK = 1000  # documents per bulk request when rebuilding
TITLE_BOOST = 4  # as SearchEntry.search_fields gives the database backend
HIT_FIELDS = ["kind", "object_id", "date", "language", "family"]

# Our tokens are already normalised (NFKC, lower case, folded kana and kanji): split on spaces, nothing more.
# The lowercase filter only guards against text that did not come through the tokeniser.
TOKENS = analyzer("tsunagari_tokens", tokenizer="whitespace", filter=["lowercase"])


class EntryDocument(Document):
    """One SearchEntry row: the filter columns as keywords, the tokenised text as whitespace-analysed text."""

    kind = Keyword()
    object_id = Long()
    variant = Keyword()
    visibility = Keyword()
    group_id = Long()
    group_private = Boolean()
    language = Keyword()
    family = Keyword()
    title = Text(analyzer=TOKENS)
    body = Text(analyzer=TOKENS)
    date = Date()

    class Meta:
        dynamic = MetaField("strict")


def index_alias():
    """The name searches and updates use: an alias for the current concrete index."""
    return f"{settings.ELASTICSEARCH_INDEX}-entries"


def index_definition(name):
    """The index `name` with our settings, analyzer and mapping (elasticsearch-dsl `Index`)."""
    index = Index(name)
    index.settings(number_of_shards=1)
    index.document(EntryDocument)
    return index


def document_id(kind, object_id, variant):
    return f"{kind}:{object_id}:{variant}"


def document_for(entry, index=None):
    """The document for one SearchEntry (saved or not); the tokenised text is copied as it is."""
    return EntryDocument(
        meta={
            "id": document_id(str(entry.kind), entry.object_id, str(entry.variant or "")),
            "index": index or index_alias(),
        },
        kind=str(entry.kind),
        object_id=entry.object_id,
        variant=str(entry.variant or ""),
        visibility=str(entry.visibility),
        group_id=entry.group_id,
        group_private=bool(entry.group_private),
        language=entry.language or "",
        family=entry.family or "",
        title=entry.title or "",
        body=entry.body or "",
        date=entry.date,
    )


def index_action(entry, index=None):
    """A bulk `index` action for one entry. Empty strings are kept: `variant: ""` is what filters match."""
    document = document_for(entry, index)
    return {
        "_op_type": "index",
        "_index": document.meta.index,
        "_id": document.meta.id,
        "_source": document.to_dict(skip_empty=False),
    }


def update_actions(kind, pk, entries, index=None):
    """Bulk actions making the index hold exactly these entries for one object.

    Every variant's document id that is not written again is deleted by id. Deleting by id works on documents
    indexed a moment ago, which a delete-by-query (it only sees refreshed documents) can miss, so a profile
    variant that became hidden can never linger.
    """
    index = index or index_alias()
    actions = [index_action(entry, index) for entry in entries]
    written = {action["_id"] for action in actions}
    for variant in Variant.values:
        doc_id = document_id(str(kind), pk, variant)
        if doc_id not in written:
            actions.append({"_op_type": "delete", "_index": index, "_id": doc_id})
    return actions


def catch_up_actions(indexed_ids, present_ids, changed_entries, index):
    """After a rebuild's copy: write the entries re-made while it ran, delete documents whose rows are gone."""
    actions = [index_action(entry, index) for entry in changed_entries]
    actions += [
        {"_op_type": "delete", "_index": index, "_id": doc_id} for doc_id in sorted(indexed_ids - present_ids)
    ]
    return actions


def object_query(kind, pk):
    """Every document of one object (all its variants)."""
    return Q("bool", filter=[Q("term", kind=str(kind)), Q("term", object_id=pk)])


def unexpected_errors(errors):
    """Bulk failures that matter: deleting a document that isn't there (404) is fine."""
    return [error for error in errors if error.get("delete", {}).get("status") != 404]


def scope_filter(scope):
    """The entries the scope may find, as an Elasticsearch filter: the rule of `search.access.scope_q`."""
    if not scope.member:
        return Q("bool", filter=[Q("term", visibility=Visibility.PUBLIC.value), Q("term", variant="")])
    own_variant = Q("terms", variant=["", str(scope.variant)])
    if scope.everything:
        return own_variant
    readable = [
        Q("terms", visibility=[Visibility.PUBLIC.value, Visibility.MEMBERS.value]),
        Q("bool", filter=[Q("term", visibility=Visibility.GROUP.value), Q("term", group_private=False)]),
    ]
    if scope.group_ids:
        readable.append(
            Q(
                "bool",
                filter=[
                    Q("term", visibility=Visibility.GROUP.value),
                    Q("terms", group_id=sorted(scope.group_ids)),
                ],
            )
        )
    return Q("bool", filter=[own_variant, Q("bool", should=readable, minimum_should_match=1)])


def token_query(token):
    """One token, in the title (boosted) or the body."""
    return Q(
        "bool",
        should=[Q("term", title={"value": token, "boost": TITLE_BOOST}), Q("term", body=token)],
        minimum_should_match=1,
    )


def alternative_query(tokens):
    """An alternative matches when every one of its tokens is present (a compound's parts)."""
    clauses = [token_query(token) for token in tokens]
    return clauses[0] if len(clauses) == 1 else Q("bool", must=clauses)


def unit_query(alternatives):
    """A unit matches when any of its alternatives does."""
    options = [alternative_query(tokens) for tokens in alternatives]
    return options[0] if len(options) == 1 else Q("bool", should=options, minimum_should_match=1)


def query_for(units, any_unit=False):
    """Our query terms (search.tokeniser.query_terms) as a query: every unit, or any unit when any_unit."""
    clauses = [unit_query(alternatives) for alternatives in units]
    if not clauses:
        return Q("match_none")
    if len(clauses) == 1:
        return clauses[0]
    if any_unit:
        return Q("bool", should=clauses, minimum_should_match=1)
    return Q("bool", must=clauses)


def search_body(scope, units, kind, any_unit=False, limit=MAX_HITS):
    """The whole search request: matching entries of one kind within the scope, ranked as `backends.ranked`."""
    search = (
        Search()
        .query(
            Q(
                "bool",
                must=[query_for(units, any_unit)],
                filter=[scope_filter(scope), Q("term", kind=str(kind))],
            )
        )
        .sort({"_score": {"order": "desc"}}, {"date": {"order": "desc"}}, {"object_id": {"order": "desc"}})
        .source(HIT_FIELDS)
        .extra(size=limit, track_scores=True, track_total_hits=False)
    )
    return search.to_dict()


def hit_for(raw):
    """A `Hit` from one hit of a search response."""
    source = raw["_source"]
    score = raw.get("_score")
    if score is None:
        score = raw.get("sort", [0])[0]
    date = parse_datetime(source["date"]) if isinstance(source["date"], str) else source["date"]
    if timezone.is_naive(date):
        date = timezone.make_aware(date, UTC)
    return Hit(
        kind=source["kind"],
        object_id=int(source["object_id"]),
        score=float(score or 0),
        date=date,
        language=source.get("language") or "",
        family=source.get("family") or "",
    )


@lru_cache(maxsize=4)
def _client(url):
    # One client (and connection pool) per process; the client is thread-safe.
    return Elasticsearch(url, request_timeout=TIMEOUT)


_ready = set()  # aliases this process has seen exist


class ElasticsearchSearch:
    """Search entries in Elasticsearch: the same questions as `DatabaseSearch`, the same answers."""

    name = "elasticsearch"
    # Written documents are searchable after the next refresh (up to refresh_interval, 1 s), not when update()
    # returns: a member search kept then could hold a member's old entries for DIRECTORY_CACHE_SECONDS.
    sees_updates_at_once = False

    def __init__(self, client, alias=None):
        self.client = client
        self.alias = alias or index_alias()

    @classmethod
    def from_settings(cls):
        return cls(_client(settings.ELASTICSEARCH_URL), index_alias())

    def session(self):
        """Around one search's queries (every tab): nothing to prepare."""
        return nullcontext()

    def hits(self, scope, units, kind, any_unit=False, limit=MAX_HITS):
        if not units:
            return []
        try:
            response = self.client.search(
                index=self.alias, body=search_body(scope, units, kind, any_unit, limit)
            )
        except (ApiError, TransportError) as error:  # down, or the index is missing: say so, don't crash
            raise SearchUnavailable(str(error)) from error
        return ranked([hit_for(raw) for raw in response["hits"]["hits"]])

    def ensure_index(self):
        """Create an empty index behind the alias unless the alias exists already."""
        if self.alias in _ready:
            return
        if not self.client.indices.exists_alias(name=self.alias):
            name = f"{self.alias}-initial"  # one fixed name, so two workers racing here create one index
            body = index_definition(name).to_dict()
            try:
                self.client.indices.create(index=name, aliases={self.alias: {}}, **body)
            except BadRequestError:  # created meanwhile by another process, or the name is taken
                if not self.client.indices.exists_alias(name=self.alias):
                    raise
        _ready.add(self.alias)

    def update(self, kind, pk, entries):
        """Make the index hold exactly these entries for one object (called after `reindex` saved them)."""
        self.ensure_index()
        self.client.delete_by_query(
            index=self.alias, query=object_query(kind, pk).to_dict(), conflicts="proceed"
        )
        _, errors = bulk(
            self.client,
            update_actions(kind, pk, entries, self.alias),
            raise_on_error=False,
            require_alias=True,
        )
        failed = unexpected_errors(errors)
        if failed:
            _ready.discard(self.alias)  # the alias may be gone: check again on the next attempt
            raise BulkIndexError(f"{kind} #{pk}: {len(failed)} document(s) failed", failed)

    def _indices_behind_alias(self):
        try:
            return sorted(self.client.indices.get_alias(name=self.alias).body)
        except NotFoundError:
            return []

    def rebuild(self, log=print, chunk=CHUNK):
        """Index every entry into a new index, then point the alias at it and delete the old one(s)."""
        name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        body = index_definition(name).to_dict()
        self.client.indices.create(
            index=name, settings={**body["settings"], "refresh_interval": "-1"}, mappings=body["mappings"]
        )
        # reindex() replaces an object's rows with new ones, so rows above this were made during the copy.
        since = SearchEntry.objects.aggregate(last=Max("pk"))["last"] or 0
        try:
            total = SearchEntry.objects.count()
            done = 0
            entries = SearchEntry.objects.order_by("pk").iterator(chunk_size=chunk)
            while batch := list(islice(entries, chunk)):
                _, errors = bulk(
                    self.client,
                    [index_action(e, name) for e in batch],
                    chunk_size=chunk,
                    raise_on_error=False,
                )
                if errors:
                    raise BulkIndexError(f"{len(errors)} document(s) failed", errors)
                done += len(batch)
                log(f"  elasticsearch {name}: {done}/{total}")
            self.client.indices.put_settings(index=name, settings={"index": {"refresh_interval": None}})
            self.client.indices.refresh(index=name)
        except BaseException:
            self.client.indices.delete(index=name, ignore_unavailable=True)
            raise
        old = self._indices_behind_alias()
        actions = [{"add": {"index": name, "alias": self.alias}}]
        actions += [{"remove": {"index": index, "alias": self.alias}} for index in old]
        if not old and self.client.indices.exists(index=self.alias):
            # A concrete index took the alias's name (a write before any index existed): replace it.
            actions.append({"remove_index": {"index": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        for index in old:
            self.client.indices.delete(index=index, ignore_unavailable=True)
        _ready.add(self.alias)
        log(
            f"  elasticsearch: {self.alias} → {name} ({done} documents; removed {', '.join(old) or 'nothing'})"
        )
        self.catch_up(since, log)

    def catch_up(self, since, log=print):
        """Apply the changes saved while a rebuild copied entries: their updates went to the old index.

        Entries re-made since the copy started (pk above `since`) are written again, and documents whose rows
        are gone (a profile hidden, a story unpublished) are deleted, so nothing hidden during the copy comes
        back. Changes made from now on reach the new index through the alias.
        """
        # The index is read before the table: a document written after this read is never deleted here.
        indexed = {
            hit["_id"]
            for hit in scan(
                self.client, index=self.alias, query={"_source": False, "query": {"match_all": {}}}
            )
        }
        present = {
            document_id(kind, object_id, variant)
            for kind, object_id, variant in SearchEntry.objects.values_list("kind", "object_id", "variant")
        }
        changed = list(SearchEntry.objects.filter(pk__gt=since).order_by("pk"))
        actions = catch_up_actions(indexed, present, changed, self.alias)
        if actions:
            _, errors = bulk(self.client, actions, raise_on_error=False, require_alias=True)
            failed = unexpected_errors(errors)
            if failed:
                raise BulkIndexError(f"catching up: {len(failed)} document(s) failed", failed)
        log(f"  elasticsearch: caught up {len(changed)} changed and {len(indexed - present)} removed entries")
