"""Announcements from the secretariat, the CSV exports, the audit log, and who may reach them in the admin."""

import csv
import io
import re
from datetime import timedelta

from django.contrib.auth.models import Permission
from django.core import mail
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

import pytest

from community import exports, notifications
from community.announcements import announcement_saved, publish
from community.audiences import Audience, MemberKind
from community.digest import digest_items
from community.models import Announcement, AuditEntry, Notification, OutboxEmail, Post, Registration
from community.models.notifications import Channel, Kind
from community.tasks import notify_announcement, publish_due_announcements
from tests.factories.community import GroupFactory, add_member, event
from tests.factories.members import OrgUnitFactory, applicant, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run what is queued on commit (notifications, e-mails) as a real request would."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def announcement(secretary, **fields):
    groups = fields.pop("groups", [])
    defaults = {
        "title": "交流会のお知らせ",
        "body": "今年も**交流会**を開きます。",
        "author": secretary.user,
        "pinned_until": timezone.now() + timedelta(days=14),
    }
    created = Announcement.objects.create(**{**defaults, **fields})
    if groups:
        created.groups.set(groups)
    return created


def sections(html):
    """(the "From the secretariat" block, the stream of latest posts) of the home feed's HTML."""
    pinned, _sep, stream = html.partition('id="stream-title"')
    return pinned.split('id="announcements-title"', 1)[
        1
    ] if 'id="announcements-title"' in pinned else "", stream


# --- Announcements in the feed --------------------------------------------------------------------------


def test_announcement_to_everyone_is_pinned_on_top_of_a_members_feed(
    run_on_commit, login, secretary, alumna, employee
):
    news = announcement(secretary, title="年次総会のお知らせ")
    assert run_on_commit(publish, news) is True
    newer = Post.objects.create(author=employee.user, body="さっき書いた普通の投稿")

    html = login(alumna).get(reverse("feed")).content.decode()
    pinned, stream = sections(html)
    assert "年次総会のお知らせ" in pinned and "交流会" in pinned
    assert "年次総会のお知らせ" not in stream  # shown once, on top
    assert newer.body in stream and newer.body not in pinned
    post = news.posts.get()
    assert post.is_announcement and post.group is None and post.author == secretary.user
    assert post.pinned_until == news.pinned_until


def test_announcement_leaves_the_top_when_its_pin_ends(run_on_commit, login, secretary, alumna):
    news = announcement(secretary, title="終わったお知らせ", pinned_until=timezone.now() + timedelta(hours=1))
    run_on_commit(publish, news)
    Post.objects.filter(pk=news.posts.get().pk).update(pinned_until=timezone.now() - timedelta(minutes=1))
    pinned, stream = sections(login(alumna).get(reverse("feed")).content.decode())
    assert "終わったお知らせ" not in pinned and "終わったお知らせ" in stream


def test_announcement_to_a_chosen_group_reaches_only_its_members(
    run_on_commit, login, client, secretary, alumna, employee
):
    group = GroupFactory(name="関西アルムナイ", slug="kansai", is_private=True)
    add_member(group, alumna)
    news = announcement(
        secretary, title="関西だけのお知らせ", audience=Announcement.Audience.GROUPS, groups=[group]
    )
    run_on_commit(publish, news)

    assert "関西だけのお知らせ" in sections(login(alumna).get(reverse("feed")).content.decode())[0]
    client.logout()
    assert "関西だけのお知らせ" not in login(employee).get(reverse("feed")).content.decode()
    post = news.posts.get()
    assert post.group == group
    assert client.get(post.get_absolute_url()).status_code == 404  # a private group's post: not for outsiders
    assert Notification.objects.filter(recipient=alumna.user, kind=Kind.ANNOUNCEMENT, post=post).exists()
    assert not Notification.objects.filter(recipient=employee.user).exists()


def test_members_comment_and_react_on_an_announcement(run_on_commit, login, secretary, alumna):
    news = announcement(secretary)
    run_on_commit(publish, news)
    post = news.posts.get()
    client = login(alumna)
    response = client.post(reverse("comment_on_post", args=[post.pk]), {"comment": "参加します！"})
    assert response.status_code in (200, 302)
    client.post(reverse("react", args=["post", post.pk]), {"reaction": "like"})

    page = client.get(post.get_absolute_url()).content.decode()
    assert "参加します！" in page
    from community.models import Reaction

    assert Reaction.objects.filter(user=alumna.user, object_id=post.pk, kind="like").exists()


def test_scheduled_announcement_is_invisible_until_the_task_runs_after_its_time(
    run_on_commit, login, secretary, alumna
):
    now = timezone.now()
    news = announcement(secretary, title="来週のお知らせ", publish_at=now + timedelta(hours=1))
    assert run_on_commit(announcement_saved, news) == "scheduled"
    client = login(alumna)
    assert "来週のお知らせ" not in client.get(reverse("feed")).content.decode()

    assert run_on_commit(publish_due_announcements, now=now + timedelta(minutes=30)) == 0
    assert not news.posts.exists()
    assert "来週のお知らせ" not in client.get(reverse("feed")).content.decode()

    assert run_on_commit(publish_due_announcements, now=now + timedelta(hours=2)) == 1
    news.refresh_from_db()
    assert news.published_at is not None and news.posts.count() == 1
    assert "来週のお知らせ" in sections(client.get(reverse("feed")).content.decode())[0]
    assert Notification.objects.filter(recipient=alumna.user, kind=Kind.ANNOUNCEMENT).count() == 1


def test_email_goes_out_only_when_asked_and_as_each_member_chose(run_on_commit, secretary, alumna):
    by_email = alumna  # the default for announcements: e-mail
    site_only = member(handle="site-only")
    turned_off = member(handle="turned-off")
    notifications.set_channel(site_only.user, Kind.ANNOUNCEMENT, Channel.SITE)
    notifications.set_channel(turned_off.user, Kind.ANNOUNCEMENT, Channel.OFF)

    quiet = announcement(secretary, title="メールなし", send_email=False)
    run_on_commit(publish, quiet)
    assert not mail.outbox and not OutboxEmail.objects.exists()
    assert set(Notification.objects.values_list("recipient__profile__handle", flat=True)) == {
        by_email.handle,
        site_only.handle,
    }

    loud = announcement(secretary, title="メールあり", send_email=True)
    run_on_commit(publish, loud)
    assert [message.to for message in mail.outbox] == [[by_email.user.email]]
    assert "メールあり" in mail.outbox[0].subject
    assert "交流会" in mail.outbox[0].body  # the announcement itself, not only a link
    assert OutboxEmail.objects.get().recipient == by_email.user
    told = Notification.objects.filter(event_key=f"announcement:{loud.pk}")
    assert set(told.values_list("recipient_id", flat=True)) == {by_email.user_id, site_only.user_id}


def test_weekly_digest_carries_only_announcements_meant_to_be_emailed(run_on_commit, secretary, alumna):
    notifications.set_channel(alumna.user, Kind.ANNOUNCEMENT, Channel.DIGEST)
    since = timezone.now() - timedelta(minutes=1)
    run_on_commit(publish, announcement(secretary, title="メールなし", send_email=False))
    run_on_commit(publish, announcement(secretary, title="メールあり", send_email=True))
    assert not mail.outbox  # members who chose the digest are not e-mailed at once
    assert Notification.objects.filter(recipient=alumna.user).count() == 2  # both in the site
    in_digest, _stories = digest_items(alumna.user, since)
    assert ["メールあり" in note.text for note in in_digest] == [True]


def test_publishing_twice_notifies_once(run_on_commit, secretary, alumna, employee):
    news = announcement(secretary, send_email=True)
    assert run_on_commit(publish, news) is True
    assert run_on_commit(publish, news) is False
    run_on_commit(notify_announcement, news.pk)  # a redelivered task
    assert run_on_commit(publish_due_announcements) == 0
    assert Post.objects.filter(is_announcement=True).count() == 1
    assert Notification.objects.filter(kind=Kind.ANNOUNCEMENT).count() == 2  # alumna and employee
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [alumna.user.email, employee.user.email]
    )


def test_member_of_two_chosen_groups_is_told_once(run_on_commit, secretary, alumna):
    first, second = GroupFactory(slug="first"), GroupFactory(slug="second")
    add_member(first, alumna)
    add_member(second, alumna)
    news = announcement(secretary, audience=Announcement.Audience.GROUPS, groups=[first, second])
    run_on_commit(publish, news)
    assert news.posts.count() == 2
    assert Notification.objects.filter(recipient=alumna.user, kind=Kind.ANNOUNCEMENT).count() == 1


def test_group_announcement_is_not_fanned_out_again_as_a_group_post(run_on_commit, secretary, alumna):
    from community.models import GroupMembership
    from community.tasks import sweep_fan_outs

    group = GroupFactory(slug="followed")
    add_member(group, alumna)
    GroupMembership.objects.filter(user=alumna.user).update(follows_closely=True)
    news = announcement(secretary, audience=Announcement.Audience.GROUPS, groups=[group])
    run_on_commit(publish, news)
    Post.objects.filter(pk=news.posts.get().pk).update(created_at=timezone.now() - timedelta(hours=1))
    assert run_on_commit(sweep_fan_outs) == 0
    assert list(Notification.objects.values_list("kind", flat=True)) == [Kind.ANNOUNCEMENT]


# --- The admin: writing announcements -------------------------------------------------------------------


def form_data(**fields):
    data = {
        "title": "管理画面からのお知らせ",
        "body": "本文です。",
        "audience": "everyone",
        "publish_at": "",
        "pinned_until": (timezone.localtime() + timedelta(days=14)).strftime("%Y-%m-%d %H:%M"),
    }
    data.update(fields)
    return data


def test_secretariat_posts_an_announcement_in_the_admin_and_members_see_it_pinned(
    run_on_commit, client, login, secretary, alumna
):
    client.force_login(secretary.user)
    response = run_on_commit(client.post, reverse("community_announcement_modeladmin_create"), form_data())
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    news = Announcement.objects.get()
    assert news.author == secretary.user and news.published_at is not None
    assert Notification.objects.filter(recipient=alumna.user, kind=Kind.ANNOUNCEMENT).count() == 1

    client.logout()
    assert "管理画面からのお知らせ" in sections(login(alumna).get(reverse("feed")).content.decode())[0]


def test_editing_a_published_announcement_updates_its_posts_without_notifying_again(
    run_on_commit, client, secretary, alumna
):
    news = announcement(secretary, send_email=True)
    run_on_commit(publish, news)
    assert len(mail.outbox) == 1
    client.force_login(secretary.user)
    later = timezone.localtime() + timedelta(days=30)
    response = run_on_commit(
        client.post,
        reverse("community_announcement_modeladmin_edit", args=[news.pk]),
        form_data(
            title="訂正：交流会のお知らせ",
            body="会場が変わりました。",
            pinned_until=later.strftime("%Y-%m-%d %H:%M"),
        ),
    )
    assert response.status_code == 302
    post = news.posts.get()
    assert "訂正：交流会のお知らせ" in post.body_html and "会場が変わりました。" in post.body_html
    assert post.pinned_until.replace(second=0, microsecond=0) == later.replace(second=0, microsecond=0)
    assert Post.objects.filter(is_announcement=True).count() == 1
    assert Notification.objects.filter(kind=Kind.ANNOUNCEMENT).count() == 1 and len(mail.outbox) == 1


def test_announcement_for_groups_needs_a_group(client, secretary):
    client.force_login(secretary.user)
    response = client.post(reverse("community_announcement_modeladmin_create"), form_data(audience="groups"))
    assert response.status_code == 200 and "groups" in response.context["form"].errors
    assert not Announcement.objects.exists()


def test_scheduled_in_the_admin_waits_for_its_time(run_on_commit, client, secretary, alumna):
    client.force_login(secretary.user)
    at = timezone.localtime() + timedelta(days=2)
    run_on_commit(
        client.post,
        reverse("community_announcement_modeladmin_create"),
        form_data(
            publish_at=at.strftime("%Y-%m-%d %H:%M"),
            pinned_until=(at + timedelta(days=7)).strftime("%Y-%m-%d %H:%M"),
        ),
    )
    news = Announcement.objects.get()
    assert news.published_at is None and not news.posts.exists()
    assert not Notification.objects.exists()


def test_deleting_an_announcement_withdraws_its_posts(run_on_commit, client, secretary, alumna):
    news = announcement(secretary)
    run_on_commit(publish, news)
    post_id = news.posts.get().pk
    client.force_login(secretary.user)
    response = client.post(reverse("community_announcement_modeladmin_delete", args=[news.pk]))
    assert response.status_code == 302
    assert not Post.objects.filter(pk=post_id).exists() and not Announcement.objects.exists()
    assert not Notification.objects.filter(kind=Kind.ANNOUNCEMENT).exists()


# --- Exports --------------------------------------------------------------------------------------------


def content_of(response):
    assert isinstance(response, StreamingHttpResponse)  # streamed, never built in memory
    return b"".join(response.streaming_content)


def parsed(raw):
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def table(raw, export):
    """The CSV's rows as dicts keyed by the export's English column names (the file's are in its language)."""
    with translation.override("en"):
        names = [str(title) for title in export.header]
    rows = parsed(raw)
    assert len(rows[0]) == len(names)
    return [dict(zip(names, row, strict=True)) for row in rows[1:]]


def admin_language(user, language):
    """The language the user chose for the Wagtail admin (the exports are written in it)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.fixture
def members_with_japanese(secretary):
    sales = OrgUnitFactory(name="東京営業部")
    plant = OrgUnitFactory(kind="site", name="静岡工場")
    hidden = member(
        handle="kobayashi",
        display_name="小林 さくら",
        name_kana="こばやし さくら",
        name_romaji="Sakura Kobayashi",
        organisation="株式会社みらい工房",
        job_title="代表取締役",
        work_audience=Audience.PRIVATE,  # only her and the secretariat
        location="大阪府",
        location_audience=Audience.PRIVATE,
        is_supporter=True,
        departments=[sales],
        expertise=["発酵", "品質保証"],
    )
    hidden.sites.set([plant])
    return hidden


def test_members_csv_opens_in_excel_with_the_japanese_intact(client, secretary, members_with_japanese):
    admin_language(secretary.user, "ja")
    client.force_login(secretary.user)
    response = client.post(reverse("community_export_members"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"] and ".csv" in response["Content-Disposition"]
    raw = content_of(response)

    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    text = raw.decode("utf-8")
    assert text.count("\r\n") == text.count("\n") and text.endswith("\r\n")  # CRLF only
    with translation.override("ja"):
        assert gettext("Departments") in parsed(raw)[0]  # headings in the admin's language
        alumni = str(MemberKind.ALUMNI.label)
    sakura = next(row for row in table(raw, exports.members(secretary.user)) if row["Handle"] == "kobayashi")
    assert sakura["Display name"] == "小林 さくら" and sakura["Reading (kana)"] == "こばやし さくら"
    assert sakura["Name in romaji"] == "Sakura Kobayashi" and sakura["Member kind"] == alumni
    # The secretariat sees every part, even those the member keeps to herself.
    assert sakura["Current organisation"] == "株式会社みらい工房" and sakura["Current title"] == "代表取締役"
    assert sakura["Location"] == "大阪府"
    assert sakura["Departments"] == "東京営業部" and sakura["Sites"] == "静岡工場"
    assert set(sakura["Expertise"].split("; ")) == {"発酵", "品質保証"}
    assert sakura["E-mail address"] == members_with_japanese.user.email
    assert sakura["Supporter"] and sakura["Joining year"] == "2008"


def test_rows_are_written_in_the_admins_language_even_after_the_view_returned(
    client, secretary, members_with_japanese
):
    admin_language(secretary.user, "en")  # the site's default is Japanese
    client.force_login(secretary.user)
    raw = content_of(client.post(reverse("community_export_members")))
    assert "Departments" in parsed(raw)[0]
    sakura = next(row for row in table(raw, exports.members(secretary.user)) if row["Handle"] == "kobayashi")
    assert sakura["Member kind"] == "Alumni" and sakura["Supporter"] == "yes"


def test_a_part_hidden_from_the_exporter_stays_empty(members_with_japanese, alumna):
    export = exports.members(alumna.user)  # the rule is asked row by row, whoever exports
    rows = table(b"".join(exports.csv_chunks(export.header, export.rows())), export)
    sakura = next(row for row in rows if row["Handle"] == "kobayashi")
    assert sakura["Current organisation"] == "" and sakura["Location"] == ""
    assert sakura["Departments"] == "東京営業部"  # shown to all members


def test_members_export_filters_by_status(client, secretary, members_with_japanese, pending):
    client.force_login(secretary.user)
    rows = parsed(content_of(client.post(reverse("community_export_members"), {"status": "applicant"})))
    handles = [row[0] for row in rows[1:]]
    assert handles == [pending.handle]
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert "status=applicant" in entry.reason and "1" in entry.reason


def test_cells_that_excel_would_run_as_a_formula_are_kept_as_text(client, secretary):
    member(handle="formula", display_name='=HYPERLINK("http://evil.example","押して")')
    client.force_login(secretary.user)
    text = content_of(client.post(reverse("community_export_members"))).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_members_export_reads_in_chunks_with_a_fixed_number_of_queries(client, secretary):
    client.force_login(secretary.user)

    def export_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            content_of(client.post(reverse("community_export_members")))
        return len(captured)

    for n in range(3):
        member(handle=f"few-{n}", departments=[OrgUnitFactory(name=f"部{n}")], expertise=["発酵"])
    few = export_queries()
    for n in range(30):
        member(handle=f"many-{n}", departments=[OrgUnitFactory(name=f"課{n}")], expertise=["品質"])
    assert export_queries() == few  # no query per member


def test_every_export_is_audited_with_who_and_what(client, secretary, members_with_japanese, pending):
    client.force_login(secretary.user)
    content_of(client.post(reverse("community_export_members")))
    content_of(client.post(reverse("community_export_applications")))
    content_of(client.post(reverse("community_export_attendance")))
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT, actor=secretary.user)
    assert sorted(entries.values_list("target", flat=True)) == ["applications", "attendance", "members"]
    members_entry = entries.get(target="members")
    profiles = members_with_japanese.__class__.objects.count()
    assert re.match(rf"{profiles}\D", members_entry.reason)  # "3 rows" / "3件": the row count comes first


def test_applications_csv_has_what_the_review_needs_and_the_decision(client, secretary, pending):
    from community.membership import decide
    from community.models import Application

    admin_language(secretary.user, "ja")
    rejected_one = applicant(full_name="却下 される人", name_kana="きゃっか", employee_number="A-123")
    decide(
        Application.objects.get(user=rejected_one.user),
        approve=False,
        actor=secretary.user,
        reason="確認できませんでした",
    )
    client.force_login(secretary.user)
    raw = content_of(client.post(reverse("community_export_applications")))
    rows = table(raw, exports.applications())
    assert {row["E-mail address"] for row in rows} == {pending.user.email, rejected_one.user.email}
    rejected_row = next(row for row in rows if row["Full name"] == "却下 される人")
    with translation.override("ja"):
        assert rejected_row["Status"] == str(Application.Status.REJECTED.label)
    assert rejected_row["Reading (kana)"] == "きゃっか"
    assert rejected_row["Employee number"] == "'A-123" or rejected_row["Employee number"] == "A-123"
    assert rejected_row["Decided by"] == secretary.user.email
    assert rejected_row["Reason"] == "確認できませんでした" and rejected_row["Decided at"]


def test_attendance_csv_per_event_with_seat_and_after_party(client, secretary, alumna, employee):
    from community import events as rules

    admin_language(secretary.user, "ja")
    party = event(title="大阪交流会", has_after_party=True, after_party_capacity=10)
    other = event(title="別のイベント")
    rules.rsvp(alumna.user, party, "going")
    rules.set_after_party(alumna.user, party, True)
    rules.rsvp(employee.user, party, "maybe")
    rules.rsvp(employee.user, other, "going")
    client.force_login(secretary.user)

    raw = content_of(client.post(reverse("community_export_attendance"), {"event": party.pk}))
    rows = table(raw, exports.attendance(party))
    assert {row["Event"] for row in rows} == {"大阪交流会"} and len(rows) == 2
    sato = next(row for row in rows if row["Member"] == "佐藤 美咲")
    with translation.override("ja"):
        confirmed = str(Registration.Seat.CONFIRMED.label)
    assert sato["Reading (kana)"] == "さとう みさき"
    assert sato["Seat"] == confirmed and sato["After-party"] == confirmed
    assert sato["Starts at"] == f"{timezone.localtime(party.starts_at):%Y-%m-%d %H:%M}"
    assert sato["E-mail address"] == alumna.user.email

    everything = table(content_of(client.post(reverse("community_export_attendance"))), exports.attendance())
    assert sorted(row["Event"] for row in everything) == ["別のイベント", "大阪交流会", "大阪交流会"]


# --- Who reaches what in the admin ----------------------------------------------------------------------


SECRETARIAT_PAGES = [
    ("get", "community_application_modeladmin_index"),
    ("get", "community_application_queue"),
    ("get", "community_auditentry_modeladmin_index"),
    ("get", "community_announcement_modeladmin_index"),
    ("get", "community_announcement_modeladmin_create"),
    ("get", "community_exports"),
    ("post", "community_export_members"),
    ("post", "community_export_applications"),
    ("post", "community_export_attendance"),
]


@pytest.mark.parametrize(("method", "name"), SECRETARIAT_PAGES)
def test_editors_are_refused_and_the_secretariat_let_in(client, editor, secretary, pending, method, name):
    client.force_login(editor)
    refused = getattr(client, method)(reverse(name))
    assert refused.status_code in (302, 403)
    if refused.status_code == 302:
        assert not refused["Location"].startswith(reverse(name))
    assert not isinstance(refused, StreamingHttpResponse)
    assert pending.display_name not in refused.content.decode()

    client.force_login(secretary.user)
    assert getattr(client, method)(reverse(name)).status_code == 200


@pytest.mark.parametrize(("method", "name"), SECRETARIAT_PAGES)
def test_anonymous_visitors_are_sent_to_the_login(client, db, method, name):
    response = getattr(client, method)(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=/admin/")


def test_editor_exports_nothing_and_leaves_no_trace(client, editor):
    client.force_login(editor)
    response = client.post(reverse("community_export_members"))
    assert response.status_code in (302, 403)  # Wagtail turns the 403 into a redirect with a message
    assert not isinstance(response, StreamingHttpResponse)
    assert not AuditEntry.objects.exists()


def test_only_the_secretariat_holds_the_export_right():
    holders = Permission.objects.get(codename="export_data").group_set.values_list("name", flat=True)
    assert list(holders) == ["Secretariat"]


def test_editors_still_publish_stories_but_see_no_secretariat_menu(client, editor, secretary, interview):
    assert interview.permissions_for_user(editor).can_publish()
    client.force_login(editor)
    dashboard = client.get("/admin/").content.decode()
    assert reverse("community_exports") not in dashboard
    assert reverse("community_announcement_modeladmin_index") not in dashboard
    client.force_login(secretary.user)
    dashboard = client.get("/admin/").content.decode()
    assert reverse("community_exports") in dashboard
    assert reverse("community_announcement_modeladmin_index") in dashboard


# --- The audit log --------------------------------------------------------------------------------------


def test_audit_log_lists_exports_filterable_by_action_and_actor_and_searchable(client, secretary):
    other = member(handle="other-secretary", kind="secretariat")
    other.user.groups.add(secretary.user.groups.get())
    AuditEntry.record(secretary.user, AuditEntry.Action.EXPORT, "members", "120 rows")
    AuditEntry.record(other.user, AuditEntry.Action.APPROVE, "岡本 慎也", "確認済み")
    AuditEntry.record(other.user, AuditEntry.Action.EXPORT, "attendance", "8 rows; event=3 交流会")
    client.force_login(secretary.user)
    index = reverse("community_auditentry_modeladmin_index")

    def targets(**params):
        response = client.get(index, params)
        assert response.status_code == 200
        return sorted(entry.target for entry in response.context["view"].queryset)

    assert targets() == ["attendance", "members", "岡本 慎也"]
    assert targets(action="export") == ["attendance", "members"]
    assert targets(actor=other.user_id) == ["attendance", "岡本 慎也"]
    assert targets(action="export", actor=secretary.user_id) == ["members"]
    assert targets(q="交流会") == ["attendance"]
    assert targets(q=other.user.email) == ["attendance", "岡本 慎也"]
    html = client.get(index, {"action": "export"}).content.decode()
    assert "120 rows" in html and f"{secretary.display_name} &lt;{secretary.user.email}&gt;" in html
