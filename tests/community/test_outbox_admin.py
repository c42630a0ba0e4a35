"""The secretariat sees the e-mail queue with its age in the admin; editors and members are refused."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from community.admin_outbox import outbox_summary
from community.models import OutboxEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(alumna):
    def row(key, status, attempts=0, error="", hours=0):
        email = OutboxEmail.objects.create(
            idempotency_key=key,
            recipient=alumna.user,
            template="community/emails/notification",
            status=status,
            attempts=attempts,
            last_error=error,
        )
        OutboxEmail.objects.filter(pk=email.pk).update(created_at=timezone.now() - timedelta(hours=hours))

    row("old", "pending", attempts=4, error="SMTPServerDisconnected: refused by smtp.example", hours=3)
    row("new", "pending")
    row("gone", "failed", attempts=13, error="550 mailbox unavailable", hours=9)
    row("done", "sent", attempts=2, error="421 try again later (then accepted)")


def test_summary_counts_the_queue_and_its_oldest_age(queue):
    summary = outbox_summary()
    assert (summary["pending"], summary["retrying"], summary["failed"]) == (2, 1, 1)
    assert summary["most_attempts"] == 4
    assert timedelta(hours=2, minutes=59) < summary["oldest_age"] < timedelta(hours=3, minutes=1)


def test_secretariat_sees_waiting_and_failed_emails_with_attempts_and_errors(client, secretary, queue):
    client.force_login(secretary.user)
    response = client.get(reverse("community_outbox"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-figure="pending">2<' in html and 'data-figure="failed">1<' in html
    assert 'data-figure="oldest">3' in html  # three hours, in the admin's language
    assert "refused by smtp.example" in html and "550 mailbox unavailable" in html
    assert "then accepted" not in html  # a sent e-mail is not in the queue


def test_editor_member_and_visitor_are_refused(client, editor, alumna, queue):
    url = reverse("community_outbox")
    assert client.get(url).status_code == 302  # to the admin's log-in
    client.force_login(editor)
    response = client.get(url)  # Wagtail answers a refusal with a redirect to the admin's home
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    client.force_login(alumna.user)
    response = client.get(url)
    assert response.status_code == 302 and "refused by smtp.example" not in response.content.decode()


def test_outbox_menu_item_is_shown_to_the_secretariat_only(client, secretary, editor):
    client.force_login(secretary.user)
    assert reverse("community_outbox") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(editor)
    assert reverse("community_outbox") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_queue_page_costs_the_same_queries_for_3_or_40_waiting_emails(
    client, secretary, alumna, django_assert_max_num_queries
):
    client.force_login(secretary.user)

    def queue(count, start):
        OutboxEmail.objects.bulk_create(
            OutboxEmail(
                idempotency_key=f"bound-{start + n}",
                recipient=alumna.user,
                template="community/emails/notification",
                attempts=1,
                last_error="451 try later",
            )
            for n in range(count)
        )

    queue(3, 0)
    client.get(reverse("community_outbox"))  # warm: the session, the admin's menus
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("community_outbox")).status_code == 200
    queue(37, 3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("community_outbox")).content.decode().count("451 try later") == 40
