"""The secretariat's view of the e-mail outbox in the Wagtail admin: what is waiting, since when, and why.

Read-only. E-mails that fail are retried with backoff by `deliver_email` (docs/reliability.md, section 3);
this page shows the queue with its age so a long mail-server outage is noticed, and the rows that gave up.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Min, Q
from django.shortcuts import render
from django.utils import timezone

from .models import OutboxEmail
from .permissions import is_secretariat

LISTED = 100


def outbox_summary(now=None):
    """Counts by status, the oldest waiting e-mail's age and the most attempts among waiting ones."""
    now = now or timezone.now()
    pending = Q(status=OutboxEmail.Status.PENDING)
    figures = OutboxEmail.objects.aggregate(
        pending=Count("pk", filter=pending),
        failed=Count("pk", filter=Q(status=OutboxEmail.Status.FAILED)),
        retrying=Count("pk", filter=pending & Q(attempts__gt=0)),
        oldest=Min("created_at", filter=pending),
        most_attempts=Max("attempts", filter=pending),
    )
    figures["oldest_age"] = now - figures["oldest"] if figures["oldest"] else None
    return figures


def outbox_page(request):
    """The summary, then the waiting and failed e-mails, oldest first. The secretariat only."""
    if not is_secretariat(request.user):
        raise PermissionDenied
    rows = (
        OutboxEmail.objects.exclude(status=OutboxEmail.Status.SENT)
        .select_related("recipient")
        .only("template", "status", "attempts", "last_error", "created_at", "recipient__email")
        .order_by("created_at")[:LISTED]
    )
    return render(
        request,
        "community/admin/outbox.html",
        {"summary": outbox_summary(), "rows": rows, "listed": LISTED, "now": timezone.now()},
    )
