"""Drill: Redis (broker and cache) goes down for a while. Reading and posting keep working; e-mails queued
during the outage are sent once when it returns, none lost and none doubled.

Starts its own redis-server on port 6390 (never the shared one) and a real worker using it, then as a logged-in
member reads the feed, posts and writes messages before, during and after stopping that Redis. E-mails whose
broker message was lost wait in the outbox; the drill ages them past the sweep's ten minutes (instead of
waiting) and runs `sweep_outbox` through the worker, then counts the mail folder.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/faults_drill .venv/bin/python bench/drills/redis_down.py
"""

import argparse
import os
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

PORT = 6390
os.environ["REDIS_URL"] = f"redis://127.0.0.1:{PORT}/0"  # before Django reads its settings
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.drills.harness import MAIL_DIR, kill, mailed, member, start, start_worker, wait  # noqa: E402, I001

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402


def start_redis():
    redis = start(["redis-server", "--port", str(PORT), "--save", "", "--appendonly", "no"])

    def answers():
        cache.set("drill", 1)  # errors are ignored (IGNORE_EXCEPTIONS): read it back to know Redis is up
        return cache.get("drill") == 1

    wait(answers, timeout=30, every=0.2)
    return redis


def act(client, readers, label, log):
    """Read two pages, post once and start a conversation with each reader (a new notification e-mail each);
    log (what, status, seconds)."""

    def timed(what, call):
        began = time.monotonic()
        response = call()
        log.append((label, what, response.status_code, time.monotonic() - began))

    timed("feed", lambda: client.get("/en/community/"))
    timed("groups", lambda: client.get("/en/community/groups/"))
    timed("post", lambda: client.post("/en/community/", {"body": f"{label} {time.time_ns()}"}))
    for reader in readers:
        path = f"/en/messages/new/{reader.profile.handle}/"
        timed("message", lambda p=path: client.post(p, {"body": f"{label} から"}))


def run(readers_count=5):
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        raise SystemExit("set DATABASE_URL to a PostgreSQL database of its own")
    call_command("migrate", verbosity=0)
    from community.models import Notification, OutboxEmail, Post

    redis = start_redis()
    OutboxEmail.objects.all().delete()
    Notification.objects.all().delete()
    for path in MAIL_DIR.glob("*.log"):
        path.unlink()
    # A fresh writer (rate limits count what earlier runs did) and fresh readers for each round.
    run_id = time.time_ns()
    writer = member(f"redisdrill-{run_id}-w")
    rounds = [[member(f"redisdrill-{run_id}-{r}-{n}") for n in range(readers_count)] for r in range(4)]
    began = time_ago()
    client = Client(HTTP_HOST="localhost", raise_request_exception=False)
    client.force_login(writer)
    worker = start_worker()
    log = []
    try:
        act(client, rounds[0], "before", log)
        kill(redis, sig=15)
        outage_started = time.monotonic()
        act(client, rounds[1], "during", log)
        act(client, rounds[2], "during", log)
        outage = time.monotonic() - outage_started
        redis = start_redis()
        act(client, rounds[3], "after", log)
        rows = OutboxEmail.objects.all()
        lost_messages = rows.filter(status="pending", attempts=0).count()
        # The sweep re-enqueues rows never tried after ten minutes; age them instead of waiting.
        rows.filter(status="pending", attempts=0).update(created_at=time_ago(minutes=11))
        from portal.celery import app

        app.send_task("community.tasks.sweep_outbox")
        queued = rows.count()
        wait(lambda: rows.filter(status="sent").count() >= queued, timeout=300, every=0.5)
        time.sleep(3)  # anything sent twice would arrive now
    finally:
        kill(worker)
        kill(redis)
    copies = Counter(mailed())  # by Message-ID: one per outbox row
    to_send = rows.exclude(last_error="nothing left to send").count()
    statuses = Counter((label, what, status) for label, what, status, _s in log)
    slowest = max(seconds for label, _w, _s, seconds in log if label == "during")
    figures = {
        "session_engine": settings.SESSION_ENGINE,
        "cache_ignore_exceptions": settings.CACHES["default"].get("OPTIONS", {}).get("IGNORE_EXCEPTIONS"),
        "outage_seconds": round(outage, 1),
        "answers": {f"{label} {what} {status}": n for (label, what, status), n in sorted(statuses.items())},
        "slowest_during_s": round(slowest, 2),
        "posts_saved_during": Post.objects.filter(body__startswith="during", created_at__gte=began).count(),
        "outbox_rows": queued,
        "left_for_sweep": lost_messages,
        "emails_written": sum(copies.values()),
        "duplicates": sum(n - 1 for n in copies.values()),
        "lost": to_send - len(copies),
    }
    print(
        f"redis down drill: SESSION_ENGINE={figures['session_engine']}, cache IGNORE_EXCEPTIONS="
        f"{figures['cache_ignore_exceptions']}; outage {figures['outage_seconds']} s; answers {figures['answers']}; "
        f"slowest request during the outage {figures['slowest_during_s']} s; posts saved during: "
        f"{figures['posts_saved_during']}; outbox {queued} rows ({lost_messages} left for the sweep); "
        f"e-mails written {figures['emails_written']}, duplicates {figures['duplicates']}, lost {figures['lost']}"
    )
    return figures


def time_ago(**delta):
    from django.utils import timezone

    return timezone.now() - timedelta(**delta)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=5)
    run(parser.parse_args().readers)
