"""On PostgreSQL, a small tsvector of each entry's title alone: search/postgres.py ranks matches by how many query
words their title holds, instead of running ts_rank over each match's whole document (it says why). Adding the
generated column rewrites the table once (about 20 s for 485,000 entries).

The one GIN index over every entry's document becomes one per range a query reads — members' entries of each
audience variant, posts, everything else — so a search finds its candidates in its own range instead of
intersecting the whole index's matches with a bitmap of the kind (22 of 52 ms for "商品開発部" among 100,000
members; 5 ms with its own index). No b-tree starts with the kind any more: the one on
(kind, variant, visibility) goes, and the unique (kind, object_id, variant) becomes (object_id, kind, variant),
so that a search cannot read a kind's range of a b-tree instead of its GIN index (search/postgres.py says why). The generated column and the GIN
indexes are PostgreSQL's only; the b-tree changes are made on every database."""

from django.db import migrations, models

ADD = """
ALTER TABLE search_searchentry ADD COLUMN title_document tsvector
    GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, title)) STORED;
CREATE INDEX search_entry_alumni_gin ON search_searchentry USING gin (document)
    WHERE kind = 'member' AND variant = 'alumni';
CREATE INDEX search_entry_employees_gin ON search_searchentry USING gin (document)
    WHERE kind = 'member' AND variant = 'employees';
CREATE INDEX search_entry_all_gin ON search_searchentry USING gin (document)
    WHERE kind = 'member' AND variant = 'all';
CREATE INDEX search_entry_post_gin ON search_searchentry USING gin (document) WHERE kind = 'post';
CREATE INDEX search_entry_other_gin ON search_searchentry USING gin (document)
    WHERE kind NOT IN ('member', 'post');
DROP INDEX search_entry_document_gin;
ANALYZE search_searchentry;
"""
DROP = """
CREATE INDEX IF NOT EXISTS search_entry_document_gin ON search_searchentry USING gin (document);
DROP INDEX IF EXISTS search_entry_alumni_gin;
DROP INDEX IF EXISTS search_entry_employees_gin;
DROP INDEX IF EXISTS search_entry_all_gin;
DROP INDEX IF EXISTS search_entry_post_gin;
DROP INDEX IF EXISTS search_entry_other_gin;
ALTER TABLE search_searchentry DROP COLUMN IF EXISTS title_document;
"""


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_synonyms")]

    operations = [
        migrations.RunPython(add, drop),
        migrations.RemoveIndex(model_name="searchentry", name="search_entry_filter_idx"),
        migrations.RemoveConstraint(model_name="searchentry", name="one_entry_per_variant"),
        migrations.AddConstraint(
            model_name="searchentry",
            constraint=models.UniqueConstraint(
                fields=("object_id", "kind", "variant"), name="one_entry_per_variant"
            ),
        ),
    ]
