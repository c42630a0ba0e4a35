"""E-mail through the outbox: a row is committed with the change that causes it, then a task delivers it once.

Delivery is at-least-once from the broker's side (acks late, retried with backoff, swept if a message to the
broker was lost) and at-most-once from ours (a row marked sent is never sent again, and a row is locked while it
is being sent). The one window left is a worker killed after the mail server accepted a message and before the
row was marked sent; the message then carries the same Message-ID when it is sent again, so mail servers and
clients can drop the copy (see docs/reliability.md).
"""

import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import OutboxEmail

logger = logging.getLogger(__name__)
RESEND_AFTER = timezone.timedelta(minutes=10)


def queue_email(recipient, template, context, key):
    """Record an e-mail to send (once per key) and deliver it after the current transaction commits."""
    row, created = OutboxEmail.objects.get_or_create(
        idempotency_key=key[:160], defaults={"recipient": recipient, "template": template, "context": context}
    )
    if created:
        transaction.on_commit(lambda: _enqueue(row.pk))
    return row


def queue_emails(items):
    """queue_email() for many (recipient, template, context, key) at once: one insert, deliveries on commit."""
    rows = [
        OutboxEmail(idempotency_key=key[:160], recipient=recipient, template=template, context=context)
        for recipient, template, context, key in items
    ]
    OutboxEmail.objects.bulk_create(rows, ignore_conflicts=True)
    keys = [row.idempotency_key for row in rows]
    ids = list(
        OutboxEmail.objects.filter(idempotency_key__in=keys, status=OutboxEmail.Status.PENDING).values_list(
            "pk", flat=True
        )
    )
    transaction.on_commit(lambda: [_enqueue(pk) for pk in ids])
    return len(ids)


def _enqueue(outbox_id):
    from .tasks import deliver_email

    try:
        deliver_email.delay(outbox_id)
    except Exception:  # noqa: BLE001 - the broker is down: the row waits in the outbox for the sweep
        logger.warning("outbox %s: broker unavailable, left for the sweep", outbox_id)


def deliver(outbox_id):
    """Send one outbox row if it has not been sent. Returns "sent", "already sent" or raises to be retried."""
    from .emails import NothingToSend, send_templated_email

    with transaction.atomic():
        row = OutboxEmail.objects.select_for_update().select_related("recipient").filter(pk=outbox_id).first()
        if row is None or row.status == OutboxEmail.Status.SENT:
            return "already sent"
        row.last_error = ""
        try:
            send_templated_email(row.template, row.recipient, row.context, message_id_key=row.idempotency_key)
        except NothingToSend:
            row.last_error = "nothing left to send"  # closed without sending: the reader may no longer see it
        row.status = OutboxEmail.Status.SENT
        row.sent_at = timezone.now()
        row.attempts += 1
        row.save(update_fields=["status", "sent_at", "attempts", "last_error"])
    return "sent"


def record_failure(outbox_id, error, final=False):
    OutboxEmail.objects.filter(pk=outbox_id).exclude(status=OutboxEmail.Status.SENT).update(
        attempts=F("attempts") + 1,
        last_error=str(error)[:1000],
        status=OutboxEmail.Status.FAILED if final else OutboxEmail.Status.PENDING,
    )


def stale_pending_ids():
    """Rows never tried after a while: their broker message was lost (the broker was down when they were queued).

    Rows already tried have their own retry chain (and a killed worker's task is redelivered by the broker), so
    they are left alone: one chain per row.
    """
    return list(
        OutboxEmail.objects.filter(
            status=OutboxEmail.Status.PENDING, attempts=0, created_at__lt=timezone.now() - RESEND_AFTER
        ).values_list("pk", flat=True)[:1000]
    )
