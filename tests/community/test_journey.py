"""The whole way in, over HTTP: sign up → verify e-mail → apply → approved by the secretariat → directory."""

import re

from django.core import mail
from django.urls import reverse

import pytest

from community.models import Application, AuditEntry


def _link_in(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


@pytest.mark.django_db
def test_newcomer_signs_up_verifies_applies_is_approved_and_browses(
    client, secretary, alumna, django_capture_on_commit_callbacks
):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "newcomer@example.com",
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
        },
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    confirm_path = _link_in(mail.outbox[0])
    assert client.post(confirm_path).status_code == 302  # confirms and logs in

    # Not a member yet: the community refuses, the application form is there.
    assert client.get(reverse("directory")).status_code == 403
    assert client.get(reverse("join")).status_code == 200
    response = client.post(
        reverse("join"),
        {
            "kind": "alumni",
            "full_name": "新井 拓也",
            "name_kana": "あらい たくや",
            "name_romaji": "Takuya Arai",
            "joined_year": 2010,
            "left_year": 2022,
            "departments": "商品開発部",
            "message": "よろしくお願いします",
        },
    )
    assert response.status_code == 302
    application = Application.objects.get(user__email="newcomer@example.com")
    assert application.status == Application.Status.PENDING
    assert client.get(reverse("directory")).status_code == 403

    # The secretariat approves in the admin.
    staff = client.__class__()
    staff.force_login(secretary.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            reverse("community_decide_application", args=[application.pk]), {"decision": "approve"}
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    assert application.decided_by == secretary.user
    assert AuditEntry.objects.filter(action="approve", actor=secretary.user).exists()
    decision_mail = mail.outbox[-1]
    assert decision_mail.to == ["newcomer@example.com"]
    from community.models import OutboxEmail

    assert OutboxEmail.objects.get(recipient=application.user).status == "sent"

    # Now a member: the directory opens and lists other members.
    response = client.get(reverse("directory"))
    assert response.status_code == 200
    assert alumna.display_name in response.content.decode()


@pytest.mark.django_db
def test_application_with_impossible_years_is_refused_and_nothing_saved(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.post(
        reverse("join"),
        {
            "kind": "alumni",
            "full_name": "誤入力 太郎",
            "name_kana": "ごにゅうりょく たろう",
            "joined_year": 2015,
            "left_year": 2010,
            "departments": "経理部",
        },
    )
    assert response.status_code == 200
    assert "left_year" in response.context["form"].errors
    assert not Application.objects.exists()
