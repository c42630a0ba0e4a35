"""Each expertise tag at most once per member: the repeats an unlucky race may have left go first."""

from django.db import migrations, models
from django.db.models import Min


def drop_repeats(apps, schema_editor):
    ExpertiseTag = apps.get_model("community", "ExpertiseTag")
    first = (
        ExpertiseTag.objects.values("content_object", "tag")
        .annotate(keep=Min("pk"))
        .values_list("keep", flat=True)
    )
    ExpertiseTag.objects.exclude(pk__in=list(first)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0016_comment_parent_index"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunPython(drop_repeats, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="expertisetag",
            constraint=models.UniqueConstraint(
                fields=("content_object", "tag"), name="expertise_tag_once_per_member"
            ),
        ),
    ]
