"""Highlighted snippets: a short window of the original text around the first match, matches in <mark>."""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .tokeniser import to_hiragana

WINDOW = 60


def _katakana(text):
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)


def pattern_for(units):
    """A regex matching any form of any query word as written (hiragana and katakana alike), or None."""
    words = set()
    for alternatives in units:
        for tokens in alternatives:
            for token in tokens:
                if len(token) > 1 or not token.isascii():
                    words |= {token, to_hiragana(token), _katakana(token)}
    if not words:
        return None
    return re.compile(
        "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)), re.IGNORECASE
    )


def snippet(text, pattern, window=WINDOW):
    """Safe HTML: the text around the first match (or its beginning), every match marked."""
    text = " ".join(unicodedata.normalize("NFKC", text or "").split())
    if not text:
        return ""
    match = pattern.search(text) if pattern else None
    start = max(match.start() - window // 2, 0) if match else 0
    piece = text[start : start + window * 2]
    html = []
    position = 0
    for found in pattern.finditer(piece) if pattern else ():
        html.append(escape(piece[position : found.start()]))
        html.append(f"<mark>{escape(found.group())}</mark>")
        position = found.end()
    html.append(escape(piece[position:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + window * 2 < len(text) else ""
    return mark_safe(prefix + "".join(html) + suffix)  # noqa: S308 - every piece of text is escaped above
