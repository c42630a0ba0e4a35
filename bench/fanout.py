"""Fan-out of one group post to 10,000 followers through a real Celery worker (PostgreSQL + Redis).

Starts its own worker, prints how long until every follower has a notification and every e-mail is sent,
then kills the worker in the middle of a second fan-out, restarts it and counts duplicates (should be zero).
It empties the posts, notifications and outbox of the database it is given: use a database of its own.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/tsunagari_bench REDIS_URL=redis://127.0.0.1:6379/13 \
     .venv/bin/python bench/fanout.py [--members 10000]
"""

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# dev settings: with REDIS_URL set, tasks really go through the broker (the test settings would run them inline).
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
os.environ["TSUNAGARI_VAR_DIR"] = tempfile.mkdtemp(prefix="tsunagari-fanout-")
MAIL_DIR = str(Path(os.environ["TSUNAGARI_VAR_DIR"]) / "mail")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402


def start_worker():
    command = [str(ROOT / ".venv/bin/celery"), "-A", "portal", "worker", "-Q", "celery,email"]
    command += ["--loglevel", "WARNING", "--concurrency", "2", "--without-gossip", "--without-mingle"]
    return subprocess.Popen(  # noqa: S603 - our own worker command, in its own process group
        command,
        cwd=ROOT,
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def kill(worker):
    """SIGKILL this worker and its pool processes (only ours: it runs in its own process group)."""
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()


def wait(condition, timeout=900):
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        time.sleep(0.2)
    raise SystemExit("timed out")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=10_000)
    args = parser.parse_args()
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"] or not settings.REDIS_URL:
        raise SystemExit("set DATABASE_URL (PostgreSQL) and REDIS_URL")
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from community.models import Group, GroupMembership, Notification, OutboxEmail, Post, Profile
    from community.models.notifications import Channel, Kind, NotificationPreference
    from portal.celery import app

    User = get_user_model()
    Notification.objects.all().delete()
    OutboxEmail.objects.all().delete()
    Post.objects.all().delete()
    group, _ = Group.objects.get_or_create(slug="fanout", defaults={"name": "Fan-out", "status": "active"})
    existing = User.objects.filter(email__startswith="fanout-").count()
    if existing < args.members:
        print(f"creating {args.members - existing} members…", flush=True)
        password = make_password("x")
        users = User.objects.bulk_create(
            [User(email=f"fanout-{n}@example.com", password=password) for n in range(existing, args.members)],
            batch_size=2000,
        )
        Profile.objects.bulk_create(
            [
                Profile(user=u, handle=f"fanout-{u.pk}", display_name=f"メンバー{u.pk}", status="member")
                for u in users
            ],
            batch_size=2000,
        )
        GroupMembership.objects.bulk_create(
            [GroupMembership(group=group, user=u, follows_closely=True) for u in users],
            batch_size=2000,
        )
        NotificationPreference.objects.bulk_create(
            [NotificationPreference(user=u, kind=Kind.GROUP_POST, channel=Channel.EMAIL) for u in users],
            batch_size=2000,
        )
    author = User.objects.filter(email__startswith="fanout-").first()
    followers = GroupMembership.objects.filter(group=group, follows_closely=True).exclude(user=author).count()

    worker = start_worker()
    try:
        post = Post.objects.create(author=author, group=group, body="一万人への投稿")
        started = time.monotonic()
        app.send_task("community.tasks.fan_out_group_post", args=[post.pk])
        notified = wait(lambda: Notification.objects.filter(post=post).count() >= followers)
        sent = wait(lambda: OutboxEmail.objects.filter(status="sent").count() >= followers)
        print(
            f"fan-out to {followers} followers: notifications in {notified:.1f} s, "
            f"all e-mails sent {time.monotonic() - started:.1f} s after posting (sent check {sent:.1f} s)"
        )

        # Crash drill: SIGKILL the worker in the middle of a second fan-out, start a new one, redeliver.
        Notification.objects.all().delete()
        OutboxEmail.objects.all().delete()
        for path in Path(MAIL_DIR).glob("*.log"):
            path.unlink()
        post2 = Post.objects.create(author=author, group=group, body="二回目の投稿")
        app.send_task("community.tasks.fan_out_group_post", args=[post2.pk])
        wait(lambda: Notification.objects.filter(post=post2).count() >= followers // 4)
        kill(worker)
        at_kill = Notification.objects.filter(post=post2).count()
        worker = start_worker()
        app.send_task("community.tasks.fan_out_group_post", args=[post2.pk])  # what acks_late redelivery does
        app.send_task("community.tasks.sweep_outbox")
        wait(lambda: Notification.objects.filter(post=post2).count() >= followers)
        wait(lambda: OutboxEmail.objects.filter(status="sent").count() >= followers, timeout=1800)
        time.sleep(3)
        files = list(Path(MAIL_DIR).glob("*.log"))
        recipients = [
            line for path in files for line in path.read_text().splitlines() if line.startswith("To: ")
        ]
        duplicates = len(recipients) - len(set(recipients))
        outbox = OutboxEmail.objects  # emptied before this second fan-out: every row is one of its e-mails
        print(
            f"crash drill: worker SIGKILLed after {at_kill} of {followers} notifications; after restart "
            f"{Notification.objects.filter(post=post2).count()} notifications; outbox rows "
            f"{outbox.count()} ({outbox.filter(status='sent').count()} sent, "
            f"{outbox.exclude(status='sent').count()} not sent); mail folder: {len(recipients)} e-mails to "
            f"{len(set(recipients))} distinct recipients, duplicates: {duplicates}, "
            f"missing: {followers - len(set(recipients))}"
        )
    finally:
        kill(worker)


if __name__ == "__main__":
    main()
