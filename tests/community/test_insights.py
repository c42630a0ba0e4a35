"""The secretariat's dashboard: figures counted from known data, and the admin home panel that shows them."""

import zoneinfo
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.urls import reverse
from django.utils import formats, timezone

import pytest
from django_comments_xtd.models import XtdComment

from community import charts, insights, messaging
from community.audiences import MemberKind, MembershipStatus
from community.models import Application, EventPage, Group, Message, Profile, Registration, Report
from community.posting import add_comment, report, toggle_reaction
from tests.factories import UserFactory, translate_page
from tests.factories.community import GroupFactory, PostFactory, add_member, event
from tests.factories.members import applicant, member, secretariat, with_status

pytestmark = pytest.mark.django_db

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


def ago(**delta):
    return timezone.now() - timedelta(**delta)


def backdate(obj, when):
    """Move a row's creation time (auto_now_add fields cannot be set when creating)."""
    if isinstance(obj, XtdComment):
        XtdComment.objects.filter(pk=obj.pk).update(submit_date=when)
    else:
        type(obj).objects.filter(pk=obj.pk).update(created_at=when)


def joined(when, kind=MemberKind.ALUMNI, **fields):
    return member(kind=kind, approved_at=when, **fields)


# --- Queues and members -------------------------------------------------------------------------------------


def test_queues_count_pending_applications_and_open_reports_only(alumna):
    applicant()
    applicant()
    decided = applicant()
    Application.objects.filter(user=decided.user).update(status=Application.Status.REJECTED)
    post = PostFactory(author=alumna.user)
    report(alumna.user, post, "不適切です")
    dismissed = report(alumna.user, post, "重複")
    Report.objects.filter(pk=dismissed.pk).update(status=Report.Status.DISMISSED)

    assert insights.pending_applications() == 2
    assert insights.open_reports() == 1


def test_new_members_are_those_approved_in_the_window_including_profiles_without_an_approval_date():
    joined(ago(days=2))
    joined(ago(days=6, hours=23))
    joined(ago(days=10))
    member(approved_at=None)  # made a member by hand just now: counted from the profile's creation
    with_status(MembershipStatus.SUSPENDED, approved_at=ago(days=1))

    assert insights.new_members(days=7) == 3
    assert insights.new_members(days=3) == 2


def test_members_over_time_is_cumulative_by_kind_at_the_end_of_each_tokyo_month():
    now = datetime(2026, 6, 15, 12, 0, tzinfo=TOKYO)
    secretariat(approved_at=datetime(2025, 4, 1, tzinfo=TOKYO))  # before the window: in every month
    joined(datetime(2026, 1, 10, tzinfo=TOKYO))
    # 31 January 20:00 UTC is 1 February in Tokyo.
    joined(datetime(2026, 1, 31, 20, 0, tzinfo=zoneinfo.ZoneInfo("UTC")))
    joined(datetime(2026, 3, 20, tzinfo=TOKYO), kind=MemberKind.EMPLOYEE)
    late = joined(None)
    Profile.objects.filter(pk=late.pk).update(created_at=datetime(2026, 5, 2, tzinfo=TOKYO))
    with_status(MembershipStatus.SUSPENDED, approved_at=datetime(2026, 2, 3, tzinfo=TOKYO))
    gone = joined(datetime(2026, 4, 3, tzinfo=TOKYO))
    gone.user.is_active = False
    gone.user.save()
    joined(datetime(2026, 7, 1, tzinfo=TOKYO))  # after `now`

    figures = insights.members_over_time(months=6, now=now)

    assert figures.periods == [date(2026, month, 1) for month in range(1, 7)]
    assert figures.series == {
        "alumni": [1, 2, 2, 2, 3, 3],
        "employee": [0, 0, 1, 1, 1, 1],
        "secretariat": [1, 1, 1, 1, 1, 1],
        "total": [2, 3, 4, 4, 5, 5],
    }


def test_members_over_time_crosses_the_new_year():
    now = datetime(2026, 2, 1, 9, 0, tzinfo=TOKYO)
    joined(datetime(2025, 12, 31, 23, 0, tzinfo=TOKYO))
    joined(datetime(2026, 1, 1, 0, 30, tzinfo=TOKYO))

    figures = insights.members_over_time(months=3, now=now)

    assert figures.periods == [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    assert figures.series["total"] == [1, 2, 2]


# --- Activity -----------------------------------------------------------------------------------------------


@pytest.fixture
def circle(alumna, employee):
    group = GroupFactory(name="商品開発OB・OG会")
    add_member(group, alumna)
    add_member(group, employee)
    return group


def test_active_members_count_each_member_once_whatever_they_did(circle, alumna, employee):
    poster, reactor, messenger, idle, old = alumna, employee, member(), member(), member()
    suspended = with_status(MembershipStatus.SUSPENDED)
    staff = UserFactory(groups=["Secretariat"])  # acts for the secretariat, has no member profile
    add_member(circle, old)

    post = PostFactory(author=poster.user, group=circle)
    PostFactory(author=poster.user, group=circle)
    add_comment(poster.user, post, "自分でも補足します")
    toggle_reaction(reactor.user, post, "like")
    messaging.start_conversation(messenger.user, [idle.user], "お久しぶりです")  # idle only received it
    backdate(PostFactory(author=old.user, group=circle), ago(days=40))
    backdate(add_comment(old.user, post, "昔のコメント"), ago(days=31))
    PostFactory(author=suspended.user, group=circle)
    messaging.start_conversation(staff, [idle.user], "事務局からです")

    assert insights.active_members(days=30) == 3  # poster, reactor, messenger
    assert insights.active_members(days=45) == 4  # and old


def test_activity_per_week_counts_visible_posts_and_comments_by_monday_weeks(circle, alumna, employee):
    now = timezone.now()
    this_week, last_week, two_weeks_ago = now, now - timedelta(weeks=1), now - timedelta(weeks=2)
    posts = [PostFactory(author=alumna.user, group=circle) for _ in range(5)]
    for post, when in zip(posts, [this_week, last_week, last_week, two_weeks_ago, ago(days=40)], strict=True):
        backdate(post, when)
    backdate(PostFactory(author=alumna.user, group=circle, is_hidden=True), this_week)
    comments = [add_comment(employee.user, posts[0], f"コメント{n}") for n in range(4)]
    for comment, when in zip(comments, [last_week, two_weeks_ago, two_weeks_ago, ago(days=40)], strict=True):
        backdate(comment, when)
    removed = add_comment(employee.user, posts[0], "消します")
    XtdComment.objects.filter(pk=removed.pk).update(is_removed=True)

    figures = insights.activity_per_week(weeks=3, now=now)

    monday = timezone.localdate(now) - timedelta(days=timezone.localdate(now).weekday())
    assert figures.periods == [monday - timedelta(weeks=2), monday - timedelta(weeks=1), monday]
    assert figures.series == {"posts": [1, 2, 1], "comments": [2, 1, 0]}


def test_event_attendance_shows_confirmed_seats_of_past_events_once_per_translation(alumna, employee):
    earlier = event(days=-30, title="夏の交流会", capacity=20)
    later = event(days=-10, title="キャリアトーク", capacity=None)
    upcoming = event(days=10, title="年末の集い", capacity=6)
    people = [member() for _ in range(4)]
    for person in people[:3]:
        Registration.objects.create(event=earlier, user=person.user, response="going", seat="confirmed")
    Registration.objects.create(event=earlier, user=people[3].user, response="going", seat="waitlisted")
    for person in people[:2]:
        Registration.objects.create(event=later, user=person.user, response="going", seat="confirmed")
    Registration.objects.create(event=upcoming, user=alumna.user, response="going", seat="confirmed")
    from tests.factories.pages import english_home_page

    english_home_page()
    translate_page(EventPage.objects.get(pk=earlier.pk).get_parent().specific, title="Events")
    translate_page(earlier, title="Summer meetup")

    figures = insights.event_attendance(limit=10)

    assert [(e.title, e.confirmed, e.capacity) for e in figures] == [
        ("夏の交流会", 3, 20),
        ("キャリアトーク", 2, None),
    ]
    assert [e.title for e in insights.event_attendance(limit=1)] == ["キャリアトーク"]


def test_most_active_groups_add_posts_and_comments_on_their_posts_in_the_window(alumna, employee):
    busy, quiet, revived, archived = (
        GroupFactory(name=name) for name in ("にぎやか", "しずか", "復活", "終了")
    )
    for group in (busy, quiet, revived, archived):
        add_member(group, alumna)
        add_member(group, employee)
    first = PostFactory(author=alumna.user, group=busy)
    PostFactory(author=employee.user, group=busy)
    for text in ("いいですね", "参加します", "賛成"):
        add_comment(employee.user, first, text)
    PostFactory(author=alumna.user, group=quiet)
    old = PostFactory(author=alumna.user, group=revived)
    backdate(old, ago(days=60))
    add_comment(employee.user, old, "今さらですが")
    add_comment(alumna.user, old, "ありがとう")
    backdate(add_comment(employee.user, first, "古いコメント"), ago(days=40))
    community_wide = PostFactory(author=alumna.user, group=None)
    add_comment(employee.user, community_wide, "全体向け")
    PostFactory(author=alumna.user, group=archived)
    Group.objects.filter(pk=archived.pk).update(status=Group.Status.ARCHIVED)

    figures = insights.most_active_groups(days=30, limit=8)

    assert [(g.name, g.posts, g.comments) for g in figures] == [
        ("にぎやか", 2, 3),
        ("復活", 0, 2),
        ("しずか", 1, 0),
    ]
    assert [g.name for g in insights.most_active_groups(days=30, limit=2)] == ["にぎやか", "復活"]


# --- Engagement ---------------------------------------------------------------------------------------------


@pytest.fixture
def people(db):
    """Four members in one group, a secretariat member and a secretariat staff user without a profile."""
    group = GroupFactory()
    cast = {
        "alice": member(handle="alice"),
        "bob": member(handle="bob"),
        "carol": member(kind=MemberKind.EMPLOYEE, handle="carol"),
        "dan": member(handle="dan"),
        "sec": secretariat(handle="sec"),
    }
    for profile in cast.values():
        add_member(group, profile)
    users = {name: profile.user for name, profile in cast.items()}
    users["staff"] = UserFactory(groups=["Secretariat"])
    users["group"] = group
    return users


def test_engagement_splits_interactions_and_counts_each_pair_of_members_once(people):
    alice, bob, carol, dan, sec, staff = (people[k] for k in ("alice", "bob", "carol", "dan", "sec", "staff"))
    post = PostFactory(author=alice, group=people["group"])

    # Comments: bob → alice and alice → bob (member-to-member), sec → alice and alice → sec (secretariat).
    to_alice = add_comment(bob, post, "おめでとうございます")
    add_comment(alice, post, "ありがとう", parent_id=to_alice.pk)
    from_sec = add_comment(sec, post, "事務局より")
    add_comment(alice, post, "承知しました", parent_id=from_sec.pk)
    add_comment(alice, post, "追記です")  # on her own post: not an interaction
    backdate(add_comment(dan, post, "先月のコメント"), ago(days=40))  # outside the window

    # Reactions: carol → alice (members), bob → sec's comment (secretariat), alice → her own post (none).
    toggle_reaction(carol, post, "like")
    toggle_reaction(bob, from_sec, "thanks")
    toggle_reaction(alice, post, "thanks")

    # Messages: alice → dan unanswered (1, no pair); carol ↔ bob (2, a pair); alice ↔ bob (2, the same pair as
    # their replies); sec ↔ dan (2, secretariat); staff → carol (1, secretariat).
    messaging.start_conversation(alice, [dan], "こんにちは")
    talk = messaging.start_conversation(carol, [bob], "相談があります")
    messaging.send(bob, talk, "どうぞ")
    talk = messaging.start_conversation(bob, [alice], "元気？")
    messaging.send(alice, talk, "元気です")
    talk = messaging.start_conversation(sec, [dan], "ご案内です")
    messaging.send(dan, talk, "ありがとうございます")
    messaging.start_conversation(staff, [carol], "お知らせ")
    old = messaging.start_conversation(dan, [carol], "前の話")
    messaging.send(carol, old, "そうでしたね")
    Message.objects.filter(conversation=old).update(created_at=ago(days=40))

    figures = insights.engagement(days=30)

    assert figures.by_kind == {"comments": (2, 2), "reactions": (1, 1), "messages": (5, 3)}
    assert (figures.member_to_member, figures.secretariat, figures.interactions) == (8, 6, 14)
    assert figures.member_share == pytest.approx(8 / 14)
    assert figures.pairs == 2  # alice–bob (replies and messages, both ways), bob–carol (messages)
    # Over 60 days: also dan–carol (an older conversation) and dan–alice (an older comment on her post).
    assert insights.engagement(days=60).pairs == 4


def test_a_group_conversation_pairs_every_two_members_who_both_wrote_and_involves_the_secretariat(people):
    alice, bob, carol, dan, sec = (people[k] for k in ("alice", "bob", "carol", "dan", "sec"))
    talk = messaging.start_conversation(alice, [bob, carol, dan, sec], "幹事会")
    messaging.send(bob, talk, "了解")
    messaging.send(carol, talk, "了解です")
    messaging.send(sec, talk, "会場を押さえました")

    figures = insights.engagement(days=30)

    # Every message had the secretariat among its participants.
    assert figures.by_kind["messages"] == (0, 4)
    assert figures.pairs == 3  # alice–bob, alice–carol, bob–carol; dan never wrote, sec is not counted


def test_engagement_without_interactions_has_no_share():
    figures = insights.engagement(days=30)
    assert (figures.interactions, figures.pairs, figures.member_share) == (0, 0, None)


# --- The admin home panel -----------------------------------------------------------------------------------


def _admin_home(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def _figure(html, name):
    """The number shown in the dashboard's figure `name` (its link text, if any)."""
    import re

    block = html.split(f'data-figure="{name}"', 1)[1].split("</li>", 1)[0]
    number = re.search(r'tsunagari-dashboard__number">(?:<a [^>]*>)?([^<]*)<', block)
    return number.group(1).strip()


def test_secretariat_sees_the_dashboard_with_figures_links_and_charts(
    client, secretary, circle, alumna, employee
):
    applicant()
    post = PostFactory(author=alumna.user, group=circle)
    add_comment(employee.user, post, "いいですね")
    report(employee.user, post, "確認してください")
    joined(ago(days=2), handle="newcomer")

    html = _admin_home(client, secretary.user)

    assert 'id="community-dashboard-section"' in html
    assert _figure(html, "members") == "4"  # secretary, alumna, employee, newcomer
    assert _figure(html, "pending-applications") == "1"
    assert _figure(html, "open-reports") == "1"
    assert _figure(html, "new-members") == "4"  # made members just now (the fixtures) or two days ago
    assert _figure(html, "active-members") == "2"
    assert _figure(html, "member-share") == "100%"
    assert _figure(html, "pairs") == "1"
    assert f'href="{reverse("community_application_queue")}"' in html
    assert f'href="{reverse("community_report_modeladmin_index")}?status__exact=open"' in html
    for chart in ("chart-members", "chart-activity", "chart-groups"):
        assert f'aria-labelledby="{chart}-title {chart}-desc"' in html
    assert 'role="img"' in html and "<details" in html
    this_month = formats.date_format(timezone.localdate().replace(day=1), "YEAR_MONTH_FORMAT")
    assert f'<th scope="row">{this_month}</th><td>4</td>' in html  # the members chart's table, this month
    assert "商品開発OB・OG会" in html  # the busiest group, in its chart and its table


def test_editor_does_not_see_the_dashboard(client, editor, secretary, alumna):
    applicant()
    html = _admin_home(client, editor)
    assert "community-dashboard" not in html
    assert "tsunagari-dashboard" not in html


def test_group_names_are_escaped_in_the_charts(client, secretary, alumna):
    group = GroupFactory(name='<script>alert("x")</script>')
    add_member(group, alumna)
    PostFactory(author=alumna.user, group=group)

    html = _admin_home(client, secretary.user)

    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(" in html


def _community(size, offset=0):
    """`size` members in a group, each posting, commenting, reacting and writing to the next one."""
    group = GroupFactory()
    profiles = [joined(ago(days=(n * 37) % 330), handle=f"m{offset + n}") for n in range(size)]
    for profile in profiles:
        add_member(group, profile)
    for n, profile in enumerate(profiles):
        post = PostFactory(author=profile.user, group=group)
        neighbour = profiles[(n + 1) % size].user
        comment = add_comment(neighbour, post, "コメント")
        add_comment(profile.user, post, "返信", parent_id=comment.pk)
        toggle_reaction(neighbour, post, "like")
        talk = messaging.start_conversation(profile.user, [neighbour], "こんにちは")
        messaging.send(neighbour, talk, "どうも")
    past = event(days=-20 - offset, capacity=30, slug=f"past-{offset}")
    for profile in profiles:
        Registration.objects.create(event=past, user=profile.user, response="going", seat="confirmed")
    applicant()
    report(profiles[0].user, post, "確認")


# The admin home with every figure counted afresh. PostgreSQL adds a couple of statements that switch its JIT
# compiler off for the dashboard's transaction (community/insights.py).
DASHBOARD_QUERIES = 40


def test_dashboard_query_count_does_not_grow_with_members_and_posts(
    client, secretary, django_assert_max_num_queries
):
    _community(3)
    client.force_login(secretary.user)
    client.get(reverse("wagtailadmin_home"))  # warm the content-type and permission caches
    cache.clear()  # count everything again, not the figures counted a moment ago
    with django_assert_max_num_queries(DASHBOARD_QUERIES) as small:
        html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert _figure(html, "members") == "4"

    for batch in range(1, 4):
        _community(8, offset=batch * 10)
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert _figure(html, "members") == "28"
    assert _figure(html, "pairs") == str(3 + 3 * 8)


def test_counted_figures_are_kept_for_ten_minutes_but_the_queues_are_counted_on_every_visit(
    client, secretary, alumna, django_assert_max_num_queries
):
    client.force_login(secretary.user)
    client.get(reverse("wagtailadmin_home"))
    cache.clear()
    with django_assert_max_num_queries(DASHBOARD_QUERIES) as first:
        client.get(reverse("wagtailadmin_home"))
    applicant()
    PostFactory(author=alumna.user, group=None)

    with django_assert_max_num_queries(len(first.captured_queries) - 10):
        html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert _figure(html, "pending-applications") == "1"  # counted now
    assert _figure(html, "active-members") == "0"  # counted before the post, recounted within ten minutes
    assert "tsunagari-dashboard__footnote" in html  # says when the figures were counted


# --- Charts -------------------------------------------------------------------------------------------------


def test_a_chart_is_a_named_image_with_escaped_labels_and_the_same_numbers_as_its_table():
    chart = charts.bar_chart(
        chart_id="c",
        title="投稿 <per> week",
        description="説明 & more",
        labels=["<b>A</b>", "B"],
        series=[
            charts.Series("Posts", [3, None], charts.ACCENT),
            charts.Series("Comments", [1, 2], charts.GREEN),
        ],
        horizontal=True,
    )
    assert chart.svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" ')
    assert 'aria-labelledby="c-title c-desc"' in chart.svg
    assert '<title id="c-title">投稿 &lt;per&gt; week</title>' in chart.svg
    assert '<desc id="c-desc">説明 &amp; more</desc>' in chart.svg
    assert "<b>" not in chart.svg and "&lt;b&gt;A&lt;/b&gt;" in chart.svg
    assert chart.svg.count("<rect ") == 3  # no bar for the missing value
    assert chart.rows == [("<b>A</b>", [3, 1]), ("B", [None, 2])]  # the template escapes the table


def test_line_chart_ends_each_line_with_its_last_value_and_the_table_can_name_periods_in_full():
    chart = charts.line_chart(
        chart_id="m",
        title="Members",
        description="",
        labels=["Jan\n2026", "Feb"],
        series=[charts.Series("All", [10, 1250], charts.TEXT)],
        table_labels=["2026年1月", "2026年2月"],
    )
    assert ">1,250</text>" in chart.svg
    assert '<tspan x="' in chart.svg  # the two-line label
    assert chart.rows == [("2026年1月", [10]), ("2026年2月", [1250])]


@pytest.mark.parametrize(
    ("top", "scale"), [(0, (1, 1)), (3, (3, 1)), (42, (60, 20)), (117, (150, 50)), (999, (1000, 250))]
)
def test_value_axes_end_on_a_round_number(top, scale):
    assert charts.nice_scale(top) == scale
