"""Participant indicators (ESF+ style): who entered, who they are, where they went."""

from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.utils.translation import gettext_lazy as _

from participants.models import Assessment, Outcome, Participant

from ..periods import Scope
from ..privacy import AGE_BAND_LIMITS
from .base import Evidence, Figure, Indicator, Part, entered, exists, left, participants_in

SECTION = _("Participants")

# Six months after leaving, as the definitions count it.
SIX_MONTHS_DAYS = 182

EDUCATION_OUTCOMES = (Outcome.Kind.IN_EDUCATION, Outcome.Kind.IN_VOCATIONAL_TRAINING)
EMPLOYMENT_OUTCOMES = (Outcome.Kind.EMPLOYED, Outcome.Kind.SELF_EMPLOYED)

G = Participant.Gender
I = Participant.Isced  # noqa: E741
L = Participant.LabourMarketStatus


def with_age_at_entry(queryset):
    """Annotate `age_at_entry`: completed years on the entry date, computed in the database.

    Year difference minus one when the birthday (month, day) comes later in the year than the
    entry (month, day); portable to SQLite and PostgreSQL.
    """
    return queryset.annotate(
        _entry_year=ExtractYear("entry_date"),
        _entry_month=ExtractMonth("entry_date"),
        _entry_day=ExtractDay("entry_date"),
        _birth_year=ExtractYear("date_of_birth"),
        _birth_month=ExtractMonth("date_of_birth"),
        _birth_day=ExtractDay("date_of_birth"),
    ).annotate(
        age_at_entry=F("_entry_year")
        - F("_birth_year")
        - Case(
            When(
                Q(_entry_month__lt=F("_birth_month"))
                | Q(_entry_month=F("_birth_month"), _entry_day__lt=F("_birth_day")),
                then=Value(1),
            ),
            default=Value(0),
            output_field=IntegerField(),
        )
    )


def _breakdown(queryset, lines) -> Figure:
    """One query: the total and a conditional count per line (key, label, Q, level).

    `queryset` has one row per participant (participants filtered on their own fields and
    their partner's, no to-many join), so a plain COUNT counts each person once; COUNT
    DISTINCT would sort the whole set for nothing (P-AGE 4.5× the hand-written SQL at 100,000
    participants, make bench).
    """
    counts = queryset.aggregate(
        total=Count("pk"),
        **{key: Count("pk", filter=q) for key, _label, q, _level in lines},
    )
    parts = [
        Part(key=key, label=label, value=counts[key], level=level) for key, label, q, level in lines
    ]
    return Figure(value=counts["total"], parts=parts)


def _entered_evidence(scope: Scope) -> list[Evidence]:
    return [Evidence("participants", _("Participants entered"), entered(scope))]


def _choice_lines(field: str, choices) -> list:
    return [(value, label, Q(**{field: value}), 0) for value, label in choices]


def p_total(scope: Scope) -> Figure:
    return Figure(value=entered(scope).count())


def p_gender(scope: Scope) -> Figure:
    return _breakdown(entered(scope), _choice_lines("gender", G.choices))


def p_age(scope: Scope) -> Figure:
    """One GROUP BY over the age at entry (a few dozen groups), summed into the bands here:
    the age expression is computed once per participant instead of once per band (a
    conditional count per band was 4.5× the hand-written SQL at 100,000, make bench)."""
    by_age = (
        with_age_at_entry(entered(scope))
        .order_by()
        .values("age_at_entry")
        .annotate(n=Count("pk"))
        .values_list("age_at_entry", "n")
    )
    counts = {band.value: 0 for band, _low, _high in AGE_BAND_LIMITS}
    total = 0
    for age, n in by_age:
        total += n
        for band, low, high in AGE_BAND_LIMITS:
            if (low is None or age >= low) and (high is None or age <= high):
                counts[band.value] += n
                break
    parts = [
        Part(key=band.value, label=band.label, value=counts[band.value])
        for band, _low, _high in AGE_BAND_LIMITS
    ]
    return Figure(value=total, parts=parts)


def p_country(scope: Scope) -> Figure:
    lines = [
        ("DK", _("Denmark"), Q(country_of_residence="DK"), 0),
        ("DE", _("Germany"), Q(country_of_residence="DE"), 0),
        ("other", _("Other"), ~Q(country_of_residence__in=["DK", "DE"]), 0),
    ]
    return _breakdown(entered(scope), lines)


def p_isced(scope: Scope) -> Figure:
    return _breakdown(entered(scope), _choice_lines("education_level", I.choices))


def p_lms(scope: Scope) -> Figure:
    lines = [
        (
            "unemployed",
            _("Unemployed"),
            Q(labour_market_status__in=[L.UNEMPLOYED, L.LONG_TERM_UNEMPLOYED]),
            0,
        ),
        (
            "long_term_unemployed",
            _("of which long-term unemployed"),
            Q(labour_market_status=L.LONG_TERM_UNEMPLOYED),
            1,
        ),
        ("inactive", L.INACTIVE.label, Q(labour_market_status=L.INACTIVE), 0),
        ("in_education", L.IN_EDUCATION.label, Q(labour_market_status=L.IN_EDUCATION), 0),
        ("employed", L.EMPLOYED.label, Q(labour_market_status=L.EMPLOYED), 0),
    ]
    return _breakdown(entered(scope), lines)


# --- results --------------------------------------------------------------------------------


def _with_outcome(queryset, timing, kinds=None, cross_border=None):
    # Only confirmed outcomes count: a young person's own answer is a proposal until a coach
    # confirms it (docs/indicators.md).
    outcomes = Outcome.objects.confirmed().filter(timing=timing)
    if kinds is not None:
        outcomes = outcomes.filter(kind__in=kinds)
    if cross_border is not None:
        outcomes = outcomes.filter(cross_border=cross_border)
    return queryset.filter(exists(outcomes, participant="pk"))


def six_months_after(scope: Scope):
    """Participants whose exit date + 182 days falls in the period."""
    first, last = scope.shifted_back(SIX_MONTHS_DAYS)
    return participants_in(scope).filter(exit_date__gte=first, exit_date__lte=last)


def edu_leave_records(scope: Scope):
    return _with_outcome(left(scope), Outcome.Timing.EXIT, EDUCATION_OUTCOMES)


def emp_leave_records(scope: Scope):
    return _with_outcome(left(scope), Outcome.Timing.EXIT, EMPLOYMENT_OUTCOMES)


def emp_6m_records(scope: Scope):
    return _with_outcome(six_months_after(scope), Outcome.Timing.SIX_MONTHS, EMPLOYMENT_OUTCOMES)


def xb_outcome_records(scope: Scope):
    """A cross-border exit outcome of those who left, or a cross-border six-month outcome of
    those whose six months end, in the period; a person once."""
    first, last = scope.shifted_back(SIX_MONTHS_DAYS)
    exit_xb = Outcome.objects.confirmed().filter(timing=Outcome.Timing.EXIT, cross_border=True)
    six_xb = Outcome.objects.confirmed().filter(timing=Outcome.Timing.SIX_MONTHS, cross_border=True)
    return participants_in(scope).filter(
        Q(exists(exit_xb, participant="pk"), exit_date__gte=scope.start, exit_date__lte=scope.end)
        | Q(exists(six_xb, participant="pk"), exit_date__gte=first, exit_date__lte=last)
    )


def _mean_of(kind):
    """The mean rating over all dimensions (summed) of a participant's assessments of `kind`,
    as an aggregate over that participant's rows.

    Ratings of both raters (self and coach) are pooled: the definition asks for "an entry and
    an exit assessment", not a particular rater. Comparing sums is comparing means (5 each).
    """
    total = sum((F(name) for name in Assessment.DIMENSIONS[1:]), F(Assessment.DIMENSIONS[0]))
    return Avg(total, filter=Q(kind=kind))


def competence_records(scope: Scope):
    """Those who left with an exit mean above their entry mean: one grouped pass over their
    assessments (a participant without an entry or an exit assessment has a NULL mean, which
    is never greater), instead of two correlated subqueries per participant (3× the
    hand-written SQL at 100,000 participants, make bench)."""
    improved = (
        Assessment.objects.filter(
            participant__in=left(scope).values("pk"),
            kind__in=[Assessment.Kind.ENTRY, Assessment.Kind.EXIT],
        )
        .order_by()
        .values("participant")
        .annotate(
            entry_mean=_mean_of(Assessment.Kind.ENTRY), exit_mean=_mean_of(Assessment.Kind.EXIT)
        )
        .filter(exit_mean__gt=F("entry_mean"))
        .values("participant")
    )
    return left(scope).filter(pk__in=improved)


def _count(records):
    def compute(scope: Scope) -> Figure:
        return Figure(value=records(scope).count())

    return compute


def _evidence(records, label):
    def evidence(scope: Scope) -> list[Evidence]:
        return [Evidence("participants", label, records(scope))]

    return evidence


INDICATORS = [
    Indicator(
        "P-TOTAL",
        SECTION,
        _("Participants entered"),
        _(
            "Participants whose entry date is within the period and whose status is not "
            "“interested”. Each person counts once."
        ),
        p_total,
        _entered_evidence,
    ),
    Indicator(
        "P-GENDER",
        SECTION,
        _("Participants entered by gender"),
        _("Participants entered in the period by gender: female, male, diverse, not stated."),
        p_gender,
        _entered_evidence,
    ),
    Indicator(
        "P-AGE",
        SECTION,
        _("Participants entered by age band"),
        _(
            "Participants entered in the period by their age on the entry date (not today): "
            "under 18, 18–24, 25–29, 30 and over."
        ),
        p_age,
        _entered_evidence,
    ),
    Indicator(
        "P-COUNTRY",
        SECTION,
        _("Participants entered by country of residence"),
        _("Participants entered in the period by country of residence: Denmark, Germany, other."),
        p_country,
        _entered_evidence,
    ),
    Indicator(
        "P-ISCED",
        SECTION,
        _("Participants entered by education level"),
        _("Participants entered in the period by education level: ISCED 0–2, 3–4, 5–8."),
        p_isced,
        _entered_evidence,
    ),
    Indicator(
        "P-LMS",
        SECTION,
        _("Participants entered by labour-market status"),
        _(
            "Participants entered in the period by labour-market status at entry: unemployed "
            "(of which long-term unemployed), inactive, in education or training, employed."
        ),
        p_lms,
        _entered_evidence,
    ),
    Indicator(
        "R-EDU-LEAVE",
        SECTION,
        _("In education or training upon leaving"),
        _(
            "Participants whose exit date is within the period and whose exit outcome is "
            "education or vocational training."
        ),
        _count(edu_leave_records),
        _evidence(edu_leave_records, _("Left into education or training")),
    ),
    Indicator(
        "R-EMP-LEAVE",
        SECTION,
        _("In employment upon leaving"),
        _(
            "Participants whose exit date is within the period and whose exit outcome is "
            "employed or self-employed."
        ),
        _count(emp_leave_records),
        _evidence(emp_leave_records, _("Left into employment")),
    ),
    Indicator(
        "R-EMP-6M",
        SECTION,
        _("In employment six months after leaving"),
        _(
            "Participants whose exit date plus 182 days falls within the period and whose "
            "six-month outcome is employed or self-employed."
        ),
        _count(emp_6m_records),
        _evidence(emp_6m_records, _("In employment six months after leaving")),
    ),
    Indicator(
        "R-XB-OUTCOME",
        SECTION,
        _("Outcome across the border"),
        _(
            "Participants with an exit outcome (exit date within the period) or a six-month "
            "outcome (exit date plus 182 days within the period) in education, training or work "
            "marked as across the border. Each person counts once."
        ),
        _count(xb_outcome_records),
        _evidence(xb_outcome_records, _("Outcomes across the border")),
    ),
    Indicator(
        "R-COMPETENCE",
        SECTION,
        _("Improved competences"),
        _(
            "Participants whose exit date is within the period, who have both an entry and an "
            "exit assessment, and whose exit mean over all competence dimensions (self- and "
            "coach ratings pooled) is above their entry mean."
        ),
        _count(competence_records),
        _evidence(competence_records, _("Participants with improved competences")),
    ),
]
