"""The companies world (docs/security.md personas).

P1 — partner A, coached by coach_a, share_with_companies consent given: proposed to company X
     (offer_x), completed at company X (offer_x2, with feedback of both sides), proposed to
     company Y (offer_y).
P2 — partner A, coached by coach_a, NO sharing consent: proposed to company X (offer_x).
Company X is German (contact_x), company Y Danish (contact_y); each has a support need.
Every personal-data field of P1 and P2 holds a unique marker so leaks can be searched for.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.apps import apps

from companies.models import Offer, Placement, PlacementFeedback
from participants.models import Consent
from tests.factories.companies import (
    OfferFactory,
    OfferLanguageRequirementFactory,
    PlacementFactory,
    PlacementFeedbackFactory,
    SupportActionFactory,
    SupportNeedFactory,
)
from tests.factories.participants import (
    ConsentFactory,
    DocumentFactory,
    LanguageSkillFactory,
    ParticipantFactory,
)

P1_FIRST_NAME = "Pia1FirstName"
P2_FIRST_NAME = "Paul2FirstName"
P1_DOB = datetime.date(2004, 3, 21)
P2_DOB = datetime.date(2003, 11, 7)


def markers(tag: str) -> dict[str, str]:
    """A unique marker per personal-data field of one participant."""
    return {
        "last_name": f"{tag}LASTNAME",
        "email": f"{tag.lower()}-email-marker@example.org",
        "phone": f"+45 {tag}PHONE",
        "street": f"{tag}STREET 1",
        "postcode": f"{tag}PC"[:10],
        "municipality": f"{tag}MUNICIPALITY",
        "exit_reason": f"{tag}EXITREASON",
    }


def make_participant(*, tag, first_name, date_of_birth, partner, coach, sharing: bool):
    participant = ParticipantFactory(
        first_name=first_name,
        date_of_birth=date_of_birth,
        partner=partner,
        coach=coach,
        country_of_residence="DK",
        **markers(tag),
    )
    ConsentFactory(
        participant=participant,
        purpose=Consent.Purpose.PARTICIPATION,
        given=True,
        recorded_by=coach,
    )
    if sharing:
        ConsentFactory(
            participant=participant,
            purpose=Consent.Purpose.SHARE_WITH_COMPANIES,
            given=True,
            recorded_by=coach,
        )
    LanguageSkillFactory(participant=participant, language="de", level="B1")
    LanguageSkillFactory(participant=participant, language="da", level="C2")
    case_note = _case_note_model()
    if case_note is not None:
        case_note.objects.create(
            participant=participant,
            date=datetime.date(2026, 2, 2),
            channel="meeting",
            summary=f"{tag}CASENOTE",
            author=coach,
        )
    return participant


def _case_note_model():
    """participants.Contact (case notes) when that model exists."""
    try:
        return apps.get_model("participants", "Contact")
    except LookupError:
        return None


def withdraw_sharing(participant, by):
    """A new consent row that withdraws sharing with companies (the old one stays)."""
    return ConsentFactory(
        participant=participant,
        purpose=Consent.Purpose.SHARE_WITH_COMPANIES,
        given=False,
        recorded_by=by,
    )


@pytest.fixture
def world(personas, partner_a, company_x, company_y):
    p1 = make_participant(
        tag="P1",
        first_name=P1_FIRST_NAME,
        date_of_birth=P1_DOB,
        partner=partner_a,
        coach=personas.coach_a,
        sharing=True,
    )
    p2 = make_participant(
        tag="P2",
        first_name=P2_FIRST_NAME,
        date_of_birth=P2_DOB,
        partner=partner_a,
        coach=personas.coach_a,
        sharing=False,
    )
    offer_x = OfferFactory(company=company_x, title="Welding internship X", places=2)
    OfferLanguageRequirementFactory(offer=offer_x, language="de", min_level="A2")
    offer_x2 = OfferFactory(company=company_x, title="Taster day X", kind=Offer.Kind.TASTER_DAY)
    offer_x_draft = OfferFactory(
        company=company_x, title="Draft job X", kind=Offer.Kind.JOB, status=Offer.Status.DRAFT
    )
    offer_y = OfferFactory(company=company_y, title="Kitchen internship Y")
    placement_p1 = PlacementFactory(participant=p1, offer=offer_x)
    # P1 shares a CV with company X for this proposal (the CV download's object).
    placement_p1.shared_cv = DocumentFactory(participant=p1, original_name="CV Pia1.pdf")
    placement_p1.save(update_fields=["shared_cv"])
    placement_p2 = PlacementFactory(participant=p2, offer=offer_x)
    placement_p1_done = PlacementFactory(
        participant=p1,
        offer=offer_x2,
        status=Placement.Status.COMPLETED,
        mentor_name="Mentor X",
    )
    feedback_company = PlacementFeedbackFactory(
        placement=placement_p1_done,
        side=PlacementFeedback.Side.COMPANY,
        author=personas.contact_x,
        comments="Company comment on P1",
    )
    feedback_coach = PlacementFeedbackFactory(
        placement=placement_p1_done,
        side=PlacementFeedback.Side.COACH,
        author=personas.coach_a,
        comments="P1COACHFEEDBACK",
    )
    placement_p1_y = PlacementFactory(participant=p1, offer=offer_y)
    support_x = SupportNeedFactory(company=company_x, description="Support X")
    SupportActionFactory(need=support_x, performed_by=personas.coach_a)
    support_y = SupportNeedFactory(company=company_y, description="Support Y")
    return SimpleNamespace(
        personas=personas,
        company_x=company_x,
        company_y=company_y,
        p1=p1,
        p2=p2,
        offer_x=offer_x,
        offer_x2=offer_x2,
        offer_x_draft=offer_x_draft,
        offer_y=offer_y,
        placement_p1=placement_p1,
        placement_p2=placement_p2,
        placement_p1_done=placement_p1_done,
        placement_p1_y=placement_p1_y,
        feedback_company=feedback_company,
        feedback_coach=feedback_coach,
        support_x=support_x,
        support_y=support_y,
    )
