"""The large data set of the speed benchmarks (PostgreSQL): 50,000 members, 200 groups, 1,000,000 posts,
3,000,000 comments and 500,000 messages of invented Japanese text, loaded with COPY.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tsunagari_load .venv/bin/python bench/seed.py [--scale 1.0]

Migrates, runs `seed_demo` (stories, the home page, demo accounts, events, ideas), then tops up each kind of
row to its target: rerunning adds only what is missing, never duplicates. `--scale 0.02` makes a small set for
trying the tools (at least 25 groups and the 1,000-comment thread at any scale). Also makes:

- the benchmark member BENCH_EMAIL / BENCH_PASSWORD: in 20 groups (two private), with 100 conversations in
  the messages inbox; every invented member has the same password;
- a busy group (`load-0`, a tenth of all posts) and a post with a 1,000-comment thread (`THREAD_BODY`, in
  `load-1`);
- search entries (through search/entries.py) for the members, groups, stories and the newest posts.

The seed runs under the dev settings without REDIS_URL, so what saving triggers (search re-indexing of the
demo content) runs inline instead of queueing for a worker.
"""

import argparse
import multiprocessing
import os
import random
import sys
import time
from array import array
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.pop("REDIS_URL", None)

from bench.seeding import (  # noqa: E402
    BENCH_EMAIL,
    BENCH_PASSWORD,
    COMMENTS,
    DOMAIN,
    MESSAGES,
    POSTS,
    THREAD_BODY,
    Progress,
    analyze,
    copy_rows,
    django_setup,
    group_name,
    next_id,
    paragraph_html,
    sentence,
    sync_ids,
)

django_setup("portal.settings.dev")

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

FULL = {"members": 50_000, "groups": 200, "posts": 1_000_000, "comments": 3_000_000, "messages": 500_000}
BENCH_HANDLE = "bench-member"
BENCH_GROUPS = 20
INBOX = 100  # the benchmark member's conversations
THREAD_COMMENTS = 1000
THREAD_DAYS = 30  # how long before the seed's now the 1,000-comment thread was started
POST_ENTRIES = 20_000  # the newest posts get search entries (all of them would take hours of tokenising)
SPAN = 3 * 365 * 86400  # posts spread over three years
CHUNK = 50_000
NOW = timezone.now()


def targets(scale):
    return {
        "members": max(200, round(FULL["members"] * scale)),
        "groups": max(BENCH_GROUPS + 5, round(FULL["groups"] * scale)),
        "posts": max(1000, round(FULL["posts"] * scale)),
        "comments": max(THREAD_COMMENTS * 2, round(FULL["comments"] * scale)),
        "messages": max(INBOX * 10, round(FULL["messages"] * scale)),
    }


def member_ids():
    from community.models import User

    return list(User.objects.filter(email__endswith=f"@{DOMAIN}").order_by("pk").values_list("pk", flat=True))


def seed_groups(total):
    from community.models import Group

    have = Group.objects.filter(slug__startswith="load-").count()
    Group.objects.bulk_create(
        [
            Group(
                name=group_name(index),
                slug=f"load-{index}",
                kind=Group.Kind.REGION if index % 6 == 5 else Group.Kind.THEME,
                is_private=index % 10 == 9,
                status=Group.Status.ACTIVE,
                description=f"{group_name(index)}のグループです。近況や情報を気軽に交換しましょう。",
            )
            for index in range(have, total)
        ]
    )
    return list(Group.objects.filter(slug__startswith="load-").order_by("pk").values_list("pk", flat=True))


def _member_row(index, user_id, profile_id):
    from community.audiences import MemberKind, MembershipStatus, OpenTo
    from community.demo import BIOS, FAMILY, GIVEN, LOCATIONS, NOW_DOING

    rng = random.Random(index)
    family, given = rng.choice(FAMILY), rng.choice(GIVEN)
    kind = MemberKind.EMPLOYEE if rng.random() < 0.2 else MemberKind.ALUMNI
    joined = rng.randint(1980, 2024)
    left = None if kind == MemberKind.EMPLOYEE else min(joined + rng.randint(2, 30), 2025)
    organisation, title = rng.choice(NOW_DOING)
    user = (user_id, f"m{index:06d}@{DOMAIN}", given[0], family[0])
    profile = (
        profile_id,
        user_id,
        f"{given[2]}-{family[2]}-{index}".lower(),
        kind,
        MembershipStatus.MEMBER,
        NOW - timedelta(days=rng.randint(30, 1500)),
        f"{family[0]} {given[0]}",
        f"{family[1]} {given[1]}",
        f"{given[2]} {family[2]}",
        joined,
        left,
        organisation,
        title,
        rng.choice(LOCATIONS),
        rng.choice(BIOS),
        json_list(rng.sample(OpenTo.values, rng.choice([0, 1, 1, 2]))),
    )
    return rng, user, profile


def json_list(values):
    import json

    return json.dumps(list(values))


def seed_members(total, group_ids):
    """Members with profiles, departments, sites, expertise and a few groups each, in batches of 10,000."""
    from django.contrib.auth.hashers import make_password

    from taggit.models import Tag

    from community.demo import EXPERTISE
    from community.models import ExpertiseTag, GroupMembership, OrgUnit, Profile, User

    have = User.objects.filter(email__endswith=f"@{DOMAIN}").count()
    if have >= total:
        return
    password = make_password(BENCH_PASSWORD)
    departments = list(OrgUnit.objects.filter(kind=OrgUnit.DEPARTMENT).values_list("pk", flat=True))
    sites = list(OrgUnit.objects.filter(kind=OrgUnit.SITE).values_list("pk", flat=True))
    tags = [Tag.objects.get_or_create(name=name)[0].pk for name in EXPERTISE]
    busy = group_ids[:5]  # the first groups are the popular ones
    progress = Progress("members", total - have)
    user_fields = ["id", "email", "first_name", "last_name", "password"]
    profile_fields = ["id", "user_id", "handle", "kind", "status", "approved_at", "display_name", "name_kana"]
    profile_fields += [
        "name_romaji",
        "joined_year",
        "left_year",
        "organisation",
        "job_title",
        "location",
        "bio",
    ]
    profile_fields += ["open_to"]
    for start in range(have, total, 10_000):
        users, profiles, units, sites_of, expertise, memberships = [], [], [], [], [], []
        user_id, profile_id = next_id(User), next_id(Profile)
        for offset, index in enumerate(range(start, min(start + 10_000, total))):
            rng, user, profile = _member_row(index, user_id + offset, profile_id + offset)
            users.append((*user, password))
            profiles.append(profile)
            units += [(profile[0], unit) for unit in rng.sample(departments, rng.choice([1, 1, 2]))]
            sites_of += [(profile[0], unit) for unit in rng.sample(sites, rng.choice([0, 1, 1, 2]))]
            expertise += [(profile[0], tag) for tag in rng.sample(tags, rng.choice([0, 1, 2, 3]))]
            mine = set(rng.sample(group_ids, rng.choice([1, 2, 3, 5])))
            mine |= {rng.choice(busy)} if rng.random() < 0.3 else set()
            memberships += [(group, user[0], "active", NOW) for group in mine]
        with transaction.atomic():
            copy_rows(User, user_fields, users)
            copy_rows(Profile, profile_fields, profiles, progress)
            copy_rows(Profile.departments.through, ["profile_id", "orgunit_id"], units)
            copy_rows(Profile.sites.through, ["profile_id", "orgunit_id"], sites_of)
            copy_rows(ExpertiseTag, ["content_object_id", "tag_id"], expertise)
            copy_rows(GroupMembership, ["group_id", "user_id", "state", "created_at"], memberships)
            sync_ids(User, Profile)
    progress.finish()


def bench_member(group_ids):
    """The member the benchmarks log in as: known password, 20 groups (two of them private), verified e-mail."""
    from allauth.account.models import EmailAddress

    from community.audiences import MemberKind, MembershipStatus
    from community.models import GroupMembership, Profile, User

    user = User.objects.filter(email=BENCH_EMAIL).first()
    if user is None:
        user = User.objects.create_user(email=BENCH_EMAIL, password=BENCH_PASSWORD)
        Profile.objects.create(
            user=user,
            handle=BENCH_HANDLE,
            kind=MemberKind.ALUMNI,
            status=MembershipStatus.MEMBER,
            approved_at=NOW - timedelta(days=400),
            display_name="計測 太郎",
            name_kana="けいそく たろう",
            name_romaji="Taro Keisoku",
            joined_year=2005,
            left_year=2019,
        )
        EmailAddress.objects.create(user=user, email=BENCH_EMAIL, verified=True, primary=True)
    for group_id in group_ids[:BENCH_GROUPS]:
        GroupMembership.objects.get_or_create(group_id=group_id, user=user)
    return user


def seed_posts(total, group_ids, authors):
    """Posts over three years: a tenth in the busy group load-0, a twentieth community-wide."""
    from community.models import Post

    missing = total - Post.objects.count()
    if missing <= 0:
        return
    progress = Progress("posts", missing)
    fields = ["author_id", "group_id", "body", "body_html", "created_at", "fanned_out_at"]
    for start in range(0, missing, CHUNK):
        rng = random.Random(f"posts-{Post.objects.count()}")
        rows = []
        for _ in range(min(CHUNK, missing - start)):
            body = sentence(rng, POSTS)
            draw = rng.random()
            group = None if draw < 0.05 else group_ids[0] if draw < 0.15 else rng.choice(group_ids)
            created = NOW - timedelta(seconds=rng.randint(3600, SPAN))
            rows.append((rng.choice(authors), group, body, paragraph_html(body), created, created))
        with transaction.atomic():
            copy_rows(Post, fields, rows, progress)
    progress.finish()


def times_after(start, count, rng, gap_minutes):
    """`count` increasing times after `start`, each a random gap_minutes (low, high) after the one before, pressed
    closer together where they would reach NOW: every time is after `start` and before the seed's now."""
    offsets, total = [], 0
    for _ in range(count):
        total += rng.randint(*gap_minutes) * 60
        offsets.append(total)
    room = (NOW - start).total_seconds() - 1
    if room <= 0:
        raise ValueError(f"no time between {start} and the seed's now {NOW}")
    scale = min(1.0, room / total) if total else 1.0
    return [start + timedelta(seconds=offset * scale) for offset in offsets]


def _comment_rows(comments, post_id, posted, count, rng, authors, post_type, site_id):
    """`count` comments on one post made at `posted`, starting at id `comments.next`: top-level ones and replies
    (level 1), each after the one before and all before the seed's now."""
    threads = []  # [root row, replies]
    for when in times_after(posted, count, rng, (1, 600)):
        if threads and rng.random() < 0.4:
            root, replies = rng.choice(threads)
            replies.append((comments.next, root[0], when))
        else:
            threads.append(((comments.next, when), []))
        comments.next += 1
    for (root_id, root_when), replies in threads:
        for comment_id, parent_id, at, level, order, nested in [
            (root_id, root_id, root_when, 0, 1, len(replies)),
            *((r[0], r[1], r[2], 1, n, 0) for n, r in enumerate(replies, start=2)),
        ]:
            body = sentence(rng, COMMENTS)
            comments.base.append(
                (comment_id, post_type, str(post_id), site_id, rng.choice(authors), body, at)
            )
            comments.xtd.append((comment_id, root_id, parent_id, level, order, nested))


class _CommentBatch:
    BASE = ["id", "content_type_id", "object_pk", "site_id", "user_id", "comment", "submit_date"]
    XTD = ["comment_ptr_id", "thread_id", "parent_id", "level", "order", "nested_count"]

    def __init__(self, next_id):
        self.next, self.base, self.xtd = next_id, [], []

    def write(self, progress):
        from django_comments_xtd.models import XtdComment

        base_model = XtdComment._meta.get_field("comment_ptr").related_model
        with transaction.atomic():
            copy_rows(base_model, self.BASE, self.base, progress)
            copy_rows(XtdComment, self.XTD, self.xtd)
            sync_ids(base_model)
        self.base, self.xtd = [], []


def seed_comments(total, thread_group, authors):
    """The 1,000-comment thread, then comments on random posts (more on recent ones) up to `total`."""
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.sites.models import Site

    from django_comments_xtd.models import XtdComment

    from community.models import Post

    thread_post, created = Post.objects.get_or_create(
        body=THREAD_BODY,
        group_id=thread_group,
        defaults={"author_id": authors[0], "body_html": paragraph_html(THREAD_BODY)},
    )
    if created:  # posted a month before the seed's now, so its thousand comments fit before it
        thread_post.created_at = thread_post.fanned_out_at = NOW - timedelta(days=THREAD_DAYS)
        Post.objects.filter(pk=thread_post.pk).update(
            created_at=thread_post.created_at, fanned_out_at=thread_post.created_at
        )
    post_type = ContentType.objects.get_for_model(Post).pk
    site_id = Site.objects.get_current().pk
    on_posts = XtdComment.norel_objects.filter(content_type_id=post_type)
    base_model = XtdComment._meta.get_field("comment_ptr").related_model
    batch = _CommentBatch(next_id(base_model))
    on_thread = on_posts.filter(object_pk=str(thread_post.pk)).count()
    rng = random.Random(f"comments-{on_thread}")
    if on_thread < THREAD_COMMENTS:
        _comment_rows(
            batch,
            thread_post.pk,
            thread_post.created_at,
            THREAD_COMMENTS - on_thread,
            rng,
            authors,
            post_type,
            site_id,
        )
        batch.write(None)
    missing = total - on_posts.count()
    if missing <= 0:
        return thread_post
    ids, stamps = array("q"), array("d")
    with connection.cursor() as cursor:
        # Only posts made before the seed's now (seed_demo's announcements are made at seeding time) get comments.
        cursor.execute(
            "SELECT id, extract(epoch FROM created_at) FROM community_post WHERE NOT is_hidden AND created_at < %s",
            [NOW - timedelta(minutes=10)],
        )
        for post_id, stamp in cursor.fetchall():
            ids.append(post_id)
            stamps.append(float(stamp))
    order = sorted(range(len(ids)), key=stamps.__getitem__)  # oldest first: recent posts are drawn more
    progress = Progress("comments", missing)
    made = 0
    while made < missing:
        pick = order[int(len(order) * (1 - rng.random() ** 2)) - 1]
        count = min(rng.choice([1, 2, 3, 3, 4, 6, 8]), missing - made)
        when = datetime.fromtimestamp(stamps[pick], tz=UTC)
        _comment_rows(batch, ids[pick], when, count, rng, authors, post_type, site_id)
        made += count
        if len(batch.base) >= CHUNK:
            batch.write(progress)
    batch.write(progress)
    progress.finish()
    return thread_post


def _conversation(conversations, participants, messages, people, count, rng, unread):
    """One conversation between `people` with `count` messages."""
    import secrets

    conversation_id = conversations.next
    conversations.next += 1
    started = NOW - timedelta(seconds=rng.randint(86400, SPAN))
    for when in times_after(started, count, rng, (5, 3000)):
        body = sentence(rng, MESSAGES)
        messages.append((conversation_id, rng.choice(people), body, paragraph_html(body), when))
    conversations.rows.append((conversation_id, secrets.token_urlsafe(12), people[0], started, when))
    for person in people:
        participants.append((conversation_id, person, started, None if unread else when))


class _Ids:
    def __init__(self, next_id):
        self.next, self.rows = next_id, []


def seed_messages(total, bench_user, authors):
    """The benchmark member's 100 conversations, then 1:1 conversations of about 10 messages up to `total`."""
    from community.models import Conversation, Message, Participant

    missing = total - Message.objects.count()
    inbox = INBOX - Participant.objects.filter(user=bench_user).count()
    if missing <= 0 and inbox <= 0:
        return
    progress = Progress("messages", max(missing, 0))
    rng = random.Random(f"messages-{Message.objects.count()}")
    conversation_fields = ["id", "key", "created_by_id", "created_at", "last_message_at"]
    made = 0
    while inbox > 0 or made < missing:
        conversations, participants, messages = _Ids(next_id(Conversation)), [], []
        while len(messages) < CHUNK and (inbox > 0 or made + len(messages) < missing):
            people = [bench_user.pk, rng.choice(authors)] if inbox > 0 else rng.sample(authors, 2)
            count = rng.randint(2, 18)
            _conversation(
                conversations, participants, messages, people, count, rng, unread=rng.random() < 0.2
            )
            inbox -= 1
        with transaction.atomic():
            copy_rows(Conversation, conversation_fields, conversations.rows)
            copy_rows(Participant, ["conversation_id", "user_id", "joined_at", "last_read_at"], participants)
            copy_rows(Message, ["conversation_id", "sender_id", "body", "body_html", "created_at"], messages)
            sync_ids(Conversation)
        progress.advance(len(messages))
        made += len(messages)
    progress.finish()


def _entries_job(job):
    from search.entries import entries_for
    from search.models import SearchEntry

    kind, ids = job
    rows = [entry for pk in ids for entry in entries_for(kind, pk)]
    SearchEntry.objects.bulk_create(rows)
    return len(ids)


def seed_search_entries(processes=2):
    """Entries for every member, group and story and the newest posts, made by search/entries.py in two
    processes (bulk-inserted), then the configured backend's index brought up to date."""
    from community.models import Post
    from search import backends
    from search.entries import MEMBER_ENTRIES, all_ids
    from search.models import Kind, SearchEntry
    from search.tokeniser import tokenise

    todo = []
    for kind in (Kind.STORY, Kind.GROUP, Kind.MEMBER, Kind.POST):
        if kind == Kind.POST:
            wanted = Post.objects.filter(is_hidden=False).order_by("-created_at").values_list("pk", flat=True)
            wanted = wanted[:POST_ENTRIES]
        else:
            wanted = all_ids(kind)
        done = set(SearchEntry.objects.filter(kind=kind).values_list("object_id", flat=True))
        missing = sorted(set(wanted) - done)
        todo += [(kind, missing[start : start + 500]) for start in range(0, len(missing), 500)]
    if not todo:
        return
    progress = Progress("search entries", sum(len(ids) for _kind, ids in todo))
    tokenise("辞書を読み込む")  # load the dictionary before forking: the workers share its memory map
    connections.close_all()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        for count in pool.imap_unordered(_entries_job, todo):
            progress.advance(count)
    progress.finish()
    backends.current().rebuild(log=lambda message: None)
    MEMBER_ENTRIES.bump()  # bulk-inserted, not re-indexed one by one: retire member searches kept before


def counts():
    from django_comments_xtd.models import XtdComment

    from community.models import Conversation, Group, GroupMembership, Message, Post, Profile, Reaction
    from search.models import SearchEntry
    from stories.models import StoryPage

    models = [Profile, Group, GroupMembership, Post, XtdComment, Reaction, Conversation, Message, SearchEntry]
    rows = {model._meta.label: model.objects.count() for model in models}
    rows["live StoryPage"] = StoryPage.objects.live().count()
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full sizes (0.02: small)")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("bench/seed.py fills PostgreSQL: set DATABASE_URL=postgres://…")
    goal = targets(args.scale)
    started = time.monotonic()
    print(f"seeding {connection.settings_dict['NAME']} to {goal}", file=sys.stderr)
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)
    print(f"migrated and seed_demo: {time.monotonic() - started:.0f} s", file=sys.stderr)
    group_ids = seed_groups(goal["groups"])
    seed_members(goal["members"], group_ids)
    authors = member_ids()
    user = bench_member(group_ids)
    seed_posts(goal["posts"], group_ids, authors)
    thread = seed_comments(goal["comments"], group_ids[1], authors)
    seed_messages(goal["messages"], user, authors)
    analyze()
    seed_search_entries()
    analyze()
    print(f"\nseeded in {time.monotonic() - started:.0f} s")
    for name, count in counts().items():
        print(f"  {name:<28} {count:>12,}")
    print(
        f"benchmark member: {BENCH_EMAIL} / {BENCH_PASSWORD}; 1,000-comment thread: /community/posts/{thread.pk}/"
    )


if __name__ == "__main__":
    main()
