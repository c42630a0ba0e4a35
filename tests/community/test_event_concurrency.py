"""Simultaneous answers for the last seats never exceed the capacity (real row locks: PostgreSQL only)."""

import threading

from django.conf import settings
from django.db import connections

import pytest

from community import events as rules
from community.models import Registration
from tests.factories.community import event
from tests.factories.members import member

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="SQLite has no row locks to race on: CI runs this on PostgreSQL",
    ),
]
RACERS = 12


def test_simultaneous_rsvps_for_the_last_seats_never_overbook():
    page = event(capacity=4)
    for _ in range(2):
        rules.rsvp(member().user, page, "going")
    racers = [member().user for _ in range(RACERS)]
    start = threading.Barrier(RACERS)
    errors = []

    def answer(user):
        try:
            start.wait()
            rules.rsvp(user, page, "going")
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=answer, args=(user,)) for user in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    seats = Registration.objects.filter(event=page)
    assert seats.filter(seat="confirmed").count() == 4
    assert seats.filter(seat="waitlisted").count() == RACERS - 2
