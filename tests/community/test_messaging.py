"""Direct messages from the attacker's side: only participants read, blocks hold, ids lead nowhere."""

from django.urls import reverse

import pytest

from community import messaging
from community.models import Conversation, Message, Notification, OutboxEmail, Report
from tests.factories.members import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def talk(alumna, employee):
    return messaging.start_conversation(alumna.user, [employee.user], "お久しぶりです！")


def test_member_writes_from_a_profile_and_the_other_sees_unread_and_replies(
    login, alumna, employee, django_capture_on_commit_callbacks
):
    client = login(alumna)
    assert client.get(reverse("message_start", args=[employee.handle])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("message_start", args=[employee.handle]), {"body": "元気？ **久しぶり**"}
        )
    conversation = Conversation.objects.get()
    assert response["Location"] == conversation.get_absolute_url()
    assert "<strong>久しぶり</strong>" in Message.objects.get().body_html

    other = login(employee)
    inbox = other.get(reverse("inbox")).content.decode()
    assert 'data-unread="messages"' in inbox
    assert Notification.objects.filter(recipient=employee.user, kind="message").exists()
    with django_capture_on_commit_callbacks(execute=True):
        other.post(conversation.get_absolute_url(), {"body": "元気です！"})
    assert 'data-unread="messages"' not in other.get(reverse("inbox")).content.decode()
    assert conversation.messages.count() == 2
    assert 'data-unread="messages"' in login(alumna).get(reverse("inbox")).content.decode()


def test_conversation_keys_are_random_and_outsiders_get_404(login, talk, pending):
    assert len(talk.key) >= 16 and not talk.key.isdigit()
    outsider = member(handle="outsider")
    client = login(outsider)
    for url in (talk.get_absolute_url(), reverse("conversation_new", args=[talk.key])):
        assert client.get(url).status_code == 404
    assert client.post(talk.get_absolute_url(), {"body": "割り込み"}).status_code == 404
    assert client.get(reverse("conversation", args=["not-a-real-key"])).status_code == 404
    message = talk.messages.get()
    assert client.get(reverse("report", args=["message", message.pk])).status_code == 404
    assert login(pending).get(talk.get_absolute_url()).status_code == 403


def test_anonymous_visitor_is_sent_to_log_in(client, talk):
    assert client.get(reverse("inbox")).status_code == 302
    assert client.get(talk.get_absolute_url()).status_code == 302


def test_blocked_member_can_no_longer_message_and_the_thread_is_hidden(login, alumna, employee, talk):
    login(employee).post(reverse("block", args=[alumna.handle]))
    client = login(alumna)
    assert client.get(reverse("message_start", args=[employee.handle])).status_code == 403
    response = client.post(talk.get_absolute_url(), {"body": "まだ話したい"})
    assert response.status_code == 400
    assert talk.messages.count() == 1
    assert talk.get_absolute_url() not in login(employee).get(reverse("inbox")).content.decode()


def test_members_who_turned_messages_off_cannot_be_written_to(login, alumna, employee):
    employee.messages_from = "nobody"
    employee.save()
    assert (
        login(alumna).post(reverse("message_start", args=[employee.handle]), {"body": "hi"}).status_code
        == 403
    )
    assert not Conversation.objects.exists()


def test_messages_only_from_shared_groups(login, alumna, employee):
    from tests.factories.community import GroupFactory, add_member

    employee.messages_from = "groups"
    employee.save()
    assert (
        login(alumna).post(reverse("message_start", args=[employee.handle]), {"body": "hi"}).status_code
        == 403
    )
    group = GroupFactory(slug="shared")
    add_member(group, alumna)
    add_member(group, employee)
    assert (
        login(alumna).post(reverse("message_start", args=[employee.handle]), {"body": "hi"}).status_code
        == 302
    )


def test_small_group_conversation_is_limited_to_ten(login, alumna):
    others = [member(handle=f"p{n}") for n in range(10)]
    client = login(alumna)
    too_many = ", ".join(p.handle for p in others[1:])
    response = client.post(
        reverse("message_start", args=[others[0].handle]), {"body": "全員へ", "others": too_many}
    )
    assert response.status_code == 400
    assert not Conversation.objects.exists()
    response = client.post(
        reverse("message_start", args=[others[0].handle]),
        {"body": "全員へ", "others": ", ".join(p.handle for p in others[1:9])},
    )
    assert response.status_code == 302
    assert Conversation.objects.get().participants.count() == 10


def test_polling_returns_only_newer_messages(login, alumna, employee, talk):
    first = talk.messages.get()
    messaging.send(employee.user, talk, "新しいメッセージ")
    html = (
        login(alumna).get(reverse("conversation_new", args=[talk.key]), {"after": first.pk}).content.decode()
    )
    assert "新しいメッセージ" in html and "お久しぶりです" not in html


def test_message_text_is_sanitised(login, alumna, employee):
    conversation = messaging.start_conversation(alumna.user, [employee.user], "<script>alert(1)</script>")
    html = login(employee).get(conversation.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_reporting_a_message_goes_to_the_secretariat(login, employee, talk):
    message = talk.messages.get()
    login(employee).post(reverse("report", args=["message", message.pk]), {"reason": "勧誘がしつこい"})
    report = Report.objects.get()
    assert report.group is None and report.target == message


def test_new_message_email_goes_through_the_outbox_once(
    alumna, employee, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        messaging.start_conversation(alumna.user, [employee.user], "メールで届くはず")
    assert OutboxEmail.objects.filter(recipient=employee.user, status="sent").count() == 1
    assert [m.to for m in mailoutbox] == [[employee.user.email]]


def test_inbox_and_notification_centre_queries_do_not_grow(login, alumna, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from community.models import Notification

    client = login(alumna)

    def queries(url):
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    def add(n):
        for k in range(n):
            other = member(handle=f"q{Conversation.objects.count()}-{k}")
            messaging.start_conversation(other.user, [alumna.user], "こんにちは")
            Notification.objects.create(
                recipient=alumna.user,
                kind="reply",
                text="返信",
                url="/",
                actor=other.user,
                event_key=f"q:{other.pk}",
            )

    add(2)
    few = {url: queries(url) for url in (reverse("inbox"), reverse("notifications"))}
    add(12)
    for url, count in few.items():
        assert queries(url) == count, url
    with django_assert_max_num_queries(21):  # the inbox's page count included
        client.get(reverse("inbox"))
    with django_assert_max_num_queries(20):
        client.get(reverse("notifications"))


def test_inbox_shows_conversations_a_page_at_a_time_newest_first(login, alumna):
    from community.views.messages import INBOX_PAGE

    for number in range(INBOX_PAGE + 3):
        other = member(handle=f"page{number}", display_name=f"相手 {number:02d}")
        messaging.start_conversation(other.user, [alumna.user], f"こんにちは {number}")
    client = login(alumna)
    first = client.get(reverse("inbox")).content.decode()
    assert first.count('class="dm-inbox__link"') == INBOX_PAGE
    assert f"相手 {INBOX_PAGE + 2:02d}" in first and "相手 00" not in first  # newest first
    second = client.get(reverse("inbox"), {"page": 2}).content.decode()
    assert second.count('class="dm-inbox__link"') == 3 and "相手 00" in second
