"""Who may not use each notifications service (tests/service_refusals.py), in the world of
tests/notifications/conftest.py: coach_a's notification about P1."""

from tests.factories.accounts import UserFactory
from tests.service_refusals import Refusal

SERVICES = "jump.notifications.services"


def deactivated(world):
    return UserFactory(email="deactivated@example.org", is_active=False)


REFUSALS = {
    "notification_mark_read": Refusal("coach_b", lambda w: {"notification": w.notification}),
    "notifications_mark_all_read": Refusal(deactivated),
    "preferences_update": Refusal(deactivated, lambda w: {"email_by_kind": {}}),
    "notification_email_retry": Refusal(
        "manager",
        lambda w: {"notifications": type(w.notification).objects.filter(pk=w.notification.pk)},
    ),
}

NO_ACTOR = {
    "reminders_create": "system task: the daily reminders, run by Celery beat (reminders_run)",
    "reminders_run": "system task: the daily reminder run of Celery beat",
    "email_queue_pending": "system task: re-queues e-mails whose task was lost",
    "notify_event": "called by another app's service after that service checked its actor",
    "notification_email_send": "the e-mail task of one notification; checks the recipient's "
    "visibility again before sending",
}
