"""companies.demo: companies in both countries, contacts, offers and placements in every state."""

from collections import Counter

import pytest

from companies import demo
from companies.models import (
    Company,
    CompanyContact,
    Offer,
    Placement,
    PlacementFeedback,
    SupportAction,
)
from companies.registration import normalise_cvr, normalise_german_register
from jump.accounts import demo as accounts_demo
from jump.accounts.models import User
from participants import demo as participants_demo
from participants.models import Consent, Participant

pytestmark = pytest.mark.django_db


def seed():
    world: dict = {}
    accounts_demo.seed(world)
    participants_demo.seed(world)
    demo.seed(world)
    return world


def test_demo_seeds_companies_contacts_offers_placements_feedback_and_support():
    world = seed()
    companies = Company.objects.all()
    assert {c.country for c in companies} == {"DK", "DE"}
    assert len({c.sector for c in companies}) >= 5
    for company in companies:
        if company.country == "DK":
            assert normalise_cvr(company.cvr) == company.cvr
        else:
            court, number = normalise_german_register(
                company.register_court, company.register_number
            )
            assert (court, number) == (company.register_court, company.register_number)
    contact_dk = User.objects.get(email="contact.dk@jump.test")
    contact_de = User.objects.get(email="contact.de@jump.test")
    assert (contact_dk.company.country, contact_dk.preferred_language) == ("DK", "da")
    assert (contact_de.company.country, contact_de.preferred_language) == ("DE", "de")
    assert contact_dk.has_role("company_contact") and contact_de.has_role("company_contact")
    assert CompanyContact.objects.filter(user__in=[contact_dk, contact_de]).count() == 2
    assert set(Offer.objects.values_list("status", flat=True)) == set(Offer.Status.values)
    assert set(Placement.objects.values_list("status", flat=True)) == set(Placement.Status.values)
    assert Placement.objects.filter(cross_border=True).exists()
    assert Counter(PlacementFeedback.objects.values_list("side", flat=True)) == {
        "company": 1,
        "coach": 1,
    }
    assert SupportAction.objects.exists()
    sharing = Participant.objects.with_consent(Consent.Purpose.SHARE_WITH_COMPANIES)
    assert not Placement.objects.exclude(participant__in=sharing).exists()
    # Open placements show the companies some goals and activities the young person shares.
    open_placements = Placement.objects.filter(status__in=Placement.OPEN)
    assert open_placements.filter(shared_goals__isnull=False).exists()
    assert open_placements.filter(shared_activities__isnull=False).exists()
    assert (
        not Placement.objects.exclude(status__in=Placement.OPEN)
        .filter(shared_goals__isnull=False)
        .exists()
    )
    assert world["companies"] and world["offers"] and world["placements"]


def test_demo_can_run_twice():
    seed()
    counts = (Company.objects.count(), Offer.objects.count(), Placement.objects.count())
    world = seed()
    assert (Company.objects.count(), Offer.objects.count(), Placement.objects.count()) == counts
    assert len(world["placements"]) == counts[2]
