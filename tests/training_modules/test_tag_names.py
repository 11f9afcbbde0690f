"""Good-practice tags have a name per language and are shown in the reader's language (issue 19:
"the good-practice tags (English slugs)" were English on Danish and German pages)."""

from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation

from tests.factories.training_modules import GoodPracticeFactory
from training_modules import services
from training_modules.models import GoodPractice, Tag
from training_modules.services.content import tags_from_names

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice():
    tag = Tag.objects.create(
        name="language", name_en="language", name_da="sprog", name_de="Sprache"
    )
    practice = GoodPracticeFactory(title_en="Tandem weeks", status=GoodPractice.Status.PUBLISHED)
    practice.tags.set([tag])
    return practice


def page(client, name, language, **kwargs):
    with translation.override(language):
        url = reverse(f"training_modules:{name}", kwargs=kwargs or None)
    return client.get(url).content.decode()


@pytest.mark.parametrize(("language", "shown"), [("da", "sprog"), ("de", "Sprache")])
def test_tags_are_shown_in_the_readers_language(client_for, personas, practice, language, shown):
    personas.manager.preferred_language = language
    personas.manager.save(update_fields=["preferred_language"])
    client = client_for("manager")
    for html in (
        page(client, "good_practice_list", language),
        page(client, "good_practice_detail", language, public_id=practice.public_id),
    ):
        assert f">{shown}</a>" in html
        assert ">language</a>" not in html
        assert f"?tag={shown}" in html


@pytest.mark.parametrize("name", ["sprog", "SPRACHE", "language"])
def test_the_library_filters_by_a_tag_named_in_any_language(client_for, practice, name):
    other = GoodPracticeFactory(status=GoodPractice.Status.PUBLISHED)
    other.tags.set(tags_from_names(["mentoring"]))
    response = client_for("coach_a").get(
        reverse("training_modules:good_practice_list"), {"tag": name}
    )
    assert {p.pk for p in response.context["page"].object_list} == {practice.pk}


def test_a_writer_typing_a_tag_in_their_language_reuses_the_tag(personas, practice):
    with translation.override("de"):
        written = services.good_practice_create(
            actor=personas.trainer,
            data={"title_de": "Sprachcafé", "body_de": "Jede Woche.", "status": "draft"},
            tags=["sprache"],
        )
    assert list(written.tags.all()) == list(practice.tags.all())
    assert Tag.objects.count() == 1


def test_a_new_tag_is_named_in_the_writers_language_and_falls_back_in_the_others(personas):
    with translation.override("da"):
        written = services.good_practice_create(
            actor=personas.trainer,
            data={"title_da": "Forældremøder", "body_da": "På to sprog.", "status": "draft"},
            tags=["forældre"],
        )
    tag = written.tags.get()
    assert (tag.name_da, tag.name_de, tag.name_en) == ("forældre", None, None)
    with translation.override("de"):
        assert tag.name == "forældre"


def test_the_migration_names_existing_tags_in_english_and_the_demo_tags_in_danish_and_german():
    migration = import_module("training_modules.migrations.0002_tag_names_per_language")
    state = MigrationExecutor(connection).loader.project_state(
        ("training_modules", "0002_tag_names_per_language")
    )
    OldTag = state.apps.get_model("training_modules", "Tag")
    OldTag.objects.create(name="language")
    OldTag.objects.create(name="our own words")
    OldTag.objects.create(name="sprog")  # a Danish user's tag already called what "language" is
    migration.name_tags(state.apps, None)
    names = {t.name: (t.name_en, t.name_da, t.name_de) for t in OldTag.objects.all()}
    assert names == {
        "language": ("language", None, "Sprache"),
        "our own words": ("our own words", None, None),
        "sprog": ("sprog", None, None),
    }
