"""Celery tasks for the community. Each is idempotent: running it twice has the effect of running it once."""

from smtplib import SMTPException

from django.db import transaction
from django.utils import timezone

from celery import shared_task

from .emails import send_templated_email


@shared_task(
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30, retry_backoff_max=3600, retry_jitter=True, max_retries=10,
)
def send_application_decision(application_id):
    """E-mail the applicant the secretariat's decision, once."""
    from .models import Application

    with transaction.atomic():
        application = Application.objects.select_for_update().select_related("user").get(pk=application_id)
        if application.decision_emailed_at or application.status == Application.Status.PENDING:
            return "skipped"
        send_templated_email(
            "community/emails/application_decision", application.user, {"application": application}
        )
        application.decision_emailed_at = timezone.now()
        application.save(update_fields=["decision_emailed_at"])
    return "sent"
