import datetime
import smtplib

import pytest
from django.urls import reverse
from django.utils import timezone

from jump.notifications import demo
from jump.notifications.models import EmailStatus, Kind, Notification
from jump.notifications.tasks import send_notification_email

from . import builders

# The at-once e-mail path (see conftest.every_kind_at_once).
pytestmark = pytest.mark.usefixtures("every_kind_at_once")


def test_admin_sees_failed_emails_with_their_error(
    client_for, follow_up_notification, scripted_smtp
):
    scripted_smtp.reset(
        smtplib.SMTPRecipientsRefused({"coach.a@example.org": (550, b"5.1.1 No such user")})
    )
    send_notification_email.delay(follow_up_notification.pk)
    url = reverse("admin:notifications_notification_changelist")
    response = client_for("admin").get(url, {"email_status__exact": "failed"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    detail = client_for("admin").get(
        reverse("admin:notifications_notification_change", args=[follow_up_notification.pk])
    )
    assert "550" in detail.content.decode()


def test_admin_action_sends_failed_emails_again(
    client_for, follow_up_notification, scripted_smtp, django_capture_on_commit_callbacks
):
    scripted_smtp.reset(smtplib.SMTPDataError(554, b"5.7.1 Rejected"))
    send_notification_email.delay(follow_up_notification.pk)
    url = reverse("admin:notifications_notification_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("admin").post(
            url,
            {"action": "send_again", "_selected_action": [follow_up_notification.pk]},
        )
    assert response.status_code == 302
    follow_up_notification.refresh_from_db()
    assert follow_up_notification.email_status == EmailStatus.SENT


def test_admin_for_administrators_only(client_for, follow_up_notification):
    url = reverse("admin:notifications_notification_changelist")
    assert client_for("coach_a").get(url).status_code == 403


def test_demo_seed_makes_the_last_two_weeks_reminders_once_and_sends_nothing(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    person = builders.participant(personas.coach_a)
    builders.case_note(personas.coach_a, person, follow_up_on=today - datetime.timedelta(days=2))
    builders.case_note(personas.coach_a, person, follow_up_on=today - datetime.timedelta(days=9))
    builders.case_note(personas.coach_a, person, follow_up_on=today)  # for today's real run
    for _ in range(2):
        world = {}
        with django_capture_on_commit_callbacks(execute=True):
            demo.seed(world)
    notifications = Notification.objects.order_by("due_date")
    assert [n.kind for n in notifications] == [Kind.CONTACT_FOLLOW_UP] * 2
    assert [n.email_status for n in notifications] == [EmailStatus.SKIPPED] * 2
    assert [n.is_read for n in notifications] == [True, False]
    assert not mailoutbox
