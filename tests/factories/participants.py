import datetime
from decimal import Decimal

import factory

from participants.models import (
    ActionPlan,
    Activity,
    ActivityRegistration,
    Assessment,
    Attendance,
    Consent,
    Contact,
    Document,
    Goal,
    LanguageSkill,
    Outcome,
    Participant,
    ParticipantShare,
    Step,
)
from participants.next_due import recompute_next_due

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


# --- the case file (issue 3) ---------------------------------------------------------------------

# The smallest files the upload check accepts, by their magic bytes.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32


def _case_worker(o):
    """Who records a row: the participant's coach, or a new coach of its partner."""
    from .accounts import UserFactory

    participant = o.participant
    return participant.coach or UserFactory(roles=["coach"], partner=participant.partner)


class ParticipantShareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParticipantShare

    participant = factory.SubFactory(ParticipantFactory)
    coach = factory.SubFactory(
        "tests.factories.accounts.UserFactory",
        roles=["coach"],
        partner=factory.SubFactory(PartnerFactory, country="DE"),
    )
    granted_by = factory.LazyAttribute(_case_worker)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    participant = factory.SubFactory(ParticipantFactory)
    kind = Assessment.Kind.ENTRY
    rater = Assessment.Rater.COACH
    date = factory.LazyFunction(lambda: datetime.date(2026, 1, 20))
    mobility_readiness = 2
    intercultural_competence = 2
    vocational_orientation = 3
    language_confidence = 1
    social_skills = 3
    recorded_by = factory.LazyAttribute(_case_worker)


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    participant = factory.SubFactory(ParticipantFactory)
    title = "Into an apprenticeship across the border"
    starts_on = factory.LazyFunction(lambda: datetime.date(2026, 2, 1))
    created_by = factory.LazyAttribute(_case_worker)


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(ActionPlanFactory)
    title = "Improve German"


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Step

    goal = factory.SubFactory(GoalFactory)
    title = factory.Sequence(lambda n: f"Step {n}")
    due_on = factory.LazyAttribute(lambda o: o.goal.plan.starts_on + datetime.timedelta(days=30))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # As the services do: the caseload's sort key of the participant follows (issue 20).
        step = super()._create(model_class, *args, **kwargs)
        recompute_next_due([step.goal.plan.participant_id])
        return step


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    participant = factory.SubFactory(ParticipantFactory)
    date = factory.LazyFunction(lambda: datetime.date(2026, 3, 2))
    channel = Contact.Channel.MEETING
    summary = factory.Sequence(lambda n: f"Talked about the internship ({n}).")
    author = factory.LazyAttribute(_case_worker)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # As the services do: the caseload's sort key of the participant follows (issue 20).
        contact = super()._create(model_class, *args, **kwargs)
        recompute_next_due([contact.participant_id])
        return contact


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    kind = Activity.Kind.WORKSHOP
    title = factory.Sequence(lambda n: f"Workshop {n}")
    date = factory.LazyFunction(lambda: datetime.date(2026, 3, 10))
    hours = Decimal("4.0")
    country = "DK"
    cross_border = False
    partner = factory.SubFactory(PartnerFactory)
    created_by = factory.SubFactory(
        "tests.factories.accounts.UserFactory",
        roles=["coach"],
        partner=factory.SelfAttribute("..partner"),
    )


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    activity = factory.SubFactory(ActivityFactory)
    participant = factory.SubFactory(ParticipantFactory)
    status = Attendance.Status.ATTENDED
    recorded_by = factory.LazyAttribute(_case_worker)


class ActivityRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityRegistration

    activity = factory.SubFactory(ActivityFactory)
    participant = factory.SubFactory(ParticipantFactory)
    registered_by = factory.LazyAttribute(_case_worker)


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    participant = factory.SubFactory(
        ParticipantFactory,
        status=Participant.Status.COMPLETED,
        exit_date=datetime.date(2026, 6, 30),
        exit_reason="Completed",
    )
    timing = Outcome.Timing.EXIT
    kind = Outcome.Kind.IN_VOCATIONAL_TRAINING
    date = factory.LazyAttribute(lambda o: o.participant.exit_date)
    recorded_by = factory.LazyAttribute(_case_worker)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    participant = factory.SubFactory(ParticipantFactory)
    kind = Document.Kind.CV
    original_name = "CV Pia.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    file = factory.django.FileField(data=PDF_BYTES, filename="upload.pdf")
    uploaded_by = factory.LazyAttribute(_case_worker)
