"""A form submitted twice (a double click, a resend after a timeout) creates one object and lands on the same
page; the token that makes it so is claimed under a unique constraint, so two submits at once behave alike."""

import re
import threading

from django.conf import settings
from django.contrib.messages import get_messages
from django.db import connections
from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from community import messaging
from community.models import Conversation, FormSubmission, Message, Post, Registration
from community.submissions import FIELD, forget_old_submissions
from tests.factories.community import event
from tests.factories.members import member

pytestmark = pytest.mark.django_db


def token_in(html):
    """The submit token of the first form on the page that carries one."""
    match = re.search(rf'name="{FIELD}" value="([0-9a-f]{{32}})"', html)
    assert match, "the form carries no submit token"
    return match.group(1)


def twice(client, url, data, token=True):
    """POST the same form twice; both answers must be the same redirect, and with a form token the second
    says it was a repeat (an RSVP needs none: answering again is the same answer)."""
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert second.url == first.url
    said = [str(message) for message in get_messages(second.wsgi_request)]
    with translation.override(second.wsgi_request.LANGUAGE_CODE):  # the language the request was answered in
        repeat = translation.gettext("This form had already been sent: it was saved once.")
    assert (repeat in said) is token
    return first


def test_double_submitted_post_creates_one_post(login, alumna):
    client = login(alumna)
    token = token_in(client.get(reverse("feed")).content.decode())
    twice(client, reverse("feed"), {"body": "一度だけ", FIELD: token})
    assert Post.objects.filter(author=alumna.user, body="一度だけ").count() == 1
    # A new render of the form is a new post.
    token = token_in(client.get(reverse("feed")).content.decode())
    client.post(reverse("feed"), {"body": "一度だけ", FIELD: token})
    assert Post.objects.filter(author=alumna.user, body="一度だけ").count() == 2


def test_double_submitted_comment_creates_one_comment(login, alumna, employee):
    post = Post.objects.create(author=employee.user, body="質問です")
    client = login(alumna)
    token = token_in(client.get(post.get_absolute_url()).content.decode())
    response = twice(
        client, reverse("comment_on_post", args=[post.pk]), {"comment": "答えます", FIELD: token}
    )
    from django_comments_xtd.models import XtdComment

    comments = XtdComment.objects.filter(user=alumna.user)
    assert comments.count() == 1
    assert response.url.endswith(f"#comment-{comments.get().pk}")


def test_double_submitted_messages_create_one_conversation_and_one_message(login, alumna, employee):
    client = login(alumna)
    start = reverse("message_start", args=[employee.handle])
    token = token_in(client.get(start).content.decode())
    twice(client, start, {"body": "はじめまして", FIELD: token})
    conversation = Conversation.objects.get()
    token = token_in(client.get(conversation.get_absolute_url()).content.decode())
    twice(client, conversation.get_absolute_url(), {"body": "続きです", FIELD: token})
    assert list(Message.objects.order_by("pk").values_list("body", flat=True)) == ["はじめまして", "続きです"]


def test_double_submitted_rsvp_keeps_one_registration_and_one_seat(login, alumna):
    page = event(capacity=2)
    client = login(alumna)
    twice(client, page.url + "rsvp/", {"response": "going"}, token=False)
    registration = Registration.objects.get(event=page)
    assert (registration.user, registration.seat) == (alumna.user, "confirmed")


def test_a_refused_submit_gives_its_token_back_and_a_token_is_per_member(login, alumna, employee):
    client = login(alumna)
    token = token_in(client.get(reverse("feed")).content.decode())
    assert client.post(reverse("feed"), {"body": "   ", FIELD: token}).status_code == 400
    assert not FormSubmission.objects.exists()
    client.post(reverse("feed"), {"body": "直して送信", FIELD: token})
    assert Post.objects.filter(body="直して送信").count() == 1
    # Someone else replaying the token does not reach the first member's result.
    login(employee).post(reverse("feed"), {"body": "別の人", FIELD: token})
    assert Post.objects.filter(body="別の人", author=employee.user).count() == 1


def test_old_claims_are_forgotten(alumna):
    from datetime import timedelta

    from django.utils import timezone

    FormSubmission.objects.create(user=alumna.user, token="a" * 32, result_url="/community/")
    assert forget_old_submissions(now=timezone.now() + timedelta(days=1)) == 0
    assert forget_old_submissions(now=timezone.now() + timedelta(days=3)) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="SQLite serialises writers with a file lock, so there is no race to test: CI runs this on PostgreSQL",
)
def test_simultaneous_double_submits_create_one_post_and_one_message():
    alumna, employee = member(), member()
    conversation = messaging.start_conversation(alumna.user, [employee.user], "こんにちは")
    racers = 6
    targets = [
        (reverse("feed"), {"body": "同時送信", FIELD: "b" * 32}),
        (conversation.get_absolute_url(), {"body": "同時のメッセージ", FIELD: "c" * 32}),
    ]
    start = threading.Barrier(racers * len(targets))
    answers, errors = [], []
    client = Client()
    client.force_login(alumna.user)  # once: each login saves the user, which is not what is raced here
    session = client.cookies

    def submit(url, data):
        client = Client()
        client.cookies = session
        try:
            start.wait()
            answers.append((url, client.post(url, data).status_code))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=t) for t in targets for _ in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    assert len(answers) == len(threads)
    assert {status for _url, status in answers} == {302}
    assert Post.objects.filter(body="同時送信").count() == 1
    assert Message.objects.filter(body="同時のメッセージ").count() == 1
