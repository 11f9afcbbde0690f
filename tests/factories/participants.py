import datetime

import factory

from participants.models import Consent, LanguageSkill, Participant

from .accounts import PartnerFactory


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    date_of_birth = factory.LazyFunction(lambda: datetime.date(2005, 5, 17))
    gender = Participant.Gender.FEMALE
    email = factory.Sequence(lambda n: f"young{n}@example.org")
    postcode = "6400"
    municipality = "Sønderborg"
    country_of_residence = "DK"
    education_level = Participant.Isced.ISCED_0_2
    labour_market_status = Participant.LabourMarketStatus.UNEMPLOYED
    partner = factory.SubFactory(PartnerFactory)
    status = Participant.Status.ACTIVE
    entry_date = factory.LazyFunction(lambda: datetime.date(2026, 1, 15))


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    participant = factory.SubFactory(ParticipantFactory)
    purpose = Consent.Purpose.PARTICIPATION
    given = True
    evidence = "Signed form"
    recorded_by = factory.LazyAttribute(lambda o: o.participant.coach)


class LanguageSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LanguageSkill

    participant = factory.SubFactory(ParticipantFactory)
    language = LanguageSkill.Language.GERMAN
    level = LanguageSkill.Level.A2
    assessed_on = factory.LazyFunction(lambda: datetime.date(2026, 2, 1))
