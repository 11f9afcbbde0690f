import datetime
import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tests.factories.accounts import UserFactory
from tests.factories.training_modules import (
    EnrolmentFactory,
    GoodPracticeFactory,
    ModuleFactory,
    SessionFactory,
)
from training_modules import services
from training_modules.models import (
    Attendance,
    Certificate,
    Enrolment,
    GoodPractice,
    Module,
    Session,
    SessionFeedback,
)
from training_modules.services import sessions as session_services

pytestmark = pytest.mark.django_db


def learner(**kwargs):
    return UserFactory(roles=["staff_learner"], **kwargs)


def messages_of(exc_info) -> str:
    return " ".join(exc_info.value.messages)


# --- enrolment -------------------------------------------------------------------------------


def test_enrolment_takes_a_free_place():
    session = SessionFactory(capacity=2)
    enrolment = services.enrolment_create(actor=learner(), session=session)
    assert enrolment.status == Enrolment.Status.ENROLLED


def test_enrolment_over_capacity_goes_on_the_waiting_list():
    session = SessionFactory(capacity=1)
    services.enrolment_create(actor=learner(), session=session)
    second = services.enrolment_create(actor=learner(), session=session)
    assert second.status == Enrolment.Status.WAITLISTED


def test_enrolling_twice_is_refused_with_a_clear_message():
    session = SessionFactory()
    person = learner()
    services.enrolment_create(actor=person, session=session)
    with pytest.raises(ValidationError) as exc_info:
        services.enrolment_create(actor=person, session=session)
    assert "already enrolled" in messages_of(exc_info)
    assert Enrolment.objects.filter(session=session, person=person).count() == 1


def test_database_allows_only_one_active_enrolment_per_person_and_session():
    enrolment = EnrolmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(
            session=enrolment.session, person=enrolment.person, status="waitlisted"
        )


def test_a_cancelled_enrolment_does_not_block_enrolling_again():
    session = SessionFactory()
    person = learner()
    first = services.enrolment_create(actor=person, session=session)
    services.enrolment_cancel(actor=person, enrolment=first)
    again = services.enrolment_create(actor=person, session=session)
    assert again.status == Enrolment.Status.ENROLLED
    assert again.pk != first.pk


def test_enrolment_after_the_deadline_is_refused():
    session = SessionFactory(
        days=3, enrolment_deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    with pytest.raises(ValidationError) as exc_info:
        services.enrolment_create(actor=learner(), session=session)
    assert "deadline" in messages_of(exc_info)
    assert not session.enrolments.exists()


def test_enrolment_in_a_cancelled_session_is_refused():
    session = SessionFactory(status=Session.Status.CANCELLED)
    with pytest.raises(ValidationError) as exc_info:
        services.enrolment_create(actor=learner(), session=session)
    assert "cancelled" in messages_of(exc_info)
    assert not session.enrolments.exists()


def test_enrolment_in_a_draft_module_is_refused():
    session = SessionFactory(module__status=Module.Status.DRAFT)
    with pytest.raises(ValidationError):
        services.enrolment_create(actor=learner(), session=session)


def test_staff_member_cannot_enrol_someone_else(personas):
    with pytest.raises(PermissionDenied):
        services.enrolment_create(
            actor=personas.staff_learner, session=SessionFactory(), person=learner()
        )


def test_manager_enrols_a_staff_member(personas):
    person = learner()
    enrolment = services.enrolment_create(
        actor=personas.manager, session=SessionFactory(), person=person
    )
    assert enrolment.person == person
    assert enrolment.enrolled_by == personas.manager


def test_manager_cannot_enrol_a_company_contact(personas):
    with pytest.raises(ValidationError):
        services.enrolment_create(
            actor=personas.manager, session=SessionFactory(), person=personas.contact_x
        )


def test_company_contact_cannot_enrol(personas):
    with pytest.raises(PermissionDenied):
        services.enrolment_create(actor=personas.contact_x, session=SessionFactory())


# --- cancellation and the waiting list -------------------------------------------------------


def test_cancelling_promotes_the_first_on_the_waiting_list(django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=1)
    holder = services.enrolment_create(actor=learner(), session=session)
    first = services.enrolment_create(actor=learner(), session=session)
    second = services.enrolment_create(actor=learner(), session=session)
    with django_capture_on_commit_callbacks():
        services.enrolment_cancel(actor=holder.person, enrolment=holder)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Enrolment.Status.ENROLLED
    assert second.status == Enrolment.Status.WAITLISTED


def test_promotion_notifies_the_promoted_person_after_commit_in_their_language(
    django_capture_on_commit_callbacks, mailoutbox
):
    from jump.notifications.models import Kind, Notification

    session = SessionFactory(
        capacity=1, module__title_da="Sprogbevidst undervisning", module__title_en="Language"
    )
    holder = services.enrolment_create(actor=learner(), session=session)
    waiting = services.enrolment_create(
        actor=learner(email="dansk@example.org", preferred_language="da"), session=session
    )
    with django_capture_on_commit_callbacks() as callbacks:
        services.enrolment_cancel(actor=holder.person, enrolment=holder)
        assert mailoutbox == []  # nothing is sent before the transaction commits
    for callback in callbacks:
        callback()
    notification = Notification.objects.get(kind=Kind.WAITLIST_PROMOTED)
    assert notification.recipient == waiting.person
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["dansk@example.org"]
    assert "Sprogbevidst undervisning" in mail.body
    assert "/da/notifications/" in mail.body


def test_no_mail_when_the_cancelling_transaction_rolls_back(mailoutbox):
    session = SessionFactory(capacity=1)
    holder = services.enrolment_create(actor=learner(), session=session)
    services.enrolment_create(actor=learner(), session=session)

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        services.enrolment_cancel(actor=holder.person, enrolment=holder)
        raise Boom
    holder.refresh_from_db()
    assert holder.status == Enrolment.Status.ENROLLED
    assert mailoutbox == []


def test_leaving_the_waiting_list_promotes_nobody():
    session = SessionFactory(capacity=1)
    services.enrolment_create(actor=learner(), session=session)
    first = services.enrolment_create(actor=learner(), session=session)
    second = services.enrolment_create(actor=learner(), session=session)
    services.enrolment_cancel(actor=first.person, enrolment=first)
    second.refresh_from_db()
    assert second.status == Enrolment.Status.WAITLISTED


def test_cancelling_twice_is_refused():
    enrolment = EnrolmentFactory()
    services.enrolment_cancel(actor=enrolment.person, enrolment=enrolment)
    with pytest.raises(ValidationError) as exc_info:
        services.enrolment_cancel(actor=enrolment.person, enrolment=enrolment)
    assert "already cancelled" in messages_of(exc_info)


def test_cancelling_after_the_session_started_is_refused():
    enrolment = EnrolmentFactory(session__days=-1, session__length=3)
    with pytest.raises(ValidationError):
        services.enrolment_cancel(actor=enrolment.person, enrolment=enrolment)


def test_another_staff_member_cannot_cancel_my_enrolment():
    enrolment = EnrolmentFactory()
    with pytest.raises(PermissionDenied):
        services.enrolment_cancel(actor=learner(), enrolment=enrolment)


# --- sessions --------------------------------------------------------------------------------


def session_data(session, **changes):
    data = {
        name: getattr(session, name)
        for name in (
            "starts_at",
            "ends_at",
            "enrolment_deadline",
            "place",
            "country",
            "language",
            "capacity",
            "status",
        )
    }
    return {**data, **changes}


def test_capacity_below_the_places_taken_is_refused(personas):
    session = SessionFactory(capacity=3, trainers=[personas.trainer])
    for _ in range(3):
        EnrolmentFactory(session=session)
    with pytest.raises(ValidationError) as exc_info:
        services.session_update(
            actor=personas.trainer,
            session=session,
            data=session_data(session, capacity=2),
            trainers=[personas.trainer],
        )
    assert "capacity" in exc_info.value.message_dict
    session.refresh_from_db()
    assert session.capacity == 3


def test_more_capacity_promotes_from_the_waiting_list(personas):
    session = SessionFactory(capacity=1, trainers=[personas.trainer])
    services.enrolment_create(actor=learner(), session=session)
    waiting = services.enrolment_create(actor=learner(), session=session)
    services.session_update(
        actor=personas.trainer,
        session=session,
        data=session_data(session, capacity=2),
        trainers=[personas.trainer],
    )
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.ENROLLED


def test_session_ending_before_it_starts_is_refused(personas):
    module = ModuleFactory()
    start = timezone.now() + datetime.timedelta(days=10)
    with pytest.raises(ValidationError) as exc_info:
        services.session_create(
            actor=personas.trainer,
            module=module,
            data={
                "starts_at": start,
                "ends_at": start - datetime.timedelta(hours=2),
                "enrolment_deadline": start - datetime.timedelta(days=2),
                "place": "Flensburg",
                "country": "DE",
                "language": "de",
                "capacity": 10,
                "status": Session.Status.PLANNED,
            },
            trainers=[],
        )
    assert "ends_at" in exc_info.value.message_dict
    assert not Session.objects.exists()


def test_database_refuses_a_session_that_ends_before_it_starts():
    session = SessionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.filter(pk=session.pk).update(
            ends_at=session.starts_at - datetime.timedelta(hours=1)
        )


def test_database_refuses_a_capacity_of_zero():
    session = SessionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.filter(pk=session.pk).update(capacity=0)


def test_a_trainer_who_plans_a_session_trains_it(personas):
    start = timezone.now() + datetime.timedelta(days=10)
    session = services.session_create(
        actor=personas.trainer,
        module=ModuleFactory(),
        data={
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=6),
            "enrolment_deadline": start - datetime.timedelta(days=2),
            "place": "Flensburg",
            "country": "DE",
            "language": "de",
            "capacity": 10,
            "status": Session.Status.PLANNED,
        },
        trainers=[],
    )
    assert list(session.trainers.all()) == [personas.trainer]


def test_staff_learner_cannot_plan_a_session(personas):
    with pytest.raises(PermissionDenied):
        services.session_create(
            actor=personas.staff_learner, module=ModuleFactory(), data={}, trainers=[]
        )


def test_module_create_refuses_fields_a_form_must_not_set(personas):
    with pytest.raises(TypeError):
        services.module_create(actor=personas.trainer, data={"created_by": personas.admin})


# --- attendance and completion ---------------------------------------------------------------


def test_attendance_marks_attended_and_no_show_after_the_session(personas):
    session = SessionFactory(days=-3, length=2, trainers=[personas.trainer])
    there = EnrolmentFactory(session=session)
    away = EnrolmentFactory(session=session)
    day_one, day_two = session.days
    services.attendance_record(
        actor=personas.trainer,
        session=session,
        present={(there.pk, day_one), (there.pk, day_two)},
    )
    there.refresh_from_db()
    away.refresh_from_db()
    session.refresh_from_db()
    assert there.status == Enrolment.Status.ATTENDED
    assert away.status == Enrolment.Status.NO_SHOW
    assert session.status == Session.Status.HELD
    assert Attendance.objects.filter(enrolment=there, present=True).count() == 2
    assert Attendance.objects.filter(enrolment=away, present=False).count() == 2


def test_attendance_can_be_corrected(personas):
    session = SessionFactory(days=-3, length=1, trainers=[personas.trainer])
    enrolment = EnrolmentFactory(session=session)
    day = session.days[0]
    services.attendance_record(
        actor=personas.trainer, session=session, present={(enrolment.pk, day)}
    )
    services.attendance_record(actor=personas.trainer, session=session, present=set())
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.NO_SHOW
    assert Attendance.objects.get(enrolment=enrolment, day=day).present is False


def test_attendance_for_a_day_in_the_future_is_refused(personas):
    session = SessionFactory(days=0, length=3, trainers=[personas.trainer])
    session.starts_at = timezone.now() - datetime.timedelta(hours=1)
    session.save()
    enrolment = EnrolmentFactory(session=session)
    with pytest.raises(ValidationError):
        services.attendance_record(
            actor=personas.trainer, session=session, present={(enrolment.pk, session.days[-1])}
        )


def test_attendance_before_the_session_starts_is_refused(personas):
    session = SessionFactory(trainers=[personas.trainer])
    with pytest.raises(ValidationError):
        services.attendance_record(actor=personas.trainer, session=session, present=set())


def test_trainer_cannot_mark_attendance_of_a_session_they_do_not_train(personas):
    session = SessionFactory(days=-3, trainers=[UserFactory(roles=["trainer"])])
    with pytest.raises(PermissionDenied):
        services.attendance_record(actor=personas.trainer, session=session, present=set())


def test_completing_an_attended_enrolment_issues_its_certificate(personas):
    enrolment = EnrolmentFactory(
        session__days=-3, session__trainers=[personas.trainer], status=Enrolment.Status.ATTENDED
    )
    services.enrolment_complete(
        actor=personas.trainer, enrolment=enrolment, attendance_confirmed=True
    )
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert enrolment.completed_at is not None
    assert Certificate.objects.filter(enrolment=enrolment).exists()


def test_completing_an_enrolment_nobody_attended_is_refused(personas):
    enrolment = EnrolmentFactory(
        session__days=-3, session__trainers=[personas.trainer], status=Enrolment.Status.NO_SHOW
    )
    with pytest.raises(ValidationError):
        services.enrolment_complete(actor=personas.trainer, enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.NO_SHOW
    assert not Certificate.objects.exists()


def test_certificate_for_an_enrolment_that_is_not_completed_is_refused(personas):
    enrolment = EnrolmentFactory(status=Enrolment.Status.ATTENDED)
    with pytest.raises(ValidationError) as exc_info:
        services.certificate_issue(actor=enrolment.person, enrolment=enrolment)
    assert "completed" in messages_of(exc_info)
    assert not Certificate.objects.exists()


def test_certificate_is_issued_once(personas):
    enrolment = EnrolmentFactory(status=Enrolment.Status.COMPLETED)
    first = services.certificate_issue(actor=enrolment.person, enrolment=enrolment)
    again = services.certificate_issue(actor=enrolment.person, enrolment=enrolment)
    assert first.pk == again.pk
    assert Certificate.objects.count() == 1


def test_verification_codes_are_random_and_long():
    from training_modules.certificates import new_verification_code

    codes = {new_verification_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code.replace("-", "")) == 16 for code in codes)


# --- feedback --------------------------------------------------------------------------------


def test_feedback_after_an_attended_session(personas):
    enrolment = EnrolmentFactory(session__days=-3, status=Enrolment.Status.ATTENDED)
    feedback = services.feedback_create(
        actor=enrolment.person, enrolment=enrolment, rating=4, comments="Useful."
    )
    assert feedback.rating == 4


def test_feedback_twice_is_refused():
    enrolment = EnrolmentFactory(session__days=-3, status=Enrolment.Status.COMPLETED)
    services.feedback_create(actor=enrolment.person, enrolment=enrolment, rating=5)
    with pytest.raises(ValidationError) as exc_info:
        services.feedback_create(actor=enrolment.person, enrolment=enrolment, rating=1)
    assert "already" in messages_of(exc_info)
    assert SessionFeedback.objects.get().rating == 5


@pytest.mark.parametrize(
    ("days", "status"),
    [(10, Enrolment.Status.ENROLLED), (-3, Enrolment.Status.NO_SHOW)],
)
def test_feedback_only_from_people_who_attended_a_finished_session(days, status):
    enrolment = EnrolmentFactory(session__days=days, status=status)
    with pytest.raises(ValidationError):
        services.feedback_create(actor=enrolment.person, enrolment=enrolment, rating=3)
    assert not SessionFeedback.objects.exists()


def test_feedback_rating_outside_one_to_five_is_refused():
    enrolment = EnrolmentFactory(session__days=-3, status=Enrolment.Status.ATTENDED)
    with pytest.raises(ValidationError):
        services.feedback_create(actor=enrolment.person, enrolment=enrolment, rating=6)


def test_feedback_on_someone_elses_enrolment_is_refused():
    enrolment = EnrolmentFactory(session__days=-3, status=Enrolment.Status.ATTENDED)
    with pytest.raises(PermissionDenied):
        services.feedback_create(actor=learner(), enrolment=enrolment, rating=3)


# --- good practice ---------------------------------------------------------------------------


def test_publishing_a_good_practice_sets_its_date_and_tags(personas):
    practice = services.good_practice_create(
        actor=personas.trainer,
        data={"title_en": "Tandem weeks", "body_en": "Pairs.", "status": "published"},
        tags=["mentoring", "language"],
    )
    assert practice.author == personas.trainer
    assert practice.published_at is not None
    assert sorted(t.name for t in practice.tags.all()) == ["language", "mentoring"]


def test_existing_tags_are_reused_whatever_their_case(personas):
    first = GoodPracticeFactory()
    first.tags.set(services.content.tags_from_names(["Mentoring"]))
    practice = services.good_practice_create(
        actor=personas.manager,
        data={"title_en": "B", "body_en": "B", "status": "draft"},
        tags=["mentoring"],
    )
    assert list(practice.tags.all()) == list(first.tags.all())
    assert practice.status == GoodPractice.Status.DRAFT and practice.published_at is None


def test_staff_learner_cannot_write_good_practice(personas):
    with pytest.raises(PermissionDenied):
        services.good_practice_create(actor=personas.staff_learner, data={}, tags=[])


# --- concurrency (PostgreSQL row locks) ------------------------------------------------------

POSTGRES_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Row locks (select_for_update) need PostgreSQL; SQLite serialises writers anyway.",
)


def _run_at_once(*calls):
    """Run each call in its own thread (own database connection), released together."""
    barrier = threading.Barrier(len(calls))
    errors = []

    def run(call):
        from django.db import connection as thread_connection

        try:
            thread_connection.ensure_connection()  # connect first: start the race level
            barrier.wait(timeout=10)
            call()
        except Exception as exc:  # noqa: BLE001 - collected and re-raised below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


@pytest.fixture
def slow(monkeypatch):
    """Widen the window between counting places and writing, so that an unlocked
    implementation would let both threads act on the same count."""

    def slow_down(function):
        def wrapper(*args, **kwargs):
            time.sleep(0.5)
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(
        session_services, "_first_waitlisted", slow_down(session_services._first_waitlisted)
    )
    monkeypatch.setattr(
        session_services, "_check_session_open", slow_down(session_services._check_session_open)
    )


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
def test_two_cancellations_at_once_promote_two_different_people(slow):
    session = SessionFactory(capacity=2)
    holders = [EnrolmentFactory(session=session) for _ in range(2)]
    waiting = [EnrolmentFactory(session=session, status="waitlisted") for _ in range(3)]
    errors = _run_at_once(
        *[
            lambda e=holder: services.enrolment_cancel(actor=e.person, enrolment=e)
            for holder in holders
        ]
    )
    assert errors == []
    statuses = {e.pk: Enrolment.objects.get(pk=e.pk).status for e in waiting}
    assert statuses == {
        waiting[0].pk: Enrolment.Status.ENROLLED,
        waiting[1].pk: Enrolment.Status.ENROLLED,
        waiting[2].pk: Enrolment.Status.WAITLISTED,
    }
    assert session.enrolments.holding_place().count() == 2


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
def test_cancelling_and_enrolling_at_once_leaves_no_free_place_unused(slow):
    session = SessionFactory(capacity=1)
    holder = EnrolmentFactory(session=session)
    newcomer = learner()
    errors = _run_at_once(
        lambda: services.enrolment_cancel(actor=holder.person, enrolment=holder),
        lambda: services.enrolment_create(actor=newcomer, session=session),
    )
    assert errors == []
    # Whichever came first, the newcomer ends with the freed place: either it was already free,
    # or the newcomer was queued and the cancellation promoted them.
    assert session.enrolments.get(person=newcomer).status == Enrolment.Status.ENROLLED
    assert session.enrolments.holding_place().count() == 1
