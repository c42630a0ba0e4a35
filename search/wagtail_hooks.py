"""The secretariat's search synonyms in the Wagtail admin (wagtail-modeladmin).

Who may open it is decided by the model's permissions (add/change/delete/view_synonym), which only the
Secretariat group holds (migration search/0003): editors and group moderators are sent back to the admin home.
"""

from django.utils.translation import gettext_lazy as _

from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .models import Synonym


class SynonymAdmin(ModelAdmin):
    model = Synonym
    menu_label = _("Search synonyms")
    menu_icon = "search"
    menu_order = 280
    add_to_settings_menu = False
    list_display = ("__str__", "updated_at")
    search_fields = ("terms",)
    # wagtail-modeladmin's history page checks no permission (any admin user could open it): left out.
    history_view_enabled = False


modeladmin_register(SynonymAdmin)
