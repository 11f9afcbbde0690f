"""The database triggers that keep the audit tables append-only (SECURITY 19 and 34), as the
migrations 0003 and 0004 install them: written once here, used by both.

Applied migrations must keep their effect: change nothing here that they use; a new trigger is
a new migration calling `trigger_operation` with its own SQL.
"""

from django.db import migrations

# The append-only tables: the access log and the erasure ledger.
APPEND_ONLY_TABLES = ("audit_accesslog", "audit_erasureledger")


def trigger_operation(
    *, function: str, trigger: str, drop_trigger: str, drop_function: str
) -> migrations.RunPython:
    """A migration operation creating the PL/pgSQL `function` and, for each append-only table,
    the `trigger` ("{table}" is filled in); backwards it drops them. PostgreSQL only (on
    SQLite the models' own guards remain)."""

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(function, params=None)  # no placeholders: the % are PL/pgSQL
        for table in APPEND_ONLY_TABLES:
            schema_editor.execute(trigger.format(table=table))

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in APPEND_ONLY_TABLES:
            schema_editor.execute(drop_trigger.format(table=table))
        schema_editor.execute(drop_function)

    return migrations.RunPython(forward, backward, elidable=False)
