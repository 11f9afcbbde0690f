"""TRUNCATE of the access log and the erasure ledger is refused too (SECURITY 34).

A statement trigger raises unless the session sets `jump.audit_truncate_allowed = on`. Only the
test and benchmark settings set it (on their own databases, through the connection's options,
see `allow_audit_truncate` in jump/settings/base.py), so their flushes keep working; production
settings never do. PostgreSQL only, like 0003.
"""

from django.db import migrations

from jump.audit.triggers import trigger_operation

FUNCTION = """
CREATE OR REPLACE FUNCTION audit_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('jump.audit_truncate_allowed', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'rows of % are append-only: TRUNCATE refused', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""
TRIGGER = """
CREATE TRIGGER {table}_no_truncate
BEFORE TRUNCATE ON {table}
FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate();
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_append_only_triggers")]

    operations = [
        trigger_operation(
            function=FUNCTION,
            trigger=TRIGGER,
            drop_trigger="DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};",
            drop_function="DROP FUNCTION IF EXISTS audit_refuse_truncate();",
        )
    ]
