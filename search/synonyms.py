"""The secretariat's synonym table, applied to queries: キャリフェス also finds キャリアフェスティバル.

A synonym (search.models.Synonym) is a set of terms that mean the same: an abbreviation and its full form, one
name in two scripts (佐藤, サトウ), an English and a Japanese word. Only queries are widened, never the index, so
an edit takes effect at the next search on every backend and nothing is re-indexed.

How a query is widened: when the query's text holds a term (compared after the tokeniser's `normalise`, with
katakana folded to hiragana and symbols read as spaces) and the query's units (search.tokeniser.query_terms)
hold that term's units in a row, those units become one unit whose alternatives are the query's own plus every
other term's. A term must line up with whole units: フェス does not touch キャリフェス, and ob does not touch
job. A document then matches that unit if it holds any of the terms in any of the forms the tokeniser gives.

A synonym can never widen who sees what: it only changes which words are asked for, and every backend still
applies the viewer's scope, so a member whose employer is hidden is not found by a synonym of that employer.

Cost: one query for the table's rows per search; parsing and tokenising the terms is kept per process for as
long as the rows are unchanged.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice, product

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .tokeniser import normalise, query_terms, to_hiragana

SEPARATORS = re.compile(r"[,\n\r、，;；]+")
MAX_TERMS = 10  # per synonym
MAX_TERM_LENGTH = 50  # characters per term
MAX_TEXT_LENGTH = 600  # characters for the whole list, separators included
PRODUCT_LIMIT = 16  # alternatives one term of several words (or the run of units it replaces) contributes
MAX_UNITS = 12  # as search.tokeniser.query_terms


def key(text):
    """What terms and queries are compared as: normalised, katakana as hiragana, symbols as spaces (OB・OG
    holds OB OG), single spaces."""
    folded = to_hiragana(normalise(text))
    return " ".join("".join(ch if ch.isalnum() else " " for ch in folded).split())


def split_terms(text):
    """The distinct terms of a synonym's text (commas, 、, semicolons or new lines between them), in order."""
    terms, seen = [], set()
    for part in SEPARATORS.split(text or ""):
        term = " ".join(part.split())
        if term and key(term) not in seen:
            seen.add(key(term))
            terms.append(term)
    return terms


def validate_terms(text):
    """Raise ValidationError (for the `terms` field) when the text cannot be one synonym."""
    if len(text or "") > MAX_TEXT_LENGTH:
        raise ValidationError(
            _("The list is too long: keep it under %(limit)d characters."),
            code="too_long",
            params={"limit": MAX_TEXT_LENGTH},
        )
    terms = split_terms(text)
    if len(terms) < 2:
        raise ValidationError(
            _("Enter at least two different terms, separated by commas or new lines."), code="too_few"
        )
    if len(terms) > MAX_TERMS:
        raise ValidationError(
            _("Enter at most %(limit)d terms: split a longer list into several synonyms."),
            code="too_many",
            params={"limit": MAX_TERMS},
        )
    for term in terms:
        if len(term) > MAX_TERM_LENGTH:
            raise ValidationError(
                _("“%(term)s” is too long: a term has at most %(limit)d characters."),
                code="term_too_long",
                params={"term": term[:20] + "…", "limit": MAX_TERM_LENGTH},
            )
        if not query_terms(term):
            raise ValidationError(
                _("“%(term)s” has no word search could look for."), code="no_words", params={"term": term}
            )


@dataclass(frozen=True)
class Term:
    key: str
    units: tuple  # the term's own query units
    alternatives: tuple  # the same as alternatives of one unit: a document holding any of them holds the term


def _joined(units):
    """One unit's alternatives for a run of units: every combination of one alternative from each (capped)."""
    if len(units) == 1:
        return tuple(units[0])
    combined = (tuple(token for alternative in choice for token in alternative) for choice in product(*units))
    return tuple(dict.fromkeys(islice(combined, PRODUCT_LIMIT)))


@lru_cache(maxsize=8)
def compile_table(texts):
    """The table's rows (their texts, in order) as groups of Terms; rows with fewer than two usable terms drop
    out. Kept per process while the rows stay the same."""
    groups = []
    for text in texts:
        terms = []
        for term in split_terms(text):
            units = tuple(query_terms(term))
            if units:
                terms.append(Term(key(term), units, _joined(units)))
        if len(terms) > 1:
            groups.append(tuple(terms))
    return tuple(groups)


def _words(unit):
    return {alternative[0] for alternative in unit if len(alternative) == 1}


def _same_word(query_unit, term_unit):
    return bool(_words(query_unit) & _words(term_unit))


def _widened(run, term, group):
    alternatives = list(_joined(run))
    for other in group:
        if other is not term:
            alternatives += other.alternatives
    return tuple(dict.fromkeys(alternatives))


def _expand_group(units, group, written):
    present = sorted((term for term in group if term.key in written), key=lambda term: -len(term.units))
    if not present:
        return units
    expanded, i = [], 0
    while i < len(units):
        for term in present:
            size = len(term.units)
            run = units[i : i + size]
            if len(run) == size and all(map(_same_word, run, term.units)):
                expanded.append(_widened(run, term, group))
                i += size
                break
        else:
            expanded.append(units[i])
            i += 1
    return expanded


def expand(text, units, table):
    """The query's units with the table's synonyms added where the query holds one of their terms."""
    written = key((text or "").strip()[:200])
    for group in table:
        units = _expand_group(units, group, written)
    unique = []
    for unit in units:
        if unit not in unique:
            unique.append(unit)
    return unique[:MAX_UNITS]


def current_table():
    """The synonym table as it is now (one query)."""
    from .models import Synonym

    return compile_table(tuple(Synonym.objects.order_by("pk").values_list("terms", flat=True)))


def query_terms_with_synonyms(text):
    """search.tokeniser.query_terms(text), widened by the secretariat's synonyms."""
    units = query_terms(text)
    if not units:
        return units
    return expand(text, units, current_table())
