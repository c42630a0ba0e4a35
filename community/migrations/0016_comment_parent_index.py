"""An index on django-comments-xtd's parent_id, which the library does not declare.

Every new comment is saved twice; on the second save the library's pre_save handler looks up the comment's
replies (`parent_id = <id>`) and updates them. Without an index both statements read the whole comment table:
260 ms per comment posted at 3,000,000 comments (bench/load.py), growing with every comment. The library's
model is not ours to change, so the index is made here, on every database.
"""

from django.db import migrations

INDEX = "community_xtdcomment_parent_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0015_pinned_and_announcement_indexes"),
        ("django_comments_xtd", "0008_auto_20200920_2037"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON django_comments_xtd_xtdcomment (parent_id)",
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
