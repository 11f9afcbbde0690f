import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import translation
from modeltranslation.translator import translator

from tests.factories.training_modules import GoodPracticeFactory, ModuleFactory
from training_modules import fallback
from training_modules.models import GoodPractice, Module

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.mark.django_db
def test_every_translated_field_has_a_column_for_danish_german_and_english():
    models = translator.get_registered_models()
    assert Module in models and GoodPractice in models
    with connection.cursor() as cursor:
        for model in models:
            columns = {
                column.name
                for column in connection.introspection.get_table_description(
                    cursor, model._meta.db_table
                )
            }
            for field in translator.get_options_for_model(model).fields:
                for code in LANGUAGES:
                    localized = model._meta.get_field(f"{field}_{code}")
                    assert localized.column in columns, (model, field, code)


def module_only_in(language, **extra):
    texts = {}
    for field in ("title", "summary", "description", "learning_outcomes"):
        for code in LANGUAGES:
            texts[f"{field}_{code}"] = f"{field} {language}" if code == language else ""
    return ModuleFactory(**{**texts, **extra})


@pytest.mark.django_db
def test_shown_language_follows_the_fallback_order():
    german_only = module_only_in("de")
    with translation.override("da"):
        assert german_only.title == "title de"
        assert fallback.fallback_language(german_only) == "de"
    with translation.override("de"):
        assert fallback.fallback_language(german_only) is None
    both = ModuleFactory(title_da="", title_en="English", title_de="Deutsch")
    with translation.override("da"):
        assert both.title == "English"  # English comes before German for Danish readers
        assert fallback.fallback_language(both) == "en"


def test_fallback_note_is_shown_on_the_module_page(client_for, personas):
    module = module_only_in("de")
    with translation.override("en"):
        url = reverse("training_modules:module_detail", kwargs={"public_id": module.public_id})
    page = client_for("staff_learner").get(url).content.decode()
    assert "Shown in German — no English text yet." in page
    assert "title de" in page
    assert 'lang="de"' in page


def test_fallback_note_in_the_catalogue_and_none_for_a_translated_module(client_for, personas):
    module_only_in("de")
    ModuleFactory(title_en="Working with companies")
    with translation.override("en"):
        url = reverse("training_modules:catalogue")
    page = client_for("coach_a").get(url).content.decode()
    assert page.count("fallback-note") == 1
    assert "Shown in German — no English text yet." in page


def test_fallback_note_on_a_good_practice(client_for, personas):
    practice = GoodPracticeFactory(title_da="", title_en="", body_da="", body_en="")
    with translation.override("da"):
        url = reverse(
            "training_modules:good_practice_detail", kwargs={"public_id": practice.public_id}
        )
    page = client_for("staff_learner").get(url).content.decode()
    assert "fallback-note" in page
    assert practice.title_de in page


def test_no_fallback_note_when_the_readers_language_has_text(client_for, personas):
    module = ModuleFactory()
    with translation.override("da"):
        url = reverse("training_modules:module_detail", kwargs={"public_id": module.public_id})
    page = client_for("staff_learner").get(url).content.decode()
    assert "fallback-note" not in page
    assert module.title_da in page
