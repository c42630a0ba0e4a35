"""The load test: gunicorn with the production settings and locust headless, 100 users for 10 minutes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tsunagari_load [REDIS_URL=redis://127.0.0.1:6379/8] \
        .venv/bin/python bench/loadtest.py [--users 100] [--minutes 10]

Needs a database seeded by bench/seed.py and locust (`pip install ".[bench]"`). Makes sessions for 150
seeded members and writes the plan bench/locustfile.py reads (sessions, each member's groups and one of its
conversations, the stories, recent community-wide posts, the thread), starts gunicorn (bench/server.py), runs
locust with the mix in bench/locustfile.py, then prints for each endpoint the requests, failures and
p50/p95/p99, and the number of server errors (5xx), which must be zero.
"""

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.seeding import ROOT, django_setup  # noqa: E402
from bench.server import HOST, Server, collect_static, flush_redis, server_environment  # noqa: E402

django_setup(server_environment()["DJANGO_SETTINGS_MODULE"])

from bench.seeding import DOMAIN, THREAD_BODY  # noqa: E402
from bench.server import member_sessions  # noqa: E402

MEMBERS = 150  # more than the member users locust starts: each gets a member of its own
SEARCHES = [
    "佐藤",
    "発酵",
    "マーケティング",
    "静岡",
    "キャリア",
    "品質管理",
    "海外事業",
    "データ分析",
    "物流",
]


def plan():
    """What the locust users need, as JSON-ready data."""
    from django.conf import settings

    from community.models import GroupMembership, Participant, Post, User
    from stories.models import StoryIndexPage, StoryPage

    members = list(User.objects.filter(email__endswith=f"@{DOMAIN}").order_by("?")[:MEMBERS])
    sessions = member_sessions(members)
    groups, conversations = {}, {}
    for user_id, slug in GroupMembership.objects.filter(
        user__in=members, state="active", group__status="active"
    ).values_list("user_id", "group__slug"):
        groups.setdefault(user_id, []).append(slug)
    for user_id, key in Participant.objects.filter(user__in=members).values_list(
        "user_id", "conversation__key"
    ):
        conversations.setdefault(user_id, key)
    stories = StoryPage.objects.live().public().filter(locale__language_code="ja")
    return {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "members": [
            {"session": key, "groups": groups.get(user.pk, []), "conversation": conversations.get(user.pk)}
            for user, key in zip(members, sessions, strict=True)
        ],
        "stories": [page.url for page in stories],
        "index": StoryIndexPage.objects.live().filter(locale__language_code="ja").first().url,
        "posts": list(
            Post.objects.filter(group__isnull=True, is_hidden=False)
            .order_by("-created_at")
            .values_list("pk", flat=True)[:300]
        ),
        "thread": Post.objects.get(body=THREAD_BODY).pk,
        "searches": SEARCHES,
    }


def report(prefix):
    """Print each endpoint's figures from locust's CSV files; return the number of server errors."""
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        rows = list(csv.DictReader(stats))
    print(f"\n{'endpoint':<48} {'requests':>9} {'failures':>9} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for row in rows:
        name = row["Name"] if row["Type"] != "" else "all"
        print(
            f"{(row['Type'] + ' ' + name).strip()[:48]:<48} {row['Request Count']:>9} {row['Failure Count']:>9} "
            f"{row['50%']:>7} {row['95%']:>7} {row['99%']:>7}"
        )
    server_errors = 0
    with open(f"{prefix}_failures.csv", encoding="utf-8") as failures:
        for row in csv.DictReader(failures):
            print(f"failure: {row['Method']} {row['Name']}: {row['Error']} × {row['Occurrences']}")
            if " Server Error" in row["Error"] or "ConnectionError" in row["Error"]:
                server_errors += int(row["Occurrences"])
    print(f"\nserver errors (5xx or dropped connections): {server_errors}")
    return server_errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--spawn-rate", type=float, default=5, help="users started per second")
    args = parser.parse_args()
    collect_static()
    flush_redis()
    work = Path(tempfile.mkdtemp(prefix="tsunagari-loadtest-"))
    plan_path = work / "plan.json"
    plan_path.write_text(json.dumps(plan(), ensure_ascii=False), encoding="utf-8")
    with open(work / "gunicorn.log", "ab") as log:
        server = Server(log=log)
        try:
            command = [str(Path(sys.executable).parent / "locust"), "-f", str(ROOT / "bench/locustfile.py")]
            command += ["--headless", "--users", str(args.users), "--spawn-rate", str(args.spawn_rate)]
            command += ["--run-time", f"{int(args.minutes * 60)}s", "--host", f"http://{HOST}"]
            command += ["--csv", str(work / "locust"), "--only-summary", "--loglevel", "WARNING"]
            subprocess.run(  # noqa: S603 - our own locust command
                command, cwd=ROOT, env={**server_environment(), "BENCH_PLAN": str(plan_path)}, check=False
            )
            rss = "/".join(f"{size:.0f}" for size in server.rss())
        finally:
            server.stop()
            flush_redis()
    errors = report(work / "locust")
    print(f"gunicorn workers' RSS at the end: {rss} MB; locust CSV and gunicorn log in {work}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
