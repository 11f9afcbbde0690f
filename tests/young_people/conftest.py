"""The world of the young people's pages.

P1 (partner A, coach_a) is the young person whose login is `youth_p1`: a full case file with
MARKER in its case note and assessment, a plan with one open step, consents given, a placement
with company X. P2 (partner B, coach_b) is another young person, with a step and a consent of
their own, all with OTHER in their text.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from participants.models import Consent
from tests.factories.participants import (
    ActivityFactory,
    ActivityRegistrationFactory,
    ConsentFactory,
    DocumentFactory,
    ParticipantFactory,
    StepFactory,
)
from tests.participants.conftest import case_file, place_with_company

MARKER = "Yq4CaseOnly"
OTHER = "Wv8OtherPerson"


@pytest.fixture
def world(personas, partner_a, partner_b, company_x):
    p1 = ParticipantFactory(
        partner=partner_a,
        coach=personas.coach_a,
        first_name="Pia",
        last_name="Eins",
        user=personas.youth_p1,
        preferred_language="da",
    )
    c1 = case_file(p1, personas.coach_a, marker="")
    c1.note.summary = f"Case note {MARKER}"
    c1.note.save()
    c1.assessment.note = f"Assessment {MARKER}"
    c1.assessment.save()
    ConsentFactory(participant=p1, purpose=Consent.Purpose.PARTICIPATION, given=True)
    ConsentFactory(participant=p1, purpose=Consent.Purpose.PHOTOS, given=True)
    placement = place_with_company(p1, company_x)
    # One document a coach shared with P1 (SECURITY 35: only a shared item is theirs to see).
    shared_document = DocumentFactory(
        participant=p1, uploaded_by=personas.coach_a, shared_with_young_person=True
    )
    p2 = ParticipantFactory(
        partner=partner_b, coach=personas.coach_b, first_name=f"Paul{OTHER}", last_name=OTHER
    )
    c2 = case_file(p2, personas.coach_b, marker=OTHER)
    other_step = StepFactory(goal=c2.goal, title=f"Step {OTHER}")
    # An upcoming activity P1 is registered for, and one P2 is registered for (OTHER's).
    activity = ActivityFactory(
        partner=partner_a,
        created_by=personas.coach_a,
        title="Future Camp",
        date=timezone.localdate() + datetime.timedelta(days=10),
    )
    ActivityRegistrationFactory(activity=activity, participant=p1, registered_by=personas.coach_a)
    other_activity = ActivityFactory(
        partner=partner_b,
        created_by=personas.coach_b,
        title=f"Visit {OTHER}",
        date=timezone.localdate() + datetime.timedelta(days=5),
    )
    ActivityRegistrationFactory(
        activity=other_activity, participant=p2, registered_by=personas.coach_b
    )
    return SimpleNamespace(
        personas=personas,
        activity=activity,
        other_activity=other_activity,
        p1=p1,
        c1=c1,
        p2=p2,
        c2=c2,
        placement=placement,
        shared_document=shared_document,
        other_step=other_step,
    )
