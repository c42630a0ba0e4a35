"""The header's unread badges when they are kept in the cache (community/unread.py): counted once, and every
change a member can make or receive shows on their very next page."""

import re

from django.urls import reverse

import pytest

from community import messaging, unread
from community.models.notifications import Kind
from community.notifications import notify, notify_many
from tests.factories.members import member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def badges_cached(settings):
    settings.UNREAD_CACHE_SECONDS = 60


def badges(client):
    """{"messages": n, "notifications": n} as the header of the member's next page shows them."""
    html = client.get(reverse("groups")).content.decode()
    found = dict.fromkeys(("messages", "notifications"), 0)
    for kind, number in re.findall(r'data-unread="(\w+)">(\d+)', html):
        found[kind] = int(number)
    return found


def tell(user, key="hello"):
    return notify(user, Kind.ANNOUNCEMENT, f"announcement:{key}", lambda: "お知らせ", "/community/")


def test_counts_are_counted_once_then_kept(alumna, employee, django_assert_num_queries):
    tell(alumna.user)
    assert unread.counts(alumna.user) == {"notifications": 1, "messages": 0}
    with django_assert_num_queries(0):
        assert unread.counts(alumna.user) == {"notifications": 1, "messages": 0}


def test_visitors_and_applicants_count_nothing_and_store_nothing(pending, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser
    from django.core.cache import cache

    assert unread.counts(AnonymousUser()) == {"notifications": 0, "messages": 0}
    assert unread.counts(pending.user) == {"notifications": 0, "messages": 0}
    assert cache.get(f"unread:{pending.user.pk}") is None


def test_a_message_shows_at_once_and_reading_it_clears_the_badge(login, alumna, employee):
    reader = login(employee)
    assert badges(reader) == {"messages": 0, "notifications": 0}  # now kept in the cache
    conversation = messaging.start_conversation(alumna.user, [employee.user], "お久しぶりです")
    assert badges(reader)["messages"] == 1
    reader.get(conversation.get_absolute_url())
    assert badges(reader) == {"messages": 0, "notifications": 0}
    messaging.send(alumna.user, conversation, "もう一通")
    assert badges(reader)["messages"] == 1


def test_a_notification_shows_at_once_and_reading_all_clears_it(login, alumna):
    client = login(alumna)
    assert badges(client)["notifications"] == 0
    tell(alumna.user, "one")
    assert badges(client)["notifications"] == 1
    notify_many([alumna.user], Kind.ANNOUNCEMENT, "announcement:two", lambda: "二つ目", "/community/")
    assert badges(client)["notifications"] == 2
    client.post(reverse("notifications_read_all"))
    assert badges(client)["notifications"] == 0


def test_notifications_deleted_with_their_post_leave_the_badge_when_the_time_runs_out(login, alumna):
    """No delete signal (it would make deleting a widely notified post load every notification): the badge
    is corrected by the next count, at the latest after UNREAD_CACHE_SECONDS."""
    from django.core.cache import cache

    client = login(alumna)
    notification = tell(alumna.user)
    assert badges(client)["notifications"] == 1
    notification.delete()
    cache.delete(f"unread:{alumna.user.pk}")  # what the cache does when the time runs out
    assert badges(client)["notifications"] == 0


def test_blocking_the_writer_hides_their_unread_conversation_from_the_badge(login, alumna, employee):
    messaging.start_conversation(alumna.user, [employee.user], "お久しぶりです")
    client = login(employee)
    assert badges(client)["messages"] == 1
    client.post(reverse("block", args=[alumna.handle]))
    assert badges(client)["messages"] == 0
    client.post(reverse("block", args=[alumna.handle]), {"action": "unblock"})
    assert badges(client)["messages"] == 1


def test_one_members_counts_never_show_to_another(login, alumna, employee):
    tell(alumna.user)
    assert badges(login(alumna))["notifications"] == 1
    assert badges(login(employee))["notifications"] == 0
    other = member(handle="third")
    assert badges(login(other)) == {"messages": 0, "notifications": 0}
