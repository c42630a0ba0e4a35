"""Reading time for stories written in Japanese, English or both."""

import math
import re
from collections.abc import Mapping, Sequence

from django.utils.html import strip_tags

# Japanese readers manage about 500 characters a minute; English readers about 220 words.
CJK_CHARS_PER_MINUTE = 500
WORDS_PER_MINUTE = 220
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


def text_of(raw):
    """Every string in a StreamField's raw data, with HTML removed.

    Accepts any sequence, including the RawDataView that `StreamValue.raw_data` returns.
    """
    if isinstance(raw, str):
        return strip_tags(raw)
    if isinstance(raw, Mapping):
        return " ".join(text_of(value) for key, value in raw.items() if key not in {"type", "id", "url"})
    if isinstance(raw, Sequence):
        return " ".join(text_of(item) for item in raw)
    return ""


def reading_minutes(*texts):
    """Whole minutes (at least one) to read the given texts."""
    text = " ".join(texts)
    cjk = len(CJK.findall(text))
    words = len(WORD.findall(CJK.sub(" ", text)))
    return max(1, math.ceil(cjk / CJK_CHARS_PER_MINUTE + words / WORDS_PER_MINUTE))
