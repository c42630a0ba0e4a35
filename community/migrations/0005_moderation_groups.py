"""Auth groups for moderation: the Secretariat handles reports and groups; "Group moderators" (members who
moderate at least one group) reach the report queue, which shows them only their groups' reports."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = {
    "Secretariat": ["view_report", "change_report", "view_group", "change_group", "add_group"],
    "Group moderators": ["view_report", "change_report"],
}


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    access_admin = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    for name, codenames in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*access_admin)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="community", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0004_groups_posts_reactions_reports"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
