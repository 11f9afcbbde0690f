"""Issue 17 "Training": completing an enrolment whose attendance covers fewer days than the
session has asks the trainer to confirm; a one-day session is attended and completed on its
day, also before its start time."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories.training_modules import EnrolmentFactory, SessionFactory
from training_modules import services
from training_modules.models import Attendance, Certificate, Enrolment, Session

pytestmark = pytest.mark.django_db


def _attended(personas, *, length, present_days):
    session = SessionFactory(
        days=-5, length=length, trainers=[personas.trainer], status=Session.Status.HELD
    )
    enrolment = EnrolmentFactory(session=session, status=Enrolment.Status.ATTENDED)
    for day in session.days:
        Attendance.objects.create(
            enrolment=enrolment, day=day, present=day in present_days(session)
        )
    return enrolment


def _complete_url(enrolment):
    return reverse("training_modules:enrolment_complete", kwargs={"public_id": enrolment.public_id})


def test_loop_completion_with_fewer_days_is_refused_without_confirmation(personas):
    enrolment = _attended(personas, length=3, present_days=lambda s: {s.days[0]})
    with pytest.raises(ValidationError) as exc:
        services.enrolment_complete(actor=personas.trainer, enrolment=enrolment)
    assert exc.value.code == "partial_attendance"
    assert "1 of the session's 3 days" in exc.value.messages[0]
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ATTENDED
    assert not Certificate.objects.exists()


def test_loop_completion_with_fewer_days_confirmed_is_completed(personas):
    enrolment = _attended(personas, length=3, present_days=lambda s: {s.days[0]})
    services.enrolment_complete(
        actor=personas.trainer, enrolment=enrolment, attendance_confirmed=True
    )
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert Certificate.objects.filter(enrolment=enrolment).exists()


def test_loop_completion_with_every_day_needs_no_confirmation(personas):
    enrolment = _attended(personas, length=3, present_days=lambda s: set(s.days))
    services.enrolment_complete(actor=personas.trainer, enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED


def test_loop_completion_page_warns_and_asks_to_tick_the_box(client_for, personas):
    enrolment = _attended(personas, length=2, present_days=lambda s: {s.days[1]})
    trainer = client_for("trainer")
    response = trainer.post(_complete_url(enrolment))
    assert response.status_code == 200
    assert "1 of the session's 2 days" in response.context["warning"]
    page = response.content.decode()
    assert "1 of the session&#x27;s 2 days" in page
    assert 'name="attendance_confirmed"' in page
    assert response.context["not_ticked"] is False
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ATTENDED

    # Sent back without the box ticked: the warning again, the error on the box.
    response = trainer.post(_complete_url(enrolment), {"attendance_confirmed": "0"})
    assert response.status_code == 200
    assert response.context["not_ticked"] is True
    assert 'aria-invalid="true"' in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ATTENDED

    # Ticked (the hidden "0" comes first, the box's "1" last).
    response = trainer.post(_complete_url(enrolment), {"attendance_confirmed": ["0", "1"]})
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED


def _one_day_session_later_today(personas):
    """A one-day session today from 14:00 to 16:00 (local time)."""
    today = timezone.localdate()
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time(14)))
    return SessionFactory(
        trainers=[personas.trainer],
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        enrolment_deadline=start - datetime.timedelta(days=2),
    )


def test_loop_one_day_session_is_attended_and_completed_on_its_day(client_for, personas):
    # Early on the day (08:00), before the session's start time.
    today = timezone.localdate()
    morning = timezone.make_aware(datetime.datetime.combine(today, datetime.time(8)))
    with time_machine.travel(morning, tick=False):
        session = _one_day_session_later_today(personas)
        enrolment = EnrolmentFactory(session=session)
        assert not session.has_started
        trainer = client_for("trainer")
        attendance_url = reverse(
            "training_modules:session_attendance", kwargs={"public_id": session.public_id}
        )
        assert trainer.get(attendance_url).context["can_mark"] is True
        response = trainer.post(
            attendance_url, {"present": [f"{enrolment.public_id}|{today.isoformat()}"]}
        )
        assert response.status_code == 302
        enrolment.refresh_from_db()
        assert enrolment.status == Enrolment.Status.ATTENDED
        response = trainer.post(_complete_url(enrolment))
        assert response.status_code == 302
        enrolment.refresh_from_db()
        assert enrolment.status == Enrolment.Status.COMPLETED


def test_loop_attendance_the_day_before_a_session_is_still_refused(personas):
    today = timezone.localdate()
    evening_before = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=1), datetime.time(20))
    )
    session = _one_day_session_later_today(personas)
    with time_machine.travel(evening_before, tick=False), pytest.raises(ValidationError):
        services.attendance_record(actor=personas.trainer, session=session, present=set())
