"""iCalendar (.ics) files: one event, or a member's personal feed of the events they are going to."""

from django.conf import settings
from django.utils import timezone

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from .models import Registration

PRODID = "-//Tsunagari//Events//JA"


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def _entry(event, *, with_online_link, seat=None):
    site_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    url = f"{site_url}{event.get_url() or ''}"
    entry = CalendarEvent()
    entry.add("uid", f"event-{event.canonical.pk}@tsunagari")
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", event.local_start)
    entry.add("dtend", event.local_end)
    entry.add("summary", event.title)
    entry.add("url", url)
    location = ", ".join(part for part in (event.venue_name, event.venue_address) if part)
    if event.is_online and with_online_link and event.online_url:
        location = ", ".join(part for part in (location, event.online_url) if part)
    if location:
        entry.add("location", location)
    entry.add("description", f"{event.description[:1500]}\n\n{url}")
    entry.add(
        "status",
        "TENTATIVE" if seat in (Registration.Seat.WAITLISTED, Registration.Seat.ENTERED) else "CONFIRMED",
    )
    return entry


def event_ics(event, *, with_online_link):
    """One event as an .ics file (bytes). The online link goes in only for those allowed to see it."""
    calendar = _calendar(event.title)
    calendar.add_component(_entry(event, with_online_link=with_online_link))
    return calendar.to_ical()


def personal_ics(user, events, name):
    """The member's events as one calendar: confirmed seats as CONFIRMED, waitlist and lottery as TENTATIVE."""
    seats = dict(
        Registration.objects.filter(user=user, event__in=[e.canonical.pk for e in events]).values_list(
            "event_id", "seat"
        )
    )
    calendar = _calendar(name)
    for event in events:
        seat = seats.get(event.canonical.pk)
        calendar.add_component(_entry(event, with_online_link=seat == Registration.Seat.CONFIRMED, seat=seat))
    return calendar.to_ical()
