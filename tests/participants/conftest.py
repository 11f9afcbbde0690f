"""The world of the participants tests.

P1 belongs to partner A (Denmark) and is coached by coach_a; P2 belongs to partner B (Germany),
coached by coach_b. Each has a full case file (consent, language, assessment, plan with a goal
and a step, a case note with a follow-up, a document, attendance at an activity). P1 is shared
with coach_c (partner C, Germany) — never with coach_b. For the company-contact rule of
docs/security.md, P1 is placed with company X with sharing consent, P2 without: even so, company
contacts get 404 on every participants URL.
Every personal-data field of P1 carries MARKER so that leaks can be searched for.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.apps import apps

from participants.models import Consent
from tests.factories.accounts import PartnerFactory, UserFactory
from tests.factories.participants import (
    ActionPlanFactory,
    ActivityFactory,
    ActivityRegistrationFactory,
    AssessmentFactory,
    AttendanceFactory,
    ConsentFactory,
    ContactFactory,
    DocumentFactory,
    GoalFactory,
    LanguageSkillFactory,
    ParticipantFactory,
    ParticipantShareFactory,
    StepFactory,
)

MARKER = "Zqx7Marker"


def place_with_company(participant, company, *, status="active", cross_border=False, **dates):
    """A placement of `participant` with `company` (companies app, read at call time)."""
    Offer = apps.get_model("companies", "Offer")
    Placement = apps.get_model("companies", "Placement")
    offer = Offer.objects.create(
        company=company,
        kind="internship",
        title="Internship in the workshop",
        place="Flensburg",
        start_date=dates.get("start_date") or datetime.date(2026, 4, 1),
        status="published",
    )
    return Placement.objects.create(
        participant=participant,
        offer=offer,
        status=status,
        cross_border=cross_border,
        **dates,
    )


def case_file(participant, coach, *, marker=""):
    """Give `participant` one of each part of a case file; returns them by name."""
    plan = ActionPlanFactory(participant=participant, created_by=coach)
    goal = GoalFactory(plan=plan)
    return SimpleNamespace(
        consent=ConsentFactory(
            participant=participant,
            purpose=Consent.Purpose.SHARE_WITH_COMPANIES,
            recorded_by=coach,
        ),
        language=LanguageSkillFactory(participant=participant),
        assessment=AssessmentFactory(participant=participant, recorded_by=coach),
        plan=plan,
        goal=goal,
        step=StepFactory(goal=goal, title=f"Write an application {marker}"),
        note=ContactFactory(
            participant=participant,
            author=coach,
            summary=f"Case note {marker}",
            follow_up_on=datetime.date(2026, 3, 20),
        ),
        document=DocumentFactory(participant=participant, uploaded_by=coach),
    )


@pytest.fixture
def world(personas, partner_a, partner_b, company_x):
    partner_c = PartnerFactory(name="Partner C (DE)", country="DE")
    coach_c = UserFactory(email="coach.c@example.org", roles=["coach"], partner=partner_c, mfa=True)
    p1 = ParticipantFactory(
        partner=partner_a,
        coach=personas.coach_a,
        first_name=f"Pia{MARKER}",
        last_name=f"Eins{MARKER}",
        email=f"pia.{MARKER.lower()}@example.org",
        street=f"Perlegade 1 {MARKER}",
        phone=f"+45 1234 {MARKER}",
    )
    p2 = ParticipantFactory(partner=partner_b, coach=personas.coach_b, first_name="Paul")
    c1 = case_file(p1, personas.coach_a, marker=MARKER)
    c2 = case_file(p2, personas.coach_b)
    share = ParticipantShareFactory(participant=p1, coach=coach_c, granted_by=personas.coach_a)
    activity_a = ActivityFactory(partner=partner_a, created_by=personas.coach_a)
    AttendanceFactory(activity=activity_a, participant=p1, recorded_by=personas.coach_a)
    ActivityRegistrationFactory(activity=activity_a, participant=p1, registered_by=personas.coach_a)
    # docs/security.md: P1 placed with company X with sharing consent (given above), P2 without.
    Consent.objects.create(
        participant=p2,
        purpose=Consent.Purpose.SHARE_WITH_COMPANIES,
        given=False,
        evidence="withdrawn",
        recorded_by=personas.coach_b,
    )
    place_with_company(p1, company_x)
    place_with_company(p2, company_x)
    return SimpleNamespace(
        **vars(personas),
        coach_c=coach_c,
        partner_c=partner_c,
        p1=p1,
        p2=p2,
        c1=c1,
        c2=c2,
        share=share,
        activity_a=activity_a,
    )
