"""The hot queries on PostgreSQL and the index each one's plan uses (docs/production.md#database-indexes).

Seeds a modest community with SQL (5,000 members, 50 groups, 200,000 posts, reactions and notifications,
100,000 messages in 2,000 conversations (one of them long), spread over two years; rerunning adds nothing), runs ANALYZE,
then prints, for each hot query built by the code the site runs, the indexes in its EXPLAIN plan and its time.
Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/tsunagari_indexes .venv/bin/python bench/hot_indexes.py
(a throwaway database of your own; add --plans to print the full plans).
"""

import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

MEMBERS = 5_000
GROUPS = 50
ROWS = 200_000
MESSAGES = 100_000
CONVERSATIONS = 2_000
SPAN = "730 days"


def seed():
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    from community.models import Group, GroupMembership, Post, Profile

    call_command("migrate", verbosity=0)
    User = get_user_model()
    if User.objects.count() < MEMBERS:
        print("members…", flush=True)
        users = User.objects.bulk_create(
            [User(email=f"m{n}@example.com", last_name=f"会員{n}") for n in range(MEMBERS)], batch_size=1000
        )
        Profile.objects.bulk_create(
            [
                Profile(
                    user=user,
                    handle=f"m{n}",
                    display_name=f"会員 {n}",
                    name_kana=f"かいいん{n:05}",
                    status="member" if n % 10 else "applicant",
                    hidden_from_directory=n % 17 == 0,
                    joined_year=1990 + n % 35,
                )
                for n, user in enumerate(users)
            ],
            batch_size=1000,
        )
        with connection.cursor() as cursor:  # approvals spread over the two years
            cursor.execute(
                "UPDATE community_profile SET approved_at = now() - ((id * 7919) %% 730 || ' days')::interval,"
                " created_at = now() - %s::interval WHERE status = 'member'",
                [SPAN],
            )
    if Group.objects.count() < GROUPS:
        Group.objects.bulk_create(
            [Group(name=f"グループ{n}", slug=f"g{n}", status="active") for n in range(GROUPS)]
        )
    user_ids = list(User.objects.order_by("pk").values_list("pk", flat=True))
    group_ids = list(Group.objects.order_by("pk").values_list("pk", flat=True))
    reader = User.objects.get(pk=user_ids[1])
    for group_id in group_ids[:10]:
        GroupMembership.objects.get_or_create(group_id=group_id, user=reader)
    low, high = user_ids[0], user_ids[-1]
    post_type = ContentType.objects.get_for_model(Post).pk
    with connection.cursor() as cursor:
        if Post.objects.count() < ROWS:
            print("posts…", flush=True)
            cursor.execute(
                """
                INSERT INTO community_post (author_id, group_id, body, body_html, image, is_announcement,
                                            pinned, is_hidden, created_at)
                SELECT %s + (n * 31) %% (%s - %s + 1),
                       CASE WHEN n %% 20 = 0 THEN NULL ELSE %s + (n * 7919) %% %s END,
                       '投稿 ' || n, '<p>投稿 ' || n || '</p>', '', false, false, false,
                       now() - (n * 315 || ' seconds')::interval
                FROM generate_series(1, %s) AS n
                """,
                [low, high, low, group_ids[0], GROUPS, ROWS],
            )
            print("reactions…", flush=True)
            first_post = Post.objects.order_by("pk").values_list("pk", flat=True).first()
            cursor.execute(
                """
                INSERT INTO community_reaction (user_id, kind, content_type_id, object_id, created_at)
                SELECT %s + n %% (%s - %s + 1), 'like', %s, %s + n / 7, now() - (n * 315 || ' seconds')::interval
                FROM generate_series(1, %s) AS n
                """,
                [low, high, low, post_type, first_post, ROWS],
            )
            print("notifications…", flush=True)
            cursor.execute(
                """
                INSERT INTO community_notification (recipient_id, kind, actor_count, actor_ids, text, url,
                                                    event_key, created_at, read_at)
                SELECT %s + n %% 500, 'reply', 1, '[]', 'お知らせ ' || n, '/', 'e' || n,
                       now() - (n * 315 || ' seconds')::interval,
                       CASE WHEN n %% 10 = 0 THEN NULL ELSE now() END
                FROM generate_series(1, %s) AS n
                """,
                [low, ROWS],
            )
            print("conversations and messages…", flush=True)
            cursor.execute(
                """
                INSERT INTO community_conversation (key, subject, created_at, last_message_at)
                SELECT 'c' || n, '', now() - interval '730 days', now() - (n || ' minutes')::interval
                FROM generate_series(1, %s) AS n
                """,
                [CONVERSATIONS],
            )
            cursor.execute(
                """
                INSERT INTO community_participant (conversation_id, user_id, joined_at)
                SELECT c.id, %s + (c.id * s) %% (%s - %s + 1), c.created_at
                FROM community_conversation c CROSS JOIN (VALUES (1), (2)) AS sides(s)
                ON CONFLICT DO NOTHING
                """,
                [low, high, low],
            )
            cursor.execute(
                """
                INSERT INTO community_message (conversation_id, sender_id, body, body_html, created_at)
                SELECT (SELECT min(id) FROM community_conversation) + CASE WHEN n %% 5 = 0 THEN 0 ELSE n %% %s END,
                       %s, 'メッセージ ' || n, '',
                       now() - (n * 630 || ' seconds')::interval
                FROM generate_series(1, %s) AS n
                """,
                [CONVERSATIONS, low, MESSAGES],
            )
        cursor.execute("ANALYZE")
    return reader


def hot_queries(reader):
    """(label, queryset or callable returning one) for each hot query, built by the code the site runs."""
    from datetime import timedelta

    from django.utils import timezone

    from community import insights, messaging, notifications, permissions
    from community.models import Conversation, Message, Post, Profile, Reaction

    now = timezone.now()
    week = (now - timedelta(days=7), now)
    conversation = Conversation.objects.order_by("pk").first()
    group_id = permissions.feed_posts_for(reader).exclude(group=None).values_list("group_id", flat=True)[0]
    return [
        ("home feed as one OR query", permissions.feed_posts_for(reader).order_by("-created_at", "-id")[:21]),
        (
            "group feed, first page",
            Post.objects.filter(group_id=group_id, is_hidden=False).order_by("-created_at", "-id")[:21],
        ),
        ("community-wide feed", Post.objects.filter(group=None).order_by("-created_at", "-id")[:21]),
        (
            "notification centre",
            notifications.visible_notifications(reader).order_by("-created_at", "-id")[:30],
        ),
        ("unread notifications", notifications.visible_notifications(reader).filter(read_at__isnull=True)),
        ("long conversation, newest messages", conversation.messages.order_by("-created_at", "-id")[:50]),
        ("inbox", messaging.inbox(reader)[:30]),
        (
            "directory, first page",
            permissions.directory_profiles_for(reader).order_by("name_kana", "pk")[:20],
        ),
        ("directory, joined 2001", permissions.directory_profiles_for(reader).filter(joined_year=2001)),
        ("dashboard: posts this week", Post.objects.filter(created_at__range=week)),
        ("dashboard: reactions this week", Reaction.objects.filter(created_at__range=week)),
        ("dashboard: messages this week", Message.objects.filter(created_at__range=week)),
        (
            "dashboard: new members this week",
            Profile.objects.members().alias(joined=insights.joined_at()).filter(joined__range=week),
        ),
    ]


def main():
    reader = seed()
    show_plans = "--plans" in sys.argv
    print(f"\n{'query':34} {'ms':>7}  indexes in the plan")
    for label, queryset in hot_queries(reader):
        plan = queryset.explain(analyze=True)
        started = time.perf_counter()
        list(queryset) if queryset.query.is_sliced else queryset.count()
        elapsed = (time.perf_counter() - started) * 1000
        indexes = sorted(set(re.findall(r"(?:using|on) (\w+_idx|\w+_pkey|\w+_key|\w+_[0-9a-f]{8})", plan)))
        print(f"{label:34} {elapsed:7.2f}  {', '.join(indexes) or 'none (sequential scan)'}")
        if show_plans:
            print(plan, "\n")


if __name__ == "__main__":
    main()
