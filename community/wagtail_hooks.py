"""The secretariat's side of membership in the Wagtail admin (wagtail-modeladmin, one small class each)."""

from django.contrib import admin
from django.contrib.admin import SimpleListFilter
from django.contrib.auth import get_user_model
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin as StockModelAdmin
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import HistoryView

from . import admin_announcements, admin_exports, admin_outbox, admin_views
from .models import Announcement, Application, AuditEntry, Group, Idea, OrgUnit, Profile, Report
from .permissions import is_secretariat, moderated_group_ids


class ListedHistoryView(HistoryView):
    """wagtail-modeladmin's history page checks no permission at all (any admin user, an editor too, could read
    a report's excerpt or an applicant's name in it): only for objects in the viewer's own listing."""

    def check_action_permitted(self, user):
        listed = self.model_admin.get_queryset(self.request).filter(pk=self.instance.pk)
        return self.permission_helper.user_can_list(user) and listed.exists()


class ModelAdmin(StockModelAdmin):
    history_view_class = ListedHistoryView


def decide_button(url_name, obj, title):
    """The "Decide" button in a listing row, leading to the decision view for `obj`."""
    return {
        "url": reverse(url_name, args=[obj.pk]),
        "label": _("Decide"),
        "classname": "button button-small",
        "title": title,
    }


class ApplicationButtons(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude=["edit", "delete"])
        if obj.status == Application.Status.PENDING and self.request.user.has_perm(
            admin_views.DECIDE_PERMISSION
        ):
            buttons.insert(0, decide_button("community_decide_application", obj, _("Approve or reject")))
        return buttons


class ApplicationAdmin(ModelAdmin):
    model = Application
    menu_label = _("Applications")
    menu_icon = "form"
    list_display = ("full_name", "name_kana", "kind", "joined_year", "left_year", "status", "created_at")
    list_filter = ("status", "kind", "joined_year")
    search_fields = ("full_name", "name_kana", "name_romaji", "user__email", "employee_number", "departments")
    inspect_view_enabled = True
    button_helper_class = ApplicationButtons


class ProfileButtons(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude=["edit", "delete"])
        if self.request.user.has_perm(admin_views.SUSPEND_PERMISSION) and obj.status in (
            "member",
            "suspended",
        ):
            buttons.append(
                {
                    "url": reverse("community_suspend_member", args=[obj.pk]),
                    "label": _("Suspend") if obj.status == "member" else _("Reinstate"),
                    "classname": "button button-small button-secondary",
                    "title": _("Suspend or reinstate"),
                }
            )
        return buttons


class ProfileAdmin(ModelAdmin):
    model = Profile
    menu_label = _("Members")
    menu_icon = "group"
    list_display = (
        "display_name",
        "name_kana",
        "kind",
        "status",
        "joined_year",
        "is_supporter",
        "approved_at",
    )
    list_filter = ("status", "kind", "is_supporter")
    search_fields = ("display_name", "name_kana", "name_romaji", "former_surname", "user__email")
    inspect_view_enabled = True
    button_helper_class = ProfileButtons


class ReadOnlyPermissions(PermissionHelper):
    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


def actor_label(user):
    """Who acted, as the secretariat knows them: the display name (when there is a profile) and the e-mail."""
    profile = getattr(user, "profile", None)
    return f"{profile.display_name} <{user.email}>" if profile else user.email


class AuditActorFilter(SimpleListFilter):
    """Filter by who acted, offering only people who appear in the log (not every user of the site)."""

    title = _("who")
    parameter_name = "actor"

    def lookups(self, request, model_admin):
        actors = get_user_model().objects.filter(
            pk__in=AuditEntry.objects.filter(actor__isnull=False).values("actor_id")
        )
        return [(user.pk, actor_label(user)) for user in actors.select_related("profile").order_by("email")]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(actor_id=value) if value and value.isdigit() else queryset


class AuditAdmin(ModelAdmin):
    model = AuditEntry
    menu_label = _("Audit log")
    menu_icon = "history"
    list_display = ("created_at", "who", "action", "target", "reason")
    list_filter = ("action", AuditActorFilter)
    search_fields = ("target", "reason", "actor__email", "actor__profile__display_name")
    permission_helper_class = ReadOnlyPermissions

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor__profile")

    @admin.display(description=_("who"), ordering="actor__email")
    def who(self, entry):
        return actor_label(entry.actor) if entry.actor else "—"


class OrgUnitAdmin(ModelAdmin):
    model = OrgUnit
    menu_label = _("Departments and sites")
    menu_icon = "site"
    list_display = ("name", "name_en", "kind", "sort_order")
    list_filter = ("kind",)
    search_fields = ("name", "name_en")


class SecretariatMenuItem(MenuItem):
    """A menu item shown only to users holding the permission its view requires."""

    def __init__(self, *args, permission, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class GroupButtons(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude=["delete"])
        if obj.status == Group.Status.PROPOSED and is_secretariat(self.request.user):
            buttons.insert(0, decide_button("community_decide_group", obj, _("Approve or decline")))
        return buttons


class GroupAdmin(ModelAdmin):
    model = Group
    menu_label = _("Groups")
    menu_icon = "group"
    list_display = ("name", "kind", "is_private", "status", "proposed_by", "created_at")
    list_filter = ("status", "kind", "is_private")
    search_fields = ("name", "description")
    button_helper_class = GroupButtons
    form_fields_exclude = ["proposed_by"]


class ReportButtons(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        return [
            {
                "url": reverse("community_handle_report", args=[obj.pk]),
                "label": _("Review"),
                "classname": "button button-small",
                "title": _("Hide, restore or remove"),
            }
        ]


class ReportPermissions(ReadOnlyPermissions):
    pass


class ReportAdmin(ModelAdmin):
    """The moderation queue: the secretariat sees every report, group moderators those about their groups."""

    model = Report
    menu_label = _("Reports")
    menu_icon = "warning"
    list_display = ("created_at", "status", "group", "excerpt", "reason", "reporter")
    list_filter = ("status",)
    search_fields = ("excerpt", "reason")
    button_helper_class = ReportButtons
    permission_helper_class = ReportPermissions

    def get_queryset(self, request):
        reports = super().get_queryset(request).select_related("group", "reporter")
        if is_secretariat(request.user):
            return reports
        return reports.filter(group_id__in=moderated_group_ids(request.user))


class IdeaAdmin(ModelAdmin):
    """Ideas from the board. Their status is answered on the idea's page, where it is audited and the author
    told, so the edit form leaves it out."""

    model = Idea
    menu_label = _("Ideas")
    menu_icon = "comment"
    list_display = ("title", "author", "status", "vote_count", "created_at")
    list_filter = ("status", "kind")
    search_fields = ("title", "body")
    inspect_view_enabled = True
    form_fields_exclude = [
        "author",
        "status",
        "status_note",
        "status_changed_at",
        "status_changed_by",
        "edited_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


class AnnouncementAdmin(ModelAdmin):
    """News from the secretariat: saved is published (or scheduled); see admin_announcements.py."""

    model = Announcement
    menu_label = _("Announcements")
    menu_icon = "info-circle"
    list_display = ("title", "audience_label", "publish_at", "published_at", "send_email")
    list_filter = ("audience", "send_email")
    search_fields = ("title", "body")
    edit_handler = admin_announcements.panels
    create_view_class = admin_announcements.AnnouncementCreateView
    edit_view_class = admin_announcements.AnnouncementEditView
    delete_view_class = admin_announcements.AnnouncementDeleteView

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("for"))
    def audience_label(self, announcement):
        if announcement.audience == Announcement.Audience.EVERYONE:
            return announcement.get_audience_display()
        return "、".join(group.name for group in announcement.groups.all())


class ModerationGroup(ModelAdminGroup):
    menu_label = _("Community")
    menu_icon = "group"
    menu_order = 260
    items = (AnnouncementAdmin, ReportAdmin, GroupAdmin, IdeaAdmin)


modeladmin_register(ModerationGroup)


class MembershipGroup(ModelAdminGroup):
    menu_label = _("Membership")
    menu_icon = "group"
    menu_order = 250
    items = (ApplicationAdmin, ProfileAdmin, AuditAdmin, OrgUnitAdmin)

    def get_submenu_items(self):
        items = super().get_submenu_items()
        items.insert(
            0,
            SecretariatMenuItem(
                _("Pending applications"),
                reverse("community_application_queue"),
                icon_name="tasks",
                order=1,
                permission=admin_views.DECIDE_PERMISSION,
            ),
        )
        items.insert(
            3,
            SecretariatMenuItem(
                _("Supporters"),
                reverse("community_profile_modeladmin_index") + "?is_supporter__exact=1",
                icon_name="pick",
                order=3,
                permission="community.view_profile",
            ),
        )
        items.append(
            SecretariatMenuItem(
                _("Exports"),
                reverse("community_exports"),
                icon_name="download",
                order=900,
                permission=admin_exports.EXPORT_PERMISSION,
            )
        )
        return items


modeladmin_register(MembershipGroup)


@hooks.register("register_admin_urls")
def membership_admin_urls():
    return [
        path("membership/queue/", admin_views.application_queue, name="community_application_queue"),
        path(
            "membership/applications/<int:pk>/decide/",
            admin_views.decide_application,
            name="community_decide_application",
        ),
        path(
            "membership/members/<int:pk>/suspend/",
            admin_views.suspend_member,
            name="community_suspend_member",
        ),
        path("community/reports/<int:pk>/", admin_views.handle_report, name="community_handle_report"),
        path("community/groups/<int:pk>/decide/", admin_views.decide_group, name="community_decide_group"),
        path("membership/exports/", admin_exports.exports_page, name="community_exports"),
        path("community/outbox/", admin_outbox.outbox_page, name="community_outbox"),
        path("membership/exports/members/", admin_exports.export_members, name="community_export_members"),
        path(
            "membership/exports/applications/",
            admin_exports.export_applications,
            name="community_export_applications",
        ),
        path(
            "membership/exports/attendance/",
            admin_exports.export_attendance,
            name="community_export_attendance",
        ),
    ]


class OutboxMenuItem(MenuItem):
    def is_shown(self, request):
        return is_secretariat(request.user)


@hooks.register("register_admin_menu_item")
def outbox_menu_item():
    """The e-mail outbox (community/admin_outbox.py), shown to the secretariat only."""
    return OutboxMenuItem(_("E-mail outbox"), reverse("community_outbox"), icon_name="mail", order=270)


@hooks.register("construct_homepage_panels")
def add_community_dashboard(request, panels):
    """The secretariat's dashboard (community/dashboard.py) on the admin home; editors never see it."""
    if is_secretariat(request.user):
        from .dashboard import CommunityDashboardPanel

        panels.append(CommunityDashboardPanel())
