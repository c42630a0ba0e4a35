"""Drill: PostgreSQL restarts while members post. No success without its row; clear 503s; the site recovers.

Runs the site with production settings (gunicorn, psycopg's pool) on a database of its own, posts from N
client threads as different members, restarts the PostgreSQL cluster once in the middle, then checks that every
post answered with success (a redirect) is in the database, counts 503s and other answers, and that the feed
answers 200 again afterwards. The restart is short (a few seconds) but affects everyone on the server.

The site's tasks go to Redis (`DRILL_REDIS_URL`, default db 5 on the local server), as in production.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/faults_drill .venv/bin/python bench/drills/postgres_restart.py
"""

import argparse
import itertools
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
# One key for this process and the site, so the sessions made here are valid there.
os.environ.setdefault("SECRET_KEY", "drill-" + "x" * 50)
from bench.drills.harness import ROOT, Browser, kill, member, session_cookie, start, wait  # noqa: E402, I001

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402

PORT = 18765  # an unusual port: other people run servers on this machine
PATH = "/en/community/"


def restart_postgresql():
    """Restart the local cluster (`pg_ctlcluster … restart`); returns how long it took."""
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    started = time.monotonic()
    subprocess.run(  # noqa: S603 - a fixed command
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],  # noqa: S607
        check=True,
        capture_output=True,
    )
    return time.monotonic() - started


def site_env():
    return {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": os.environ["SECRET_KEY"],
        "ALLOWED_HOSTS": "drill.example,127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "LOG_LEVEL": "ERROR",
        # Tasks go to a broker, as in production (no worker is needed: only the requests are drilled).
        "REDIS_URL": os.environ.get("DRILL_REDIS_URL", "redis://127.0.0.1:6379/5"),
    }


def run(threads=4, before=5.0, after=10.0):
    """The drill; returns its figures (also printed)."""
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        raise SystemExit("set DATABASE_URL to a PostgreSQL database of its own")
    call_command("migrate", verbosity=0)
    subprocess.run(  # noqa: S603 - with the site's settings, so the manifest it reads exists
        [str(ROOT / ".venv/bin/python"), "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=dict(os.environ, **site_env()),
        check=True,
    )
    from community.models import Post

    members = [member(f"pgdrill{n}") for n in range(threads * 15)]
    cookies = [session_cookie(user) for user in members]
    log = open(Path(os.environ["TSUNAGARI_VAR_DIR"]) / "gunicorn.log", "w")  # noqa: SIM115 - closed below
    command = [str(ROOT / ".venv/bin/gunicorn"), "portal.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", "2"]
    site = start([*command, "--threads", "4", "--timeout", "60"], env=site_env(), log=log)
    answers, stop = [], threading.Event()
    try:
        probe = Browser("127.0.0.1", PORT, cookies[0])
        wait(lambda: probe.request("GET", PATH)[0] == 200, timeout=60, every=0.5)

        def client(number):
            browsers = itertools.cycle(
                [Browser("127.0.0.1", PORT, c) for c in cookies[number * 15 : (number + 1) * 15]]
            )
            for sequence in itertools.count():
                if stop.is_set():
                    return
                browser = next(browsers)
                fields = browser.form_fields(PATH)
                if fields is None:
                    answers.append(("form", None, 503))
                    time.sleep(0.2)
                    continue
                marker = f"drill {number}-{sequence} {time.time_ns()}"
                status, headers, _body = browser.request("POST", PATH, {**fields, "body": marker})
                answers.append(("post", marker, status))

        workers = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
        for worker in workers:
            worker.start()
        time.sleep(before)
        outage = restart_postgresql()
        time.sleep(after)
        stop.set()
        for worker in workers:
            worker.join(timeout=120)
        recovered = probe.request("GET", PATH)[0]
    finally:
        kill(site, sig=15)
        log.close()

    connections.close_all()
    posts = [(marker, status) for kind, marker, status in answers if kind == "post"]
    succeeded = [marker for marker, status in posts if status == 302]
    saved = set(Post.objects.filter(body__in=succeeded).values_list("body", flat=True))
    statuses = Counter(status for _kind, _marker, status in answers)
    figures = {
        "posts_sent": len(posts),
        "succeeded": len(succeeded),
        "lost_writes": len(set(succeeded) - saved),
        "answers_503": statuses.get(503, 0),
        "statuses": dict(sorted(statuses.items())),
        "restart_seconds": round(outage, 1),
        "feed_after": recovered,
    }
    print(
        f"postgres restart drill: restart took {figures['restart_seconds']} s; {figures['posts_sent']} posts sent, "
        f"{figures['succeeded']} answered success, lost writes (success without its row): "
        f"{figures['lost_writes']}; 503 answers: {figures['answers_503']}; all answers by status "
        f"(0 = connection failed; forms and posts): {figures['statuses']}; feed afterwards: {recovered}"
    )
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    run(threads=args.threads)
