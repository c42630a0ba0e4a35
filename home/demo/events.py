# Prose: sentences stay whole so editors can read and change them; Japanese counts double in line width.
# ruff: noqa: E501
"""Demo events: the past Career Festival (linked to its report story), upcoming talks and get-togethers with
RSVPs, a full event with a waitlist, a lottery, and a group's own event written by its moderator."""

import random
import zoneinfo
from datetime import datetime, timedelta

from django.utils import timezone

from community import events as rules
from community import ratelimit
from community.demo import DEMO_LOGINS
from community.models import EventIndexPage, EventPage, EventSpeaker, Group, Profile, Registration
from community.models.events import Audience, RegistrationMode

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")

INDEX = {
    "ja": {
        "title": "イベント",
        "intro": "キャリアトーク、勉強会、工場見学、懇親会。卒業生と現役社員が顔を合わせる場を、事務局とグループが企画しています。",
    },
    "en": {
        "title": "Events",
        "intro": "Career talks, study sessions, factory visits and get-togethers, organised by the Alumni Office and the groups.",
    },
}


def _at(days, hour, minute=0):
    """A Tokyo wall-clock time `days` from today."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TOKYO)


EVENTS = [
    {
        "slug": "career-festival-2026",
        "title": "キャリアフェスティバル2026",
        "description": "卒業生と現役社員のための年に一度のキャリアイベント。基調講演、パネルディスカッション、業界別の交流セッション、人事部のキャリア相談コーナーを、東京本社のひなたホールとオンラインで開催します。",
        "starts_at": lambda: datetime(2026, 10, 17, 13, 0, tzinfo=TOKYO),
        "ends_at": lambda: datetime(2026, 10, 17, 18, 0, tzinfo=TOKYO),
        "venue_name": "ひなた食品 東京本社 ひなたホール",
        "venue_address": "東京都中央区日本橋室町2-1-1",
        "is_online": False,
        "audience": Audience.PUBLIC,
        "capacity": 300,
        "after_party": (120, "18:30〜 本社1階カフェテリア 会費 3,000円"),
        "speakers": [("高橋 健太", "2005年入社・元営業本部 課長／現 人事部 キャリア開発グループ")],
        "report": "career-festival-2026",
        "attendees": 34,
    },
    {
        "slug": "career-talk-independence",
        "title": "キャリアトーク：独立して見えたこと",
        "description": "商品開発部から独立し、植物性食品のスタートアップを立ち上げた卒業生が、会社の外に出て見えたことを話します。後半は質疑応答。**現役社員の参加も歓迎**です。",
        "starts_at": lambda: _at(13, 19, 30),
        "ends_at": lambda: _at(13, 21, 0),
        "venue_name": "",
        "is_online": True,
        "online_url": "https://meet.example.com/tsunagari-career-talk",
        "audience": Audience.PUBLIC,
        "capacity": 100,
        "speakers": [("緑野 さくら", "2010年入社・元商品開発部／現 株式会社ミドリノ 代表")],
        "attendees": 18,
        "demo_member": Registration.Response.GOING,
    },
    {
        "slug": "year-end-osaka",
        "title": "年末の集い（大阪）",
        "description": "関西在住・関西ゆかりの卒業生と現役社員で一年を振り返ります。会場の都合で定員は少なめです。満席の場合はキャンセル待ちで受け付けます。",
        "starts_at": lambda: _at(22, 15, 0),
        "ends_at": lambda: _at(22, 17, 30),
        "venue_name": "ひなた食品 大阪支店 会議室A",
        "venue_address": "大阪府大阪市北区梅田3-3-3",
        "is_online": False,
        "audience": Audience.MEMBERS,
        "capacity": 6,
        "after_party": (4, "18:00〜 梅田駅周辺 会費 4,000円（当日現金）"),
        "attendees": 9,
        "demo_member": Registration.Response.GOING,  # the demo member lands on the waitlist
    },
    {
        "slug": "chitose-factory-tour",
        "title": "千歳工場 見学会（抽選）",
        "description": "リニューアルした千歳工場の製造ラインを、工場長の案内で見学します。安全上の理由から定員10名、応募多数の場合は抽選です。結果は締切後にお知らせします。",
        "starts_at": lambda: _at(45, 10, 0),
        "ends_at": lambda: _at(45, 15, 0),
        "venue_name": "ひなた食品 千歳工場",
        "venue_address": "北海道千歳市泉沢1007",
        "is_online": False,
        "audience": Audience.MEMBERS,
        "capacity": 10,
        "lottery_closes_at": lambda: _at(30, 23, 59),
        "attendees": 14,
        "demo_member": Registration.Response.GOING,
    },
    {
        "slug": "summer-meetup-2026",
        "title": "2026年 夏の交流会",
        "description": "東京本社の屋上テラスで、卒業生と現役社員の交流会を開きました。",
        "starts_at": lambda: datetime(2026, 7, 25, 17, 0, tzinfo=TOKYO),
        "ends_at": lambda: datetime(2026, 7, 25, 20, 0, tzinfo=TOKYO),
        "venue_name": "ひなた食品 東京本社 屋上テラス",
        "venue_address": "東京都中央区日本橋室町2-1-1",
        "is_online": False,
        "audience": Audience.MEMBERS,
        "capacity": 60,
        "attendees": 22,
    },
]

GROUP_EVENT = {
    "title": "商品開発OB・OG会 オンライン勉強会：発酵の新しい使い方",
    "description": "グループのメンバーで、最近の発酵食品のトレンドを持ち寄って話します。資料は不要、聞くだけの参加も歓迎です。",
    "starts_at": lambda: _at(9, 20, 0),
    "ends_at": lambda: _at(9, 21, 30),
    "is_online": True,
    "online_url": "https://meet.example.com/tsunagari-fermentation",
    "capacity": 30,
}


def seed_events(seeder, log=print):
    """The events index (Japanese and English) and the demo events with their registrations (idempotent)."""
    home = seeder.japanese_home()
    index = home.get_children().type(EventIndexPage).first()
    if index is not None and EventPage.objects.exists():
        return {"events": EventPage.objects.count()}
    if index is None:
        index = EventIndexPage(
            slug="events", title=INDEX["ja"]["title"], intro=INDEX["ja"]["intro"], show_in_menus=True
        )
        home.add_child(instance=index)
        index = seeder.publish(index)
    english = seeder.fresh(seeder.translation_of(index, "events index"))
    english.title, english.intro, english.show_in_menus = INDEX["en"]["title"], INDEX["en"]["intro"], True
    seeder.publish(english)

    rng = random.Random(11)
    members = [
        p.user
        for p in Profile.objects.members()
        .exclude(user__email=DEMO_LOGINS["member"])
        .select_related("user")
        .order_by("pk")
    ]
    demo_member = Profile.objects.get(user__email=DEMO_LOGINS["member"]).user
    limits, ratelimit.LIMITS = ratelimit.LIMITS, dict.fromkeys(ratelimit.LIMITS, (10000, 1))
    try:
        for spec in EVENTS:
            event = _publish_event(seeder, index, spec)
            _register(event, spec, rng.sample(members, spec["attendees"]), demo_member)
        group = Group.objects.get(name="商品開発OB・OG会")
        moderator = group.memberships.filter(role="moderator").select_related("user").first().user
        event = EventPage(
            slug="fermentation-study-3", **{k: v() if callable(v) else v for k, v in GROUP_EVENT.items()}
        )
        rules.create_group_event(moderator, group, event, index.locale)
        group_members = [
            m.user
            for m in group.memberships.filter(state="active").select_related("user")
            if m.user_id != moderator.pk
        ]
        for user in group_members[:8]:
            rules.rsvp(user, event, Registration.Response.GOING)
    finally:
        ratelimit.LIMITS = limits
    _link_report(seeder)
    log(f"  events: {EventPage.objects.count()}, registrations: {Registration.objects.count()}")
    return {"events": EventPage.objects.count()}


def _publish_event(seeder, index, spec):
    fields = {
        key: (value() if callable(value) else value)
        for key, value in spec.items()
        if key
        in {
            "title",
            "description",
            "starts_at",
            "ends_at",
            "venue_name",
            "venue_address",
            "is_online",
            "online_url",
            "audience",
            "capacity",
            "lottery_closes_at",
        }
    }
    event = EventPage(slug=spec["slug"], **fields)
    if "lottery_closes_at" in spec:
        event.registration_mode = RegistrationMode.LOTTERY
    if "after_party" in spec:
        event.has_after_party = True
        event.after_party_capacity, event.after_party_note = spec["after_party"]
    event.speakers = [EventSpeaker(name=name, title=title) for name, title in spec.get("speakers", [])]
    index.add_child(instance=event)
    return seeder.publish(event)


def _register(event, spec, users, demo_member):
    if event.is_past:  # answers are closed: write what was recorded at the time
        Registration.objects.bulk_create(
            Registration(
                event=event,
                user=user,
                response="going",
                seat="confirmed",
                after_party="confirmed" if i % 3 == 0 and event.has_after_party else "none",
            )
            for i, user in enumerate(users)
        )
        return
    for number, user in enumerate(users):
        rules.rsvp(user, event, Registration.Response.GOING if number % 7 else Registration.Response.MAYBE)
        if event.has_after_party and number % 2 == 0:
            registration = Registration.objects.get(event=event, user=user)
            if registration.seat != Registration.Seat.NONE:
                rules.set_after_party(user, event, True)
    if "demo_member" in spec:
        rules.rsvp(demo_member, event, spec["demo_member"])


def _link_report(seeder):
    """The Career Festival report story points at its event page."""
    from stories.models import EventReportPage

    event = EventPage.objects.get(slug="career-festival-2026")
    for report in EventReportPage.objects.filter(slug="career-festival-2026"):
        if report.event_page_id != event.pk:
            report = seeder.fresh(report)
            report.event_page = event
            seeder.publish(report)
