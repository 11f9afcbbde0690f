from django.db import migrations


def create_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="young_person")


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="young_person").delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_roles")]

    operations = [migrations.RunPython(create_role, remove_role)]
