"""Every indicator of docs/indicators.md on hand-built data, one counting rule per test.

The reporting period is March 2026; February and April are just outside it.
"""

import datetime

import pytest

from companies.models import Placement
from jump.reports.indicators import INDICATORS, compute
from jump.reports.periods import Scope
from participants.models import Assessment, Attendance, Outcome, Participant
from training_modules.models import Enrolment, Session

from . import builders as b

D = datetime.date
MARCH = Scope(D(2026, 3, 1), D(2026, 3, 31))
P = Participant.Status
O = Outcome.Kind  # noqa: E741
T = Outcome.Timing

pytestmark = pytest.mark.django_db


def value(code, scope=MARCH):
    return compute(code, scope).value


def parts(code, scope=MARCH):
    return {part.key: part.value for part in compute(code, scope).parts}


def test_every_indicator_of_the_definitions_is_implemented():
    assert list(INDICATORS) == [
        "P-TOTAL",
        "P-GENDER",
        "P-AGE",
        "P-COUNTRY",
        "P-ISCED",
        "P-LMS",
        "R-EDU-LEAVE",
        "R-EMP-LEAVE",
        "R-EMP-6M",
        "R-XB-OUTCOME",
        "R-COMPETENCE",
        "RCO81",
        "RCO87",
        "RCO85",
        "RCR81",
        "C-ENGAGED",
        "C-SUPPORTED",
        "C-PLACEMENTS",
        "C-HIRE",
        "S-TRAINED",
        "S-MODULES",
        "S-PRACTICES",
    ]


# --- participants entered -------------------------------------------------------------------


def test_entered_counts_both_boundaries_of_the_period_and_nothing_outside(partner_a):
    b.participant(partner_a, entry=D(2026, 3, 1))
    b.participant(partner_a, entry=D(2026, 3, 31))
    b.participant(partner_a, entry=D(2026, 2, 28))
    b.participant(partner_a, entry=D(2026, 4, 1))
    assert value("P-TOTAL") == 2


def test_interested_is_not_entered_but_every_other_status_is(partner_a):
    b.participant(partner_a, status=P.INTERESTED)
    for status in (P.ENROLLED, P.ACTIVE, P.COMPLETED, P.DROPPED_OUT):
        b.participant(partner_a, status=status)
    b.participant(partner_a, entry=None, status=P.INTERESTED)
    assert value("P-TOTAL") == 4


def test_a_participant_with_many_records_is_entered_once(partner_a):
    person = b.participant(partner_a)
    for _n in range(3):
        b.attend(b.activity(partner_a), person)
    b.outcome(person, T.EXIT, O.EMPLOYED, date=D(2026, 3, 20))
    assert value("P-TOTAL") == 1
    assert sum(parts("P-GENDER").values()) == 1


def test_erased_participants_still_count_in_totals_and_breakdowns(partner_a):
    person = b.participant(partner_a, gender=Participant.Gender.MALE, date_of_birth=D(2000, 1, 1))
    before = {code: compute(code, MARCH) for code in ("P-TOTAL", "P-GENDER", "P-AGE", "P-LMS")}
    b.erase(person)
    assert Participant.objects.get(pk=person.pk).erased_at is not None
    for code, figure in before.items():
        after = compute(code, MARCH)
        assert after.value == figure.value == 1
        assert after.parts == figure.parts
    assert parts("P-GENDER")["male"] == 1


def test_gender_breakdown_covers_the_four_categories(partner_a):
    for gender in ("female", "female", "male", "diverse", "not_stated"):
        b.participant(partner_a, gender=gender)
    assert parts("P-GENDER") == {"female": 2, "male": 1, "diverse": 1, "not_stated": 1}
    assert value("P-GENDER") == 5


def test_age_band_is_the_age_on_the_entry_date_not_today(partner_a):
    # 17 on entry (10 March 2026), 18 today and at the end of the period.
    b.participant(partner_a, entry=D(2026, 3, 10), date_of_birth=D(2008, 3, 20))
    assert parts("P-AGE")["under_18"] == 1
    assert parts("P-AGE")["18_24"] == 0


@pytest.mark.parametrize(
    ("born", "band"),
    [
        (D(2008, 3, 10), "18_24"),  # 18th birthday on the entry day
        (D(2008, 3, 11), "under_18"),  # one day short
        (D(2001, 3, 11), "18_24"),  # 24, turns 25 the day after entry
        (D(2001, 3, 10), "25_29"),
        (D(1996, 3, 11), "25_29"),
        (D(1996, 3, 10), "30_plus"),
        (D(2001, 12, 31), "18_24"),  # the birthday later in the year
        (D(2008, 1, 31), "18_24"),  # the birthday earlier in the year
    ],
)
def test_age_band_boundaries(partner_a, born, band):
    b.participant(partner_a, entry=D(2026, 3, 10), date_of_birth=born)
    counts = parts("P-AGE")
    assert counts[band] == 1
    assert sum(counts.values()) == 1


def test_country_of_residence_groups_anything_else_as_other(partner_a):
    for country in ("DK", "DK", "DE", "XX"):
        b.participant(partner_a, country_of_residence=country)
    assert parts("P-COUNTRY") == {"DK": 2, "DE": 1, "other": 1}


def test_education_levels_are_the_three_isced_bands(partner_a):
    for level in ("isced_0_2", "isced_3_4", "isced_3_4", "isced_5_8"):
        b.participant(partner_a, education_level=level)
    assert parts("P-ISCED") == {"isced_0_2": 1, "isced_3_4": 2, "isced_5_8": 1}


def test_long_term_unemployed_are_unemployed_and_shown_of_which(partner_a):
    L = Participant.LabourMarketStatus
    for status in (L.UNEMPLOYED, L.LONG_TERM_UNEMPLOYED, L.LONG_TERM_UNEMPLOYED, L.INACTIVE):
        b.participant(partner_a, labour_market_status=status)
    b.participant(partner_a, labour_market_status=L.IN_EDUCATION)
    b.participant(partner_a, labour_market_status=L.EMPLOYED)
    assert parts("P-LMS") == {
        "unemployed": 3,
        "long_term_unemployed": 2,
        "inactive": 1,
        "in_education": 1,
        "employed": 1,
    }
    assert value("P-LMS") == 6


def test_partner_and_country_filters_follow_the_participants_partner(partner_a, partner_b):
    b.participant(partner_a, country_of_residence="DE")
    b.participant(partner_b)
    b.participant(partner_b)
    assert value("P-TOTAL", Scope(MARCH.start, MARCH.end, partner=partner_a)) == 1
    assert value("P-TOTAL", Scope(MARCH.start, MARCH.end, country="DE")) == 2
    assert value("P-TOTAL", Scope(MARCH.start, MARCH.end, partner=partner_a, country="DE")) == 0


# --- results at exit ------------------------------------------------------------------------


def _leaver(partner, exit_date, kind, timing=T.EXIT, **kw):
    person = b.participant(partner, entry=exit_date - datetime.timedelta(days=60), exit=exit_date)
    b.outcome(person, timing, kind, date=exit_date, **kw)
    return person


def test_education_upon_leaving_counts_education_and_vocational_training_only(partner_a):
    _leaver(partner_a, D(2026, 3, 1), O.IN_EDUCATION)
    _leaver(partner_a, D(2026, 3, 31), O.IN_VOCATIONAL_TRAINING)
    _leaver(partner_a, D(2026, 3, 15), O.EMPLOYED)
    _leaver(partner_a, D(2026, 2, 28), O.IN_EDUCATION)
    _leaver(partner_a, D(2026, 4, 1), O.IN_EDUCATION)
    assert value("R-EDU-LEAVE") == 2


def test_results_upon_leaving_read_the_exit_outcome_not_the_six_month_one(partner_a):
    person = b.participant(partner_a, entry=D(2026, 1, 5), exit=D(2026, 3, 10))
    b.outcome(person, T.SIX_MONTHS, O.EMPLOYED, date=D(2026, 3, 20))
    b.participant(partner_a, entry=D(2026, 1, 5), exit=D(2026, 3, 10))  # no outcome at all
    assert value("R-EMP-LEAVE") == 0
    assert value("R-EDU-LEAVE") == 0


def test_employment_upon_leaving_counts_employed_and_self_employed(partner_a):
    _leaver(partner_a, D(2026, 3, 5), O.EMPLOYED)
    _leaver(partner_a, D(2026, 3, 6), O.SELF_EMPLOYED)
    _leaver(partner_a, D(2026, 3, 7), O.SEEKING_WORK)
    _leaver(partner_a, D(2026, 2, 7), O.EMPLOYED)
    assert value("R-EMP-LEAVE") == 2


def test_employment_six_months_after_uses_exit_date_plus_182_days(partner_a):
    # 2025-08-31 + 182 days = 2026-03-01; 2025-09-30 + 182 = 2026-03-31; 2025-10-01 → 1 April.
    _leaver(partner_a, D(2025, 8, 31), O.EMPLOYED, timing=T.SIX_MONTHS)
    _leaver(partner_a, D(2025, 9, 30), O.SELF_EMPLOYED, timing=T.SIX_MONTHS)
    _leaver(partner_a, D(2025, 8, 30), O.EMPLOYED, timing=T.SIX_MONTHS)
    _leaver(partner_a, D(2025, 10, 1), O.EMPLOYED, timing=T.SIX_MONTHS)
    _leaver(partner_a, D(2025, 9, 15), O.INACTIVE, timing=T.SIX_MONTHS)
    _leaver(partner_a, D(2025, 9, 15), O.EMPLOYED, timing=T.EXIT)  # exit outcome: not counted
    assert D(2025, 8, 31) + datetime.timedelta(days=182) == D(2026, 3, 1)
    assert value("R-EMP-6M") == 2


def test_a_proposed_six_month_outcome_is_not_counted_until_a_coach_confirms_it(partner_a):
    # A young person's own answer to the follow-up (young_people) is a proposal: the indicators
    # count only confirmed outcomes (docs/indicators.md).
    proposed = _leaver(partner_a, D(2025, 9, 15), O.EMPLOYED, timing=T.SIX_MONTHS)
    outcome = proposed.outcomes.get()
    outcome.status = Outcome.Status.PROPOSED
    outcome.cross_border = True
    outcome.save()
    _leaver(partner_a, D(2025, 9, 16), O.EMPLOYED, timing=T.SIX_MONTHS)  # confirmed
    assert value("R-EMP-6M") == 1
    assert value("R-XB-OUTCOME") == 0
    outcome.status = Outcome.Status.CONFIRMED
    outcome.save()
    assert value("R-EMP-6M") == 2
    assert value("R-XB-OUTCOME") == 1


def test_cross_border_outcome_counts_exit_or_six_month_once_per_person(partner_a):
    both = _leaver(partner_a, D(2026, 3, 5), O.EMPLOYED, cross_border=True)
    # The same person's six-month outcome falls in September: not this period anyway.
    b.outcome(both, T.SIX_MONTHS, O.EMPLOYED, cross_border=True, date=D(2026, 9, 5))
    _leaver(partner_a, D(2025, 9, 10), O.IN_EDUCATION, timing=T.SIX_MONTHS, cross_border=True)
    _leaver(partner_a, D(2026, 3, 6), O.EMPLOYED, cross_border=False)
    _leaver(partner_a, D(2026, 1, 6), O.EMPLOYED, cross_border=True)  # left before
    assert value("R-XB-OUTCOME") == 2
    # A person with both a cross-border exit and six-month outcome in one period: once.
    year = Scope(D(2025, 1, 1), D(2026, 12, 31))
    assert value("R-XB-OUTCOME", year) == 3


def test_improved_competences_needs_both_assessments_and_a_higher_exit_mean(partner_a):
    improved = b.participant(partner_a, entry=D(2026, 1, 5), exit=D(2026, 3, 10))
    b.assessment(improved, Assessment.Kind.ENTRY, 2)
    b.assessment(improved, Assessment.Kind.EXIT, 3)
    same = b.participant(partner_a, entry=D(2026, 1, 5), exit=D(2026, 3, 10))
    b.assessment(same, Assessment.Kind.ENTRY, 3)
    b.assessment(same, Assessment.Kind.EXIT, 3)
    only_entry = b.participant(partner_a, entry=D(2026, 1, 5), exit=D(2026, 3, 10))
    b.assessment(only_entry, Assessment.Kind.ENTRY, 1)
    left_before = b.participant(partner_a, entry=D(2026, 1, 5), exit=D(2026, 2, 10))
    b.assessment(left_before, Assessment.Kind.ENTRY, 1)
    b.assessment(left_before, Assessment.Kind.EXIT, 5)
    assert value("R-COMPETENCE") == 1


def test_improved_competences_pools_both_raters_and_all_dimensions(partner_a):
    person = b.participant(partner_a, entry=D(2026, 1, 5), exit=D(2026, 3, 10))
    # Entry mean (2+4)/2 = 3.0; exit: coach 3,3,3,3,4 and self 3,3,3,3,3 → 3.1 > 3.0.
    b.assessment(person, Assessment.Kind.ENTRY, 2, rater=Assessment.Rater.SELF)
    b.assessment(person, Assessment.Kind.ENTRY, 4, rater=Assessment.Rater.COACH)
    b.assessment(person, Assessment.Kind.EXIT, 0, ratings=[3, 3, 3, 3, 4])
    b.assessment(person, Assessment.Kind.EXIT, 3, rater=Assessment.Rater.SELF)
    b.assessment(person, Assessment.Kind.INTERIM, 1)
    assert value("R-COMPETENCE") == 1


# --- cross-border cooperation ---------------------------------------------------------------


def test_rco81_counts_attended_cross_border_activities_once_per_person_and_action(partner_a):
    one, two = b.participant(partner_a), b.participant(partner_a)
    trip = b.activity(partner_a, date=D(2026, 3, 1))
    b.attend(trip, one)
    b.attend(trip, two)
    b.attend(b.activity(partner_a, date=D(2026, 3, 31)), one)
    b.attend(b.activity(partner_a, date=D(2026, 3, 10)), two, status=Attendance.Status.ABSENT)
    b.attend(b.activity(partner_a, date=D(2026, 3, 10), cross_border=False), two)
    b.attend(b.activity(partner_a, date=D(2026, 4, 1)), two)
    assert parts("RCO81") == {"activities": 3, "placements": 0}
    assert value("RCO81") == 3


def test_rco81_counts_cross_border_placements_that_started_in_the_period(partner_a):
    S = Placement.Status
    person = b.participant(partner_a)
    german = b.offer(b.company(country="DE"), published=D(2026, 2, 1))
    # Aborted and then placed again in the same offer: one person, one action.
    b.placement(
        person, german, status=S.ABORTED, start=D(2026, 3, 2), end=D(2026, 3, 4), cross_border=True
    )
    b.placement(person, german, status=S.ACTIVE, start=D(2026, 3, 9), cross_border=True)
    other = b.participant(partner_a)
    b.placement(
        other,
        german,
        status=S.COMPLETED,
        start=D(2026, 3, 31),
        end=D(2026, 4, 5),
        cross_border=True,
    )
    b.placement(other, b.offer(b.company()), status=S.ACTIVE, start=D(2026, 3, 9))  # not across
    b.placement(
        b.participant(partner_a), german, status=S.ACCEPTED, start=D(2026, 3, 20), cross_border=True
    )
    b.placement(
        b.participant(partner_a), german, status=S.ACTIVE, start=D(2026, 2, 28), cross_border=True
    )
    assert parts("RCO81") == {"activities": 0, "placements": 2}


def test_rco87_counts_partners_with_a_cross_border_participant_and_companies_once(
    partner_a, partner_b
):
    idle = b.staff_user()  # noqa: F841 — a partner without cross-border action is not counted
    person = b.participant(partner_a)
    b.attend(b.activity(partner_a, date=D(2026, 3, 3)), person)
    b.attend(b.activity(partner_a, date=D(2026, 3, 4)), person)
    german = b.company(country="DE")
    # Active across the whole period, started before it: the company cooperates in March.
    b.placement(b.participant(partner_a), b.offer(german), start=D(2026, 1, 10), cross_border=True)
    b.placement(
        b.participant(partner_a),
        b.offer(german),
        start=D(2026, 2, 10),
        end=D(2026, 3, 1),
        status=Placement.Status.COMPLETED,
        cross_border=True,
    )
    b.placement(
        b.participant(partner_b),
        b.offer(b.company(country="DE")),
        start=D(2026, 1, 1),
        end=D(2026, 2, 27),
        status=Placement.Status.COMPLETED,
        cross_border=True,
    )
    assert parts("RCO87") == {"partners": 1, "companies": 1}
    assert value("RCO87") == 2


def test_rco85_counts_attended_and_completed_enrolments_of_sessions_started_in_the_period():
    mod = b.module()
    march = b.session(mod, start=D(2026, 3, 31))
    february = b.session(mod, start=D(2026, 2, 27), days=3)  # runs into March, started before
    E = Enrolment.Status
    for status in (E.ATTENDED, E.COMPLETED, E.ENROLLED, E.NO_SHOW, E.WAITLISTED, E.CANCELLED):
        b.enrol(march, b.staff_user(), status=status)
    b.enrol(february, b.staff_user(), status=E.COMPLETED)
    assert value("RCO85") == 2


def test_rcr81_counts_enrolments_completed_within_the_local_days_of_the_period():
    sess = b.session(b.module(), start=D(2026, 2, 2))
    E = Enrolment.Status
    on_last_day = b.enrol(sess, b.staff_user(), status=E.COMPLETED)
    on_last_day.completed_at = b.at(D(2026, 3, 31), 23)  # 23:00 Copenhagen time
    on_last_day.save()
    b.enrol(sess, b.staff_user(), status=E.COMPLETED, completed=D(2026, 3, 1))
    after = b.enrol(sess, b.staff_user(), status=E.COMPLETED)
    after.completed_at = b.at(D(2026, 4, 1), 0)  # 00:00 on 1 April
    after.save()
    b.enrol(sess, b.staff_user(), status=E.COMPLETED, completed=D(2026, 2, 28))
    b.enrol(sess, b.staff_user(), status=E.ATTENDED)
    assert value("RCR81") == 2


# --- companies ------------------------------------------------------------------------------


def test_companies_engaged_by_a_published_offer_or_an_active_placement_count_once():
    both = b.company(country="DK", sector="energy")
    b.offer(both, published=D(2026, 3, 1))
    b.offer(both, published=D(2026, 3, 31))
    b.placement(b.participant(b.PartnerFactory()), b.offer(both), start=D(2026, 3, 5))
    active_only = b.company(country="DE", sector="energy")
    b.placement(
        b.participant(b.PartnerFactory()),
        b.offer(active_only),
        start=D(2025, 12, 1),
        end=D(2026, 3, 1),
        status=Placement.Status.COMPLETED,
    )
    b.offer(b.company(), published=D(2026, 2, 28))  # published before
    b.offer(b.company())  # a draft
    ended = b.company()
    b.placement(
        b.participant(b.PartnerFactory()),
        b.offer(ended),
        start=D(2026, 1, 1),
        end=D(2026, 2, 28),
        status=Placement.Status.COMPLETED,
    )
    assert value("C-ENGAGED") == 2
    assert parts("C-ENGAGED") == {"DE:energy": 1, "DK:energy": 1}


def test_companies_engaged_filter_by_company_country_and_responsible_partner(partner_a):
    mine = b.company(country="DE", partner=partner_a)
    b.offer(mine, published=D(2026, 3, 3))
    b.offer(b.company(country="DK"), published=D(2026, 3, 3))
    assert value("C-ENGAGED", Scope(MARCH.start, MARCH.end, partner=partner_a)) == 1
    assert value("C-ENGAGED", Scope(MARCH.start, MARCH.end, country="DK")) == 1


def test_companies_supported_counts_companies_with_a_support_action_once():
    supported = b.company()
    b.support_action(supported, date=D(2026, 3, 1))
    b.support_action(supported, date=D(2026, 3, 31))
    b.support_action(b.company(), date=D(2026, 4, 1))
    assert value("C-SUPPORTED") == 1


def test_placements_started_completed_aborted_and_across_the_border(partner_a):
    S = Placement.Status
    offer = b.offer(b.company())
    person = lambda: b.participant(partner_a)  # noqa: E731
    b.placement(person(), offer, status=S.ACTIVE, start=D(2026, 3, 1), cross_border=True)
    b.placement(person(), offer, status=S.COMPLETED, start=D(2026, 3, 2), end=D(2026, 3, 31))
    b.placement(
        person(),
        offer,
        status=S.COMPLETED,
        start=D(2026, 1, 2),
        end=D(2026, 3, 3),
        cross_border=True,
    )
    b.placement(
        person(), offer, status=S.ABORTED, start=D(2026, 2, 2), end=D(2026, 3, 9), cross_border=True
    )
    b.placement(person(), offer, status=S.PROPOSED, start=D(2026, 3, 9))
    b.placement(person(), offer, status=S.DECLINED, start=D(2026, 3, 9))
    assert parts("C-PLACEMENTS") == {
        "started": 2,
        "started_xb": 1,
        "completed": 2,
        "completed_xb": 1,
        "aborted": 1,
        "aborted_xb": 1,
    }
    assert value("C-PLACEMENTS") == 2


def test_would_hire_is_the_share_of_completed_placements_with_company_feedback_saying_so(
    partner_a,
):
    """Decision (docs/indicators.md): the denominator is the completed placements *with company
    feedback*; the coach's feedback never counts; those without are shown beside it."""
    S = Placement.Status
    offer = b.offer(b.company())

    def completed():
        return b.placement(
            b.participant(partner_a),
            offer,
            status=S.COMPLETED,
            start=D(2026, 2, 1),
            end=D(2026, 3, 15),
        )

    yes = completed()
    b.feedback(yes, would_hire=True)
    b.feedback(yes, would_hire=True, side="coach")
    coach_only = completed()
    b.feedback(coach_only, would_hire=True, side="coach")
    no = completed()
    b.feedback(no, would_hire=False)
    completed()  # no feedback yet
    figure = compute("C-HIRE", MARCH)
    assert str(figure.value) == "50.0"  # one of the two with company feedback
    assert figure.note == "of 4 completed placements, 2 with company feedback"
    assert {p.key: p.value for p in figure.parts} == {
        "completed": 4,
        "answered": 2,
        "would_hire": 1,
    }


def test_would_hire_has_no_value_without_completed_placements():
    assert value("C-HIRE") is None


# --- staff and knowledge --------------------------------------------------------------------


def test_staff_trained_counts_people_once_by_partner_and_country(partner_a, partner_b):
    dk, de = b.staff_user(partner_a), b.staff_user(partner_b)
    E = Enrolment.Status
    for _n in range(2):
        b.enrol(
            b.session(b.module(), start=D(2026, 2, 2)),
            dk,
            status=E.COMPLETED,
            completed=D(2026, 3, 5),
        )
    b.enrol(
        b.session(b.module(), start=D(2026, 2, 2)), de, status=E.COMPLETED, completed=D(2026, 3, 5)
    )
    b.enrol(b.session(b.module(), start=D(2026, 2, 2)), b.staff_user(partner_b), status=E.ATTENDED)
    assert value("S-TRAINED") == 2
    figure = compute("S-TRAINED", MARCH)
    assert {(str(p.group), p.label, p.value) for p in figure.parts} == {
        ("Denmark", partner_a.name, 1),
        ("Germany", partner_b.name, 1),
    }
    assert value("S-TRAINED", Scope(MARCH.start, MARCH.end, country="DE")) == 1


def test_modules_offered_counts_modules_with_a_session_in_the_period_once():
    twice = b.module()
    b.session(twice, start=D(2026, 3, 3))
    b.session(twice, start=D(2026, 3, 17))
    spanning = b.module()
    b.session(spanning, start=D(2026, 2, 27), days=3)  # runs into March
    b.session(b.module(), start=D(2026, 3, 3), status=Session.Status.CANCELLED)
    b.session(b.module(), start=D(2026, 4, 1))
    assert value("S-MODULES") == 2


def test_modules_offered_with_a_partner_are_those_its_staff_attend(partner_a):
    mod = b.module()
    b.enrol(b.session(mod, start=D(2026, 3, 3)), b.staff_user(partner_a))
    b.session(b.module(), start=D(2026, 3, 3))
    assert value("S-MODULES", Scope(MARCH.start, MARCH.end, partner=partner_a)) == 1


def test_good_practices_published_in_the_period(partner_a):
    b.practice(published=D(2026, 3, 1), partner=partner_a, country="DK")
    b.practice(published=D(2026, 3, 31))
    b.practice(published=D(2026, 4, 1))
    b.practice()
    assert value("S-PRACTICES") == 2
    assert value("S-PRACTICES", Scope(MARCH.start, MARCH.end, partner=partner_a)) == 1


# --- previously reported, cumulative, targets -----------------------------------------------


def rows(scope=MARCH):
    from jump.reports.indicators import indicator_rows

    return {row.indicator.code: row for row in indicator_rows(scope)}


def submit_january_and_february():
    """January and February submitted to the funder: what "previously reported" is made of."""
    from jump.reports.services import report_submission_create

    return report_submission_create(
        actor=b.staff_user(roles=["programme_manager"]),
        period_start=D(2026, 1, 1),
        period_end=D(2026, 2, 28),
        submitted_on=D(2026, 3, 5),
        reference="PR-1",
    )


def test_previously_reported_is_what_was_submitted_for_the_periods_before(partner_a):
    b.participant(partner_a, entry=D(2025, 12, 31))  # before the programme
    b.participant(partner_a, entry=D(2026, 1, 1))
    b.participant(partner_a, entry=D(2026, 2, 28))
    b.participant(partner_a, entry=D(2026, 3, 1))
    b.participant(partner_a, entry=D(2026, 4, 1))  # after the period
    assert rows()["P-TOTAL"].previous.value == 0  # nothing submitted yet: nothing reported
    submit_january_and_february()
    row = rows()["P-TOTAL"]
    assert (row.previous.value, row.current.value, row.cumulative.value) == (2, 1, 3)
    assert MARCH.previous() == Scope(D(2026, 1, 1), D(2026, 2, 28))
    assert MARCH.cumulative() == Scope(D(2026, 1, 1), D(2026, 3, 31))


def test_a_period_starting_with_the_programme_has_nothing_previously_reported(partner_a):
    b.participant(partner_a, entry=D(2026, 1, 10))
    first = rows(Scope(D(2026, 1, 1), D(2026, 1, 31)))
    assert first["P-TOTAL"].previous.value == 0
    assert first["C-HIRE"].previous.value is None  # a share of nothing is no value, not 0 %
    assert first["P-TOTAL"].cumulative.value == first["P-TOTAL"].current.value == 1


def test_cumulative_counts_a_company_engaged_in_two_periods_once():
    company = b.company()
    b.offer(company, published=D(2026, 1, 15))
    b.offer(company, published=D(2026, 3, 15))
    submit_january_and_february()
    row = rows()["C-ENGAGED"]
    assert (row.previous.value, row.current.value, row.cumulative.value) == (1, 1, 1)


def test_cumulative_breakdowns_follow_the_same_rules(partner_a):
    b.participant(partner_a, entry=D(2026, 1, 10), gender="male")
    b.participant(partner_a, entry=D(2026, 3, 10), gender="female")
    submit_january_and_february()
    lines = {line.key: line for line in rows()["P-GENDER"].breakdown()}
    assert (lines["male"].previous, lines["male"].current, lines["male"].cumulative) == (1, 0, 1)
    assert (lines["female"].previous, lines["female"].current, lines["female"].cumulative) == (
        0,
        1,
        1,
    )


def test_progress_is_the_cumulative_value_against_the_target_and_the_milestone(partner_a):
    from decimal import Decimal

    from jump.reports.models import IndicatorTarget

    for _n in range(3):
        b.participant(partner_a, entry=D(2026, 2, 10))
    b.participant(partner_a)
    IndicatorTarget.objects.create(
        code="P-TOTAL",
        target_value=Decimal("8"),
        milestone_value=Decimal("5"),
        milestone_date=D(2026, 12, 31),
    )
    row = rows()["P-TOTAL"]
    assert row.cumulative.value == 4
    assert str(row.progress) == "50.0"
    assert str(row.milestone_progress) == "80.0"
    assert rows()["RCO81"].progress is None  # no target, no progress
