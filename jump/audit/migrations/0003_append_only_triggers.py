"""The access log and the erasure ledger are append-only in the database itself (SECURITY 19):
a row trigger refuses UPDATE and DELETE, so not even raw SQL from the application can change
or remove a record. PostgreSQL only; on SQLite the models' own guards remain.

TRUNCATE is not covered (a statement trigger would also stop test databases being flushed);
the application never truncates.
"""

from django.db import migrations

TABLES = ("audit_accesslog", "audit_erasureledger")

FORWARD = """
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""
TRIGGER = """
CREATE TRIGGER {table}_append_only
BEFORE UPDATE OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION audit_append_only();
"""
BACKWARD_TRIGGER = "DROP TRIGGER IF EXISTS {table}_append_only ON {table};"
BACKWARD = "DROP FUNCTION IF EXISTS audit_append_only();"


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FORWARD, params=None)  # no placeholders: the % are PL/pgSQL
    for table in TABLES:
        schema_editor.execute(TRIGGER.format(table=table))


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(BACKWARD_TRIGGER.format(table=table))
    schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_erasure_ledger_retention")]

    operations = [migrations.RunPython(create_triggers, drop_triggers, elidable=False)]
