"""The daily run: each kind on its day (and not the day before or after), what is not reminded,
idempotency, and a number of queries that does not grow with the number of due objects."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from companies.models import Offer, Placement
from jump.notifications import services
from jump.notifications.models import EmailStatus, Kind, Notification
from participants.models import Consent, Participant
from training_modules.models import Enrolment, Session

from . import builders
from .builders import CPH
from .conftest import DAY

# The at-once e-mail path (see conftest.every_kind_at_once).
pytestmark = pytest.mark.usefixtures("every_kind_at_once")

ONE_DAY = datetime.timedelta(days=1)


# Each scenario builds one object that is due on `day` and returns (recipient, object).
def _follow_up(personas, day):
    person = builders.participant(personas.coach_a)
    return personas.coach_a, builders.case_note(personas.coach_a, person, follow_up_on=day)


def _step_due_soon(personas, day):
    person = builders.participant(personas.coach_a)
    return personas.coach_a, builders.step(person, due_on=day + datetime.timedelta(days=3))


def _step_overdue(personas, day):
    person = builders.participant(personas.coach_a)
    return personas.coach_a, builders.step(person, due_on=day - ONE_DAY)


def _six_months(personas, day):
    person = builders.exited(personas.coach_a, exit_date=day - datetime.timedelta(days=182))
    return personas.coach_a, person


def _company_placement(personas, *, end_date, status=None):
    person = builders.participant(personas.coach_a)
    builders.sharing(person)
    offer = builders.offer(personas.contact_x.company)
    return builders.placement(person, offer, end_date=end_date, status=status)


def _feedback_request(personas, day):
    placement = _company_placement(personas, end_date=day + datetime.timedelta(days=7))
    return personas.contact_x, placement


def _feedback_reminder(personas, day):
    placement = _company_placement(
        personas, end_date=day - datetime.timedelta(days=7), status=Placement.Status.COMPLETED
    )
    return personas.contact_x, placement


def _consent_review(personas, day):
    person = builders.participant(personas.coach_a)
    recorded = datetime.datetime.combine(
        day.replace(year=day.year - 1), datetime.time(10, 30), tzinfo=CPH
    )
    return personas.coach_a, builders.consent(person, recorded_at=recorded)


def _session_soon(personas, day):
    session = builders.session(starts_on=day + datetime.timedelta(days=2))
    return personas.staff_learner, builders.enrolment(session, personas.staff_learner)


def _starts_tomorrow(personas, day):
    """The coach and the company's contact: a tuple of recipients."""
    person = builders.participant(personas.coach_a)
    builders.sharing(person)
    offer = builders.offer(personas.contact_x.company)
    placement = Placement.objects.create(
        participant=person,
        offer=offer,
        status=Placement.Status.ACCEPTED,
        start_date=day + ONE_DAY,
        end_date=day + datetime.timedelta(days=20),
    )
    return (personas.coach_a, personas.contact_x), placement


def _offers_fit(personas, day):
    """An offer published the day before fits one of coach_a's young people: about the coach."""
    person = builders.participant(personas.coach_a, country_of_residence="DE")
    builders.sharing(person)
    yesterday = datetime.datetime.combine(day - ONE_DAY, datetime.time(15), tzinfo=CPH)
    offer = builders.offer(personas.contact_x.company, start_date=day + datetime.timedelta(days=30))
    Offer.objects.filter(pk=offer.pk).update(published_at=yesterday)
    return personas.coach_a, personas.coach_a


SCENARIOS = {
    Kind.CONTACT_FOLLOW_UP: _follow_up,
    Kind.STEP_DUE_SOON: _step_due_soon,
    Kind.STEP_OVERDUE: _step_overdue,
    Kind.SIX_MONTH_FOLLOW_UP: _six_months,
    Kind.PLACEMENT_FEEDBACK_REQUEST: _feedback_request,
    Kind.PLACEMENT_FEEDBACK_REMINDER: _feedback_reminder,
    Kind.CONSENT_REVIEW: _consent_review,
    Kind.SESSION_SOON: _session_soon,
    Kind.PLACEMENT_STARTS_TOMORROW: _starts_tomorrow,
    Kind.OFFERS_FIT: _offers_fit,
}


# Every scenario tells one person, but "starts tomorrow" two (the coach and the company).
NOTIFIED_PER_RUN = len(SCENARIOS) + 1


def _notified():
    return {
        (n.kind, n.recipient_id, n.content_type.model_class(), n.object_id)
        for n in Notification.objects.select_related("content_type")
    }


def test_every_daily_kind_has_a_scenario():
    from jump.notifications.kinds import DAILY_KINDS

    assert set(SCENARIOS) == set(DAILY_KINDS)


@pytest.mark.parametrize("kind", list(SCENARIOS))
@pytest.mark.parametrize("offset", [-1, 0, 1], ids=["day_before", "on_the_day", "day_after"])
def test_each_kind_is_reminded_on_its_day_only(personas, kind, offset):
    recipients, obj = SCENARIOS[kind](personas, DAY)
    if not isinstance(recipients, tuple):
        recipients = (recipients,)
    services.reminders_run(DAY + offset * ONE_DAY)
    expected = (
        {(kind, recipient.pk, type(obj), obj.pk) for recipient in recipients}
        if offset == 0
        else set()
    )
    assert _notified() == expected


def test_due_dates_are_those_of_the_objects(personas):
    _recipient, step = _step_overdue(personas, DAY)
    _recipient, placement = _feedback_request(personas, DAY)
    services.reminders_run(DAY)
    assert Notification.objects.get(kind=Kind.STEP_OVERDUE).due_date == step.due_on
    assert Notification.objects.get(kind=Kind.PLACEMENT_FEEDBACK_REQUEST).due_date == (
        placement.end_date
    )


def test_run_reports_what_was_due(personas):
    _follow_up(personas, DAY)
    _session_soon(personas, DAY)
    result = services.reminders_run(DAY)
    assert result.day == DAY
    assert result.due[Kind.CONTACT_FOLLOW_UP] == 1
    assert result.due[Kind.SESSION_SOON] == 1
    assert result.total_due == 2
    assert result.queued == 2


# --- what is not reminded ---------------------------------------------------------------------


def test_follow_up_already_done_is_not_reminded(personas):
    _author, note = _follow_up(personas, DAY)
    note.follow_up_done_on = DAY - ONE_DAY
    note.save()
    services.reminders_run(DAY)
    assert not Notification.objects.exists()


def test_done_step_is_neither_due_soon_nor_overdue(personas):
    _coach, soon = _step_due_soon(personas, DAY)
    _coach, overdue = _step_overdue(personas, DAY)
    for step in (soon, overdue):
        step.done_on = DAY - datetime.timedelta(days=5)
        step.save()
    services.reminders_run(DAY)
    assert not Notification.objects.exists()


def test_step_of_a_participant_without_coach_is_not_reminded(personas):
    _coach, step = _step_due_soon(personas, DAY)
    Participant.objects.filter(pk=step.goal.plan.participant_id).update(coach=None)
    services.reminders_run(DAY)
    assert not Notification.objects.exists()


def test_six_month_follow_up_not_reminded_once_the_outcome_is_recorded(personas):
    _coach, person = _six_months(personas, DAY)
    builders.six_month_outcome(person, date=DAY - ONE_DAY)
    services.reminders_run(DAY)
    assert not Notification.objects.exists()


def test_inactive_coach_gets_no_reminder(personas):
    _follow_up(personas, DAY)
    _six_months(personas, DAY)
    personas.coach_a.is_active = False
    personas.coach_a.save()
    services.reminders_run(DAY)
    assert not Notification.objects.exists()


def test_erased_participant_is_never_reminded_about(personas):
    _author, note = _follow_up(personas, DAY)
    _coach, step = _step_due_soon(personas, DAY)
    Participant.objects.filter(pk__in=[note.participant_id, step.goal.plan.participant_id]).update(
        erased_at=datetime.datetime(2026, 9, 1, tzinfo=CPH)
    )
    services.reminders_run(DAY)
    assert not Notification.objects.exists()


def test_feedback_request_goes_to_every_active_contact_of_the_company_only(personas):
    from tests.factories.accounts import UserFactory

    colleague = UserFactory(roles=["company_contact"], company=personas.contact_x.company)
    UserFactory(roles=["company_contact"], company=personas.contact_x.company, is_active=False)
    _feedback_request(personas, DAY)
    services.reminders_run(DAY)
    recipients = set(Notification.objects.values_list("recipient_id", flat=True))
    assert recipients == {personas.contact_x.pk, colleague.pk}


def test_no_feedback_request_about_a_participant_who_does_not_share_with_companies(personas):
    _contact, placement = _feedback_request(personas, DAY)
    builders.consent(
        placement.participant,
        recorded_at=datetime.datetime(2026, 9, 1, 9, tzinfo=CPH),
        purpose=Consent.Purpose.SHARE_WITH_COMPANIES,
        given=False,
    )
    services.reminders_run(DAY)
    assert not Notification.objects.exists()


def test_no_feedback_request_for_a_placement_that_is_only_proposed(personas):
    placement = _company_placement(
        personas, end_date=DAY + datetime.timedelta(days=7), status=Placement.Status.PROPOSED
    )
    assert placement.status == Placement.Status.PROPOSED
    services.reminders_run(DAY)
    assert not Notification.objects.exists()


def test_feedback_reminder_not_sent_when_the_company_gave_feedback(personas):
    contact, placement = _feedback_reminder(personas, DAY)
    builders.company_feedback(placement, contact)
    services.reminders_run(DAY)
    assert not Notification.objects.exists()


def test_feedback_is_asked_for_once_before_and_reminded_once_after_the_end(personas):
    end = DAY + datetime.timedelta(days=7)
    _company_placement(personas, end_date=end)
    for offset in range(-3, 20):
        services.reminders_run(DAY + offset * ONE_DAY)
    kinds = sorted(Notification.objects.values_list("kind", flat=True))
    assert kinds == [Kind.PLACEMENT_FEEDBACK_REMINDER, Kind.PLACEMENT_FEEDBACK_REQUEST]


def test_consent_review_only_while_the_old_consent_is_the_latest_record(personas):
    _coach, old = _consent_review(personas, DAY)
    builders.consent(
        old.participant,
        recorded_at=datetime.datetime(2026, 3, 1, 12, tzinfo=CPH),
        purpose=old.purpose,
    )
    services.reminders_run(DAY)
    assert not Notification.objects.exists()


def test_withdrawn_consent_is_not_reviewed(personas):
    person = builders.participant(personas.coach_a)
    builders.consent(
        person,
        recorded_at=datetime.datetime.combine(DAY.replace(year=2025), datetime.time(9), CPH),
        given=False,
    )
    services.reminders_run(DAY)
    assert not Notification.objects.exists()


def test_consent_review_every_year_on_the_anniversary(personas):
    person = builders.participant(personas.coach_a)
    builders.consent(
        person,
        recorded_at=datetime.datetime.combine(DAY.replace(year=2024), datetime.time(9), CPH),
    )
    services.reminders_run(DAY)
    assert Notification.objects.filter(kind=Kind.CONSENT_REVIEW).count() == 1


def test_consent_given_on_29_february_is_reviewed_on_28_february(personas):
    person = builders.participant(personas.coach_a)
    builders.consent(person, recorded_at=datetime.datetime(2024, 2, 29, 11, tzinfo=CPH))
    services.reminders_run(datetime.date(2025, 2, 27))
    assert not Notification.objects.exists()
    services.reminders_run(datetime.date(2025, 2, 28))
    assert Notification.objects.filter(kind=Kind.CONSENT_REVIEW).count() == 1


def test_consent_anniversary_is_the_local_day(personas):
    """Recorded at 00:30 in Copenhagen = the evening before in UTC: still that local day."""
    person = builders.participant(personas.coach_a)
    builders.consent(
        person,
        recorded_at=datetime.datetime.combine(DAY.replace(year=2025), datetime.time(0, 30), CPH),
    )
    services.reminders_run(DAY)
    assert Notification.objects.filter(kind=Kind.CONSENT_REVIEW).count() == 1


@pytest.mark.parametrize("status", [Enrolment.Status.WAITLISTED, Enrolment.Status.CANCELLED])
def test_session_reminder_only_for_people_holding_a_place(personas, status):
    session = builders.session(starts_on=DAY + datetime.timedelta(days=2))
    builders.enrolment(session, personas.staff_learner, status=status)
    services.reminders_run(DAY)
    assert not Notification.objects.exists()


def test_no_session_reminder_for_a_cancelled_session(personas):
    _person, enrolment = _session_soon(personas, DAY)
    Session.objects.filter(pk=enrolment.session_id).update(status=Session.Status.CANCELLED)
    services.reminders_run(DAY)
    assert not Notification.objects.exists()


# --- idempotency ------------------------------------------------------------------------------


def test_running_twice_creates_and_sends_nothing_twice(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    for scenario in SCENARIOS.values():
        scenario(personas, DAY)
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_run(DAY)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.reminders_run(DAY)
    assert Notification.objects.count() == NOTIFIED_PER_RUN
    assert len(mailoutbox) == NOTIFIED_PER_RUN
    assert second.queued == 0
    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.SENT}


def test_rerun_after_a_crash_creates_what_was_missing_and_sends_pending_emails(
    personas, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    """A worker killed after the notifications were created but before their e-mails were
    queued: the rerun creates nothing twice and sends every e-mail once."""
    _follow_up(personas, DAY)
    _session_soon(personas, DAY)

    def killed(**kwargs):
        raise SystemExit("worker killed")

    with monkeypatch.context() as patch:
        patch.setattr(services, "email_queue_pending", killed)
        with pytest.raises(SystemExit):
            services.reminders_run(DAY)
    assert Notification.objects.count() == 2
    assert not mailoutbox

    _follow_up(personas, DAY)  # something new became due meanwhile
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_run(DAY)
    assert Notification.objects.count() == 3
    assert len(mailoutbox) == 3
    assert sorted(len(m.to) for m in mailoutbox) == [1, 1, 1]


def test_pending_email_whose_task_was_lost_is_queued_again(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    _follow_up(personas, DAY)
    services.reminders_run(DAY)  # on-commit never runs here: the task is "lost"
    notification = Notification.objects.get()
    assert notification.email_queued_at is not None
    assert notification.email_status == EmailStatus.PENDING

    # Queued a moment ago: its task may still be on its way, so it is left alone …
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_run(DAY).queued == 0
    assert not mailoutbox

    # … but one queued longer ago than REQUEUE_AFTER is queued again and sent, once.
    Notification.objects.update(
        email_queued_at=notification.email_queued_at - datetime.timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_run(DAY).queued == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_run(DAY).queued == 0
    assert len(mailoutbox) == 1
    assert Notification.objects.get().email_status == EmailStatus.SENT


def test_sweeper_task_queues_lost_emails(personas, mailoutbox, django_capture_on_commit_callbacks):
    from jump.notifications.tasks import requeue_notification_emails

    _follow_up(personas, DAY)
    services.reminders_run(DAY)
    Notification.objects.update(email_queued_at=datetime.datetime(2026, 9, 15, 6, tzinfo=CPH))
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_notification_emails.delay().get() == 1
    assert len(mailoutbox) == 1


def test_daily_task_runs_the_given_day(personas, mailoutbox, django_capture_on_commit_callbacks):
    from jump.notifications.tasks import send_daily_reminders

    _follow_up(personas, DAY)
    with django_capture_on_commit_callbacks(execute=True):
        send_daily_reminders.delay(DAY.isoformat())
    assert Notification.objects.count() == 1
    assert len(mailoutbox) == 1


# --- queries ----------------------------------------------------------------------------------


def _build_everything(personas, day, count):
    for scenario in SCENARIOS.values():
        for _ in range(count):
            scenario(personas, day)


def test_daily_run_needs_the_same_number_of_queries_for_1_and_20_due_objects_per_kind(personas):
    # Content types are cached after their first use, as in a long-running worker.
    ContentType.objects.clear_cache()
    services.reminders_run(datetime.date(2020, 1, 1))

    first_day = DAY
    _build_everything(personas, first_day, 1)
    with CaptureQueriesContext(connection) as one:
        services.reminders_run(first_day)
    assert Notification.objects.count() == NOTIFIED_PER_RUN

    second_day = DAY + datetime.timedelta(days=40)
    _build_everything(personas, second_day, 20)
    with CaptureQueriesContext(connection) as twenty:
        services.reminders_run(second_day)
    # 20 of each, two people for each placement starting, one "offers fit" for the coach a day.
    second_run = 20 * (len(SCENARIOS) - 1) + 20 + 1
    assert Notification.objects.count() == NOTIFIED_PER_RUN + second_run

    assert len(one.captured_queries) == len(twenty.captured_queries)
