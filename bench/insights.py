# The seeding SQL is built from integer constants and ids computed here, never from input.
# ruff: noqa: S608
"""The secretariat's dashboard figures (community/insights.py) at 100,000 members and a million posts
(PostgreSQL): the median time of each figure and of the whole panel.

Seeds with SQL (rerunning adds nothing): 100,000 members who joined over two years, 200 groups, 1,000,000 posts,
600,000 comments (a third of them replies), about 1,500,000 reactions and 300,000 messages in 50,000
conversations, all spread over two years. Then prints the median of 5 runs of each function.
Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/tsunagari_insights .venv/bin/python bench/insights.py
(a throwaway database: it is filled with invented rows).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

MEMBERS = 100_000
GROUPS = 200
POSTS = 1_000_000
COMMENTS = 600_000
REACTIONS = 1_500_000
CONVERSATIONS = 50_000
MESSAGES = 300_000
SPAN = 730 * 86400  # two years, in seconds

AUDIENCES = ", ".join(["'members'"] * 11)


def _run(cursor, label, sql, params=None):
    started = time.perf_counter()
    cursor.execute(sql, params)
    print(f"  {label}: {time.perf_counter() - started:.1f} s", flush=True)


def seed():
    """Fill the database once; a second run finds the members there and adds nothing."""
    from django.contrib.contenttypes.models import ContentType

    from django_comments_xtd.models import XtdComment

    from community.models import Post, Profile

    call_command("migrate", verbosity=0)
    if Profile.objects.count() >= MEMBERS:
        return
    post_type = ContentType.objects.get_for_model(Post).pk
    comment_type = ContentType.objects.get_for_model(XtdComment).pk
    print("seeding…", flush=True)
    with connection.cursor() as cursor:
        _run(
            cursor,
            "members",
            f"""
            INSERT INTO community_user (password, is_superuser, first_name, last_name, is_staff, is_active,
                                        date_joined, email, language)
            SELECT '!', false, '花子', '山田' || n, false, true, now(), 'm' || n || '@bench.example', 'ja'
            FROM generate_series(1, {MEMBERS}) AS n;
            INSERT INTO community_profile (user_id, handle, kind, status, approved_at, display_name, name_kana,
                name_romaji, former_surname, photo, organisation, job_title, location, bio, open_to, links,
                hidden_from_directory, public_card, public_headline, is_supporter, photo_audience,
                former_surname_audience, career_years_audience, departments_audience, sites_audience,
                work_audience, location_audience, bio_audience, expertise_audience, open_to_audience,
                links_audience, messages_from, created_at, updated_at)
            SELECT u.id, 'm-' || u.id,
                   CASE WHEN u.id % 5000 = 0 THEN 'secretariat' WHEN u.id % 5 = 1 THEN 'employee' ELSE 'alumni' END,
                   CASE WHEN u.id % 97 = 0 THEN 'suspended' ELSE 'member' END,
                   now() - ((u.id * 7919) % {SPAN}) * interval '1 second',
                   '山田 花子' || u.id, 'やまだ はなこ', '', '', '', '', '', '', '', '[]', '[]', false, false, '',
                   false, {AUDIENCES}, 'members', now(), now()
            FROM community_user u WHERE u.email LIKE '%%@bench.example'
            """,
        )
        _run(
            cursor,
            "groups",
            f"""
            INSERT INTO community_group (name, slug, kind, description, cover, is_private, status, proposal_reason,
                                         created_at)
            SELECT 'グループ' || n, 'bench-' || n, 'theme', '', '', false, 'active', '', now()
            FROM generate_series(1, {GROUPS}) AS n
            """,
        )
        cursor.execute("SELECT min(id), max(id) FROM community_user WHERE email LIKE '%%@bench.example'")
        low_user, high_user = cursor.fetchone()
        cursor.execute("SELECT min(id), max(id) FROM community_group WHERE slug LIKE 'bench-%%'")
        low_group, high_group = cursor.fetchone()
        users = high_user - low_user + 1
        groups = high_group - low_group + 1
        _run(
            cursor,
            "posts",
            f"""
            INSERT INTO community_post (author_id, group_id, body, body_html, image, is_announcement, pinned,
                                        is_hidden, created_at)
            SELECT {low_user} + (n * 7) % {users},
                   CASE WHEN n % 20 = 0 THEN NULL ELSE {low_group} + (n * 13) % {groups} END,
                   '投稿 ' || n, '<p>投稿 ' || n || '</p>', '', false, false, false,
                   now() - ((n::bigint * 104729) % {SPAN}) * interval '1 second'
            FROM generate_series(1, {POSTS}) AS n
            """,
        )
        cursor.execute("SELECT min(id) FROM community_post")
        low_post = cursor.fetchone()[0]
        _run(
            cursor,
            "comments",
            f"""
            INSERT INTO django_comments (object_pk, user_name, user_email, user_url, comment, submit_date,
                                         is_public, is_removed, content_type_id, site_id, user_id)
            SELECT ({low_post} + (n * 31) % {POSTS})::text, '', '', '', 'コメント',
                   now() - ((n::bigint * 7907) % {SPAN}) * interval '1 second', true, false, {post_type}, 1,
                   {low_user} + (n * 11) % {users}
            FROM generate_series(1, {COMMENTS}) AS n;
            INSERT INTO django_comments_xtd_xtdcomment (comment_ptr_id, thread_id, parent_id, level, "order",
                                                        followup, nested_count)
            SELECT c.id, c.id, CASE WHEN c.id % 3 = 0 THEN c.id - 1 ELSE c.id END,
                   CASE WHEN c.id % 3 = 0 THEN 1 ELSE 0 END, 1, false, 0
            FROM django_comments c WHERE c.comment = 'コメント'
            """,
        )
        cursor.execute("SELECT min(id) FROM django_comments WHERE comment = 'コメント'")
        low_comment = cursor.fetchone()[0]
        _run(
            cursor,
            "reactions",
            f"""
            INSERT INTO community_reaction (kind, object_id, created_at, content_type_id, user_id)
            SELECT 'like',
                   CASE WHEN n % 10 < 7 THEN {low_post} + (n * 17) % {POSTS}
                        ELSE {low_comment} + (n * 19) % {COMMENTS} END,
                   now() - ((n::bigint * 7901) % {SPAN}) * interval '1 second',
                   CASE WHEN n % 10 < 7 THEN {post_type} ELSE {comment_type} END,
                   {low_user} + (n * 23) % {users}
            FROM generate_series(1, {REACTIONS}) AS n
            ON CONFLICT DO NOTHING
            """,
        )
        _run(
            cursor,
            "conversations",
            f"""
            INSERT INTO community_conversation (key, subject, created_at, last_message_at)
            SELECT 'bench-' || n, '', now() - ((n::bigint * 7883) % {SPAN}) * interval '1 second',
                   now() - ((n::bigint * 7883) % {SPAN}) * interval '1 second' + interval '2 days'
            FROM generate_series(1, {CONVERSATIONS}) AS n;
            INSERT INTO community_participant (conversation_id, user_id, joined_at)
            SELECT c.id, {low_user} + (c.id * 29 + side * 7) % {users}, c.created_at
            FROM community_conversation c, generate_series(0, 1) AS side WHERE c.key LIKE 'bench-%%';
            INSERT INTO community_message (conversation_id, sender_id, body, body_html, created_at)
            SELECT p.conversation_id, p.user_id, 'こんにちは', '<p>こんにちは</p>',
                   c.created_at + (k * 6) * interval '1 hour'
            FROM community_participant p JOIN community_conversation c ON c.id = p.conversation_id,
                 generate_series(1, {MESSAGES // CONVERSATIONS // 2}) AS k
            WHERE c.key LIKE 'bench-%%'
            """,
        )
        _run(cursor, "analyze", "ANALYZE")


def timed(function, runs=5):
    """Median milliseconds of `runs` calls (after one to warm up), each in insights.analytics() as the panel
    runs them."""
    from django.core.cache import cache

    from community import insights

    samples = []
    for run in range(runs + 1):
        cache.clear()  # the panel keeps its figures for ten minutes: count them every time here
        started = time.perf_counter()
        with insights.analytics():
            function()
        if run:
            samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main():
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    from community import insights
    from community.dashboard import CommunityDashboardPanel

    seed()
    request = RequestFactory().get("/admin/")
    request.user = get_user_model()(is_superuser=True, is_active=True)
    figures = {
        "pending_applications": insights.pending_applications,
        "open_reports": insights.open_reports,
        "new_members(7)": lambda: insights.new_members(days=7),
        "active_members(30)": lambda: insights.active_members(days=30),
        "members_over_time(12)": lambda: insights.members_over_time(months=12),
        "activity_per_week(12)": lambda: insights.activity_per_week(weeks=12),
        "event_attendance(10)": lambda: insights.event_attendance(limit=10),
        "most_active_groups(30)": lambda: insights.most_active_groups(days=30),
        "engagement(30)": lambda: insights.engagement(days=30),
        "the whole panel": lambda: CommunityDashboardPanel().get_context_data({"request": request}),
    }
    print(f"{connection.vendor}: median of 5 runs")
    for name, function in figures.items():
        print(f"  {name:<24} {timed(function):8.1f} ms", flush=True)
    engagement = insights.engagement(days=30)
    print(
        f"  (30 days: {insights.active_members(days=30):,} active members, {engagement.interactions:,} "
        f"interactions, {engagement.pairs:,} pairs)"
    )


if __name__ == "__main__":
    main()
