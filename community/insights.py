"""Figures for the secretariat's dashboard, counted from the database.

Each function is a handful of aggregate queries (GROUP BY a period, COUNT with a filter, UNION of ids): nothing
loops over rows in Python, so the cost stays flat at 100k members and a million posts. Windows end at `now`
(the current time unless a test gives one) and periods follow the site's time zone.

Who counts as a member: an approved profile on an active account (`Profile.objects.members()`), of any kind —
alumni, current employee or secretariat. Who counts as the secretariat is `secretariat_users()`.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    CharField,
    Count,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least, TruncMonth, TruncWeek
from django.utils import timezone

from django_comments_xtd.models import XtdComment

from .audiences import MemberKind
from .models import (
    Application,
    EventPage,
    Group,
    Message,
    Participant,
    Post,
    Profile,
    Reaction,
    Registration,
    Report,
    User,
)
from .permissions import SECRETARIAT_GROUP

KINDS = (MemberKind.ALUMNI, MemberKind.EMPLOYEE, MemberKind.SECRETARIAT)


@dataclass(frozen=True)
class TimeSeries:
    """Counts per period: `periods` are the first days of the months or weeks, oldest first; `series` maps a
    name to one number per period."""

    periods: list
    series: dict


@dataclass(frozen=True)
class EventFigures:
    title: str
    starts_at: datetime
    confirmed: int
    capacity: int | None


@dataclass(frozen=True)
class GroupFigures:
    name: str
    slug: str
    posts: int
    comments: int

    @property
    def total(self):
        return self.posts + self.comments


@dataclass(frozen=True)
class Engagement:
    """Interactions between two different people in the window, split by whether the secretariat took part.

    `by_kind` maps "comments", "reactions" and "messages" to (member-to-member, involving the secretariat).
    """

    member_to_member: int
    secretariat: int
    pairs: int
    by_kind: dict

    @property
    def interactions(self):
        return self.member_to_member + self.secretariat

    @property
    def member_share(self):
        """The member-to-member share of all interactions (0.0–1.0), or None when there were none."""
        return self.member_to_member / self.interactions if self.interactions else None


def _now(now):
    return now or timezone.now()


@contextmanager
def analytics():
    """Run the figures' queries with PostgreSQL's JIT compiler off (other databases: nothing changes).

    The planner's cost estimates for these aggregates (a subquery per row of a month's comments) pass the JIT
    threshold, and compiling then costs more than running: bench/insights.py measured the whole panel at
    6.6 s with JIT and 3.9 s without (100,000 members, a million posts, a busy two-core machine). SET LOCAL
    lasts until the end of the transaction opened here, so nothing else is affected (poolers included).
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        yield


def joined_at():
    """When a member joined: their approval, or the profile's creation for members approved before approvals
    were recorded (or made members by hand)."""
    return Coalesce("approved_at", "created_at")


def secretariat_users():
    """Ids of everyone who acts for the secretariat: superusers, secretariat profiles and the Secretariat auth
    group — the people `permissions.is_secretariat` recognises, whatever their state today. One query; the
    list is short, and as literal ids it keeps the engagement queries simple for the database."""
    from django.contrib.auth.models import Group as AuthGroup

    return sorted(
        User.objects.filter(is_superuser=True)
        .values_list("pk", flat=True)
        .order_by()
        .union(
            Profile.objects.filter(kind=MemberKind.SECRETARIAT).values_list("user_id", flat=True).order_by(),
            AuthGroup.user_set.through.objects.filter(group__name=SECRETARIAT_GROUP)
            .values_list("user_id", flat=True)
            .order_by(),
        )
    )


# --- The queues ---------------------------------------------------------------------------------------------


def pending_applications():
    """Applications waiting for a decision."""
    return Application.objects.filter(status=Application.Status.PENDING).count()


def open_reports():
    """Reports nobody has handled yet."""
    return Report.objects.filter(status=Report.Status.OPEN).count()


# --- Members ------------------------------------------------------------------------------------------------


def total_members():
    return Profile.objects.members().count()


def new_members(days=7, now=None):
    """Members who joined (were approved) in the last `days` days."""
    now = _now(now)
    since = now - timedelta(days=days)
    return Profile.objects.members().alias(joined=joined_at()).filter(joined__range=(since, now)).count()


def active_members(days=30, now=None):
    """Distinct members who posted, commented, reacted or sent a message in the last `days` days.

    One query: the union of the four tables' user ids in the window, matched against today's members (so a
    suspended or deleted account no longer counts).
    """
    now = _now(now)
    window = (now - timedelta(days=days), now)
    actors = (
        Post.objects.filter(created_at__range=window)
        .values("author_id")
        .order_by()
        .union(
            XtdComment.norel_objects.filter(submit_date__range=window, user__isnull=False)
            .values("user_id")
            .order_by(),
            Reaction.objects.filter(created_at__range=window).values("user_id").order_by(),
            Message.objects.filter(created_at__range=window).values("sender_id").order_by(),
        )
    )
    return Profile.objects.members().filter(user_id__in=actors).count()


def _month_starts(months, now):
    today = timezone.localtime(now).date()
    year, month = today.year, today.month
    starts = []
    for _ in range(months):
        starts.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return starts[::-1]


def _aware(day):
    return timezone.make_aware(datetime(day.year, day.month, day.day))


def members_over_time(months=12, now=None):
    """Members at the end of each of the last `months` months (the current month: so far), by kind.

    Series "alumni", "employee", "secretariat" and "total", cumulative. Counted from today's members by the
    date they joined (`joined_at()`), so someone who has since left is not in the past figures either.
    One query: members who joined before the first month are grouped into it, so a running sum gives the totals.
    """
    now = _now(now)
    periods = _month_starts(months, now)
    start = _aware(periods[0])
    rows = (
        Profile.objects.members()
        .alias(joined=joined_at())
        .filter(joined__lte=now)
        .annotate(
            period=TruncMonth(
                Greatest("joined", Value(start, output_field=DateTimeField())),
                output_field=DateTimeField(),
            )
        )
        .values("period", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    index = {period: i for i, period in enumerate(periods)}
    new = {kind: [0] * months for kind in KINDS}
    for row in rows:
        i = index.get(timezone.localtime(row["period"]).date())
        if i is not None and row["kind"] in new:
            new[row["kind"]][i] += row["n"]
    series = {}
    for kind in KINDS:
        running, cumulative = 0, []
        for n in new[kind]:
            running += n
            cumulative.append(running)
        series[str(kind)] = cumulative
    series["total"] = [sum(values) for values in zip(*(series[str(kind)] for kind in KINDS), strict=True)]
    return TimeSeries(periods=periods, series=series)


# --- Activity -----------------------------------------------------------------------------------------------


def _week_starts(weeks, now):
    today = timezone.localtime(now).date()
    monday = today - timedelta(days=today.weekday())
    return [monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def _per_period(queryset, field, trunc, periods):
    rows = queryset.annotate(period=trunc(field)).values("period").annotate(n=Count("pk")).order_by("period")
    counts = {timezone.localtime(row["period"]).date(): row["n"] for row in rows}
    return [counts.get(period, 0) for period in periods]


def activity_per_week(weeks=12, now=None):
    """Posts and comments written in each of the last `weeks` weeks (Monday to Sunday; this week so far).

    Series "posts" (not hidden by a moderator) and "comments" (on posts, stories and ideas; public, not
    removed). Two queries.
    """
    now = _now(now)
    periods = _week_starts(weeks, now)
    since = _aware(periods[0])
    posts = Post.objects.filter(created_at__gte=since, created_at__lte=now, is_hidden=False)
    comments = XtdComment.norel_objects.filter(
        submit_date__gte=since, submit_date__lte=now, is_public=True, is_removed=False
    )
    return TimeSeries(
        periods=periods,
        series={
            "posts": _per_period(posts, "created_at", TruncWeek, periods),
            "comments": _per_period(comments, "submit_date", TruncWeek, periods),
        },
    )


def event_attendance(limit=10, now=None):
    """The last `limit` events that have ended, oldest first: confirmed seats against capacity (None: no limit).

    Registrations belong to the page in the default language (`EventPage.canonical`), so its translations are
    left out; an event that exists only in another language is its own canonical page. One query.
    """
    now = _now(now)
    default_language = settings.LANGUAGE_CODE
    has_default_translation = EventPage.objects.filter(
        translation_key=OuterRef("translation_key"), locale__language_code=default_language
    )
    confirmed = (
        Registration.objects.filter(event=OuterRef("pk"), seat=Registration.Seat.CONFIRMED)
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        EventPage.objects.live()
        .filter(ends_at__lte=now)
        .filter(Q(locale__language_code=default_language) | ~Exists(has_default_translation))
        .annotate(confirmed=Coalesce(Subquery(confirmed, output_field=IntegerField()), 0))
        .order_by("-starts_at", "-pk")
        .values("title", "starts_at", "capacity", "confirmed")[:limit]
    )
    return [EventFigures(**row) for row in reversed(rows)]


def _post_comments(since):
    """Comments on posts written since `since`, with `post_id` as a number (comments store it as text)."""
    return XtdComment.norel_objects.filter(
        content_type=ContentType.objects.get_for_model(Post), submit_date__gte=since
    ).annotate(post_id=Cast("object_pk", BigIntegerField()))


def most_active_groups(days=30, limit=8, now=None):
    """The `limit` active groups with the most posts and comments on their posts in the last `days` days,
    busiest first (groups with none are left out). Three queries: posts per group, comments per group, names."""
    now = _now(now)
    since = now - timedelta(days=days)
    posts = dict(
        Post.objects.filter(created_at__gte=since, created_at__lte=now, group__isnull=False)
        .values("group_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("group_id", "n")
    )
    group_of_post = Post.objects.filter(pk=OuterRef("post_id")).order_by().values("group_id")[:1]
    comments = dict(
        _post_comments(since)
        .filter(submit_date__lte=now)
        .annotate(group_id=Subquery(group_of_post))
        .filter(group_id__isnull=False)
        .values("group_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("group_id", "n")
    )
    groups = Group.objects.active().filter(pk__in=set(posts) | set(comments)).values("pk", "name", "slug")
    figures = [
        GroupFigures(
            name=group["name"],
            slug=group["slug"],
            posts=posts.get(group["pk"], 0),
            comments=comments.get(group["pk"], 0),
        )
        for group in groups
    ]
    figures.sort(key=lambda g: (-g.total, g.name))
    return figures[:limit]


# --- Engagement ---------------------------------------------------------------------------------------------

SELF, MEMBER, SECRETARIAT = "self", "member", "secretariat"


def _one_of(field, ids):
    """True when `field` is one of `ids` (an expression to group by; false for an empty list)."""
    if not ids:
        return Value(False)
    return Case(
        When(**{f"{field}__in": ids}, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def _targets(model):
    return (Post.objects, "author_id") if model is Post else (XtdComment.norel_objects, "user_id")


def _addressee_side(model, ref, secretariat):
    """Who the outer row's comment or reaction is addressed to, as one subquery on its target (`model` with id
    `ref`): SELF (the actor's own post or comment), SECRETARIAT or MEMBER; NULL when the target is gone."""
    rows, author = _targets(model)
    sides = [When(**{author: OuterRef("user_id")}, then=Value(SELF))]
    if secretariat:
        sides.append(When(**{f"{author}__in": secretariat}, then=Value(SECRETARIAT)))
    return Subquery(
        rows.filter(pk=OuterRef(ref))
        .order_by()
        .annotate(side=Case(*sides, default=Value(MEMBER), output_field=CharField()))
        .values("side")[:1]
    )


def _partner(model, ref, secretariat):
    """The author of the outer row's target when they and the actor make a pair of members: someone else, not
    the secretariat. NULL otherwise."""
    rows, author = _targets(model)
    partners = rows.filter(pk=OuterRef(ref)).exclude(**{author: OuterRef("user_id")})
    if secretariat:
        partners = partners.exclude(**{f"{author}__in": secretariat})
    return Subquery(partners.order_by().values(author)[:1], output_field=BigIntegerField())


def _interactions(since, now):
    """(kind, queryset, target model, reference to the target): comments on posts and reactions in the window,
    split by what they answer, so each target is found by one subquery on one table."""
    comments = _post_comments(since).filter(submit_date__lte=now, user__isnull=False)
    reactions = Reaction.objects.filter(created_at__gte=since, created_at__lte=now)
    post_type = ContentType.objects.get_for_model(Post)
    comment_type = ContentType.objects.get_for_model(XtdComment)
    return [
        ("comments", comments.filter(level=0), Post, "post_id"),
        ("comments", comments.filter(level__gt=0), XtdComment, "parent_id"),
        ("reactions", reactions.filter(content_type=post_type), Post, "object_id"),
        ("reactions", reactions.filter(content_type=comment_type), XtdComment, "object_id"),
    ]


def engagement(days=30, now=None):
    """How much members talk to each other rather than only to the secretariat, over the last `days` days.

    An interaction is one of:
    - a comment on a post: between its writer and the author of the post (top-level comment) or of the comment
      it replies to;
    - a reaction to a post or a comment: between the reactor and the author of what they reacted to;
    - a message: between its sender and the other participants of its conversation.
    Interactions with oneself (a reaction to one's own post, a reply to one's own comment, a message in a
    conversation with nobody else) are not interactions and are left out. An interaction *involves the
    secretariat* when either side — for a message, the sender or any other participant — is in
    `secretariat_users()`; all others are *member-to-member*. Comments on stories and ideas are not counted.

    `pairs` is the number of distinct unordered pairs of people, neither of them the secretariat, who in the
    window exchanged messages (both sent at least one message in the same conversation) or replies (one
    commented on the other's post or replied to the other's comment). A pair counts once, whichever way and
    however often they talked.

    Eight queries (and two content types, cached): the secretariat, four counts of comments and reactions by
    kind of target, one of messages, one UNION for the pairs. Each count groups its rows by who is on either
    side, so the subquery that finds the other side runs once per row.
    """
    now = _now(now)
    since = now - timedelta(days=days)
    secretariat = secretariat_users()
    totals = {
        "comments": [0, 0],
        "reactions": [0, 0],
        "messages": [0, 0],
    }  # [members only, with the secretariat]

    interactions = _interactions(since, now)
    for kind, rows, model, ref in interactions:
        groups = (
            rows.values(
                side=_addressee_side(model, ref, secretariat), by_secretariat=_one_of("user_id", secretariat)
            )
            .annotate(n=Count("pk"))
            .order_by()
        )
        for group in groups:
            if group["side"] in (MEMBER, SECRETARIAT):
                involved = group["side"] == SECRETARIAT or group["by_secretariat"]
                totals[kind][1 if involved else 0] += group["n"]

    others = Participant.objects.filter(conversation_id=OuterRef("conversation_id")).exclude(
        user_id=OuterRef("sender_id")
    )
    groups = (
        Message.objects.filter(created_at__gte=since, created_at__lte=now)
        .values(
            with_someone=Exists(others),
            with_secretariat=Exists(others.filter(user_id__in=secretariat)) if secretariat else Value(False),
            by_secretariat=_one_of("sender_id", secretariat),
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    for group in groups:
        if group["with_someone"]:
            involved = group["with_secretariat"] or group["by_secretariat"]
            totals["messages"][1 if involved else 0] += group["n"]

    reply_pairs = [
        rows.exclude(user_id__in=secretariat)
        .annotate(partner=_partner(model, ref, secretariat))
        .filter(partner__isnull=False)
        .annotate(
            low=Least("user_id", "partner", output_field=BigIntegerField()),
            high=Greatest("user_id", "partner", output_field=BigIntegerField()),
        )
        .values_list("low", "high")
        .order_by()
        for kind, rows, model, ref in interactions
        if kind == "comments"
    ]
    sent = Message.objects.filter(
        conversation_id=OuterRef("conversation_id"), created_at__gte=since, created_at__lte=now
    )
    # Each participant joined with every later participant of the same conversation; both must have written.
    message_pairs = (
        Participant.objects.filter(
            conversation__last_message_at__gte=since,
            conversation__participants__user_id__gt=F("user_id"),
        )
        .annotate(partner=F("conversation__participants__user_id"))
        .exclude(user_id__in=secretariat)
        .exclude(partner__in=secretariat)
        .filter(
            Exists(sent.filter(sender_id=OuterRef("user_id"))),
            Exists(sent.filter(sender_id=OuterRef("partner"))),
        )
        .annotate(low=F("user_id"), high=F("partner"))
        .values_list("low", "high")
        .order_by()
    )
    pairs = message_pairs.union(*reply_pairs).count()

    by_kind = {kind: tuple(figures) for kind, figures in totals.items()}
    return Engagement(
        member_to_member=sum(members for members, _ in by_kind.values()),
        secretariat=sum(with_secretariat for _, with_secretariat in by_kind.values()),
        pairs=pairs,
        by_kind=by_kind,
    )
