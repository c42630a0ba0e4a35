"""Events: who sees them, seats, the waitlist, the lottery, the after-party, reminders and calendar files."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

import pytest
from icalendar import Calendar

from community import events as rules
from community.models import EventPage, LotteryDraw, Notification, Registration
from community.models.notifications import Kind
from tests.factories.community import GroupFactory, add_member, event
from tests.factories.members import member

Seat = Registration.Seat
GOING, MAYBE, NOT_GOING = "going", "maybe", "not_going"


@pytest.fixture
def private_group(alumna):
    group = GroupFactory(name="千歳工場OB会", slug="chitose", is_private=True)
    add_member(group, alumna)
    return group


@pytest.fixture
def group_event(private_group):
    return event(
        title="グループ限定の勉強会", audience="group", group=private_group, online_url="", is_online=False
    )


@pytest.fixture
def members_event(db):
    return event(title="会員限定の交流会", audience="members")


def seats(event_page):
    return dict(Registration.objects.filter(event=event_page).values_list("user__profile__handle", "seat"))


# --- Who sees what -----------------------------------------------------------------------------------------


def test_public_event_is_open_to_everyone(client, db):
    page = event(title="公開キャリアトーク")
    response = client.get(page.url)
    assert response.status_code == 200
    assert "公開キャリアトーク" in response.content.decode()


def test_members_event_refuses_anonymous_applicant_and_suspended(
    client, login, members_event, pending, suspended
):
    response = client.get(members_event.url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    for outsider in (pending, suspended):
        response = login(outsider).get(members_event.url)
        assert response.status_code == 403
        assert "会員限定の交流会" not in response.content.decode()


def test_group_event_is_404_for_members_outside_the_private_group(login, group_event, alumna, employee):
    assert login(employee).get(group_event.url).status_code == 404
    assert login(employee).get(group_event.url + "ical/").status_code == 404
    assert login(alumna).get(group_event.url).status_code == 200


def test_index_lists_only_what_the_viewer_may_see(
    client, login, members_event, group_event, employee, alumna
):
    public = event(title="公開イベント")
    index_url = public.get_parent().url
    anonymous = client.get(index_url).content.decode()
    assert "公開イベント" in anonymous
    assert "会員限定の交流会" not in anonymous and "グループ限定の勉強会" not in anonymous
    outsider = login(employee).get(index_url).content.decode()
    assert "会員限定の交流会" in outsider and "グループ限定の勉強会" not in outsider
    assert "グループ限定の勉強会" in login(alumna).get(index_url).content.decode()


def test_sitemap_leaves_out_events_that_are_not_public(client, members_event):
    public = event(title="公開イベント")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert public.url_path.split("/")[-2] in sitemap
    assert members_event.slug not in sitemap


def _location(response):
    [entry] = Calendar.from_ical(response.content).walk("VEVENT")
    return str(entry.get("location", ""))


def test_online_link_only_for_confirmed_attendees(login, alumna, employee):
    online = event(
        is_online=True, online_url="https://meet.example.com/secret-room", capacity=1, venue_name=""
    )
    rules.rsvp(alumna.user, online, GOING)
    rules.rsvp(employee.user, online, GOING)  # full: waitlisted
    assert "secret-room" in login(alumna).get(online.url).content.decode()
    assert "secret-room" in _location(login(alumna).get(online.url + "ical/"))
    assert "secret-room" not in login(employee).get(online.url).content.decode()
    assert "secret-room" not in _location(login(employee).get(online.url + "ical/"))


def test_attendee_list_is_for_organisers_only(login, alumna, employee, secretary):
    page = event(capacity=10)
    rules.rsvp(alumna.user, page, GOING)
    assert login(employee).get(page.url + "attendees/").status_code == 404
    response = login(secretary).get(page.url + "attendees/")
    assert response.status_code == 200
    assert "さとう みさき" in response.content.decode()  # the reading, for name badges


def test_attendees_see_each_other_only_when_they_show_their_name(login, alumna, employee):
    page = event(capacity=10)
    rules.rsvp(alumna.user, page, GOING, show_name=False)
    rules.rsvp(employee.user, page, GOING)
    outsider = member(handle="outsider")
    assert "佐藤 美咲" not in login(employee).get(page.url).content.decode()
    assert "鈴木 健太" in login(alumna).get(page.url).content.decode()
    assert "鈴木 健太" not in login(outsider).get(page.url).content.decode()  # not attending: counts only


# --- Seats, the waitlist, reminders -------------------------------------------------------------------------


def test_rsvp_full_waitlist_cancellation_promotion_and_reminder(
    login, alumna, employee, django_capture_on_commit_callbacks
):
    page = event(days=1, hours=2, capacity=1)  # starts within a day: reminders are due
    third = member(handle="third", display_name="田中 三郎")

    assert rules.rsvp(alumna.user, page, GOING).seat == Seat.CONFIRMED
    assert rules.rsvp(employee.user, page, GOING).seat == Seat.WAITLISTED
    assert rules.rsvp(third.user, page, GOING).seat == Seat.WAITLISTED
    assert rules.waitlist_position(Registration.objects.get(event=page, user=third.user)) == 2
    assert rules.seats_left(page) == 0

    with django_capture_on_commit_callbacks(execute=True):  # promotions are told after the commit
        response = login(alumna).post(page.url + "rsvp/", {"response": NOT_GOING}, follow=True)
    assert response.status_code == 200
    assert seats(page) == {"alumna": Seat.NONE, "employee": Seat.CONFIRMED, "third": Seat.WAITLISTED}
    promoted = Notification.objects.get(recipient=employee.user, kind=Kind.EVENT)
    assert "キャリアトーク" in promoted.text

    assert rules.send_reminders() == 1
    assert rules.send_reminders() == 0  # hourly runs remind each attendee once
    reminders = Notification.objects.filter(kind=Kind.EVENT, event_key__startswith="event-reminder:")
    assert list(reminders.values_list("recipient__profile__handle", flat=True)) == ["employee"]


def test_answering_maybe_keeps_no_seat_and_going_again_queues_at_the_end(alumna, employee):
    page = event(capacity=1)
    rules.rsvp(alumna.user, page, GOING)
    assert rules.rsvp(employee.user, page, MAYBE).seat == Seat.NONE
    assert rules.rsvp(employee.user, page, GOING).seat == Seat.WAITLISTED
    assert rules.rsvp(employee.user, page, GOING).seat == Seat.WAITLISTED  # asking twice changes nothing


def test_past_and_unknown_answers_are_refused_with_a_message(login, alumna):
    past = event(days=-3)
    response = login(alumna).post(past.url + "rsvp/", {"response": GOING}, follow=True)
    assert "終了" in response.content.decode() or "over" in response.content.decode()
    assert not Registration.objects.filter(event=past).exists()
    response = login(alumna).post(event().url + "rsvp/", {"response": "definitely"}, follow=True)
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_rsvp_requires_a_member_and_a_post(client, login, pending, alumna):
    page = event()
    response = client.post(page.url + "rsvp/", {"response": GOING})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert login(pending).post(page.url + "rsvp/", {"response": GOING}).status_code == 403
    assert login(alumna).get(page.url + "rsvp/").status_code == 405
    assert not Registration.objects.exists()


def test_rsvp_form_needs_the_csrf_token(alumna):
    from django.test import Client

    page = event()
    client = Client(enforce_csrf_checks=True)
    client.force_login(alumna.user)
    assert client.post(page.url + "rsvp/", {"response": GOING}).status_code == 403
    assert not Registration.objects.exists()


def test_raising_the_capacity_promotes_the_waitlist(alumna, employee, editor):
    page = event(capacity=1)
    rules.rsvp(alumna.user, page, GOING)
    rules.rsvp(employee.user, page, GOING)
    page.capacity = 2
    page.save_revision(user=editor).publish(user=editor)
    assert seats(page)["employee"] == Seat.CONFIRMED


def test_after_party_has_its_own_capacity_and_waitlist(alumna, employee):
    page = event(capacity=10, has_after_party=True, after_party_capacity=1, after_party_note="会費 3,000円")
    outsider = member(handle="outsider")
    with translation.override("en"), pytest.raises(ValidationError, match="going"):
        rules.set_after_party(outsider.user, page, True)
    rules.rsvp(alumna.user, page, GOING)
    rules.rsvp(employee.user, page, GOING)
    assert rules.set_after_party(alumna.user, page, True).after_party == Seat.CONFIRMED
    assert rules.set_after_party(employee.user, page, True).after_party == Seat.WAITLISTED
    rules.rsvp(alumna.user, page, NOT_GOING)  # leaving the event frees the after-party place too
    assert Registration.objects.get(event=page, user=employee.user).after_party == Seat.CONFIRMED


# --- The lottery -------------------------------------------------------------------------------------------


def _lottery(capacity=2):
    now = timezone.now()
    return event(
        days=20,
        capacity=capacity,
        registration_mode="lottery",
        lottery_closes_at=now + timedelta(days=10),
    )


def test_lottery_draws_fairly_once_entries_close_and_tells_everyone(
    alumna, employee, secretary, django_capture_on_commit_callbacks
):
    page = _lottery(capacity=2)
    entrants = [alumna, employee, *[member(handle=f"entrant{i}") for i in range(4)]]
    for profile in entrants:
        assert rules.rsvp(profile.user, page, GOING).seat == Seat.ENTERED
    with translation.override("en"), pytest.raises(ValidationError, match="still open"):
        rules.draw_lottery(page)

    later = page.lottery_closes_at + timedelta(minutes=1)
    assert list(rules.due_lotteries(now=later)) == [page]
    with django_capture_on_commit_callbacks(execute=True):
        draw = rules.draw_lottery(page, drawn_by=secretary.user, seed="audit-seed", now=later)

    assert rules.verify_draw(draw)
    assert draw.order == rules.shuffled(draw.entrants, "audit-seed")
    assert sorted(draw.order) == sorted(p.user_id for p in entrants)
    confirmed = set(
        Registration.objects.filter(event=page, seat=Seat.CONFIRMED).values_list("user_id", flat=True)
    )
    assert confirmed == set(draw.order[:2])
    waiting = Registration.objects.filter(event=page, seat=Seat.WAITLISTED).order_by("queued_at")
    assert [r.user_id for r in waiting] == draw.order[2:]  # the waitlist keeps the drawn order
    assert Notification.objects.filter(kind=Kind.EVENT, event_key__startswith="event-drawn:").count() == 6
    assert rules.draw_lottery(page, now=later) == draw  # never redrawn
    assert LotteryDraw.objects.count() == 1
    assert list(rules.due_lotteries(now=later)) == []


def test_a_late_answer_after_the_draw_joins_the_waitlist(alumna, employee):
    page = _lottery(capacity=1)
    rules.rsvp(alumna.user, page, GOING)
    rules.draw_lottery(page, now=page.lottery_closes_at + timedelta(seconds=1))
    assert seats(page)["alumna"] == Seat.CONFIRMED
    assert rules.rsvp(employee.user, page, GOING).seat == Seat.WAITLISTED


# --- Calendars ---------------------------------------------------------------------------------------------


def test_event_ics_is_a_valid_calendar_in_the_event_zone(client, db):
    page = event(title="公開キャリアトーク")
    response = client.get(page.url + "ical/")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    [entry] = calendar.walk("VEVENT")
    assert str(entry["summary"]) == "公開キャリアトーク"
    assert entry["dtstart"].dt == page.starts_at.replace(microsecond=0)
    assert str(entry["dtstart"].dt.tzinfo) == "Asia/Tokyo"


def test_personal_calendar_feed_is_private_revocable_and_follows_permissions(
    client, login, alumna, private_group
):
    mine = event(title="参加するイベント")
    group_only = event(title="グループの会", audience="group", group=private_group)
    event(title="参加しないイベント")
    rules.rsvp(alumna.user, mine, GOING)
    rules.rsvp(alumna.user, group_only, GOING)
    token = rules.calendar_token_for(alumna.user)
    url = reverse("personal_calendar", args=[token])

    feed = client.get(url).content.decode()  # no login: calendar apps cannot log in
    assert "参加するイベント" in feed and "グループの会" in feed and "参加しないイベント" not in feed

    private_group.memberships.filter(user=alumna.user).delete()
    assert "グループの会" not in client.get(url).content.decode()  # left the group: the event leaves the feed

    login(alumna).post(reverse("calendar_settings"))
    assert client.get(url).status_code == 404  # the old address stops working at once
    assert client.get(reverse("personal_calendar", args=["guessed-token"])).status_code == 404


def test_suspended_members_calendar_feed_stops(client, alumna):
    rules.rsvp(alumna.user, event(), GOING)
    url = reverse("personal_calendar", args=[rules.calendar_token_for(alumna.user)])
    alumna.status = "suspended"
    alumna.save()
    assert client.get(url).status_code == 404


# --- Group events written in the site ----------------------------------------------------------------------


def _form(**overrides):
    start = timezone.localtime() + timedelta(days=5)
    data = {
        "title": "オンライン勉強会",
        "description": "発酵について話します。",
        "starts_at": start.strftime("%Y-%m-%dT19:00"),
        "ends_at": start.strftime("%Y-%m-%dT21:00"),
        "time_zone": "Asia/Tokyo",
        "is_online": "on",
        "online_url": "https://meet.example.com/study",
        "registration_mode": "first_come",
        "capacity": "20",
    }
    return {**data, **overrides}


def test_group_moderator_publishes_an_event_for_the_group_only(login, private_group, alumna, employee):
    private_group.memberships.filter(user=alumna.user).update(role="moderator")
    rules_index = event().get_parent()  # the events index exists
    response = login(alumna).post(reverse("group_event_new", args=[private_group.slug]), _form())
    created = EventPage.objects.get(title="オンライン勉強会")
    assert response.status_code == 302 and response["Location"] == created.url
    assert created.live and created.group == private_group and created.audience == "group"
    assert created.get_parent().pk == rules_index.pk
    assert timezone.localtime(created.starts_at, created.zone).hour == 19
    assert login(employee).get(created.url).status_code == 404


def test_event_form_refuses_an_end_before_the_start_and_saves_nothing(login, private_group, alumna):
    private_group.memberships.filter(user=alumna.user).update(role="moderator")
    event()
    before = EventPage.objects.count()
    start = timezone.localtime() + timedelta(days=5)
    response = login(alumna).post(
        reverse("group_event_new", args=[private_group.slug]),
        _form(ends_at=start.strftime("%Y-%m-%dT18:00")),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_at"]
    assert EventPage.objects.count() == before


def test_only_group_moderators_create_group_events(login, private_group, alumna, employee):
    event()
    assert login(alumna).get(reverse("group_event_new", args=[private_group.slug])).status_code == 403
    assert login(employee).get(reverse("group_event_new", args=[private_group.slug])).status_code == 403
    assert not EventPage.objects.filter(title="オンライン勉強会").exists()


# --- Query counts ------------------------------------------------------------------------------------------


def _many(count):
    for number in range(count):
        page = event(title=f"イベント{number}", capacity=5, slug=f"many-{count}-{number}")
        for _ in range(2):
            Registration.objects.create(event=page, user=member().user, response=GOING, seat=Seat.CONFIRMED)


def test_event_index_queries_do_not_grow_with_events(login, alumna, django_assert_max_num_queries):
    _many(2)
    client = login(alumna)
    index_url = EventPage.objects.first().get_parent().url
    client.get(index_url)
    with django_assert_max_num_queries(30):
        client.get(index_url)
    _many(10)
    with django_assert_max_num_queries(30):
        assert client.get(index_url).status_code == 200


def test_event_page_queries_do_not_grow_with_attendees(login, alumna, django_assert_max_num_queries):
    page = event(capacity=100)
    rules.rsvp(alumna.user, page, GOING)
    for _ in range(3):
        rules.rsvp(member().user, page, GOING)
    client = login(alumna)
    client.get(page.url)
    with django_assert_max_num_queries(40) as few:
        client.get(page.url)
    for _ in range(15):
        rules.rsvp(member().user, page, GOING)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(page.url)


# --- Leaving -----------------------------------------------------------------------------------------------


def test_deleting_an_account_gives_its_seat_to_the_waitlist(login, alumna, employee):
    from tests.factories.users import DEFAULT_PASSWORD

    page = event(capacity=1)
    rules.rsvp(alumna.user, page, GOING)
    rules.rsvp(employee.user, page, GOING)
    response = login(alumna).post(reverse("me_delete"), {"confirm": "DELETE", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert seats(page) == {"employee": Seat.CONFIRMED}


def test_my_data_export_lists_my_event_answers(login, alumna):
    page = event(title="書き出されるイベント")
    rules.rsvp(alumna.user, page, GOING)
    data = login(alumna).get(reverse("me_export")).json()
    assert [r["event"] for r in data["event_registrations"]] == ["書き出されるイベント"]
    assert data["event_registrations"][0]["seat"] == Seat.CONFIRMED


def test_an_answer_between_the_lottery_deadline_and_the_draw_is_refused(alumna, employee):
    page = _lottery(capacity=1)
    rules.rsvp(alumna.user, page, GOING)
    EventPage.objects.filter(pk=page.pk).update(lottery_closes_at=timezone.now() - timedelta(minutes=1))
    page.refresh_from_db()
    with translation.override("en"), pytest.raises(ValidationError, match="draw"):
        rules.rsvp(employee.user, page, GOING)
    assert not Registration.objects.filter(event=page, user=employee.user).exists()
