"""The access log and the erasure ledger are append-only in the database itself (SECURITY 19):
a row trigger refuses UPDATE and DELETE, so not even raw SQL from the application can change
or remove a record. PostgreSQL only; on SQLite the models' own guards remain.

TRUNCATE is not covered (a statement trigger would also stop test databases being flushed);
the application never truncates.
"""

from django.db import migrations

from jump.audit.triggers import trigger_operation

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


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_erasure_ledger_retention")]

    operations = [
        trigger_operation(
            function=FORWARD,
            trigger=TRIGGER,
            drop_trigger=BACKWARD_TRIGGER,
            drop_function=BACKWARD,
        )
    ]
