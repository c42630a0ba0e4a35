"""CSV exports for the secretariat: members, membership applications and event attendance.

Excel-friendly: UTF-8 with a byte-order mark (Japanese Excel otherwise reads the file as Shift_JIS and garbles
every name) and CRLF line ends. Rows are read from the database in chunks and written as they come, so a table
of 100,000 members is never held in memory. Cells that Excel would run as a formula are defused.

Every export is audited: `record()` writes who exported what, with the number of rows and the filters, before
the first byte leaves. Who may export is `permissions.can_export()`; the views live in `admin_exports.py`.
"""

import csv
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy, ngettext, pgettext

from . import permissions
from .models import Application, AuditEntry, Profile, Registration

BOM = "\ufeff"
CHUNK_SIZE = 1000  # rows per database round trip
LINES_PER_WRITE = 200  # rows per piece of the streamed response
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Export:
    """One export: what it is (for the audit log and the file name), its columns, and where its rows come from."""

    what: str
    header: list  # lazy labels: rendered in the language the file is written in
    queryset: QuerySet
    row: object  # callable: one model instance → list of cells
    filters: dict = field(default_factory=dict)

    def filename(self):
        return f"tsunagari-{self.what}-{timezone.localdate():%Y%m%d}.csv"

    def rows(self):
        for instance in self.queryset.iterator(chunk_size=CHUNK_SIZE):
            yield self.row(instance)

    def record(self, user):
        """Audit the export before it starts. Returns the number of rows."""
        count = self.queryset.count()
        filters = ", ".join(f"{key}={value}" for key, value in self.filters.items() if value)
        reason = ngettext("%(count)d row", "%(count)d rows", count) % {"count": count}
        reason += f"; {filters}" if filters else ""
        AuditEntry.record(user, AuditEntry.Action.EXPORT, self.what, reason)
        return count


class _Echo:
    """A file-like object whose write() returns what it was given: csv.writer then produces strings."""

    def write(self, value):
        return value


def cell(value):
    """A value as Excel should show it: text that starts like a formula is kept as text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    return value


def csv_chunks(header, rows):
    """The file as encoded pieces: the BOM and the header first, then rows in groups (CRLF line ends).

    The pieces are produced while the response is sent, after the view (and the admin's language and time
    zone for the user) has returned: labels and times keep the language and time zone active now."""
    language, zone = translation.get_language(), timezone.get_current_timezone()
    writer = csv.writer(_Echo(), lineterminator="\r\n")

    def pieces():
        with translation.override(language), timezone.override(zone):
            yield (BOM + writer.writerow([str(title) for title in header])).encode("utf-8")
            lines = []
            for row in rows:
                lines.append(writer.writerow([cell(value) for value in row]))
                if len(lines) >= LINES_PER_WRITE:
                    yield "".join(lines).encode("utf-8")
                    lines = []
            if lines:
                yield "".join(lines).encode("utf-8")

    return pieces()


def local_time(moment, zone=None):
    if moment is None:
        return ""
    return f"{timezone.localtime(moment, ZoneInfo(zone) if zone else None):%Y-%m-%d %H:%M}"


def joined(names):
    return "; ".join(str(name) for name in names)


def yes(value):
    return pgettext("a yes/no column of an export", "yes") if value else ""


# --- Members --------------------------------------------------------------------------------------------


def members(exporter, status=""):
    """Every profile (or those with one membership status), with the parts the exporter may see.

    The secretariat may see every part of every profile (permissions.audiences_for), so its export is complete;
    the rule is still asked row by row, so a part hidden from whoever exports is left empty."""
    audiences = permissions.audiences_for(exporter)
    profiles = (
        Profile.objects.select_related("user")
        .prefetch_related("departments", "sites", "expertise")
        .order_by("pk")
    )
    if status:
        profiles = profiles.filter(status=status)

    def row(profile):
        parts = permissions.visible_parts(exporter, profile, audiences)

        def part(name, value):
            return value if name in parts else ""

        return [
            profile.handle,
            profile.display_name,
            profile.name_kana,
            profile.name_romaji,
            profile.get_kind_display(),
            profile.get_status_display(),
            local_time(profile.approved_at),
            part("career_years", profile.joined_year),
            part("career_years", profile.left_year),
            part("departments", joined(unit.name for unit in profile.departments.all())),
            part("sites", joined(unit.name for unit in profile.sites.all())),
            part("work", profile.organisation),
            part("work", profile.job_title),
            part("location", profile.location),
            part("expertise", joined(tag.name for tag in profile.expertise.all())),
            part("open_to", joined(profile.open_to_labels())),
            yes(profile.is_supporter),
            profile.user.email,
        ]

    header = [
        gettext_lazy("Handle"),
        gettext_lazy("Display name"),
        gettext_lazy("Reading (kana)"),
        gettext_lazy("Name in romaji"),
        gettext_lazy("Member kind"),
        gettext_lazy("Membership status"),
        gettext_lazy("Approved at"),
        gettext_lazy("Joining year"),
        gettext_lazy("Leaving year"),
        gettext_lazy("Departments"),
        gettext_lazy("Sites"),
        gettext_lazy("Current organisation"),
        gettext_lazy("Current title"),
        gettext_lazy("Location"),
        gettext_lazy("Expertise"),
        gettext_lazy("Open to"),
        gettext_lazy("Supporter"),
        gettext_lazy("E-mail address"),
    ]
    return Export("members", header, profiles, row, {"status": status})


# --- Applications ---------------------------------------------------------------------------------------


def applications(status=""):
    """Membership applications with everything the review needs, and the decision."""
    rows = Application.objects.select_related("user", "decided_by").order_by("pk")
    if status:
        rows = rows.filter(status=status)

    def row(application):
        return [
            application.pk,
            local_time(application.created_at),
            application.get_status_display(),
            application.get_kind_display(),
            application.full_name,
            application.name_kana,
            application.name_romaji,
            application.former_surname,
            application.joined_year,
            application.left_year,
            application.departments,
            application.sites,
            application.employee_number,
            application.referee,
            application.organisation,
            application.job_title,
            application.message,
            application.user.email,
            application.decided_by.email if application.decided_by else "",
            local_time(application.decided_at),
            application.decision_reason,
            application.notes,
        ]

    header = [
        gettext_lazy("Number"),
        gettext_lazy("Applied at"),
        gettext_lazy("Status"),
        gettext_lazy("Member kind"),
        gettext_lazy("Full name"),
        gettext_lazy("Reading (kana)"),
        gettext_lazy("Name in romaji"),
        gettext_lazy("Former surname"),
        gettext_lazy("Joining year"),
        gettext_lazy("Leaving year"),
        gettext_lazy("Departments"),
        gettext_lazy("Sites"),
        gettext_lazy("Employee number"),
        gettext_lazy("Referee"),
        gettext_lazy("Current organisation"),
        gettext_lazy("Current title"),
        gettext_lazy("Message to the secretariat"),
        gettext_lazy("E-mail address"),
        gettext_lazy("Decided by"),
        gettext_lazy("Decided at"),
        gettext_lazy("Reason"),
        gettext_lazy("Secretariat notes"),
    ]
    return Export("applications", header, rows, row, {"status": status})


# --- Event attendance -----------------------------------------------------------------------------------


def attendance(event=None):
    """Every member's answer to every event (or to one), with seat and after-party place, by event date."""
    rows = Registration.objects.select_related("event", "user__profile").order_by(
        "event__starts_at", "event_id", "created_at", "pk"
    )
    if event is not None:
        rows = rows.filter(event=event)

    def row(registration):
        event, user = registration.event, registration.user
        profile = permissions.profile_of(user)
        return [
            event.title,
            local_time(event.starts_at, event.time_zone),
            profile.display_name if profile else (user.get_full_name() or user.email),
            profile.name_kana if profile else "",
            profile.get_kind_display() if profile else "",
            registration.get_response_display(),
            registration.get_seat_display(),
            registration.get_after_party_display() if event.has_after_party else "",
            user.email,
        ]

    header = [
        gettext_lazy("Event"),
        gettext_lazy("Starts at"),
        gettext_lazy("Member"),
        gettext_lazy("Reading (kana)"),
        gettext_lazy("Member kind"),
        gettext_lazy("Answer"),
        gettext_lazy("Seat"),
        gettext_lazy("After-party"),
        gettext_lazy("E-mail address"),
    ]
    chosen = f"{event.pk} {event.title}" if event is not None else ""
    return Export("attendance", header, rows, row, {"event": chosen})
