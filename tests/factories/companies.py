import datetime

import factory

from companies.models import (
    Company,
    CompanyContact,
    Offer,
    OfferLanguageRequirement,
    Placement,
    PlacementFeedback,
    SupportAction,
    SupportNeed,
)
from companies.registration import cvr_check_digit

from .accounts import PartnerFactory, UserFactory
from .participants import ParticipantFactory


def valid_cvr(n: int) -> str:
    """The n-th valid CVR number of a test run (eight digits, modulus 11 holds)."""
    base = 2000000 + n * 7
    while True:
        first_seven = str(base)
        digit = cvr_check_digit(first_seven)
        if digit is not None:
            return f"{first_seven}{digit}"
        base += 1


class CompanyFactory(factory.django.DjangoModelFactory):
    """A Danish company with a valid, unique CVR number; `country="DE"` gives a register entry."""

    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Company {n} ApS")
    country = "DK"
    cvr = factory.LazyAttributeSequence(lambda o, n: valid_cvr(n) if o.country == "DK" else "")
    register_court = factory.LazyAttribute(lambda o: "Flensburg" if o.country == "DE" else "")
    register_number = factory.LazyAttributeSequence(
        lambda o, n: f"HRB {1000 + n}" if o.country == "DE" else ""
    )
    city = "Sønderborg"
    sector = Company.Sector.MANUFACTURING
    size_band = Company.SizeBand.SMALL
    status = Company.Status.ACTIVE
    responsible_partner = factory.SubFactory(PartnerFactory)


class CompanyContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyContact

    user = factory.SubFactory(UserFactory, roles=["company_contact"])
    job_title = "HR"
    phone = "+45 12 34 56 78"


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    company = factory.SubFactory(CompanyFactory)
    kind = Offer.Kind.INTERNSHIP
    title = factory.Sequence(lambda n: f"Internship {n}")
    description = "Learn the trade."
    place = "Sønderborg"
    start_date = factory.LazyFunction(lambda: datetime.date(2026, 9, 1))
    end_date = factory.LazyFunction(lambda: datetime.date(2026, 9, 30))
    places = 2
    status = Offer.Status.PUBLISHED


class OfferLanguageRequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfferLanguageRequirement

    offer = factory.SubFactory(OfferFactory)
    language = "de"
    min_level = "A2"


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    participant = factory.SubFactory(ParticipantFactory)
    offer = factory.SubFactory(OfferFactory)
    status = Placement.Status.PROPOSED
    start_date = factory.LazyAttribute(lambda o: o.offer.start_date)
    end_date = factory.LazyAttribute(lambda o: o.offer.end_date)
    cross_border = factory.LazyAttribute(
        lambda o: o.participant.country_of_residence != o.offer.company.country
    )
    decline_reason = factory.LazyAttribute(
        lambda o: "Not a fit" if o.status == Placement.Status.DECLINED else ""
    )


class PlacementFeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlacementFeedback

    placement = factory.SubFactory(PlacementFactory, status=Placement.Status.COMPLETED)
    side = PlacementFeedback.Side.COMPANY
    punctuality = 4
    motivation = 5
    skills = 3
    language = 3
    would_hire = True
    comments = "Good work."


class SupportNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportNeed

    company = factory.SubFactory(CompanyFactory)
    kind = SupportNeed.Kind.LANGUAGE_HELP
    description = "Our team speaks only German."


class SupportActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportAction

    need = factory.SubFactory(SupportNeedFactory)
    date = factory.LazyFunction(lambda: datetime.date(2026, 3, 1))
    description = "Two-hour workshop."
    performed_by = factory.SubFactory(UserFactory, roles=["coach"])
    hours = 2
