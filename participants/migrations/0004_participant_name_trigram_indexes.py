"""Trigram indexes for the name search of the caseload (issue 12, make bench).

The caseload searches each word with `first_name__icontains` / `last_name__icontains`, which
PostgreSQL runs as `UPPER(name::text) LIKE UPPER('%word%')`: a B-tree cannot serve a leading
wildcard, a GIN trigram index on the same expression can. PostgreSQL only (pg_trgm); on other
databases this migration does nothing. The indexes are created here rather than in
`Participant.Meta.indexes` because a GIN index cannot be declared there without breaking the
SQLite databases of the tests.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    "participant_first_name_trgm": "first_name",
    "participant_last_name_trgm": "last_name",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON participants_participant "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0003_languageskill_public_id"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
