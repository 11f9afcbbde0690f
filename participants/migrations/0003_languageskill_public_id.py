"""Language skills get a public id for their URLs (edit/delete), filled for existing rows."""

import uuid

from django.db import migrations, models


def fill_public_ids(apps, schema_editor):
    LanguageSkill = apps.get_model("participants", "LanguageSkill")
    for skill in LanguageSkill.objects.filter(public_id__isnull=True).only("pk"):
        skill.public_id = uuid.uuid4()
        skill.save(update_fields=["public_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0002_case_file_activities_documents"),
    ]

    operations = [
        migrations.AddField(
            model_name="languageskill",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="public id"),
        ),
        migrations.RunPython(fill_public_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="languageskill",
            name="public_id",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="public id"
            ),
        ),
    ]
