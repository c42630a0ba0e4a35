"""The one Japanese-first tokeniser: the same normalised tokens when indexing and when querying, on every backend.

Neither SQLite FTS5 nor PostgreSQL's text search segments Japanese, so text is split here (SudachiPy with
sudachidict-core) into space-separated tokens that any backend can match word by word. Each unit of Sudachi's
split mode C is indexed with its surface and normalised form (転職しました → 転職; ｱﾙﾑﾅｲ → アルムナイ), plus
its mode-A sub-units (開発部 → 開発, 部) so a part of a compound finds the whole. Everything is NFKC-folded,
lower-cased, variant kanji are folded (髙 → 高), katakana is folded to hiragana (so さとう finds サトウ and the
reverse), Latin accents are dropped (Satō → sato), and English words also get a light stem (managers →
manager). Particles, auxiliaries, symbols and light verbs (する, なる, ある, いる) are dropped.

On the query side, `query_terms()` gives one set of forms per unit: a document matches a unit if it holds any
of its forms, and a query matches when every unit does (retried with any unit when that finds nothing).
The dictionary is memory-mapped and shared by processes; tokenisers are per thread (they are not thread-safe).
"""

import re
import threading
import unicodedata
from functools import lru_cache

from sudachipy import Dictionary, SplitMode

DROPPED_POS = {"助詞", "助動詞", "補助記号", "記号", "空白"}
LIGHT_VERBS = {"為る", "成る", "有る", "居る", "出来る"}
VARIANT_KANJI = str.maketrans(
    {
        "髙": "高",
        "﨑": "崎",
        "嵜": "崎",
        "邊": "辺",
        "邉": "辺",
        "澤": "沢",
        "濱": "浜",
        "齋": "斎",
        "齊": "斉",
        "櫻": "桜",
        "廣": "広",
        "國": "国",
        "藏": "蔵",
        "眞": "真",
        "德": "徳",
        "惠": "恵",
        "瀨": "瀬",
        "壽": "寿",
        "嶋": "島",
        "冨": "富",
        "籠": "篭",
    }
)
KATAKANA = re.compile(r"[\u30a1-\u30f6]")
KANA_WORD = re.compile(r"^[\u3041-\u3096\u30a1-\u30fa\u30fc]{2,}$")
ASCII_WORD = re.compile(r"^[a-z][a-z0-9'-]*$")
ENGLISH_STOP_WORDS = {
    "a",
    "an",
    "and",
    "are",
    "at",
    "be",
    "by",
    "for",
    "in",
    "is",
    "of",
    "on",
    "or",
    "the",
    "to",
    "with",
}
MAX_INPUT = 20000  # characters per call: longer text is tokenised in pieces
_dictionary = None
_local = threading.local()
_lock = threading.Lock()


def _tokeniser():
    global _dictionary
    tokeniser = getattr(_local, "tokeniser", None)
    if tokeniser is None:
        with _lock:
            if _dictionary is None:
                _dictionary = Dictionary(dict="core")
        tokeniser = _local.tokeniser = _dictionary.tokenizer(mode=SplitMode.C)
    return tokeniser


def normalise(text):
    """NFKC, lower case, folded variant kanji."""
    return unicodedata.normalize("NFKC", text or "").lower().translate(VARIANT_KANJI)


def to_hiragana(text):
    return KATAKANA.sub(lambda m: chr(ord(m.group()) - 0x60), text)


def _strip_accents(word):
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped if stripped.isascii() else word


def stem(word):
    """A light English stem: enough for plurals and -ing/-ed forms to meet."""
    if not ASCII_WORD.match(word) or len(word) <= 3:
        return word
    for suffix, replacement, minimum in (
        ("'s", "", 3),
        ("ies", "y", 4),
        ("sses", "ss", 4),
        ("ing", "", 5),
        ("ed", "", 4),
        ("es", "", 4),
        ("s", "", 3),
    ):
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= minimum - 1:
            word = word[: len(word) - len(suffix)] + replacement
            if suffix in ("ing", "ed") and len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # running → run
            return word
    return word


def _forms(word):
    """The forms one written word is indexed and queried under."""
    word = normalise(word).strip()
    if not word:
        return set()
    word = _strip_accents(word)
    forms = {word, to_hiragana(word)}
    forms.add(stem(word))
    return {form for form in forms if form and not form.isspace()}


def _units(text):
    """[(forms of the unit, [forms of each mode-A part])] for each meaningful unit of the text, in order."""
    text = normalise(text)
    units = []
    tokeniser = _tokeniser()
    for start in range(0, len(text), MAX_INPUT):
        for morpheme in tokeniser.tokenize(text[start : start + MAX_INPUT]):
            pos = morpheme.part_of_speech()[0]
            normalized = morpheme.normalized_form()
            if pos in DROPPED_POS or normalized in LIGHT_VERBS or morpheme.surface() in ENGLISH_STOP_WORDS:
                continue
            forms = _meaningful(_forms(morpheme.surface()) | _forms(normalized))
            if pos in ("動詞", "形容詞"):
                forms.add(to_hiragana(normalise(morpheme.dictionary_form())))
            parts = []
            split = morpheme.split(SplitMode.A)
            if len(split) > 1:
                parts = [
                    _meaningful(_forms(part.surface()) | _forms(part.normalized_form()))
                    for part in split
                    if part.part_of_speech()[0] not in DROPPED_POS
                ]
            if normalized != morpheme.surface() and len(normalized) > 1 and not normalized.isascii():
                resplit = [
                    p
                    for p in tokeniser.tokenize(normalized, SplitMode.A)
                    if p.part_of_speech()[0] not in DROPPED_POS
                ]
                if len(resplit) > 1:
                    parts = parts or [_meaningful(_forms(p.surface())) for p in resplit]
            parts = [part for part in parts if part]
            if forms:
                units.append((forms, parts))
    return units


def _meaningful(forms):
    return {form for form in forms if any(ch.isalnum() for ch in form)}


def _broken_kana_words(text):
    """[(word, its units)] for the space-separated words written only in kana (a name's reading: いとう まい)
    that Sudachi does not keep whole: it drops まい and かな as auxiliaries and particles, and splits やまもと
    into やま + も + と. Such a word is also indexed and queried whole, so a member is found by the reading of
    every part of their name."""
    words = []
    for word in normalise(text).split():
        if KANA_WORD.match(word):
            units = _units(word)
            if not (len(units) == 1 and to_hiragana(word) in units[0][0]):
                words.append((word, units))
    return words


def tokenise(text):
    """The text as space-separated index tokens (what models give the search backend)."""
    if not text:
        return ""
    seen, tokens = set(), []
    for forms, parts in _units(text):
        for form in sorted(forms.union(*parts)):
            if form not in seen:
                seen.add(form)
                tokens.append(form)
    for word, _units_of_word in _broken_kana_words(text):
        for form in sorted({word, to_hiragana(word)}):
            if form not in seen:
                seen.add(form)
                tokens.append(form)
    return " ".join(tokens)


def _kana_word_unit(word, units):
    """One unit for a kana word Sudachi breaks up: the whole word, or (entries indexed before whole kana words
    were) the parts Sudachi keeps of it."""
    alternatives = [(form,) for form in sorted({word, to_hiragana(word)})]
    hiragana = to_hiragana(word)
    kept = [
        max((form for form in forms if form in hiragana), key=lambda form: (len(form), form), default=None)
        for forms, _parts in units
    ]
    if kept and all(kept):
        alternatives.append(tuple(kept))
    return tuple(alternatives)


@lru_cache(maxsize=2048)
def _query_terms(text):
    broken = dict(_broken_kana_words(text))
    if broken:  # word by word, so that each broken kana word becomes one unit of its own
        units = []
        for word in normalise(text).split():
            for unit in [_kana_word_unit(word, broken[word])] if word in broken else _query_terms(word):
                if unit not in units:
                    units.append(unit)
        return tuple(units)
    units = []
    written = normalise(text)
    for forms, parts in _units(text):
        alternatives = [(form,) for form in sorted(forms)]
        if (
            len(parts) > 1
        ):  # a compound also matches a text holding each of its parts (商品開発 in 商品開発部)
            # One form per part, chosen the same way in every process: the form as written in the query
            # (学び, 直し of 学び直したい), else the longest. (Picking among equally long forms of a set
            # followed the process's string hashing, so a query could match differently in each worker.)
            alternatives.append(
                tuple(max(part, key=lambda form: (form in written, len(form), form)) for part in parts)
            )
        unit = tuple(alternatives)
        if unit not in units:
            units.append(unit)
    return tuple(units)


def query_terms(text):
    """The query's units (at most 12). Each unit is a tuple of alternatives; an alternative is a tuple of
    tokens that must all be present. A document matches a unit if it matches any alternative."""
    return list(_query_terms((text or "").strip()[:200]))[:12]
