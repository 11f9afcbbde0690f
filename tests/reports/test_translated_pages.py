"""Every page a programme manager opens is in Danish and in German: no text of the page is an
English message of the project's own catalogue (the C-HIRE line, the report form's help texts,
the access log's role and "what" columns …), nor the English name of a good-practice tag that
has a name in the page's language."""

import datetime
import gettext
import html
import re
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from companies.models import Placement
from jump.reports import services
from tests.factories.training_modules import GoodPracticeFactory
from tests.test_access_matrix_complete import MATRIX_MODULES
from training_modules.demo_content import TAG_NAMES
from training_modules.models import GoodPractice, Tag

from . import builders as b

D = datetime.date
pytestmark = pytest.mark.django_db

TAG = re.compile(r"<[^>]+>")
HIDDEN = re.compile(r"<(script|style)\b.*?</\1>", re.S)
ATTRIBUTES = re.compile(r'\s(?:aria-label|title|placeholder)="([^"]*)"')


# The language menu names every language in itself ("English", "Dansk", "Deutsch") by design.
AUTONYMS = {"English"}


def english_messages(language: str) -> set[str]:
    """The msgids of the project's catalogue whose translation differs from them."""
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog
    found, translations = set(), set()
    for key, value in catalogue.items():
        msgid = key[0] if isinstance(key, tuple) else key
        translations.add(" ".join(value.split()))
        if msgid and msgid != value and re.search(r"[A-Za-z]{2}", msgid):
            found.add(" ".join(msgid.split()))
    # A word that is also a translation ("Filter" is German for "Filters") is no evidence.
    return found - translations - AUTONYMS


def texts(page: str) -> set[str]:
    page = HIDDEN.sub(" ", page)
    found = {html.unescape(value) for value in ATTRIBUTES.findall(page)}
    found |= {" ".join(html.unescape(part).split()) for part in TAG.split(page)}
    return {text.strip() for text in found if text.strip()}


def manager_pages(world) -> list[str]:
    """Every GET page the access matrix opens to managers without arguments, and the reports
    pages that need one."""
    names = []
    for module_name in MATRIX_MODULES:
        for name, rule in import_module(module_name).MATRIX.items():
            if rule.method == "get" and rule.kwargs is None and rule.expected("manager") == 200:
                names.append((name, {}))
    names += [
        ("reports:evidence", {"code": "C-HIRE"}),
        ("reports:target_edit", {"code": "C-HIRE"}),
        ("reports:run_detail", {"public_id": world["run"].public_id}),
        ("training_modules:good_practice_detail", {"public_id": world["practice"].public_id}),
        ("training_modules:good_practice_update", {"public_id": world["practice"].public_id}),
    ]
    return names


@pytest.fixture
def world(personas, partner_a, django_capture_on_commit_callbacks):
    manager = personas.manager
    offer = b.offer(b.company(partner=partner_a))
    for month in (2, 3):
        done = b.placement(
            b.participant(partner_a, entry=D(2026, month, 2)),
            offer,
            status=Placement.Status.COMPLETED,
            start=D(2026, month, 3),
            end=D(2026, month, 20),
        )
        b.feedback(done, would_hire=True)
    services.report_submission_create(
        actor=manager,
        period_start=D(2026, 1, 1),
        period_end=D(2026, 2, 28),
        submitted_on=D(2026, 3, 5),
        reference="PR-1",
    )
    b.participant(partner_a, entry=D(2026, 2, 10))  # a late entry: a recount differs
    with django_capture_on_commit_callbacks(execute=True):
        run = services.report_run_request(
            actor=manager,
            period_start=D(2026, 3, 1),
            period_end=D(2026, 3, 31),
            format="xlsx",
        )
    practice = GoodPracticeFactory(
        title_da="Tandemuger", title_de="Tandemwochen", status=GoodPractice.Status.PUBLISHED
    )
    practice.tags.set(
        [
            Tag.objects.create(name=name, name_en=name, name_da=names["da"], name_de=names["de"])
            for name, names in TAG_NAMES.items()
        ]
    )
    return {"run": run, "practice": practice}


def english_tag_names(language: str) -> set[str]:
    """The English names of the tags that have another name in `language`."""
    return {
        tag.name_en
        for tag in Tag.objects.all()
        if getattr(tag, f"name_{language}") not in (None, tag.name_en)
    }


@pytest.mark.parametrize("language", ["da", "de"])
def test_no_page_of_a_manager_shows_an_english_message(personas, world, client_for, language):
    personas.manager.preferred_language = language
    personas.manager.save(update_fields=["preferred_language"])
    english = english_messages(language) | english_tag_names(language)
    assert {"language", "families"} <= english
    client = client_for("manager")
    found, visited = {}, set()
    query = {"start": "2026-03-01", "end": "2026-03-31"}
    for name, kwargs in manager_pages(world):
        with translation.override(language):
            url = reverse(name, kwargs=kwargs)
        response = client.get(url, query if name.startswith("reports:") else {})
        visited.add(name)
        assert response.status_code == 200, (name, response.status_code)
        if "html" not in response.get("Content-Type", ""):
            continue
        left = sorted(texts(response.content.decode()) & english)
        if left:
            found[name] = left
    assert {
        "training_modules:good_practice_list",
        "training_modules:good_practice_detail",
    } <= visited
    assert found == {}, "\n".join(f"{name}: {texts}" for name, texts in found.items())


@pytest.mark.parametrize("language", ["da", "de"])
def test_the_access_log_shows_roles_and_what_in_the_readers_language(
    personas, world, client_for, language
):
    from jump.accounts.roles import Role

    personas.manager.preferred_language = language
    personas.manager.save(update_fields=["preferred_language"])
    with translation.override(language):
        url = reverse("audit:log")
        role = str(Role.PROGRAMME_MANAGER.label)
        what = str(translation.gettext("report %(id)s (%(details)s)")).split(" ")[0]
    page = client_for("admin").get(url).content.decode()
    assert role in page
    assert "programme_manager" not in page
    assert f"{what} {world['run'].public_id}" in page
