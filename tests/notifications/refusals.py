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
    "preferences_update": Refusal(deactivated, lambda w: {"delivery_by_kind": {}}),
    "notify": Refusal(
        deactivated,
        lambda w: {
            "recipient": w.notification.recipient,
            "kind": w.notification.kind,
            "obj": w.notification.target,
        },
    ),
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
    "delivery_for": "a read: how a person receives one kind (at once, digest, never)",
    "digest_send": "system task: one person's daily digest, sent by digests_send",
    "digests_send": "system task: the daily digests of Celery beat",
    "preference_mute_by_token": "the one-click unsubscribe (SECURITY 37): the signed token names "
    "the person, no login; all it can do is stop one kind of e-mail to that person",
    "notification_email_send": "the e-mail task of one notification; checks the recipient's "
    "visibility again before sending",
}
