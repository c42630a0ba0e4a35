"""Notifications and e-mail: each member's choice honoured, nothing leaked, nothing lost, nothing twice."""

import contextlib

from django.core import mail
from django.urls import reverse

import pytest

from community import notifications
from community.models import Notification, OutboxEmail
from community.models.notifications import Channel, Kind
from community.posting import add_comment, create_post, toggle_reaction
from tests.factories.community import GroupFactory, PostFactory, add_member
from tests.factories.members import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run what is queued on commit (notifications, e-mails) as a real request would."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def test_reply_notifies_the_author_in_site_and_by_email_once(run_on_commit, alumna, employee):
    post = PostFactory(author=alumna.user, group=None, body="質問です")
    run_on_commit(add_comment, employee.user, post, "答えます")
    notification = Notification.objects.get(recipient=alumna.user)
    assert notification.kind == Kind.REPLY and notification.post == post
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [alumna.user.email]
    assert mail.outbox[0].alternatives  # HTML beside the text
    from community.outbox import deliver

    deliver(OutboxEmail.objects.get().pk)  # a retried task
    assert len(mail.outbox) == 1


def test_reactions_are_grouped_while_unread(run_on_commit, alumna):
    post = PostFactory(author=alumna.user, group=None)
    for n in range(3):
        run_on_commit(toggle_reaction, member(handle=f"r{n}").user, post, "like")
    notification = Notification.objects.get(recipient=alumna.user)
    assert notification.actor_count == 3


def test_turned_off_kind_creates_nothing(run_on_commit, alumna, employee):
    notifications.set_channel(alumna.user, Kind.REPLY, Channel.OFF)
    post = PostFactory(author=alumna.user, group=None)
    run_on_commit(add_comment, employee.user, post, "返信")
    assert not Notification.objects.exists() and not mail.outbox


def test_mention_in_a_private_group_never_reaches_a_non_member(run_on_commit, alumna):
    group = GroupFactory(slug="private", is_private=True)
    add_member(group, alumna)
    outsider = member(handle="outsider")
    run_on_commit(create_post, alumna.user, body="@outsider ここだけの話", group=group)
    assert not Notification.objects.filter(recipient=outsider.user).exists()
    assert not mail.outbox


def test_member_removed_from_a_private_group_loses_its_notifications_at_once(run_on_commit, login, alumna):
    group = GroupFactory(slug="private", is_private=True)
    add_member(group, alumna)
    insider = member(handle="insider")
    membership = add_member(group, insider)
    post = PostFactory(author=insider.user, group=group, body="内緒の投稿")
    notifications.set_channel(insider.user, Kind.REPLY, Channel.SITE)
    run_on_commit(add_comment, alumna.user, post, "内緒の返事")
    assert notifications.unread_count(insider.user) == 1
    membership.delete()
    from django.contrib.auth import get_user_model

    fresh = get_user_model().objects.get(pk=insider.user_id)  # as the next request would load it
    assert notifications.unread_count(fresh) == 0
    assert "内緒" not in login(insider).get(reverse("notifications")).content.decode()


def test_email_about_a_post_the_recipient_can_no_longer_read_is_not_sent(alumna, employee):
    group = GroupFactory(slug="private", is_private=True)
    add_member(group, alumna)
    membership = add_member(group, employee)
    post = PostFactory(author=employee.user, group=group, body="非公開")
    note = Notification.objects.create(
        recipient=employee.user, kind=Kind.REPLY, text="t", url="/", post=post, event_key="x"
    )
    row = OutboxEmail.objects.create(
        recipient=employee.user,
        template="community/emails/notification",
        context={"notification_id": note.pk},
        idempotency_key="k",
    )
    membership.delete()
    from community.outbox import deliver

    deliver(row.pk)
    assert not mail.outbox


def test_group_fan_out_is_batched_and_a_rerun_after_a_crash_sends_nothing_twice(
    run_on_commit, alumna, monkeypatch
):
    from community import tasks

    group = GroupFactory(slug="big")
    add_member(group, alumna)
    followers = [member(handle=f"f{n}") for n in range(12)]
    for profile in followers:
        add_member(group, profile).__class__.objects.filter(user=profile.user).update(follows_closely=True)
        notifications.set_channel(profile.user, Kind.GROUP_POST, Channel.EMAIL)
    monkeypatch.setattr(tasks, "FAN_OUT_BATCH", 5)
    batches = []
    real_batch = tasks.notify_group_post_batch

    def crash_after_first_batch(post_id, user_ids):
        batches.append(user_ids)
        if len(batches) == 2:
            raise SystemExit("worker killed")  # the worker dies at the start of the second batch
        return real_batch(post_id, user_ids)

    monkeypatch.setattr(tasks.notify_group_post_batch, "delay", crash_after_first_batch)
    post = PostFactory(author=alumna.user, group=group, body="大きなグループへの投稿")
    with pytest.raises(SystemExit):
        run_on_commit(tasks.fan_out_group_post, post.pk)
    assert [len(b) for b in batches] == [5, 5]
    assert len(mail.outbox) == 5

    monkeypatch.setattr(tasks.notify_group_post_batch, "delay", lambda p, ids: real_batch(p, ids))
    run_on_commit(tasks.fan_out_group_post, post.pk)  # redelivered: the whole fan-out runs again
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert len(recipients) == 12 == len(set(recipients))  # every follower once, nobody twice
    assert Notification.objects.filter(kind=Kind.GROUP_POST).count() == 12


def test_failing_mail_server_keeps_the_email_pending_with_its_error(alumna, settings, monkeypatch):
    from community import tasks
    from community.outbox import queue_email

    settings.EMAIL_BACKEND = "tests.community.failing_backend.FailingBackend"
    note = Notification.objects.create(
        recipient=alumna.user, kind=Kind.REPLY, text="t", url="/", event_key="f"
    )
    row = queue_email(
        alumna.user, "community/emails/notification", {"notification_id": note.pk}, key="fail-1"
    )
    monkeypatch.setattr(tasks.deliver_email, "retry", lambda exc, **kw: exc)
    with contextlib.suppress(Exception):  # the task re-raises to be retried
        tasks.deliver_email(row.pk)
    row.refresh_from_db()
    assert row.status == OutboxEmail.Status.PENDING
    assert row.attempts == 1 and "refused" in row.last_error


def test_sweep_requeues_emails_whose_broker_message_was_lost(alumna, monkeypatch):
    from django.utils import timezone

    from community import tasks

    row = OutboxEmail.objects.create(recipient=alumna.user, template="t", context={}, idempotency_key="lost")
    OutboxEmail.objects.filter(pk=row.pk).update(created_at=timezone.now() - timezone.timedelta(hours=1))
    queued = []
    monkeypatch.setattr(tasks.deliver_email, "delay", queued.append)
    assert tasks.sweep_outbox() == 1 and queued == [row.pk]


@pytest.mark.parametrize(
    ("language", "expected"), [("ja", "今週のコミュニティ"), ("en", "This week in the community")]
)
def test_weekly_digest_in_the_members_language_with_one_click_unsubscribe(
    run_on_commit, client, alumna, employee, language, expected
):
    from community.tasks import send_weekly_digests

    alumna.user.language = language
    alumna.user.save()
    group = GroupFactory(slug="digest")
    add_member(group, alumna).__class__.objects.filter(user=alumna.user).update(follows_closely=True)
    add_member(group, employee)
    run_on_commit(create_post, employee.user, body="今週の話題", group=group)
    assert not mail.outbox  # group posts go to the digest by default
    run_on_commit(send_weekly_digests)
    run_on_commit(send_weekly_digests)  # twice in the same week: one digest
    digest = [m for m in mail.outbox if m.to == [alumna.user.email]]
    assert len(digest) == 1
    assert expected in digest[0].subject
    assert "List-Unsubscribe" in digest[0].extra_headers
    link = digest[0].extra_headers["List-Unsubscribe"].strip("<>").split("testserver", 1)[1]
    assert client.post(link).status_code == 200  # no login needed
    assert notifications.channels_for(alumna.user)[Kind.GROUP_POST] == Channel.SITE


def test_tampered_unsubscribe_token_is_refused(client, alumna):
    token = notifications.unsubscribe_token(alumna.user)
    assert client.get(reverse("unsubscribe", args=[token])).status_code == 200
    assert client.post(reverse("unsubscribe", args=[token[:-2] + "xx"])).status_code == 404


def test_notification_centre_marks_read_and_is_private(login, run_on_commit, alumna, employee):
    post = PostFactory(author=alumna.user, group=None)
    run_on_commit(add_comment, employee.user, post, "返信")
    note = Notification.objects.get()
    assert login(employee).post(reverse("notification_open", args=[note.pk])).status_code == 404
    client = login(alumna)
    assert 'data-unread="notifications"' in client.get(reverse("notifications")).content.decode()
    response = client.post(reverse("notification_open", args=[note.pk]))
    assert response.status_code == 302 and response["Location"].startswith(post.get_absolute_url())
    note.refresh_from_db()
    assert note.read_at is not None


def test_preferences_are_saved_per_kind(login, alumna):
    data = dict.fromkeys(Kind.values, Channel.SITE)
    data[Kind.MESSAGE] = Channel.OFF
    login(alumna).post(reverse("notification_preferences"), data)
    assert notifications.channels_for(alumna.user)[Kind.MESSAGE] == Channel.OFF


def test_membership_and_group_join_decisions_are_notified(run_on_commit, login, alumna, secretary):
    from community.groups import approve_request, join
    from community.membership import decide
    from community.models import Application, GroupMembership
    from tests.factories.members import applicant

    newcomer = applicant()
    run_on_commit(decide, Application.objects.get(user=newcomer.user), approve=True, actor=secretary.user)
    assert Notification.objects.filter(recipient=newcomer.user, kind=Kind.MEMBERSHIP).exists()

    group = GroupFactory(slug="closed", is_private=True)
    add_member(group, alumna, role=GroupMembership.Role.MODERATOR)
    from django.contrib.auth import get_user_model

    member_user = get_user_model().objects.get(pk=newcomer.user_id)
    membership = join(member_user, group)
    run_on_commit(approve_request, alumna.user, membership, True)
    note = Notification.objects.filter(recipient=newcomer.user, kind=Kind.MEMBERSHIP).latest("created_at")
    assert group.name in note.text


def test_broker_down_when_posting_keeps_the_post_and_the_sweep_fans_it_out_later(
    run_on_commit, login, alumna, monkeypatch
):
    from django.utils import timezone

    from community import tasks
    from community.models import Post

    group = GroupFactory(slug="outage")
    add_member(group, alumna)
    follower = member(handle="follower")
    add_member(group, follower).__class__.objects.filter(user=follower.user).update(follows_closely=True)

    def broker_down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(tasks.fan_out_group_post, "delay", broker_down)
    client = login(alumna)
    response = run_on_commit(client.post, reverse("group", args=["outage"]), {"body": "障害中の投稿"})
    assert response.status_code == 302
    post = Post.objects.get(body="障害中の投稿")
    assert post.fanned_out_at is None
    monkeypatch.undo()
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timezone.timedelta(minutes=30))
    assert run_on_commit(tasks.sweep_fan_outs) == 1
    assert Notification.objects.filter(recipient=follower.user, kind=Kind.GROUP_POST).exists()


def test_rate_limit_lets_members_post_when_the_cache_is_down(alumna, monkeypatch):
    from django.core.cache import cache

    from community import ratelimit

    monkeypatch.setattr(cache, "add", lambda *a, **k: None)
    monkeypatch.setattr(cache, "incr", lambda *a, **k: None)
    for _ in range(50):
        ratelimit.check(alumna.user, "post")  # never raises


def test_unsubscribing_from_everything_stops_the_digest(run_on_commit, alumna):
    from community.digest import queue_digest

    notifications.unsubscribe(alumna.user, "all")
    assert queue_digest(alumna, "2026-W48") is None


def test_failed_delivery_retries_with_growing_delays(alumna, settings, monkeypatch):
    from community import tasks

    settings.EMAIL_BACKEND = "tests.community.failing_backend.FailingBackend"
    note = Notification.objects.create(
        recipient=alumna.user, kind=Kind.REPLY, text="t", url="/", event_key="r"
    )
    row = OutboxEmail.objects.create(
        recipient=alumna.user,
        template="community/emails/notification",
        context={"notification_id": note.pk},
        idempotency_key="retry",
    )
    countdowns = []

    def fake_retry(exc, countdown):
        countdowns.append(countdown)
        return exc

    monkeypatch.setattr(tasks.deliver_email, "retry", fake_retry)
    for attempt in range(3):
        tasks.deliver_email.push_request(retries=attempt)
        with contextlib.suppress(Exception):
            tasks.deliver_email.run(row.pk)
        tasks.deliver_email.pop_request()
    assert countdowns == [30, 60, 120]


def test_send_digests_command_queues_the_weeks_digests(alumna):
    import io

    from django.core.management import call_command
    from django.utils import timezone

    from stories.models import StoryPage

    assert StoryPage.objects.count() == 0
    out = io.StringIO()
    call_command("send_digests", stdout=out)
    assert out.getvalue().strip() == "0 digest(s) queued."  # nothing happened this week
    note = Notification.objects.create(
        recipient=alumna.user, kind=Kind.GROUP_POST, text="今週の投稿", url="/", event_key="g1"
    )
    Notification.objects.filter(pk=note.pk).update(created_at=timezone.now())
    call_command("send_digests", stdout=out)
    assert "1 digest(s) queued." in out.getvalue()


def test_rerun_after_lost_deliveries_sends_each_pending_email_once(run_on_commit, alumna):
    """Killed after a batch committed but before its e-mails reached the broker: the redelivered fan-out
    enqueues them again, and nobody gets two."""
    from community import tasks

    group = GroupFactory(slug="lost")
    add_member(group, alumna)
    followers = [member(handle=f"lost{n}") for n in range(4)]
    for profile in followers:
        add_member(group, profile).__class__.objects.filter(user=profile.user).update(follows_closely=True)
        notifications.set_channel(profile.user, Kind.GROUP_POST, Channel.EMAIL)
    post = PostFactory(author=alumna.user, group=group, body="配信途中で落ちる")
    tasks.notify_group_post_batch(post.pk, [p.user_id for p in followers])  # on-commit enqueues never run
    assert OutboxEmail.objects.filter(status="pending").count() == 4 and not mail.outbox
    run_on_commit(tasks.notify_group_post_batch, post.pk, [p.user_id for p in followers])
    run_on_commit(tasks.notify_group_post_batch, post.pk, [p.user_id for p in followers])
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.user.email for p in followers)
    assert Notification.objects.filter(kind=Kind.GROUP_POST).count() == 4
