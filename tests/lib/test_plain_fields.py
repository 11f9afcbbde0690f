"""templates/_filter_fields.html with jump.lib.forms.PlainFieldsMixin (issue 20): the filter forms
written out give the markup crispy gave them, field by field — labels with the asterisk of a
required field, values, selected options, errors and help text linked by aria-describedby."""

import pytest
from django.http import QueryDict
from django.template import engines
from django.test.html import parse_html
from django.utils import translation

from jump.reports.forms import PeriodForm
from participants import selectors
from participants.forms import CaseloadFilterForm
from tests.factories.accounts import PartnerFactory

pytestmark = pytest.mark.django_db

CRISPY = engines["django"].from_string(
    "{% load crispy_forms_tags %}"
    '{% for field in form %}<div class="col-sm-6 col-lg-2">{{ field|as_crispy_field }}</div>'
    "{% endfor %}"
)
PLAIN = engines["django"].from_string(
    '{% include "_filter_fields.html" with fields=form.plain_fields %}'
)


def same_as_crispy(form) -> None:
    form.is_valid()
    written, crispy = PLAIN.render({"form": form}), CRISPY.render({"form": form})
    assert parse_html(written) == parse_html(crispy), written


@pytest.fixture
def partners(db):
    return [
        PartnerFactory(name='Produktionsskole & <Værksted> "Syd"', country="DK"),
        PartnerFactory(name="Produktionsschule Flensburg", country="DE"),
    ]


@pytest.mark.parametrize("language", ["en", "da", "de"])
def test_the_period_form_first_visit(partners, language):
    with translation.override(language):
        same_as_crispy(PeriodForm(QueryDict("")))


def test_the_period_form_chosen_and_with_errors(partners):
    chosen = f"start=2026-02-01&end=2026-03-31&partner={partners[1].public_id}&country=DE"
    same_as_crispy(PeriodForm(QueryDict(chosen)))
    same_as_crispy(PeriodForm(QueryDict("start=2026-13-01&end=2026-01-01&partner=x&country=XX")))
    same_as_crispy(PeriodForm(QueryDict("start=2026-05-01&end=2026-04-01")))


def test_the_period_form_of_a_coach_has_no_partner_or_country(partners):
    form = PeriodForm(QueryDict(""), forced_partner=partners[0])
    assert [plain.field.name for plain in form.plain_fields()] == ["start", "end"]
    same_as_crispy(form)


def test_the_caseload_filter_chosen_with_errors_and_help_text(partners, personas):
    choices = selectors.caseload_filter_choices(personas.manager)
    for data in (
        "",
        f"q=Ann+%22x%22&status=active&partner={partners[0].public_id}&country=DK",
        f"status=bogus&coach={personas.coach_a.public_id}",
        "partner=nope&coach=nope&q=" + "x" * 101,
    ):
        same_as_crispy(CaseloadFilterForm(QueryDict(data) or None, choices=choices))
