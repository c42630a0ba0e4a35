"""The Secretariat group: decides applications, manages members, reads the audit log, curates departments.

Editors get none of these rights.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT_PERMISSIONS = {
    "community": [
        "view_application", "change_application",
        "view_profile", "change_profile",
        "view_auditentry",
        "view_orgunit", "add_orgunit", "change_orgunit", "delete_orgunit",
    ],
    "wagtailadmin": ["access_admin"],
}


def create_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group, _ = Group.objects.get_or_create(name="Secretariat")
    for app_label, codenames in SECRETARIAT_PERMISSIONS.items():
        group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0002_membership_and_profiles"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
