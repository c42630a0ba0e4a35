"""When something was written, in words: "3 hours ago" within a week, the date after that.

A thread page shows this for hundreds of comments. Django's `timesince` and `naturaltime` look up several
translations on every call; here the words for each case (its units and numbers, or its day) are put together
once per language and remembered, and the arithmetic is done directly. The words are the same as theirs
(tests/community/test_timeago.py compares them).
"""

from datetime import timedelta
from functools import lru_cache

from django.contrib.humanize.templatetags.humanize import NaturalTimeFormatter, naturaltime
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.html import avoid_wrapping
from django.utils.timesince import TIME_STRINGS
from django.utils.translation import get_language
from django.utils.translation import gettext as _

MINUTE = timedelta(minutes=1)
WEEK = timedelta(days=7)
FOUR_WEEKS = timedelta(days=28)  # shorter spans never reach a month, so their units are plain arithmetic
UNITS = (("week", 7 * 24 * 60 * 60), ("day", 24 * 60 * 60), ("hour", 60 * 60), ("minute", 60))
NATURAL_UNITS = (("hour", 60 * 60), ("minute", 60), ("second", 1))


def friendly_time(value, now=None):
    """'3 hours ago' within a week (one unit reads better in a feed than naturaltime's two), the date after
    that; naturaltime's words for the last minute and for the future (a clock running ahead)."""
    if not value:
        return ""
    now = now or timezone.now()
    age = now - value
    if age >= WEEK:
        return _date(get_language(), timezone.localtime(value).date())
    if age >= MINUTE:
        return _ago(get_language(), _units(age, depth=1))
    if value < now:  # less than a minute ago
        return _natural_words(get_language(), "past-second" if age.seconds else "now", age.seconds)
    ahead = value - now
    if ahead.days == 0:
        for unit, size in NATURAL_UNITS:
            if ahead.seconds >= size:
                return _natural_words(get_language(), f"future-{unit}", ahead.seconds // size)
        return _natural_words(get_language(), "now", 0)
    if ahead < FOUR_WEEKS:
        return _ahead(get_language(), _units(ahead, depth=2))
    return naturaltime(value)


def _units(span, depth):
    """timesince's parts of a span shorter than four weeks: ((unit, number), ...), up to `depth` adjacent
    units from the first that is not zero, stopping at a zero."""
    seconds = span.days * 24 * 60 * 60 + span.seconds
    counts = []
    for unit, size in UNITS:
        counts.append((unit, seconds // size))
        seconds %= size
    first = next(i for i, (_unit, number) in enumerate(counts) if number)
    parts = []
    for unit, number in counts[first : first + depth]:
        if not number:
            break
        parts.append((unit, number))
    return tuple(parts)


# `language` is part of each key below: the words are those of the language active when they are made.


@lru_cache(maxsize=1024)
def _ago(language, parts):
    return _("%(delta)s ago") % {"delta": _join(TIME_STRINGS, parts)}


@lru_cache(maxsize=1024)
def _ahead(language, parts):
    delta = _join(NaturalTimeFormatter.future_substrings, parts)
    return NaturalTimeFormatter.time_strings["future-day"] % {"delta": delta}


@lru_cache(maxsize=1024)
def _natural_words(language, case, count):
    words = NaturalTimeFormatter.time_strings[case]
    return str(words) if case == "now" else words % {"count": count}


@lru_cache(maxsize=1024)
def _date(language, day):
    return date_filter(day, "DATE_FORMAT")


def _join(strings, parts):
    return _(", ").join(avoid_wrapping(strings[unit] % {"num": number}) for unit, number in parts)
