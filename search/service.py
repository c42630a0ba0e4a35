"""Site search: the query's terms, the tabs the viewer may use, ranked hits per tab, and the objects to show."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import get_language

from . import backends
from .access import scope_for
from .backends import Hit
from .entries import MEMBER_ENTRIES
from .models import Kind
from .synonyms import query_terms_with_synonyms as query_terms  # the tokeniser's units, widened by synonyms

PUBLIC_KINDS = [Kind.STORY, Kind.EVENT]
MEMBER_KINDS = [Kind.STORY, Kind.MEMBER, Kind.GROUP, Kind.POST, Kind.EVENT, Kind.IDEA]


@dataclass
class Outcome:
    query: str
    units: list
    kinds: list
    hits: dict = field(default_factory=dict)  # kind → ranked hits
    any_unit: bool = False  # True when no result had every word, so results with any word are shown

    def count(self, kind):
        return len(self.hits.get(kind, []))

    @property
    def total(self):
        return sum(len(hits) for hits in self.hits.values())


def kinds_for(scope):
    return MEMBER_KINDS if scope.member else PUBLIC_KINDS


def one_version_each(hits, language):
    """Translated pages appear once: in the reader's language when it exists, otherwise in the original."""
    mine = {hit.family for hit in hits if hit.language == language}
    return [hit for hit in hits if not hit.family or hit.language == language or hit.family not in mine]


def ranked_hits(backend, scope, units, kind, any_unit):
    """The backend's ranked hits for one tab. Member searches are kept in the cache for DIRECTORY_CACHE_SECONDS
    under the member entries' generation (search/entries.py, bumped after every member's re-indexing), so a
    kept search never outlives a change to any member's entries. Only with a backend whose searches see new
    entries as soon as they are written (the database's; Elasticsearch shows them after its next refresh).

    Only members' searches: every member entry is for members (Visibility.MEMBERS), so two viewers with the same
    variant find exactly the same entries, whatever groups each is in. The statement behind a common word
    reads every matching member's row to rank them: 36 ms for マーケティング, 15,500 of 50,000 members."""
    seconds = settings.DIRECTORY_CACHE_SECONDS
    if kind != Kind.MEMBER or seconds <= 0 or not backend.sees_updates_at_once:
        return backend.hits(scope, units, kind, any_unit=any_unit)
    kept = MEMBER_ENTRIES.kept(
        [backend.name, scope.variant, units, any_unit],
        seconds,
        lambda: [tuple(hit)[1:] for hit in backend.hits(scope, units, kind, any_unit=any_unit)],
    )
    return [Hit(kind, *row) for row in kept]


def site_search(user, text, kinds=None):
    """Every tab's ranked hits for the text, as this viewer may see them.

    Every word must match; when that finds nothing anywhere, results with any of the words are shown instead.
    """
    scope = scope_for(user)
    units = query_terms(text)
    allowed = kinds_for(scope)
    kinds = [kind for kind in (kinds or allowed) if kind in allowed]
    outcome = Outcome(query=text, units=units, kinds=allowed)
    if not units:
        return outcome
    backend = backends.current()
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    with backend.session():
        for any_unit in (False, True) if len(units) > 1 else (False,):
            outcome.any_unit = any_unit
            outcome.hits = {
                kind: one_version_each(ranked_hits(backend, scope, units, kind, any_unit), language)
                for kind in kinds
            }
            if outcome.total:
                break
    return outcome
