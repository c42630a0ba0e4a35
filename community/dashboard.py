"""The secretariat's dashboard on the Wagtail admin home: the queues, who is active, how members talk to each
other, and charts of growth and activity — every figure counted by community/insights.py.

Shown only to the secretariat (`permissions.is_secretariat`); the hook in wagtail_hooks.py adds it.
"""

from django.core.cache import cache
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from wagtail.admin.ui.components import Component

from . import charts, insights
from .admin_views import DECIDE_PERMISSION
from .audiences import MemberKind

MONTHS = 12
WEEKS = 12
WINDOW_DAYS = 30
CACHE_KEY = "community:dashboard:figures:v1"
CACHE_SECONDS = 600


def _month_label(day, first):
    """The month's short name ("Jan", "1月"), with the year underneath for the first month and every January."""
    month = formats.date_format(day, "M")
    return f"{month}\n{day.year}" if first or day.month == 1 else month


def _percent(part, whole):
    return round(100 * part / whole) if whole else None


def members_chart(figures):
    labels = [_month_label(day, i == 0) for i, day in enumerate(figures.periods)]
    total = figures.series["total"]
    first, last = figures.periods[0], figures.periods[-1]
    description = _(
        "%(now)s members now, %(start)s at the end of %(first)s. Now: %(alumni)s alumni, %(employees)s current "
        "employees, %(secretariat)s secretariat. Month by month since %(first)s to %(last)s."
    ) % {
        "now": f"{total[-1]:,}",
        "start": f"{total[0]:,}",
        "first": formats.date_format(first, "YEAR_MONTH_FORMAT"),
        "last": formats.date_format(last, "YEAR_MONTH_FORMAT"),
        "alumni": f"{figures.series[MemberKind.ALUMNI][-1]:,}",
        "employees": f"{figures.series[MemberKind.EMPLOYEE][-1]:,}",
        "secretariat": f"{figures.series[MemberKind.SECRETARIAT][-1]:,}",
    }
    return charts.line_chart(
        chart_id="chart-members",
        title=_("Members over the past %(n)d months") % {"n": len(figures.periods)},
        description=description,
        labels=labels,
        series=[
            charts.Series(_("All members"), total, charts.TEXT),
            charts.Series(MemberKind.ALUMNI.label, figures.series[MemberKind.ALUMNI], charts.ACCENT, "7 3"),
            charts.Series(
                MemberKind.EMPLOYEE.label, figures.series[MemberKind.EMPLOYEE], charts.GREEN, "2 3"
            ),
            charts.Series(
                MemberKind.SECRETARIAT.label, figures.series[MemberKind.SECRETARIAT], charts.MUTED, "10 3 2 3"
            ),
        ],
        table_labels=[formats.date_format(day, "YEAR_MONTH_FORMAT") for day in figures.periods],
        label_heading=_("Month"),
        width=760,
        height=280,
    )


def activity_chart(figures):
    posts, comments = figures.series["posts"], figures.series["comments"]
    return charts.bar_chart(
        chart_id="chart-activity",
        title=_("Posts and comments per week"),
        description=_(
            "Posts and comments written in each of the last %(n)d weeks (Monday to Sunday): %(posts)s posts and "
            "%(comments)s comments in all, %(this_posts)s posts and %(this_comments)s comments this week so far."
        )
        % {
            "n": len(figures.periods),
            "posts": f"{sum(posts):,}",
            "comments": f"{sum(comments):,}",
            "this_posts": f"{posts[-1]:,}",
            "this_comments": f"{comments[-1]:,}",
        },
        labels=[formats.date_format(day, "n/j") for day in figures.periods],
        table_labels=[
            _("Week of %(date)s") % {"date": formats.date_format(day, "DATE_FORMAT")}
            for day in figures.periods
        ],
        label_heading=_("Week"),
        series=[
            charts.Series(_("Posts"), posts, charts.ACCENT),
            charts.Series(_("Comments"), comments, charts.GREEN),
        ],
        layout="stacked",
        width=440,
    )


def events_chart(events):
    labels = [f"{formats.date_format(timezone.localtime(e.starts_at), 'n/j')} {e.title}" for e in events]
    return charts.bar_chart(
        chart_id="chart-events",
        title=_("Attendance at recent events"),
        description=_("Confirmed seats at the last %(n)d events that have ended, against their capacity.")
        % {"n": len(events)},
        labels=labels,
        series=[
            charts.Series(_("Capacity"), [e.capacity for e in events], charts.LINE_STRONG),
            charts.Series(_("Confirmed seats"), [e.confirmed for e in events], charts.ACCENT),
        ],
        layout="overlaid",
        horizontal=True,
        label_heading=_("Event"),
        value_labels=[
            f"{e.confirmed:,} / {e.capacity:,}" if e.capacity else f"{e.confirmed:,}" for e in events
        ],
        width=440,
    )


def groups_chart(groups):
    return charts.bar_chart(
        chart_id="chart-groups",
        title=_("Most active groups (last %(days)d days)") % {"days": WINDOW_DAYS},
        description=_(
            "The groups with the most posts and comments on their posts in the last %(days)d days, busiest first."
        )
        % {"days": WINDOW_DAYS},
        labels=[g.name for g in groups],
        series=[
            charts.Series(_("Posts"), [g.posts for g in groups], charts.ACCENT),
            charts.Series(_("Comments"), [g.comments for g in groups], charts.GREEN),
        ],
        layout="stacked",
        horizontal=True,
        label_heading=_("Group"),
        width=440,
    )


def counted_figures():
    """The figures that read a month or a year of activity, counted at most once every CACHE_SECONDS and
    shared by every secretariat user (at 100,000 members they take seconds: see bench/insights.py). The queues
    and this week's new members are counted on every visit instead, so a decision shows at once."""
    figures = cache.get(CACHE_KEY)
    if figures is None:
        with insights.analytics():
            figures = {
                "counted_at": timezone.now(),
                "growth": insights.members_over_time(months=MONTHS),
                "new_in_six_months": insights.new_members(days=183),
                "active": insights.active_members(days=WINDOW_DAYS),
                "engagement": insights.engagement(days=WINDOW_DAYS),
                "activity": insights.activity_per_week(weeks=WEEKS),
                "events": insights.event_attendance(limit=10),
                "groups": insights.most_active_groups(days=WINDOW_DAYS, limit=8),
            }
        cache.set(CACHE_KEY, figures, CACHE_SECONDS)
    return figures


class CommunityDashboardPanel(Component):
    """The figures and charts, above Wagtail's own panels."""

    name = "community_dashboard"
    template_name = "community/admin/dashboard_panel.html"
    order = 50

    class Media:
        css = {"all": ["css/admin-dashboard.css"]}

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        user = request.user
        figures = counted_figures()
        growth, engagement = figures["growth"], figures["engagement"]
        members = growth.series["total"][-1]
        events, groups = figures["events"], figures["groups"]
        return {
            "request": request,
            "members": members,
            "members_by_kind": [
                (MemberKind(kind).label, growth.series[kind][-1])
                for kind in (MemberKind.ALUMNI, MemberKind.EMPLOYEE)
            ],
            "new_in_six_months": figures["new_in_six_months"],
            "pending_applications": insights.pending_applications(),
            "applications_url": reverse("community_application_queue")
            if user.has_perm(DECIDE_PERMISSION)
            else "",
            "open_reports": insights.open_reports(),
            "reports_url": reverse("community_report_modeladmin_index") + "?status__exact=open"
            if user.has_perm("community.view_report")
            else "",
            "new_this_week": insights.new_members(days=7),
            "active_members": figures["active"],
            "active_percent": _percent(figures["active"], members),
            "engagement": engagement,
            "member_share_percent": _percent(engagement.member_to_member, engagement.interactions),
            "window_days": WINDOW_DAYS,
            "counted_at": figures["counted_at"],
            "recount_minutes": CACHE_SECONDS // 60,
            "charts": [
                members_chart(growth),
                activity_chart(figures["activity"]),
                *([events_chart(events)] if events else []),
                *([groups_chart(groups)] if groups else []),
            ],
            "no_events": not events,
            "no_groups": not groups,
        }
