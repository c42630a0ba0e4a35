"""The Secretariat group writes announcements and exports data; Editors get neither right."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT_CODENAMES = [
    "add_announcement",
    "change_announcement",
    "view_announcement",
    "delete_announcement",
    "export_data",
]


def secretariat_announces_and_exports(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    secretariat, _ = Group.objects.get_or_create(name="Secretariat")
    secretariat.permissions.add(
        *Permission.objects.filter(content_type__app_label="community", codename__in=SECRETARIAT_CODENAMES)
    )


def take_back(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group in Group.objects.filter(name="Secretariat"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="community", codename__in=SECRETARIAT_CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0009_announcements_and_export_right"),
    ]

    operations = [migrations.RunPython(secretariat_announces_and_exports, take_back)]
