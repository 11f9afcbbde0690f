"""The database cache's table (settings.CACHES: rate limits, single-use TOTP codes).

`migrate` alone leaves a working site: no separate `createcachetable` step. Databases that ran
`createcachetable` before already have the table; Django's command skips existing tables.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_roles")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
