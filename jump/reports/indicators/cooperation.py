"""Cross-border cooperation indicators (Interreg style: RCO81, RCO87, RCO85, RCR81)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from companies.models import Placement
from jump.accounts.models import Partner
from participants.models import Attendance
from training_modules.models import Enrolment

from ..periods import Scope
from .base import (
    Evidence,
    Figure,
    Indicator,
    Part,
    companies_in,
    completed_enrolments,
    enrolments_in,
    exists,
    participant_filter,
    placement_active_q,
    placement_started_q,
    placements_in,
)

SECTION = _("Cross-border cooperation")


def cross_border_attendances(scope: Scope):
    """Attended (status "attended") activities marked cross-border held in the period."""
    return Attendance.objects.filter(
        participant_filter(scope),
        status=Attendance.Status.ATTENDED,
        activity__cross_border=True,
        activity__date__gte=scope.start,
        activity__date__lte=scope.end,
    )


def cross_border_placements_started(scope: Scope):
    return placements_in(scope).filter(placement_started_q(scope), cross_border=True)


def cross_border_placements_active(scope: Scope):
    return placements_in(scope).filter(placement_active_q(scope), cross_border=True)


def rco81(scope: Scope) -> Figure:
    activities = cross_border_attendances(scope).count()
    # A person counts once per action: the same participant twice in one offer is one.
    placements = (
        cross_border_placements_started(scope)
        .order_by()
        .values("participant_id", "offer_id")
        .distinct()
        .count()
    )
    return Figure(
        value=activities + placements,
        parts=[
            Part("activities", _("Attendances at cross-border activities"), activities),
            Part("placements", _("Cross-border placements started"), placements),
        ],
    )


def rco81_evidence(scope: Scope) -> list[Evidence]:
    return [
        Evidence(
            "attendances",
            _("Attendances at cross-border activities"),
            cross_border_attendances(scope),
        ),
        Evidence(
            "placements",
            _("Cross-border placements started"),
            cross_border_placements_started(scope),
        ),
    ]


def cooperating_partners(scope: Scope):
    """Partners with a participant at a cross-border activity held in, or in a cross-border
    placement active in, the period."""
    partners = Partner.objects.all()
    if scope.partner is not None:
        partners = partners.filter(pk=scope.partner.pk)
    if scope.country:
        partners = partners.filter(country=scope.country)
    return partners.filter(
        Q(exists(cross_border_attendances(scope), participant__partner="pk"))
        | Q(exists(cross_border_placements_active(scope), participant__partner="pk"))
    )


def cooperating_companies(scope: Scope):
    """Companies with a cross-border placement active in the period; the partner and country
    filters are the company's responsible partner and own country, as for every company figure
    (docs/indicators.md, "Decisions"), not the participants' partner."""
    active = Placement.objects.filter(placement_active_q(scope), cross_border=True)
    return companies_in(scope).filter(exists(active, offer__company="pk"))


def rco87(scope: Scope) -> Figure:
    partners = cooperating_partners(scope).count()
    companies = cooperating_companies(scope).count()
    return Figure(
        value=partners + companies,
        parts=[
            Part("partners", _("Partner organisations"), partners),
            Part("companies", _("Companies"), companies),
        ],
    )


def rco87_evidence(scope: Scope) -> list[Evidence]:
    return [
        Evidence("partners", _("Partner organisations"), cooperating_partners(scope)),
        Evidence("companies", _("Companies"), cooperating_companies(scope)),
    ]


def training_participations(scope: Scope):
    """Staff enrolments attended or completed, in sessions that started in the period."""
    after, before = scope.day_bounds()
    return enrolments_in(scope).filter(
        status__in=[Enrolment.Status.ATTENDED, Enrolment.Status.COMPLETED],
        session__starts_at__gte=after,
        session__starts_at__lt=before,
    )


def rco85(scope: Scope) -> Figure:
    return Figure(value=training_participations(scope).count())


def rcr81(scope: Scope) -> Figure:
    return Figure(value=completed_enrolments(scope).count())


INDICATORS = [
    Indicator(
        "RCO81",
        SECTION,
        _("Participations in joint actions across borders"),
        _(
            "Attendances (“attended”) of participants at activities marked as across the border "
            "held in the period, plus placements marked as across the border that started in the "
            "period. A person counts once per action."
        ),
        rco81,
        rco81_evidence,
    ),
    Indicator(
        "RCO87",
        SECTION,
        _("Organisations cooperating across borders"),
        _(
            "Partner organisations with at least one participant in a cross-border action in the "
            "period (an attended cross-border activity held in the period, or a cross-border "
            "placement active in the period), plus companies with a cross-border placement "
            "active in the period (by the company's responsible partner and own country)."
        ),
        rco87,
        rco87_evidence,
    ),
    Indicator(
        "RCO85",
        SECTION,
        _("Participations in joint training schemes"),
        _(
            "Staff enrolments with the status “attended” or “completed” in training sessions "
            "that started in the period."
        ),
        rco85,
        lambda scope: [
            Evidence("enrolments", _("Training participations"), training_participations(scope))
        ],
    ),
    Indicator(
        "RCR81",
        SECTION,
        _("Completions of joint training schemes"),
        _("Staff enrolments completed in the period (by their completion date)."),
        rcr81,
        lambda scope: [
            Evidence("enrolments", _("Completed enrolments"), completed_enrolments(scope))
        ],
    ),
]
