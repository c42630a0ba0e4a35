"""The secretariat's side of membership in the Wagtail admin (wagtail-modeladmin, one small class each)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from . import admin_views
from .models import Application, AuditEntry, Group, Idea, OrgUnit, Profile, Report
from .permissions import is_secretariat, moderated_group_ids


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


class AuditAdmin(ModelAdmin):
    model = AuditEntry
    menu_label = _("Audit log")
    menu_icon = "history"
    list_display = ("created_at", "actor", "action", "target", "reason")
    list_filter = ("action",)
    search_fields = ("target", "reason", "actor__email")
    permission_helper_class = ReadOnlyPermissions


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


class ModerationGroup(ModelAdminGroup):
    menu_label = _("Community")
    menu_icon = "group"
    menu_order = 260
    items = (ReportAdmin, GroupAdmin, IdeaAdmin)


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
    ]
