"""`friendly_time` ("3 hours ago", the date after a week) says exactly what Django's timesince/naturaltime say."""

from datetime import timedelta

from django.contrib.humanize.templatetags.humanize import naturaltime
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

import pytest

from community.templatetags.community_tags import friendly_time


def stock_friendly_time(value):
    """What the filter was before it remembered its words: timesince with one unit, naturaltime, the date."""
    age = timezone.now() - value
    if age < timedelta(minutes=1):
        return naturaltime(value)
    if age < timedelta(days=7):
        return _("%(delta)s ago") % {"delta": timesince(value, depth=1)}
    return date_filter(timezone.localtime(value), "DATE_FORMAT")


# Half a second off every whole unit, so the two readings of the clock (microseconds apart) agree on the unit.
AGES = [
    timedelta(seconds=s + 0.5)
    for s in (0, 1, 59, 60, 61, 119, 3599, 3600, 7199, 86399, 86400, 2 * 86400 + 3 * 3600, 7 * 86400 - 1)
] + [
    timedelta(days=days, hours=hours, minutes=minutes, seconds=0.5)
    for days, hours, minutes in ((1, 3, 30), (1, 0, 5), (6, 23, 59), (7, 0, 0), (8, 3, 0), (13, 2, 0))
    + ((14, 0, 0), (27, 23, 0), (28, 1, 0), (40, 3, 0), (400, 3, 0))
]
AGES += [-age for age in AGES] + [timedelta(0)]


@pytest.mark.parametrize("language", ["ja", "en"])
def test_friendly_time_says_what_timesince_and_naturaltime_say(language):
    with translation.override(language):
        for age in AGES:
            value = timezone.now() - age
            assert friendly_time(value) == stock_friendly_time(value), age


def test_friendly_time_words_follow_the_active_language():
    value = timezone.now() - timedelta(hours=3, minutes=5)
    with translation.override("en"):
        assert friendly_time(value) == "3\xa0hours ago"
    with translation.override("ja"):
        assert friendly_time(value) == "3時間前"
        assert friendly_time(None) == ""
