import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from training_modules.models import (
    Certificate,
    Enrolment,
    GoodPractice,
    Module,
    Session,
)

from .accounts import UserFactory


def _in_days(days: int, hour: int = 9) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class ModuleFactory(factory.django.DjangoModelFactory):
    """A published module with texts in all three languages."""

    class Meta:
        model = Module

    title_en = factory.Sequence(lambda n: f"Intercultural competence {n}")
    title_da = factory.Sequence(lambda n: f"Interkulturel kompetence {n}")
    title_de = factory.Sequence(lambda n: f"Interkulturelle Kompetenz {n}")
    summary_en = "Preparing young people for work across the border."
    summary_da = "Unge forberedes på arbejde på tværs af grænsen."
    summary_de = "Junge Menschen auf Arbeit über die Grenze vorbereiten."
    description_en = "Exercises and cases from the partners' everyday work."
    description_da = "Øvelser og cases fra partnernes hverdag."
    description_de = "Übungen und Fälle aus dem Alltag der Partner."
    learning_outcomes_en = "Describe differences\nUse three exercises"
    learning_outcomes_da = "Beskrive forskelle\nBruge tre øvelser"
    learning_outcomes_de = "Unterschiede beschreiben\nDrei Übungen einsetzen"
    hours = 12
    format = Module.Format.IN_PERSON
    target_group = Module.TargetGroup.ALL_STAFF
    status = Module.Status.PUBLISHED


class SessionFactory(factory.django.DjangoModelFactory):
    """A planned session in ten days (one day long); `days=-20` puts it in the past,
    `trainers=[...]` sets its trainers."""

    class Meta:
        model = Session
        skip_postgeneration_save = True

    class Params:
        days = 10
        length = 1

    module = factory.SubFactory(ModuleFactory)
    starts_at = factory.LazyAttribute(lambda o: _in_days(o.days, 9))
    ends_at = factory.LazyAttribute(lambda o: _in_days(o.days + o.length - 1, 16))
    enrolment_deadline = factory.LazyAttribute(lambda o: _in_days(o.days - 2, 12))
    place = "Sønderborg Produktionsskole"
    country = "DK"
    language = "da"
    capacity = 10
    status = Session.Status.PLANNED

    @factory.post_generation
    def trainers(self, create, extracted, **kwargs):
        if create and extracted:
            self.trainers.set(extracted)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(UserFactory, roles=["staff_learner"])
    status = Enrolment.Status.ENROLLED


class CertificateFactory(factory.django.DjangoModelFactory):
    """A certificate row with a stand-in file (the real PDF comes from certificate_issue)."""

    class Meta:
        model = Certificate

    enrolment = factory.SubFactory(EnrolmentFactory, status=Enrolment.Status.COMPLETED)
    verification_code = factory.Sequence(lambda n: f"TEST-CODE-{n:04d}-ABCD")
    language = "en"
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 stand-in", name="c.pdf"))


class GoodPracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoodPractice

    title_en = factory.Sequence(lambda n: f"Tandem weeks {n}")
    title_da = factory.Sequence(lambda n: f"Tandemuger {n}")
    title_de = factory.Sequence(lambda n: f"Tandemwochen {n}")
    body_en = "Students work in pairs on a real order."
    body_da = "Eleverne arbejder i par på en rigtig ordre."
    body_de = "Die Schüler arbeiten in Tandems an einem echten Auftrag."
    country = "DK"
    status = GoodPractice.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
