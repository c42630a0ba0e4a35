"""The secretariat's synonym table (search/synonyms.py); the Secretariat group keeps it, Editors get no right."""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

CODENAMES = ["add_synonym", "change_synonym", "delete_synonym", "view_synonym"]


def secretariat_keeps_synonyms(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    secretariat, _ = Group.objects.get_or_create(name="Secretariat")
    secretariat.permissions.add(
        *Permission.objects.filter(content_type__app_label="search", codename__in=CODENAMES)
    )


def take_back(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group in Group.objects.filter(name="Secretariat"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="search", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_postgres_document"),
        ("community", "0003_secretariat_group"),
    ]

    operations = [
        migrations.CreateModel(
            name="Synonym",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "terms",
                    models.TextField(
                        help_text="Two or more words that mean the same, separated by commas or new lines, for "
                        "example: キャリフェス, キャリアフェスティバル, Career Festival. A search for any of them "
                        "also finds the others.",
                        verbose_name="terms",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
            ],
            options={"verbose_name": "synonym", "verbose_name_plural": "synonyms", "ordering": ["pk"]},
        ),
        migrations.RunPython(secretariat_keeps_synonyms, take_back),
    ]
