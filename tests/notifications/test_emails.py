"""The e-mail of a notification: sent once, in the recipient's language, muted on request,
not sent about what is gone or no longer visible, retried only when retrying can help."""

import datetime
import smtplib

import pytest
from django.utils import translation

from jump.notifications import services
from jump.notifications.kinds import SUBJECTS
from jump.notifications.models import EmailStatus, Kind, Notification, NotificationPreference
from jump.notifications.tasks import EMAIL_MAX_RETRIES, send_notification_email
from participants.models import Participant
from tests.factories.accounts import UserFactory

from . import builders
from .conftest import DAY

# The at-once e-mail path (see conftest.every_kind_at_once).
pytestmark = pytest.mark.usefixtures("every_kind_at_once")


def _run(day, capture):
    with capture(execute=True):
        return services.reminders_run(day)


def test_follow_up_email_goes_to_the_author_with_a_link_to_the_notification(
    personas, p1, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.JUMP_SITE_URL = "https://jump.example.org/"
    builders.case_note(personas.coach_a, p1, follow_up_on=DAY)
    _run(DAY, django_capture_on_commit_callbacks)
    notification = Notification.objects.get()
    [message] = mailoutbox
    assert message.to == [personas.coach_a.email]
    link = f"https://jump.example.org/en/notifications/{notification.public_id}/"
    assert link in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{link}"' in html
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert notification.email_status == EmailStatus.SENT
    assert notification.email_attempts == 1
    assert notification.email_sent_at is not None


def test_email_tells_nothing_personal_about_the_participant(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    marker = "Zqxmarker"
    person = builders.participant(personas.coach_a, first_name=marker, last_name=marker)
    note = builders.case_note(personas.coach_a, person, follow_up_on=DAY)
    note.summary = marker
    note.save()
    builders.step(person, due_on=DAY + datetime.timedelta(days=3))
    _run(DAY, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2
    for message in mailoutbox:
        assert marker not in message.subject + message.body + message.alternatives[0][0]


@pytest.mark.parametrize(
    ("language", "month", "prefix"),
    [("da", "marts", "/da/notifications/"), ("de", "März", "/de/notifications/")],
)
def test_email_is_in_the_recipients_language(
    personas, mailoutbox, django_capture_on_commit_callbacks, language, month, prefix
):
    day = datetime.date(2026, 3, 16)
    coach = UserFactory(
        roles=["coach"], partner=personas.coach_a.partner, preferred_language=language
    )
    other = UserFactory(roles=["coach"], partner=personas.coach_a.partner, preferred_language="en")
    for author in (coach, other):
        person = builders.participant(author)
        builders.case_note(author, person, follow_up_on=day)
    _run(day, django_capture_on_commit_callbacks)
    by_recipient = {message.to[0]: message for message in mailoutbox}
    message = by_recipient[coach.email]
    assert f"16. {month} 2026" in message.body
    assert prefix in message.body
    assert message.extra_headers["Content-Language"] == language
    with translation.override(language):
        assert message.subject == str(SUBJECTS[Kind.CONTACT_FOLLOW_UP])
    html = message.alternatives[0][0]
    assert f'<html lang="{language}">' in html
    english = by_recipient[other.email]
    assert "March 16, 2026" in english.body
    assert "/en/notifications/" in english.body


def test_session_reminder_has_the_calendar_entry_attached(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    session = builders.session(starts_on=DAY + datetime.timedelta(days=2))
    builders.enrolment(session, personas.staff_learner)
    _run(DAY, django_capture_on_commit_callbacks)
    [message] = mailoutbox
    [(filename, content, mimetype)] = message.attachments
    assert filename == "session.ics"
    assert mimetype.startswith("text/calendar")
    text = content.decode() if isinstance(content, bytes) else content
    assert "BEGIN:VEVENT" in text
    assert str(session.public_id) in text
    assert session.module.title in message.body


def test_placement_email_names_the_offer_and_company(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    person = builders.participant(personas.coach_a)
    builders.sharing(person)
    offer = builders.offer(personas.contact_x.company, title="Welding internship")
    builders.placement(person, offer, end_date=DAY + datetime.timedelta(days=7))
    _run(DAY, django_capture_on_commit_callbacks)
    [message] = mailoutbox
    assert message.to == [personas.contact_x.email]
    assert "Welding internship" in message.body
    assert personas.contact_x.company.name in message.body


# --- muting -----------------------------------------------------------------------------------


def test_muted_kind_is_shown_in_app_but_not_emailed(
    personas, p1, mailoutbox, django_capture_on_commit_callbacks
):
    services.preferences_update(
        actor=personas.coach_a, delivery_by_kind={Kind.CONTACT_FOLLOW_UP: "never"}
    )
    builders.case_note(personas.coach_a, p1, follow_up_on=DAY)
    builders.step(p1, due_on=DAY + datetime.timedelta(days=3))
    result = _run(DAY, django_capture_on_commit_callbacks)
    assert result.muted == 1
    muted = Notification.objects.get(kind=Kind.CONTACT_FOLLOW_UP)
    assert muted.email_status == EmailStatus.MUTED
    assert muted.read_at is None  # still in the bell
    assert len(mailoutbox) == 1
    assert Notification.objects.get(kind=Kind.STEP_DUE_SOON).email_status == EmailStatus.SENT


def test_muting_after_the_task_was_queued_still_stops_the_email(
    personas, follow_up_notification, mailoutbox
):
    NotificationPreference.objects.create(
        user=personas.coach_a, kind=Kind.CONTACT_FOLLOW_UP, delivery="never"
    )
    send_notification_email.delay(follow_up_notification.pk)
    follow_up_notification.refresh_from_db()
    assert follow_up_notification.email_status == EmailStatus.MUTED
    assert not mailoutbox


def test_a_muted_kind_of_one_person_does_not_mute_anyone_else(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    colleague = UserFactory(roles=["coach"], partner=personas.coach_a.partner)
    services.preferences_update(
        actor=personas.coach_a, delivery_by_kind={Kind.CONTACT_FOLLOW_UP: "never"}
    )
    for author in (personas.coach_a, colleague):
        builders.case_note(author, builders.participant(author), follow_up_on=DAY)
    _run(DAY, django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [[colleague.email]]


# --- idempotency of the task ------------------------------------------------------------------


def test_the_task_never_sends_a_notification_twice(follow_up_notification, mailoutbox):
    send_notification_email.delay(follow_up_notification.pk)
    send_notification_email.delay(follow_up_notification.pk)
    assert len(mailoutbox) == 1
    follow_up_notification.refresh_from_db()
    assert follow_up_notification.email_attempts == 1


def test_the_task_ignores_a_notification_that_no_longer_exists(mailoutbox, db):
    assert send_notification_email.delay(999_999).get() == "nothing_to_do"
    assert not mailoutbox


# --- gone or no longer visible ----------------------------------------------------------------


def test_email_about_a_deleted_object_is_not_sent(follow_up_notification, mailoutbox):
    follow_up_notification.target.delete()
    send_notification_email.delay(follow_up_notification.pk)
    follow_up_notification.refresh_from_db()
    assert follow_up_notification.email_status == EmailStatus.SKIPPED
    assert "no longer visible" in follow_up_notification.last_error
    assert not mailoutbox


def test_email_about_a_participant_no_longer_visible_to_the_recipient_is_not_sent(
    personas, p1, follow_up_notification, mailoutbox
):
    # P1 moved to partner B: coach_a no longer sees the case.
    Participant.objects.filter(pk=p1.pk).update(partner=personas.coach_b.partner)
    send_notification_email.delay(follow_up_notification.pk)
    follow_up_notification.refresh_from_db()
    assert follow_up_notification.email_status == EmailStatus.SKIPPED
    assert not mailoutbox


def test_placement_email_not_sent_once_sharing_consent_is_withdrawn(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    from participants.models import Consent

    person = builders.participant(personas.coach_a)
    builders.sharing(person)
    builders.placement(
        person, builders.offer(personas.contact_x.company), end_date=DAY + datetime.timedelta(7)
    )
    services.reminders_run(DAY)
    notification = Notification.objects.get()
    builders.consent(
        person,
        recorded_at=datetime.datetime(2026, 9, 15, 6, tzinfo=builders.CPH),
        purpose=Consent.Purpose.SHARE_WITH_COMPANIES,
        given=False,
    )
    send_notification_email.delay(notification.pk)
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.SKIPPED
    assert not mailoutbox


def test_inactive_recipient_gets_no_email(personas, follow_up_notification, mailoutbox):
    personas.coach_a.is_active = False
    personas.coach_a.save()
    send_notification_email.delay(follow_up_notification.pk)
    follow_up_notification.refresh_from_db()
    assert follow_up_notification.email_status == EmailStatus.SKIPPED
    assert not mailoutbox


# --- SMTP failures ----------------------------------------------------------------------------


def test_refused_recipient_fails_at_once_without_retries(follow_up_notification, scripted_smtp):
    scripted_smtp.reset(
        smtplib.SMTPRecipientsRefused({"coach.a@example.org": (550, b"5.1.1 No such user")})
    )
    send_notification_email.delay(follow_up_notification.pk)
    follow_up_notification.refresh_from_db()
    assert follow_up_notification.email_status == EmailStatus.FAILED
    assert "550" in follow_up_notification.last_error
    assert follow_up_notification.email_attempts == 1
    assert scripted_smtp.attempts == 1
    assert scripted_smtp.delivered == []


def test_invalid_address_fails_at_once_without_retries(
    personas, follow_up_notification, scripted_smtp
):
    type(personas.coach_a).objects.filter(pk=personas.coach_a.pk).update(email="coach@@bad")
    send_notification_email.delay(follow_up_notification.pk)
    follow_up_notification.refresh_from_db()
    assert follow_up_notification.email_status == EmailStatus.FAILED
    assert "Invalid address" in follow_up_notification.last_error
    assert scripted_smtp.attempts == 1


def test_permanent_reply_to_the_message_is_not_retried(follow_up_notification, scripted_smtp):
    scripted_smtp.reset(smtplib.SMTPDataError(554, b"5.7.1 Message rejected"))
    send_notification_email.delay(follow_up_notification.pk)
    follow_up_notification.refresh_from_db()
    assert follow_up_notification.email_status == EmailStatus.FAILED
    assert scripted_smtp.attempts == 1


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(111, "Connection refused"),
        smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
        smtplib.SMTPDataError(451, b"4.3.0 Try again later"),
        smtplib.SMTPRecipientsRefused({"coach.a@example.org": (450, b"4.2.1 Mailbox busy")}),
        TimeoutError("timed out"),
    ],
    ids=["refused", "disconnected", "451", "450-recipient", "timeout"],
)
def test_transient_error_is_retried_then_sent_once(
    follow_up_notification, scripted_smtp, eager_retries, error
):
    scripted_smtp.reset(error)
    send_notification_email.delay(follow_up_notification.pk)
    follow_up_notification.refresh_from_db()
    assert follow_up_notification.email_status == EmailStatus.SENT
    assert follow_up_notification.email_attempts == 2
    assert follow_up_notification.last_error == ""
    assert scripted_smtp.attempts == 2
    assert len(scripted_smtp.delivered) == 1


def test_transient_errors_stop_after_the_last_retry_and_mark_it_failed(
    follow_up_notification, scripted_smtp, eager_retries
):
    attempts = EMAIL_MAX_RETRIES + 1
    scripted_smtp.reset(
        *[ConnectionRefusedError(111, "Connection refused") for _ in range(attempts + 3)]
    )
    send_notification_email.delay(follow_up_notification.pk)
    follow_up_notification.refresh_from_db()
    assert follow_up_notification.email_status == EmailStatus.FAILED
    assert "Connection refused" in follow_up_notification.last_error
    assert follow_up_notification.email_attempts == attempts
    assert scripted_smtp.attempts == attempts


def test_retry_waits_longer_each_time():
    from jump.notifications.tasks import EMAIL_RETRY_CAP, retry_countdown

    waits = [retry_countdown(n) for n in range(EMAIL_MAX_RETRIES)]
    assert all(later > earlier for earlier, later in zip(waits, waits[1:], strict=False))
    assert waits[0] >= 60
    assert max(waits) <= EMAIL_RETRY_CAP + 10
    # Every gap is shorter than the sweeper's threshold, so a waiting retry is never doubled.
    assert max(waits) < services.REQUEUE_AFTER.total_seconds()


def test_admin_can_send_failed_emails_again(
    personas, follow_up_notification, scripted_smtp, django_capture_on_commit_callbacks
):
    scripted_smtp.reset(smtplib.SMTPDataError(554, b"5.7.1 Message rejected"))
    send_notification_email.delay(follow_up_notification.pk)
    with django_capture_on_commit_callbacks(execute=True):
        count = services.notification_email_retry(
            actor=personas.admin, notifications=Notification.objects.all()
        )
    assert count == 1
    follow_up_notification.refresh_from_db()
    assert follow_up_notification.email_status == EmailStatus.SENT
    assert len(scripted_smtp.delivered) == 1


def test_only_admins_send_failed_emails_again(personas):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.notification_email_retry(
            actor=personas.coach_a, notifications=Notification.objects.all()
        )
