"""PostgreSQL full-text search in French that ignores accents.

A text search configuration `french_unaccent`, copied from `french`, whose word mappings go
through `unaccent` before `french_stem`. Creating the extension needs a superuser (or a managed
database where `unaccent` is allowed): see README. On SQLite this migration does nothing.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CREATE = """
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
    ALTER TEXT SEARCH CONFIGURATION french_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
  END IF;
END
$$;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("concertation", "0001_initial")]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(forwards, backwards),
    ]
