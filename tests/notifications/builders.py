"""Small builders for the objects reminders are about (participants, placements, sessions).

Built from the models directly so these tests do not depend on other apps' test helpers.
"""

import datetime
import itertools
import zoneinfo

from companies.models import Offer, Placement, PlacementFeedback
from participants.models import ActionPlan, Consent, Contact, Goal, Outcome, Participant, Step
from tests.factories.participants import ParticipantFactory
from training_modules.models import Enrolment, Module, Session

CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")
_numbers = itertools.count(1)


def participant(coach, **fields) -> Participant:
    fields.setdefault("partner", coach.partner)
    return ParticipantFactory(coach=coach, **fields)


def case_note(author, person: Participant, *, follow_up_on, date=None) -> Contact:
    return Contact.objects.create(
        participant=person,
        date=date or follow_up_on - datetime.timedelta(days=10),
        channel=Contact.Channel.MEETING,
        summary="Talked about the internship.",
        author=author,
        follow_up_on=follow_up_on,
    )


def step(person: Participant, *, due_on, done_on=None) -> Step:
    plan = ActionPlan.objects.create(
        participant=person,
        title="Plan",
        starts_on=datetime.date(2026, 1, 15),
        created_by=person.coach,
    )
    goal = Goal.objects.create(plan=plan, title="Find an internship")
    return Step.objects.create(goal=goal, title="Write a CV", due_on=due_on, done_on=done_on)


def exited(coach, *, exit_date, **fields) -> Participant:
    return participant(coach, status=Participant.Status.COMPLETED, exit_date=exit_date, **fields)


def six_month_outcome(person: Participant, *, date) -> Outcome:
    return Outcome.objects.create(
        participant=person,
        timing=Outcome.Timing.SIX_MONTHS,
        kind=Outcome.Kind.EMPLOYED,
        date=date,
        recorded_by=person.coach,
    )


def consent(person: Participant, *, recorded_at, given=True, purpose=None) -> Consent:
    record = Consent.objects.create(
        participant=person,
        purpose=purpose or Consent.Purpose.PARTICIPATION,
        given=given,
        evidence="Signed form",
        recorded_by=person.coach,
    )
    # recorded_at is set on creation; reminders look at its date.
    Consent.objects.filter(pk=record.pk).update(recorded_at=recorded_at)
    record.refresh_from_db()
    return record


def sharing(person: Participant) -> Consent:
    """A current share_with_companies consent (the company may see the participant)."""
    return consent(
        person,
        recorded_at=datetime.datetime(2026, 1, 20, 10, tzinfo=CPH),
        purpose=Consent.Purpose.SHARE_WITH_COMPANIES,
    )


def offer(company, **fields) -> Offer:
    return Offer.objects.create(
        company=company,
        kind=fields.pop("kind", Offer.Kind.INTERNSHIP),
        title=fields.pop("title", f"Internship in the workshop {next(_numbers)}"),
        place="Flensburg",
        start_date=fields.pop("start_date", datetime.date(2026, 2, 1)),
        places=fields.pop("places", 30),
        status=Offer.Status.PUBLISHED,
        **fields,
    )


def placement(person: Participant, an_offer: Offer, *, end_date, status=None) -> Placement:
    return Placement.objects.create(
        participant=person,
        offer=an_offer,
        status=status or Placement.Status.ACTIVE,
        start_date=datetime.date(2026, 2, 1),
        end_date=end_date,
    )


def company_feedback(a_placement: Placement, author) -> PlacementFeedback:
    return PlacementFeedback.objects.create(
        placement=a_placement,
        side=PlacementFeedback.Side.COMPANY,
        author=author,
        punctuality=4,
        motivation=4,
        skills=3,
        language=3,
        would_hire=True,
    )


def module(**fields) -> Module:
    return Module.objects.create(
        title=fields.pop("title", "Intercultural coaching"),
        summary="Working with young people across the border.",
        description="A day of practice.",
        learning_outcomes="Know the other system",
        hours=6,
        status=Module.Status.PUBLISHED,
        **fields,
    )


def session(*, starts_on: datetime.date, a_module=None, **fields) -> Session:
    starts_at = datetime.datetime.combine(starts_on, datetime.time(9, 0), tzinfo=CPH)
    return Session.objects.create(
        module=a_module or module(),
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=7),
        place="Sønderborg",
        country="DK",
        language="da",
        capacity=fields.pop("capacity", 30),
        enrolment_deadline=starts_at - datetime.timedelta(days=3),
        **fields,
    )


def enrolment(a_session: Session, person, *, status=None) -> Enrolment:
    return Enrolment.objects.create(
        session=a_session, person=person, status=status or Enrolment.Status.ENROLLED
    )
