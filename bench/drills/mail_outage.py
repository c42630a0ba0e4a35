"""Drill: the mail server refuses for a while. E-mails wait in the outbox, are retried with backoff, then each
is sent exactly once when the server recovers.

Starts a tiny local SMTP server (aiosmtpd) that answers "451 try again later" while it is failing, and a real
Celery worker sending through it (EMAIL_URL). Members write to N colleagues, so N notification e-mails are
queued; the drill waits until every one has failed at least twice (30 s, then 60 s of backoff), lets the
server accept, and counts what it received: none lost, none doubled. Takes about three minutes.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/faults_drill REDIS_URL=redis://127.0.0.1:6379/5 \\
     .venv/bin/python bench/drills/mail_outage.py [--recipients 20]
"""

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

PORT = 18025
os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{PORT}"  # before Django reads its settings
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.drills.harness import kill, member, start_worker, wait  # noqa: E402, I001

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from aiosmtpd.controller import Controller  # noqa: E402


class FlakyServer:
    """An SMTP handler that refuses every recipient while `failing`, and records what it accepts."""

    def __init__(self):
        self.failing, self.refused, self.received = True, 0, []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's name
        if self.failing:
            self.refused += 1
            return "451 4.3.0 drill: mail server unavailable, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.received.extend(envelope.rcpt_tos)
        return "250 OK"


def run(recipients=20):
    if not settings.REDIS_URL:
        raise SystemExit("set REDIS_URL (and DATABASE_URL to a database of its own)")
    call_command("migrate", verbosity=0)
    from community import messaging
    from community.admin_outbox import outbox_summary
    from community.models import Notification, OutboxEmail

    OutboxEmail.objects.all().delete()
    Notification.objects.all().delete()
    writers = [member(f"maildrill-w{n}") for n in range(recipients)]
    readers = [member(f"maildrill-r{n}") for n in range(recipients)]
    handler = FlakyServer()
    server = Controller(handler, hostname="127.0.0.1", port=PORT)
    server.start()
    worker = start_worker()
    started = time.monotonic()
    try:
        for writer, reader in zip(writers, readers, strict=True):
            messaging.start_conversation(writer, [reader], f"ドリル {time.time_ns()}")
        rows = OutboxEmail.objects.all()
        queued = rows.count()
        wait(lambda: rows.filter(attempts__gte=2).count() >= queued, timeout=600, every=1)
        during = outbox_summary()
        outage = time.monotonic() - started
        handler.failing = False
        wait(lambda: rows.filter(status="sent").count() >= queued, timeout=600, every=1)
        recovered = time.monotonic() - started - outage
        time.sleep(3)  # anything sent twice would arrive now
    finally:
        kill(worker)
        server.stop()
    copies = Counter(handler.received)
    expected = {reader.email for reader in readers}
    figures = {
        "queued": queued,
        "refusals": handler.refused,
        "pending_during_outage": during["pending"],
        "oldest_age_during_outage_s": round(during["oldest_age"].total_seconds()),
        "most_attempts_during_outage": during["most_attempts"],
        "sent": rows.filter(status="sent").count(),
        "failed": rows.filter(status="failed").count(),
        "received": len(handler.received),
        "lost": len(expected - set(copies)),
        "duplicates": sum(n - 1 for n in copies.values()),
    }
    print(
        f"mail outage drill: {queued} e-mails queued; server refused {handler.refused} attempts over "
        f"{outage:.0f} s (outbox then: {during['pending']} waiting, oldest {figures['oldest_age_during_outage_s']} s, "
        f"up to {during['most_attempts']} attempts); after recovery all sent in {recovered:.0f} s: "
        f"{figures['sent']} rows sent, {figures['failed']} failed, {figures['received']} received by the server, "
        f"lost {figures['lost']}, duplicates {figures['duplicates']}"
    )
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=20)
    run(parser.parse_args().recipients)
