"""Put a HomePage at the site root and give editors the right to publish stories and manage images.

Wagtail's initial data makes a placeholder "Welcome" page and Editors/Moderators groups without publish rights
or rights on our custom image model. Editors may publish pages and use images; they never manage users.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
IMAGE_PERMISSIONS = ["add_portalimage", "change_portalimage", "delete_portalimage", "choose_image"]


def build_site(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("home.HomePage")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore.Collection")

    locale, _ = Locale.objects.get_or_create(language_code="ja")
    Locale.objects.get_or_create(language_code="en")

    root = Page.objects.get(depth=1)
    if not HomePage.objects.exists():
        Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
        content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
        numchild = Page.objects.filter(depth=2).count()
        home = HomePage.objects.create(
            title="つながり",
            draft_title="つながり",
            slug="home",
            content_type=content_type,
            path=f"{root.path}{numchild + 1:04d}",
            depth=2,
            numchild=0,
            url_path="/home/",
            locale=locale,
            hero_title="会社を離れても、つながりは続く。",
            live=True,
        )
        root.numchild = Page.objects.filter(depth=2).count()
        root.save(update_fields=["numchild"])
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page_id": home.pk, "site_name": "Tsunagari"},
        )

    page_perms = Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=EDITOR_PAGE_PERMISSIONS)
    image_perms = Permission.objects.filter(content_type__app_label="home", codename__in=IMAGE_PERMISSIONS)
    collection = Collection.objects.filter(depth=1).first()
    for name in ("Editors", "Moderators"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(
            content_type__app_label__in=["wagtailadmin", "simple_translation"],
            codename__in=["access_admin", "submit_translation"],
        ))
        for permission in page_perms:
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
        if collection:
            for permission in image_perms:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(build_site, migrations.RunPython.noop)]
