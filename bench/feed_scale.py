"""The home feed and a group feed at a million posts (PostgreSQL): query time and the plan it uses.

Seeds 200 groups and 1,000,000 posts with SQL (rerunning adds nothing), puts one member in 20 groups, then
prints the median of 20 runs of the feed queries and their EXPLAIN plans.
Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/tsunagari_feed .venv/bin/python bench/feed_scale.py
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.seeding import Progress, django_setup, group_name  # noqa: E402

django_setup("portal.settings.test")

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

POSTS = 1_000_000
GROUPS = 200


def seed():
    from django.contrib.auth import get_user_model

    from community.models import Group, GroupMembership, Post, Profile

    call_command("migrate", verbosity=0)
    User = get_user_model()
    author, _ = User.objects.get_or_create(email="feed-author@example.com")
    reader, _ = User.objects.get_or_create(email="feed-reader@example.com")
    for user in (author, reader):
        Profile.objects.get_or_create(
            user=user, defaults={"handle": f"u{user.pk}", "display_name": "読者", "status": "member"}
        )
    if Group.objects.count() < GROUPS:
        Group.objects.bulk_create(
            [
                Group(name=group_name(n), slug=f"feed-{n}", status="active")
                for n in range(Group.objects.count(), GROUPS)
            ]
        )
    group_ids = list(Group.objects.order_by("pk").values_list("pk", flat=True))
    for group_id in group_ids[:20]:
        GroupMembership.objects.get_or_create(group_id=group_id, user=reader)
    missing = POSTS - Post.objects.count()
    if missing > 0:
        progress = Progress("posts", missing)
        low, high = group_ids[0], group_ids[-1]
        with connection.cursor() as cursor:
            for start in range(0, missing, 100_000):
                size = min(100_000, missing - start)
                cursor.execute(
                    """
                    INSERT INTO community_post (author_id, group_id, body, body_html, image, is_announcement,
                                                pinned, is_hidden, created_at)
                    SELECT %s, CASE WHEN n %% 20 = 0 THEN NULL ELSE %s + (n * 7919) %% (%s - %s + 1) END,
                           '投稿 ' || n, '<p>投稿 ' || n || '</p>', '', false, false, false,
                           now() - (n || ' seconds')::interval
                    FROM generate_series(1, %s) AS n
                    """,
                    [author.pk, low, high, low, size],
                )
                progress.advance(size)
            progress.finish()
            cursor.execute("ANALYZE community_post")
    return reader, group_ids


def timed(function, runs=20):
    function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), max(samples)


def main():
    from community import permissions
    from community.feeds import feed_page, home_feed_page
    from community.models import Post

    reader, group_ids = seed()
    print(f"posts: {Post.objects.count():,}; the reader belongs to 20 of {len(group_ids)} groups")
    rows = []
    first, cursor = feed_page(permissions.feed_posts_for(reader), None)
    deep_cursor = None
    for _ in range(50):  # fifty pages down
        _page, deep_cursor = feed_page(permissions.feed_posts_for(reader), deep_cursor or cursor)
    rows.append(("home feed as one OR query", lambda: feed_page(permissions.feed_posts_for(reader), None)))
    rows.append(("home feed, first page", lambda: home_feed_page(reader, None)))
    rows.append(("home feed, 50 pages down", lambda: home_feed_page(reader, deep_cursor)))
    group_posts = Post.objects.filter(group_id=group_ids[0], is_hidden=False)
    rows.append(("group feed, first page", lambda: feed_page(group_posts, None)))
    print(f"{'query':32} {'median ms':>10} {'max ms':>8}")
    for label, function in rows:
        median, worst = timed(function)
        print(f"{label:32} {median:10.2f} {worst:8.2f}")
    queryset = permissions.feed_posts_for(reader).order_by("-created_at", "-id")[:21]
    print("\nplan of the home feed's first page:")
    print(queryset.explain(analyze=True))


if __name__ == "__main__":
    main()
