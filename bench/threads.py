"""Thread and feed rendering: our bounded-query thread vs django-comments-xtd's stock tree tag.

Prints query counts and the median of 20 renders for a 500-comment thread and a feed page.
Run: .venv/bin/python bench/threads.py   (uses a throwaway SQLite database, or DATABASE_URL if set)
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("TSUNAGARI_VAR_DIR", tempfile.mkdtemp(prefix="tsunagari-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.template import Context, Template  # noqa: E402
from django.test import Client, RequestFactory, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

RUNS = 20


def measure(render):
    result = render()  # warm caches
    status = getattr(result, "status_code", 200)
    if status != 200:
        raise SystemExit(f"expected 200, got {status}")
    with CaptureQueriesContext(connection) as queries:
        render()
    query_count = len(queries)  # read now: the next request resets the connection's query log
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        render()
        timings.append((time.perf_counter() - started) * 1000)
    return query_count, statistics.median(timings)


def main():
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    # Keep one connection across requests (as Django's own test client does) so queries can be counted.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from community import ratelimit
    from community.models import Post
    from community.posting import add_comment
    from tests.factories.members import member

    ratelimit.LIMITS = dict.fromkeys(ratelimit.LIMITS, (10**9, 1))
    author, other = member(handle="bench-a"), member(handle="bench-b")
    post = Post.objects.create(author=author.user, body="500件のコメントがつく投稿")
    for n in range(250):
        parent = add_comment(author.user, post, f"コメント {n}: https://example.jp/{n} **太字**")
        add_comment(other.user, post, "返信です", parent_id=parent.pk)
    for n in range(40):
        Post.objects.create(author=author.user, body=f"フィードの投稿 {n}")

    client = Client()
    client.force_login(other.user)
    rows = [
        (
            "thread page (500 comments, ours, 50 threads/page)",
            lambda: client.get(f"/community/posts/{post.pk}/"),
        ),
        ("feed page (20 posts)", lambda: client.get("/community/")),
    ]
    request = RequestFactory().get("/")
    request.user = other.user
    stock = Template("{% load comments_xtd %}{% render_xtdcomment_tree for post %}")
    with override_settings(ROOT_URLCONF="bench.xtd_urls"):
        rows.append(
            (
                "thread (500 comments, stock render_xtdcomment_tree)",
                lambda: stock.render(Context({"post": post, "user": other.user, "request": request})),
            )
        )
        print(f"{'what':58} {'queries':>8} {'median ms':>10}")
        for label, render in rows:
            queries, median = measure(render)
            print(f"{label:58} {queries:8d} {median:10.1f}")


if __name__ == "__main__":
    main()
