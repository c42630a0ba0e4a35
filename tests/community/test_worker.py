"""End to end through a real Celery worker and Redis (CI starts them; skipped elsewhere)."""

import os
import time
from pathlib import Path

from django.conf import settings

import pytest

from portal.celery import app

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(
        os.environ.get("CELERY_WORKER_TESTS") != "1",
        reason="needs a Celery worker and Redis: set CELERY_WORKER_TESTS=1 (.ci/run does)",
    ),
]


def _wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


# serialized_rollback: the flush after this test must leave the tables as the browser tests expect them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_real_worker_delivers_a_notification_email_once():
    from community.models import Notification, OutboxEmail
    from community.models.notifications import Kind
    from tests.factories.members import member

    mail_dir = Path(os.environ["TEST_EMAIL_FILE_PATH"])
    recipient = member(handle="worker-recipient", user__email="worker-recipient@example.com").user
    note = Notification.objects.create(
        recipient=recipient,
        kind=Kind.REPLY,
        text="ワーカー経由の通知",
        url="/community/",
        event_key="worker-test",
    )
    # The row as queue_email() leaves it; only the worker delivers it here (the suite's own tasks run in-process).
    row = OutboxEmail.objects.create(
        recipient=recipient,
        template="community/emails/notification",
        context={"notification_id": note.pk},
        idempotency_key="worker-e2e",
    )
    # send_task always goes through the broker.
    app.send_task("community.tasks.deliver_email", args=[row.pk])
    app.send_task(
        "community.tasks.deliver_email", args=[row.pk]
    )  # delivered twice by mistake: still one e-mail

    assert _wait_for(lambda: OutboxEmail.objects.get(pk=row.pk).status == "sent"), "the worker never sent it"
    time.sleep(2)  # give the duplicate task time to run too
    assert OutboxEmail.objects.get(pk=row.pk).last_error == ""
    sent = [
        p for p in mail_dir.glob("*.log") if "worker-recipient@example.com" in p.read_text(errors="ignore")
    ]
    assert len(sent) == 1
    assert "ワーカー経由の通知" in sent[0].read_text()
    assert settings.REDIS_URL
