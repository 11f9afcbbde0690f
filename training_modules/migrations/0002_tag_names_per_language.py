"""A tag's name per language (django-modeltranslation): the existing name becomes the English
one, and the demo's tags get their Danish and German names."""

from django.db import migrations, models


# English name → (Danish, German): the tags of the demo library (training_modules/demo_content.py,
# TAG_NAMES). A copy, because a migration must not change when the demo does.
NAMES = {
    "tandem": ("tandem", "Tandem"),
    "language": ("sprog", "Sprache"),
    "mobility": ("mobilitet", "Mobilität"),
    "mentoring": ("mentorordning", "Mentoring"),
    "companies": ("virksomheder", "Betriebe"),
    "apprenticeship": ("lærlingeuddannelse", "Ausbildung"),
    "paperwork": ("papirarbejde", "Formalitäten"),
    "commuting": ("pendling", "Pendeln"),
    "checklist": ("tjekliste", "Checkliste"),
    "internship": ("praktik", "Praktikum"),
    "families": ("familier", "Familien"),
    "applications": ("ansøgninger", "Bewerbungen"),
}


def name_tags(apps, schema_editor):
    Tag = apps.get_model("training_modules", "Tag")
    taken = set()
    tags = list(Tag.objects.order_by("pk"))
    for tag in tags:
        tag.name_en = tag.name
    for tag in tags:
        # A translation is only given where no other tag already has that name.
        danish, german = NAMES.get(tag.name.lower(), (None, None))
        others = {t.name.lower() for t in tags if t.pk != tag.pk}
        if danish and danish.lower() not in others | taken:
            tag.name_da = danish
            taken.add(danish.lower())
        if german and german.lower() not in others | taken:
            tag.name_de = german
            taken.add(german.lower())
    Tag.objects.bulk_update(tags, ["name_en", "name_da", "name_de"])


def unname_tags(apps, schema_editor):
    apps.get_model("training_modules", "Tag").objects.update(
        name_en=None, name_da=None, name_de=None
    )


class Migration(migrations.Migration):
    dependencies = [
        ("training_modules", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="tag",
            name="name_da",
            field=models.CharField(max_length=50, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="tag",
            name="name_de",
            field=models.CharField(max_length=50, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="tag",
            name="name_en",
            field=models.CharField(max_length=50, null=True, unique=True, verbose_name="name"),
        ),
        migrations.RunPython(name_tags, unname_tags),
    ]
