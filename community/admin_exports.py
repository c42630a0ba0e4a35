"""The secretariat's exports in the Wagtail admin: a page of three forms, each answered with a streamed CSV.

Downloads are POSTs: an export is an audited action, not a page to prefetch or link to.
"""

from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from . import exports
from .audiences import MembershipStatus
from .models import Application, EventPage, Registration
from .permissions import can_export

EXPORT_PERMISSION = "community.export_data"


def _require_export_right(request):
    if not can_export(request.user):
        raise PermissionDenied


def stream(request, export):
    """Audit the export, then send it as a CSV file, row group by row group."""
    export.record(request.user)
    response = StreamingHttpResponse(
        exports.csv_chunks(export.header, export.rows()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{export.filename()}"'
    response["Cache-Control"] = "no-store"
    return response


def exports_page(request):
    """What can be exported, with its filters."""
    _require_export_right(request)
    events = (
        EventPage.objects.filter(pk__in=Registration.objects.values("event_id"))
        .order_by("-starts_at")
        .only("pk", "title", "starts_at")
    )
    return render(
        request,
        "community/admin/exports.html",
        {
            "member_statuses": MembershipStatus.choices,
            "application_statuses": Application.Status.choices,
            "events": events,
        },
    )


def _choice(request, name, allowed):
    value = request.POST.get(name, "")
    return value if value in allowed else ""


@require_POST
def export_members(request):
    _require_export_right(request)
    status = _choice(request, "status", MembershipStatus.values)
    return stream(request, exports.members(request.user, status=status))


@require_POST
def export_applications(request):
    _require_export_right(request)
    status = _choice(request, "status", Application.Status.values)
    return stream(request, exports.applications(status=status))


@require_POST
def export_attendance(request):
    _require_export_right(request)
    event_id = request.POST.get("event", "")
    event = get_object_or_404(EventPage, pk=event_id) if event_id.isdigit() else None
    return stream(request, exports.attendance(event))
