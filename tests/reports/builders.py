"""Hand-built records for the indicator tests: small functions, every field that matters named.

Built with the ORM directly (the other apps' factories are theirs to change); each function
fills only what the database requires beyond what the test says.
"""

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from companies.models import (
    Company,
    Offer,
    Placement,
    PlacementFeedback,
    SupportAction,
    SupportNeed,
)
from participants.models import Activity, Assessment, Attendance, Consent, Outcome, Participant
from tests.factories.accounts import PartnerFactory, UserFactory
from training_modules.models import Enrolment, GoodPractice, Module, Session

D = datetime.date
_seq = itertools.count(1)
# The default dates: inside the March 2026 reporting period of the tests.
ENTRY = D(2026, 3, 10)
ACTIVITY_DAY = D(2026, 3, 15)

# Seeded into every personal-data field, so an export can be searched for leaks (SECURITY 23).
MARKER = "ZQXMARKER"


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def valid_cvr(n: int) -> str:
    """A CVR number with a correct modulus-11 check digit (weights 2 7 6 5 4 3 2 1)."""
    weights = (2, 7, 6, 5, 4, 3, 2)
    base = 3000000 + n * 7
    while True:
        check = -sum(int(c) * w for c, w in zip(str(base), weights, strict=True)) % 11
        if check < 10:
            return f"{base}{check}"
        base += 1


def staff_user(partner=None, **kw):
    return UserFactory(partner=partner, **kw)


def participant(partner, *, entry=ENTRY, exit=None, status=None, **kw):
    n = next(_seq)
    defaults = {
        "first_name": f"{MARKER}First{n}",
        "last_name": f"{MARKER}Last{n}",
        "date_of_birth": D(2005, 5, 17),
        "gender": Participant.Gender.FEMALE,
        "email": f"{MARKER.lower()}{n}@example.org",
        "phone": f"{MARKER}phone",
        "street": f"{MARKER} street 1",
        "postcode": "6400",
        "municipality": f"{MARKER}town",
        "country_of_residence": "DK",
        "education_level": Participant.Isced.ISCED_0_2,
        "labour_market_status": Participant.LabourMarketStatus.UNEMPLOYED,
        "status": status or (Participant.Status.COMPLETED if exit else Participant.Status.ACTIVE),
        "exit_reason": f"{MARKER} exit reason" if exit else "",
    }
    defaults.update(kw)
    return Participant.objects.create(partner=partner, entry_date=entry, exit_date=exit, **defaults)


def erase(person: Participant) -> Participant:
    """Erasure as the privacy work will do it: identifiers to placeholders, statistics kept."""
    person.first_name = "Erased"
    person.last_name = "Erased"
    person.email = ""
    person.phone = ""
    person.street = ""
    person.postcode = ""
    person.municipality = ""
    person.exit_reason = ""
    person.date_of_birth = person.date_of_birth.replace(month=1, day=1)
    person.erased_at = timezone.now()
    person.save()
    return person


def outcome(person, timing, kind, *, cross_border=False, date=None, recorded_by=None):
    return Outcome.objects.create(
        participant=person,
        timing=timing,
        kind=kind,
        cross_border=cross_border,
        date=date or person.exit_date or D(2026, 6, 1),
        note=f"{MARKER} outcome note",
        recorded_by=recorded_by or staff_user(),
    )


def assessment(
    person, kind, rating, *, rater=Assessment.Rater.COACH, ratings=None, date=None, by=None
):
    values = ratings or [rating] * 5
    return Assessment.objects.create(
        participant=person,
        kind=kind,
        rater=rater,
        date=date or D(2026, 3, 1),
        note=f"{MARKER} assessment note",
        recorded_by=by or staff_user(),
        **dict(zip(Assessment.DIMENSIONS, values, strict=True)),
    )


def activity(partner, *, date=ACTIVITY_DAY, cross_border=True, country="DK"):
    return Activity.objects.create(
        kind=Activity.Kind.CROSS_BORDER_TRIP,
        title=f"Trip {next(_seq)}",
        date=date,
        hours=Decimal("4"),
        country=country,
        cross_border=cross_border,
        partner=partner,
        created_by=staff_user(partner),
    )


def attend(act, person, status=Attendance.Status.ATTENDED, by=None):
    return Attendance.objects.create(
        activity=act, participant=person, status=status, recorded_by=by or staff_user()
    )


def company(*, country="DK", sector=Company.Sector.MANUFACTURING, partner=None, name=None):
    n = next(_seq)
    registration = (
        {"cvr": valid_cvr(n)}
        if country == "DK"
        else {"register_court": "Amtsgericht Flensburg", "register_number": f"HRB {n}"}
    )
    return Company.objects.create(
        name=name or f"Company {n}",
        country=country,
        sector=sector,
        responsible_partner=partner or PartnerFactory(),
        status=Company.Status.ACTIVE,
        **registration,
    )


def offer(comp, *, published=None, status=None):
    return Offer.objects.create(
        company=comp,
        kind=Offer.Kind.INTERNSHIP,
        title=f"Offer {next(_seq)}",
        place="Flensburg",
        start_date=D(2026, 3, 1),
        status=status or (Offer.Status.PUBLISHED if published else Offer.Status.DRAFT),
        published_at=at(published) if published else None,
    )


BEGUN = (Placement.Status.ACTIVE, Placement.Status.COMPLETED, Placement.Status.ABORTED)


def placement(
    person,
    off,
    *,
    status=Placement.Status.ACTIVE,
    start=None,
    end=None,
    cross_border=False,
    began=None,
):
    """A placement; one that is active, completed or aborted really began on `start` (as
    placement_start records it) unless `began=False` (aborted before its first day)."""
    if began is None:
        began = status in BEGUN
    return Placement.objects.create(
        participant=person,
        offer=off,
        status=status,
        start_date=start,
        end_date=end,
        started_on=start if began else None,
        ended_on=end if began and status != Placement.Status.ACTIVE else None,
        cross_border=cross_border,
        mentor_name=f"{MARKER} mentor",
        decline_reason=f"{MARKER} declined" if status == Placement.Status.DECLINED else "",
    )


def feedback(plc, *, would_hire, side=PlacementFeedback.Side.COMPANY):
    return PlacementFeedback.objects.create(
        placement=plc,
        side=side,
        punctuality=4,
        motivation=4,
        skills=4,
        language=4,
        would_hire=would_hire,
        comments=f"{MARKER} feedback comment",
    )


def support_action(comp, *, date):
    need = SupportNeed.objects.create(
        company=comp, kind=SupportNeed.Kind.MENTORING, description=f"{MARKER} need"
    )
    return SupportAction.objects.create(
        need=need,
        date=date,
        description=f"{MARKER} action",
        performed_by=staff_user(),
        hours=Decimal("2"),
    )


def module(title=None):
    return Module.objects.create(
        title=title or f"Module {next(_seq)}",
        summary="Summary",
        description="Description",
        learning_outcomes="One\nTwo",
        hours=Decimal("6"),
        status=Module.Status.PUBLISHED,
    )


def session(mod, *, start, days=1, country="DK", status=Session.Status.HELD):
    return Session.objects.create(
        module=mod,
        starts_at=at(start, 9),
        ends_at=at(start + datetime.timedelta(days=days - 1), 16),
        enrolment_deadline=at(start - datetime.timedelta(days=7), 9),
        place="Sønderborg",
        country=country,
        language="da",
        capacity=20,
        status=status,
    )


def enrol(sess, person, *, status=Enrolment.Status.ENROLLED, completed=None):
    return Enrolment.objects.create(
        session=sess,
        person=person,
        status=status,
        completed_at=at(completed, 15) if completed else None,
    )


def practice(*, published=None, partner=None, country=""):
    return GoodPractice.objects.create(
        title=f"Practice {next(_seq)}",
        body="What worked",
        partner=partner,
        country=country,
        status=GoodPractice.Status.PUBLISHED if published else GoodPractice.Status.DRAFT,
        published_at=at(published) if published else None,
    )


def consent(person, *, given=True, purpose=Consent.Purpose.PARTICIPATION):
    return Consent.objects.create(
        participant=person, purpose=purpose, given=given, recorded_by=staff_user()
    )
