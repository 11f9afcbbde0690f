"""No template queries in a loop: every list and detail page makes the same number of queries
for 1 row and for 20 rows (docs/style.md)."""

import pytest
from django.urls import reverse

from companies.models import Company, Placement
from participants.models import Consent
from tests.factories.accounts import UserFactory
from tests.factories.companies import (
    CompanyContactFactory,
    CompanyFactory,
    OfferFactory,
    OfferLanguageRequirementFactory,
    PlacementFactory,
    PlacementFeedbackFactory,
    SupportActionFactory,
    SupportNeedFactory,
)
from tests.factories.participants import ConsentFactory, LanguageSkillFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def same_for_1_and_20(count_queries, client, url, add_row) -> None:
    add_row(0)
    with_one = count_queries(client, url)
    for index in range(1, 20):
        add_row(index)
    with_twenty = count_queries(client, url)
    assert with_one == with_twenty


def sharing_participant(personas, partner):
    participant = ParticipantFactory(partner=partner, coach=personas.coach_a)
    ConsentFactory(
        participant=participant,
        purpose=Consent.Purpose.SHARE_WITH_COMPANIES,
        recorded_by=personas.coach_a,
    )
    LanguageSkillFactory(participant=participant, language="de", level="B1")
    LanguageSkillFactory(participant=participant, language="da", level="A2")
    return participant


def placement_at(personas, partner, offer, status=Placement.Status.PROPOSED):
    placement = PlacementFactory(
        participant=sharing_participant(personas, partner), offer=offer, status=status
    )
    PlacementFeedbackFactory(placement=placement, author=personas.contact_x)
    return placement


def test_company_list(personas, partner_a, client_for, count_queries):
    def add(index):
        company = CompanyFactory(sector=Company.Sector.IT, responsible_partner=partner_a)
        OfferFactory(company=company)
        UserFactory(roles=["company_contact"], company=company)
        SupportNeedFactory(company=company)

    url = reverse("companies:company_list") + "?sector=it"
    same_for_1_and_20(count_queries, client_for("coach_a"), url, add)


def test_company_detail(personas, partner_a, company_x, client_for, count_queries):
    def add(index):
        offer = OfferFactory(company=company_x, places=1)
        OfferLanguageRequirementFactory(offer=offer)
        placement_at(personas, partner_a, offer)
        CompanyContactFactory(user=UserFactory(roles=["company_contact"], company=company_x))
        SupportActionFactory(need=SupportNeedFactory(company=company_x))

    url = reverse("companies:company_detail", args=[company_x.public_id])
    same_for_1_and_20(count_queries, client_for("coach_a"), url, add)


@pytest.mark.parametrize("persona", ["contact_x", "coach_a"])
def test_offer_list(personas, partner_a, company_x, client_for, persona, count_queries):
    def add(index):
        offer = OfferFactory(company=company_x)
        OfferLanguageRequirementFactory(offer=offer, language="de")
        OfferLanguageRequirementFactory(offer=offer, language="da")
        placement_at(personas, partner_a, offer)

    same_for_1_and_20(count_queries, client_for(persona), reverse("companies:offer_list"), add)


@pytest.mark.parametrize("persona", ["contact_x", "coach_a"])
def test_offer_detail(personas, partner_a, company_x, client_for, persona, count_queries):
    offer = OfferFactory(company=company_x, places=20)
    url = reverse("companies:offer_detail", args=[offer.public_id])
    same_for_1_and_20(
        count_queries,
        client_for(persona),
        url,
        lambda index: placement_at(personas, partner_a, offer),
    )


@pytest.mark.parametrize("persona", ["contact_x", "coach_a"])
def test_proposal_list(personas, partner_a, company_x, client_for, persona, count_queries):
    def add(index):
        placement_at(personas, partner_a, OfferFactory(company=company_x))

    same_for_1_and_20(count_queries, client_for(persona), reverse("companies:proposal_list"), add)


@pytest.mark.parametrize("persona", ["contact_x", "coach_a", "manager"])
def test_placement_list(personas, partner_a, company_x, client_for, persona, count_queries):
    def add(index):
        placement_at(
            personas, partner_a, OfferFactory(company=company_x), status=Placement.Status.ACTIVE
        )

    same_for_1_and_20(count_queries, client_for(persona), reverse("companies:placement_list"), add)


def test_portal(personas, partner_a, company_x, client_for, count_queries):
    def add(index):
        offer = OfferFactory(company=company_x, places=3)
        OfferLanguageRequirementFactory(offer=offer)
        placement_at(personas, partner_a, offer)
        placement_at(personas, partner_a, offer, status=Placement.Status.ACTIVE)
        placement_at(personas, partner_a, offer, status=Placement.Status.COMPLETED)
        SupportActionFactory(need=SupportNeedFactory(company=company_x))

    same_for_1_and_20(count_queries, client_for("contact_x"), reverse("companies:portal"), add)


@pytest.mark.parametrize("persona", ["contact_x", "coach_a"])
def test_support_need_list(personas, company_x, client_for, persona, count_queries):
    def add(index):
        SupportActionFactory(need=SupportNeedFactory(company=company_x))

    same_for_1_and_20(
        count_queries, client_for(persona), reverse("companies:support_need_list"), add
    )


def test_support_need_detail(personas, company_x, client_for, count_queries):
    need = SupportNeedFactory(company=company_x)
    url = reverse("companies:support_need_detail", args=[need.public_id])
    same_for_1_and_20(
        count_queries,
        client_for("coach_a"),
        url,
        lambda index: SupportActionFactory(need=need, performed_by=UserFactory(roles=["coach"])),
    )


@pytest.mark.parametrize("persona", ["contact_x", "coach_a"])
def test_placement_detail(personas, partner_a, company_x, client_for, persona, count_queries):
    placement = placement_at(personas, partner_a, OfferFactory(company=company_x))
    for index in range(3):
        OfferLanguageRequirementFactory(offer=placement.offer, language=["de", "da", "en"][index])
    url = reverse("companies:placement_detail", args=[placement.public_id])

    def add(index):
        LanguageSkillFactory(participant=placement.participant, language="en", level="B2")

    same_for_1_and_20(count_queries, client_for(persona), url, add)
