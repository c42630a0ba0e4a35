"""On PostgreSQL, every entry gets a generated tsvector (title weighted A, body D) with a GIN index, searched
directly by search/postgres.py; Wagtail's index entries for SearchEntry are no longer needed there. SQLite keeps
Wagtail's FTS5 index and gets nothing here."""

from django.db import migrations

ADD = """
ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, title), 'A') || setweight(to_tsvector('simple'::regconfig, body), 'D')
) STORED;
CREATE INDEX search_entry_document_gin ON search_searchentry USING gin (document);
ANALYZE search_searchentry;
"""
DROP = """
DROP INDEX IF EXISTS search_entry_document_gin;
ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document;
"""


def add_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(ADD)
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    entry_type = ContentType.objects.filter(app_label="search", model="searchentry").first()
    if entry_type is not None:
        IndexEntry.objects.filter(content_type=entry_type).delete()


def drop_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_search_entries"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_document, drop_document)]
