"""The definitions decided in docs/indicators.md ("Decisions") and the small-count rules for the
funder's files."""

import datetime
import re

import pytest
from django.utils import translation
from django.utils.html import escape

from companies.models import Placement
from jump.reports.exports.content import ReportContent
from jump.reports.indicators import INDICATORS, indicator_rows
from jump.reports.indicators.base import COUNTRY_FILTER, FILTERS
from jump.reports.indicators.esf import ESF_NAMES, esf_name
from jump.reports.periods import Scope
from jump.reports.privacy import suppress_breakdown

from . import builders as b
from .test_indicators import MARCH, compute, parts, value

D = datetime.date
S = Placement.Status
pytestmark = pytest.mark.django_db


def test_would_hire_leaves_out_completed_placements_without_company_feedback(partner_a):
    offer = b.offer(b.company())
    for hire in (True, False, None):
        done = b.placement(
            b.participant(partner_a),
            offer,
            status=S.COMPLETED,
            start=D(2026, 2, 1),
            end=D(2026, 3, 10),
        )
        if hire is not None:
            b.feedback(done, would_hire=hire)
    coach_only = b.placement(
        b.participant(partner_a),
        offer,
        status=S.COMPLETED,
        start=D(2026, 2, 1),
        end=D(2026, 3, 10),
    )
    b.feedback(coach_only, would_hire=True, side="coach")
    figure = compute("C-HIRE", MARCH)
    assert str(figure.value) == "50.0"  # 1 of the 2 with company feedback, not 1 of 4
    assert figure.note == "of 4 completed placements, 2 with company feedback"


def test_rco87_counts_a_company_by_its_own_country_and_responsible_partner(partner_a, partner_b):
    """Decision: the company side of RCO87 follows the company's responsible partner and own
    country (before: the participants' partner, so a Danish company counted under DE)."""
    danish = b.company(country="DK", partner=partner_b)
    german_participant = b.participant(partner_b)
    b.placement(german_participant, b.offer(danish), start=D(2026, 3, 2), cross_border=True)
    de = Scope(MARCH.start, MARCH.end, country="DE")
    dk = Scope(MARCH.start, MARCH.end, country="DK")
    assert parts("RCO87", de) == {"partners": 1, "companies": 0}
    assert parts("RCO87", dk) == {"partners": 0, "companies": 1}
    # By partner: the company's responsible partner (B), not partner A.
    assert parts("RCO87", Scope(MARCH.start, MARCH.end, partner=partner_b))["companies"] == 1
    assert parts("RCO87", Scope(MARCH.start, MARCH.end, partner=partner_a))["companies"] == 0


def test_the_country_filter_is_the_partners_for_participants_and_the_companys_own_for_companies(
    partner_a, partner_b
):
    # A young person living in Germany, at the Danish partner: counted under DK.
    b.participant(partner_a, country_of_residence="DE")
    german_company = b.company(country="DE", partner=partner_a)
    b.offer(german_company, published=D(2026, 3, 3))
    de = Scope(MARCH.start, MARCH.end, country="DE")
    dk = Scope(MARCH.start, MARCH.end, country="DK")
    assert (value("P-TOTAL", dk), value("P-TOTAL", de)) == (1, 0)
    assert parts("P-COUNTRY", dk)["DE"] == 1  # P-COUNTRY alone breaks down by residence
    assert (value("C-ENGAGED", dk), value("C-ENGAGED", de)) == (0, 1)
    # Placements of the company figures follow the company too.
    b.placement(
        b.participant(partner_a), b.offer(german_company), start=D(2026, 3, 5), cross_border=True
    )
    assert (value("C-PLACEMENTS", dk), value("C-PLACEMENTS", de)) == (0, 1)
    assert "participant's partner" in str(COUNTRY_FILTER)
    assert "company's own country" in str(COUNTRY_FILTER)
    assert "P-COUNTRY" in str(FILTERS)


def test_the_country_filter_is_stated_on_the_dashboard_and_in_every_export(client_for):
    html = client_for("manager").get("/en/reports/dashboard/").content.decode()
    assert escape(str(COUNTRY_FILTER)) in html
    content = ReportContent(scope=MARCH, with_names=False, rows=indicator_rows(MARCH))
    assert [str(COUNTRY_FILTER)] in [line[1:] for line in content.about()]


def test_a_placement_aborted_before_its_first_day_never_started(partner_a):
    offer = b.offer(b.company())
    b.placement(
        b.participant(partner_a),
        offer,
        status=S.ABORTED,
        start=D(2026, 3, 5),
        end=D(2026, 3, 30),
        began=False,
    )
    b.placement(
        b.participant(partner_a),
        offer,
        status=S.ABORTED,
        start=D(2026, 3, 5),
        end=D(2026, 3, 20),
    )
    assert parts("C-PLACEMENTS")["started"] == 1
    assert parts("RCO81")["placements"] == 0  # neither is across the border


def test_starting_and_ending_a_placement_records_its_actual_days(personas, partner_a):
    from companies.services.placements import placement_complete, placement_start

    offer = b.offer(b.company(partner=partner_a))
    planned = b.placement(
        b.participant(partner_a), offer, status=S.ACCEPTED, start=D(2026, 3, 1), began=False
    )
    coach = personas.coach_a
    started = placement_start(actor=coach, placement=planned, start_date=D(2026, 3, 4))
    assert (started.started_on, started.ended_on) == (D(2026, 3, 4), None)
    done = placement_complete(actor=coach, placement=started, end_date=D(2026, 3, 25))
    assert (done.started_on, done.ended_on) == (D(2026, 3, 4), D(2026, 3, 25))
    assert parts("C-PLACEMENTS")["started"] == 1


def test_rcr85_is_marked_as_not_computed_in_the_definitions():
    content = ReportContent(scope=MARCH, with_names=False, rows=[])
    lines = {line[0]: line for line in content.definition_lines()}
    assert "Not computed" in lines["RCR85"][2]


# --- small counts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "shown"),
    [
        ([10, 3, 7, 0], [10, "<5", "<5", 0]),  # one hidden: the smallest other non-zero too
        ([10, 3, 2, 0], [10, "<5", "<5", 0]),  # two hidden: nothing more
        ([10, 20, 0], [10, 20, 0]),
        ([4, 0, 0], ["<5", 0, 0]),  # nothing else to hide
        ([12, 30, 3, 9], [12, 30, "<5", "<5"]),
    ],
)
def test_a_breakdown_with_one_hidden_line_hides_a_second(column, shown):
    assert suppress_breakdown(column) == shown


def test_headline_values_and_shares_of_small_parts_are_hidden_in_funder_files(partner_a):
    for _n in range(3):
        b.participant(partner_a)
    offer = b.offer(b.company())
    done = b.placement(
        b.participant(partner_a),
        offer,
        status=S.COMPLETED,
        start=D(2026, 3, 1),
        end=D(2026, 3, 20),
    )
    b.feedback(done, would_hire=True)
    rows = {row.indicator.code: row for row in indicator_rows(MARCH)}
    funder = ReportContent(scope=MARCH, with_names=False, rows=list(rows.values()))
    named = ReportContent(scope=MARCH, with_names=True, rows=list(rows.values()))
    assert funder.headline(rows["P-TOTAL"], rows["P-TOTAL"].current) == "<5"
    assert funder.headline(rows["C-HIRE"], rows["C-HIRE"].current) == "<5"
    assert named.headline(rows["P-TOTAL"], rows["P-TOTAL"].current) == 4
    lines = {line.key: shown for line, _p, shown, _c in funder.breakdown_columns(rows["P-LMS"])}
    assert lines["unemployed"] == "<5"


def test_the_three_across_the_border_lines_have_distinct_labels(partner_a):
    labels = [str(part.label) for part in compute("C-PLACEMENTS", MARCH).parts if part.level]
    assert len(set(labels)) == 3


def test_esf_names_are_given_beside_our_codes_and_no_monitoring_code_is_filled_in():
    """docs/indicators.md, "Codes the funder's systems use": a code is never guessed. Each ESF+
    entry maps one of our figures (or lines) to a name, in every language, with no code in it."""
    known = set(INDICATORS)
    for code, line in ESF_NAMES:
        assert code in known, code
        for language in ("en", "da", "de"):
            with translation.override(language):
                name = esf_name(code, line)
            assert name.startswith("ESF+"), (code, line, language)
            # Monitoring codes look like letters followed by digits (EECO01, RCO81 …).
            assert not re.search(r"\b[A-Z]{2,}\d{1,3}\b", name), (code, line, language, name)
    assert esf_name("C-HIRE") == ""  # a figure without an ESF+ counterpart: left empty
