"""The caseload's rows and phone cards, written by participants/caseload_rows.py (issue 20)
instead of the template engine: the same markup the template had, every value in its place,
escaped, in the viewer's language."""

import datetime

import pytest
from django.test.html import parse_html
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tests.factories.accounts import UserFactory
from tests.factories.participants import (
    ContactFactory,
    GoalFactory,
    ParticipantFactory,
    StepFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
LONG_TITLE = "Call the Produktionsschule about the workshop place & the bus <ticket> for May"


def short(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def occurrences(page: str, fragment: str) -> int:
    return parse_html(page).count(parse_html(fragment))


@pytest.fixture
def busy(partner_a, personas):
    """Overdue step with a long title, two open follow-ups, a last contact, a named coach."""
    participant = ParticipantFactory(
        partner=partner_a,
        coach=personas.coach_a,
        first_name="<b>Ana</b>",
        last_name="Ørsted & Søn",
        status="active",
    )
    StepFactory(
        goal=GoalFactory(plan__participant=participant), title=LONG_TITLE, due_on=TODAY - DAY
    )
    ContactFactory(participant=participant, date=TODAY - 3 * DAY)
    ContactFactory(participant=participant, date=TODAY - 9 * DAY, follow_up_on=TODAY + 4 * DAY)
    ContactFactory(participant=participant, date=TODAY - 8 * DAY, follow_up_on=TODAY + 6 * DAY)
    return participant


def test_a_busy_row_has_every_value_in_its_place_escaped(client_for, busy, personas):
    page = client_for("coach_a").get(reverse("participants:caseload")).content.decode()
    link = reverse("participants:detail", args=[busy.public_id])
    name = "Ørsted &amp; Søn, &lt;b&gt;Ana&lt;/b&gt;"
    title = "Call the Produktionsschule about the workshop pla…"
    next_step = (
        f'{short(TODAY - DAY)}<span class="d-block small text-body-secondary">'
        f"{title.replace('&', '&amp;')}</span>"
    )
    follow_ups = (
        f'2<span class="d-block small text-body-secondary">next {short(TODAY + 4 * DAY)}</span>'
    )
    # The card's list is small already: its notes are not made smaller again.
    next_step_card = next_step.replace("d-block small", "d-block")
    follow_ups_card = follow_ups.replace("d-block small", "d-block")
    coach = personas.coach_a.get_full_name()
    assert coach
    row = (
        f'<tr><th scope="row"><a href="{link}">{name}</a>'
        ' <span class="badge text-bg-danger ms-1">Overdue</span></th>'
        '<td><span class="badge status-badge text-bg-success">Active</span></td>'
        f"<td>{busy.partner.name}</td><td>{coach}</td><td>{next_step}</td>"
        f"<td>{short(TODAY - 3 * DAY)}</td><td>{follow_ups}</td>"
        '<td><span class="text-nowrap" title="Mobility ladder: step 0 of 5">0/5</span>'
        ' <span class="small">No steps yet</span></td></tr>'
    )
    card = (
        '<li class="card mb-2"><div class="card-body p-3"><h2 class="h6 card-title mb-1">'
        f'<a href="{link}">{name}</a> <span class="badge text-bg-danger ms-1">Overdue</span></h2>'
        '<p class="mb-2"><span class="badge status-badge text-bg-success">Active</span></p>'
        '<dl class="row small mb-0">'
        f'<dt class="col-6">Next step due</dt><dd class="col-6">{next_step_card}</dd>'
        f'<dt class="col-6">Last contact</dt><dd class="col-6">{short(TODAY - 3 * DAY)}</dd>'
        f'<dt class="col-6">Open follow-ups</dt><dd class="col-6">{follow_ups_card}</dd>'
        f'<dt class="col-6">Coach</dt><dd class="col-6 mb-0">{coach}</dd></dl></div></li>'
    )
    assert occurrences(page, row) == 1
    assert occurrences(page, card) == 1
    assert "<b>Ana</b>" not in page and "<ticket>" not in page


def test_an_empty_row_shows_dashes_and_a_coach_without_a_name_by_address(client_for, partner_a):
    coach = UserFactory(
        roles=["coach"],
        partner=partner_a,
        mfa=True,
        first_name="",
        last_name="",
        email="no.name@example.org",
    )
    quiet = ParticipantFactory(partner=partner_a, coach=coach, status="interested")
    alone = ParticipantFactory(partner=partner_a, coach=None, status="enrolled")
    page = client_for("coach_a").get(reverse("participants:caseload")).content.decode()
    for participant, coach_text, status in (
        (
            quiet,
            "no.name@example.org",
            '<span class="badge status-badge text-bg-info">Interested</span>',
        ),
        (alone, "—", '<span class="badge status-badge text-bg-primary">Enrolled</span>'),
    ):
        link = reverse("participants:detail", args=[participant.public_id])
        name = f"{participant.last_name}, {participant.first_name}"
        row = (
            f'<tr><th scope="row"><a href="{link}">{name}</a></th><td>{status}</td>'
            f"<td>{partner_a.name}</td><td>{coach_text}</td><td>—</td><td>—</td><td>0</td>"
            '<td><span class="text-nowrap" title="Mobility ladder: step 0 of 5">0/5</span>'
            ' <span class="small">No steps yet</span></td></tr>'
        )
        assert occurrences(page, row) == 1
        assert occurrences(page, f'<dd class="col-6 mb-0">{coach_text}</dd>') >= 1


def test_rows_and_cards_speak_the_viewers_language(client_for, busy):
    client = client_for("coach_a")
    for language in ("da", "de"):
        with translation.override(language):
            page = client.get(reverse("participants:caseload")).content.decode()
            overdue = f'<span class="badge text-bg-danger ms-1">{_("Overdue")}</span>'
            follow_up = _("next %(date)s") % {"date": short(TODAY + 4 * DAY)}
            assert _("Overdue") != "Overdue" and _("Next step due") != "Next step due"
            assert occurrences(page, overdue) == 2  # the table row and the card
            assert occurrences(page, f'<dt class="col-6">{_("Next step due")}</dt>') == 1
            assert page.count(follow_up) == 2
            assert page.count(short(TODAY - 3 * DAY)) >= 2
