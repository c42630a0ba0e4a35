"""The secretariat reviews applications in the admin; editors cannot see them."""

from django.core import mail
from django.urls import reverse

import pytest

from community.audiences import MembershipStatus
from community.models import Application, AuditEntry
from tests.factories import UserFactory
from tests.factories.members import applicant


@pytest.fixture
def editor(db):
    return UserFactory(groups=["Editors"])


@pytest.mark.parametrize(
    "url",
    [
        reverse("community_application_queue"),
        reverse("community_application_modeladmin_index"),
        reverse("community_auditentry_modeladmin_index"),
    ],
)
def test_editor_cannot_see_applications_or_the_audit_log(client, editor, pending, url):
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert pending.display_name not in response.content.decode()


def test_editor_cannot_decide(client, editor, pending):
    client.force_login(editor)
    application = Application.objects.get(user=pending.user)
    response = client.post(
        reverse("community_decide_application", args=[application.pk]), {"decision": "approve"}
    )
    assert response.status_code in (302, 403)
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING


def test_member_without_admin_rights_cannot_reach_the_queue(client, alumna):
    client.force_login(alumna.user)
    response = client.get(reverse("community_application_queue"))
    assert response.status_code in (302, 403)


def test_secretariat_sees_queue_with_search_and_filter(client, secretary):
    applicant(full_name="検索 対象", name_kana="けんさく たいしょう")
    applicant(full_name="別の 人", name_kana="べつの ひと", kind="employee", left_year=None)
    client.force_login(secretary.user)
    html = client.get(reverse("community_application_queue"), {"q": "けんさく"}).content.decode()
    assert "検索 対象" in html and "別の 人" not in html
    html = client.get(reverse("community_application_queue"), {"kind": "employee"}).content.decode()
    assert "別の 人" in html and "検索 対象" not in html
    assert client.get(reverse("community_application_modeladmin_index"), {"q": "検索"}).status_code == 200


def test_rejection_needs_a_reason_and_is_recorded_and_mailed(
    client, secretary, pending, django_capture_on_commit_callbacks
):
    application = Application.objects.get(user=pending.user)
    client.force_login(secretary.user)
    url = reverse("community_decide_application", args=[application.pk])
    response = client.post(url, {"decision": "reject", "reason": ""})
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "reject", "reason": "在籍を確認できませんでした"})
    application.refresh_from_db()
    pending.refresh_from_db()
    assert application.status == Application.Status.REJECTED
    assert pending.status == MembershipStatus.REJECTED
    entry = AuditEntry.objects.get(action="reject")
    assert entry.actor == secretary.user and entry.reason == "在籍を確認できませんでした"
    assert "在籍を確認できませんでした" in mail.outbox[-1].body


def test_bulk_approval_decides_each_once(client, secretary, django_capture_on_commit_callbacks):
    profiles = [applicant(full_name=f"一括 {n}") for n in range(3)]
    ids = list(Application.objects.values_list("pk", flat=True))
    client.force_login(secretary.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("community_application_queue"), {"selected": ids, "decision": "approve"})
        client.post(reverse("community_application_queue"), {"selected": ids, "decision": "approve"})
    assert Application.objects.filter(status=Application.Status.APPROVED).count() == 3
    assert AuditEntry.objects.filter(action="approve").count() == 3
    assert len(mail.outbox) == 3
    for profile in profiles:
        profile.refresh_from_db()
        assert profile.status == MembershipStatus.MEMBER


def test_decision_email_is_sent_once_even_if_task_runs_twice(
    secretary, pending, django_capture_on_commit_callbacks
):
    from community.membership import decide
    from community.models import OutboxEmail
    from community.tasks import deliver_email

    application = Application.objects.get(user=pending.user)
    with django_capture_on_commit_callbacks(execute=True):
        decide(application, approve=True, actor=secretary.user)
    deliver_email(OutboxEmail.objects.get(idempotency_key=f"application:{application.pk}:decision").pk)
    assert len(mail.outbox) == 1


def test_decision_email_is_in_the_applicants_language(secretary, django_capture_on_commit_callbacks):
    profile = applicant(user=UserFactory(language="en"))
    application = Application.objects.get(user=profile.user)
    from community.membership import decide

    with django_capture_on_commit_callbacks(execute=True):
        decide(application, approve=True, actor=secretary.user)
    assert "approved" in mail.outbox[-1].subject.lower()
    assert mail.outbox[-1].alternatives  # an HTML version beside the text


def test_secretariat_can_suspend_and_reinstate_with_audit(client, secretary, alumna):
    client.force_login(secretary.user)
    client.post(reverse("community_suspend_member", args=[alumna.pk]), {"reason": "規約違反の確認中"})
    alumna.refresh_from_db()
    assert alumna.status == MembershipStatus.SUSPENDED
    client.post(reverse("community_suspend_member", args=[alumna.pk]), {"reason": "確認済み"})
    alumna.refresh_from_db()
    assert alumna.status == MembershipStatus.MEMBER
    assert list(AuditEntry.objects.order_by("created_at").values_list("action", flat=True)) == [
        "suspend",
        "reinstate",
    ]
