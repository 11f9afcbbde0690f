"""Demo data for training: modules in three languages, sessions past and future in both
countries, enrolments in every state, a certificate, feedback and the good-practice library.

Re-running on a seeded database only refreshes `world` (the demo sessions are relative to the
day of the first run).
"""

import datetime

from django.utils import timezone

from jump.accounts.demo import ensure_user
from jump.accounts.models import User

from . import services
from .demo_content import FEEDBACK_COMMENTS, GOOD_PRACTICES, MODULES, TAG_NAMES
from .models import (
    Attendance,
    Enrolment,
    GoodPractice,
    Module,
    Session,
    SessionFeedback,
    Tag,
)
from .services.content import tags_from_names

# email, first name, last name, language, partner index
EXTRA_STAFF = [
    ("staff.soenderborg@jump.test", "Mads", "Kristensen", "da", 0),
    ("staff.flensburg@jump.test", "Tim", "Schulz", "de", 2),
    ("staff.schleswig@jump.test", "Nina", "Becker", "de", 3),
]
SECOND_TRAINER = ("trainer.de@jump.test", "Katrin", "Jessen", "de", 2)


def _texts(data: dict, *fields: str) -> dict:
    return {f"{field}_{code}": data[field][code] for field in fields for code in ("da", "de", "en")}


def _at(days: int, hour: int) -> datetime.datetime:
    """A local time `days` from today."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _session(module, trainers, *, days, length_days, country, place, language, capacity, status):
    session = Session.objects.create(
        module=module,
        starts_at=_at(days, 9),
        ends_at=_at(days + length_days - 1, 16),
        enrolment_deadline=_at(days - 5, 12),
        place=place,
        country=country,
        language=language,
        capacity=capacity,
        status=status,
    )
    session.trainers.set(trainers)
    return session


def _past_enrolment(session, person, status, *, present_days=()):
    enrolment = Enrolment.objects.create(
        session=session,
        person=person,
        status=status,
        enrolled_by=person,
        enrolled_at=session.enrolment_deadline - datetime.timedelta(days=10),
    )
    for day in session.days:
        Attendance.objects.create(enrolment=enrolment, day=day, present=day in present_days)
    return enrolment


def _user(world, email, first, last, language, partner_index, role):
    # Existing demo users are kept as they are: hashing a password takes a second each.
    user = User.objects.filter(email=email).first() or ensure_user(
        email,
        first_name=first,
        last_name=last,
        language=language,
        roles=[role],
        partner=world["partners"][partner_index],
    )
    world["users"][email] = user
    return user


def seed(world: dict) -> None:
    partners = world["partners"]
    users = world["users"]
    trainer = users["trainer@jump.test"]
    trainer_de = _user(world, *SECOND_TRAINER, role="trainer")
    staff = [_user(world, *row, role="staff_learner") for row in EXTRA_STAFF]
    learner_dk = users["learner.dk@jump.test"]
    learner_de = users["learner.de@jump.test"]

    first_title = MODULES[0]["title"]["en"]
    if Module.objects.filter(title_en=first_title).exists():
        _remember(world)
        return

    modules = {}
    for data in MODULES:
        modules[data["key"]] = Module.objects.create(
            **_texts(data, "title", "summary", "description", "learning_outcomes"),
            hours=data["hours"],
            format=data["format"],
            target_group=data["target_group"],
            status=Module.Status.PUBLISHED,
            created_by=trainer,
        )
    Module.objects.create(
        title_en="Trauma-informed coaching (in preparation)",
        title_da="Traumebevidst vejledning (under forberedelse)",
        title_de="Traumasensibles Coaching (in Vorbereitung)",
        summary_en="A module in preparation; only trainers and managers see drafts.",
        description_en="Draft.",
        learning_outcomes_en="To be written",
        hours=4,
        status=Module.Status.DRAFT,
        created_by=trainer,
    )

    # --- past: held sessions with attendance, completion, a certificate and feedback ---------
    past = _session(
        modules["intercultural"],
        [trainer],
        days=-40,
        length_days=2,
        country="DK",
        place="Sønderborg Produktionsskole, Grundtvigs Allé 6, 6400 Sønderborg",
        language="da",
        capacity=12,
        status=Session.Status.HELD,
    )
    both_days = set(past.days)
    completed = _past_enrolment(past, learner_dk, Enrolment.Status.ATTENDED, present_days=both_days)
    _past_enrolment(past, learner_de, Enrolment.Status.ATTENDED, present_days={past.days[0]})
    _past_enrolment(past, staff[0], Enrolment.Status.NO_SHOW)
    # Attended both days: the trainer's "Mark completed" button is there to try.
    attended_both = _past_enrolment(
        past, staff[1], Enrolment.Status.ATTENDED, present_days=both_days
    )
    # One certificate is enough for the demo (a PDF takes a moment to render).
    services.enrolment_complete(actor=trainer, enrolment=completed)
    for enrolment, (rating, comments) in zip(
        (attended_both, completed), FEEDBACK_COMMENTS, strict=True
    ):
        SessionFeedback.objects.create(enrolment=enrolment, rating=rating, comments=comments)

    past_de = _session(
        modules["systems"],
        [trainer_de],
        days=-20,
        length_days=1,
        country="DE",
        place="Online (Zoom-Link per E-Mail)",
        language="de",
        capacity=25,
        status=Session.Status.HELD,
    )
    _past_enrolment(past_de, staff[2], Enrolment.Status.ATTENDED, present_days=set(past_de.days))
    _past_enrolment(past_de, learner_de, Enrolment.Status.ATTENDED, present_days=set(past_de.days))

    # --- future: open sessions, one full with a waiting list, one cancelled -------------------
    full = _session(
        modules["apprentices"],
        [trainer, trainer_de],
        days=21,
        length_days=1,
        country="DE",
        place="Produktionsschule Flensburg, Husumer Straße 11, 24941 Flensburg",
        language="de",
        capacity=2,
        status=Session.Status.PLANNED,
    )
    services.enrolment_create(actor=learner_de, session=full)
    leaving = services.enrolment_create(actor=staff[1], session=full)
    services.enrolment_create(actor=staff[0], session=full)  # waiting list, promoted below
    services.enrolment_create(actor=learner_dk, session=full)  # waiting list
    services.enrolment_cancel(actor=staff[1], enrolment=leaving)
    services.enrolment_create(actor=staff[2], session=full)  # waiting list, second

    language_dk = _session(
        modules["language"],
        [trainer],
        days=35,
        length_days=1,
        country="DK",
        place="Aabenraa Jobcenter, Skelbækvej 2, 6200 Aabenraa",
        language="da",
        capacity=14,
        status=Session.Status.PLANNED,
    )
    services.enrolment_create(actor=learner_dk, session=language_dk)
    services.enrolment_create(actor=staff[0], session=language_dk)
    _session(
        modules["language"],
        [trainer_de],
        days=70,
        length_days=1,
        country="DE",
        place="Berufsbildungszentrum Schleswig, Flensburger Straße 19b, 24837 Schleswig",
        language="de",
        capacity=14,
        status=Session.Status.PLANNED,
    )
    companies_session = _session(
        modules["companies"],
        [trainer, trainer_de],
        days=49,
        length_days=2,
        country="DK",
        place="Sønderborg Produktionsskole, Grundtvigs Allé 6, 6400 Sønderborg",
        language="en",
        capacity=16,
        status=Session.Status.PLANNED,
    )
    services.enrolment_create(actor=learner_de, session=companies_session)
    _session(
        modules["systems"],
        [trainer_de],
        days=28,
        length_days=1,
        country="DE",
        place="Online (Zoom-Link per E-Mail)",
        language="de",
        capacity=30,
        status=Session.Status.PLANNED,
    )
    _session(
        modules["intercultural"],
        [trainer],
        days=84,
        length_days=2,
        country="DE",
        place="Produktionsschule Flensburg, Husumer Straße 11, 24941 Flensburg",
        language="de",
        capacity=12,
        status=Session.Status.PLANNED,
    )
    _session(
        modules["intercultural"],
        [trainer],
        days=14,
        length_days=1,
        country="DK",
        place="Aabenraa Jobcenter, Skelbækvej 2, 6200 Aabenraa",
        language="da",
        capacity=12,
        status=Session.Status.CANCELLED,
    )

    # --- the good-practice library -----------------------------------------------------------
    authors = [trainer, trainer_de]
    for index, data in enumerate(GOOD_PRACTICES):
        practice = GoodPractice.objects.create(
            **_texts(data, "title", "body"),
            partner=partners[data["partner"]],
            country=data["country"],
            status=GoodPractice.Status.PUBLISHED,
            published_at=timezone.now() - datetime.timedelta(days=60 - 9 * index),
            author=authors[index % 2],
        )
        practice.tags.set(_tags(data["tags"]))
    GoodPractice.objects.create(
        title_en="Job shadowing for coaches (draft)",
        title_da="Jobskygning for vejledere (kladde)",
        body_en="Coaches spend a day in a company before they send young people there.",
        country="DK",
        partner=partners[1],
        status=GoodPractice.Status.DRAFT,
        author=trainer,
    )
    _remember(world)


def _tags(names: list[str]) -> list[Tag]:
    """The demo's tags, named in Danish, German and English."""
    tags = []
    for name in names:
        tag = tags_from_names([name])[0]
        for language, value in (("en", name), *TAG_NAMES[name].items()):
            setattr(tag, f"name_{language}", value)
        tag.save(update_fields=["name_en", "name_da", "name_de"])
        tags.append(tag)
    return tags


def _remember(world: dict) -> None:
    """What later seeders (reports) may build on."""
    world["training_modules"] = list(Module.objects.order_by("pk"))
    world["training_sessions"] = list(Session.objects.select_related("module").order_by("pk"))
