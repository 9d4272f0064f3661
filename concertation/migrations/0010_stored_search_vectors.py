"""Full-text search at scale (issue 16): a stored, GIN-indexed `tsvector` on contributions and
on chapter versions, instead of `to_tsvector` over every row at each query.

PostgreSQL triggers fill the vectors on every insert and on every update of the texts they
come from: views, services, the admin, `bulk_create`, `QuerySet.update`, COPY and raw SQL all
keep them right, with nothing in the application to forget. A generated column would do the
same, but Django's GeneratedField has to compile its expression on SQLite too, where
`to_tsvector` does not exist. The `UPDATE OF` list leaves the many writes that touch neither
text (reaction counts, moderation status) free of any parsing; `search_vector` is in it so that
a `save()` of every field (which writes the instance's stale or empty vector) recomputes it.

On SQLite (development) the columns exist and stay empty, and neither trigger nor GIN index
is created: the search falls back to folding the texts (concertation.search).
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations
from django.db.models import Q

TRIGGERS = {
    "concertation_contribution": (
        "setweight(to_tsvector('french_unaccent', coalesce(NEW.body, '')), 'A')"
        " || setweight(to_tsvector('french_unaccent', coalesce(NEW.proposed_text, '')), 'B')",
        "body, proposed_text",
    ),
    "concertation_chapterversion": (
        "setweight(to_tsvector('french_unaccent', coalesce(NEW.body, '')), 'B')",
        "body",
    ),
}

CREATE = """
CREATE OR REPLACE FUNCTION {table}_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := {vector};
  RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS {table}_search_vector ON {table};
CREATE TRIGGER {table}_search_vector
  BEFORE INSERT OR UPDATE OF {columns}, search_vector ON {table}
  FOR EACH ROW EXECUTE FUNCTION {table}_search_vector();
"""
# Fills the rows already there (the trigger fires on this update of search_vector).
BACKFILL = "UPDATE {table} SET search_vector = NULL;"
DROP = """
DROP TRIGGER IF EXISTS {table}_search_vector ON {table};
DROP FUNCTION IF EXISTS {table}_search_vector();
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (vector, columns) in TRIGGERS.items():
        schema_editor.execute(CREATE.format(table=table, vector=vector, columns=columns))
        schema_editor.execute(BACKFILL.format(table=table))


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TRIGGERS:
        schema_editor.execute(DROP.format(table=table))


class AddIndexOnPostgres(migrations.AddIndex):
    """The index is in the models' state on every database, built on PostgreSQL only (SQLite
    has no GIN index)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("concertation", "0009_thread_indexes_in_page_order")]

    operations = [
        migrations.AddField(
            model_name="contribution",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="chapterversion",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        # Before the index: filling 500,000 rows then building the index once is much faster
        # than updating the index row by row.
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
        AddIndexOnPostgres(
            model_name="contribution",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=Q(status="published"),
                fields=["search_vector"],
                name="contrib_search_idx",
            ),
        ),
    ]
