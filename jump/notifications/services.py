"""Every write of the notifications app (docs/style.md "Writes: services").

- `reminders_run(day)`: the daily run — one query per reminder kind, notifications created in
  bulk (the unique constraint makes a rerun create nothing twice), then one e-mail task per new
  notification, queued after commit. The same run re-queues e-mails still pending from an
  earlier run whose task was lost (worker killed, broker down).
- `notify_event(...)`: what other apps call when something happens (a place freed from the
  waiting list, a report ready).
- `notification_email_send(...)`: the body of the e-mail task — once per notification, under a
  row lock, with transient and permanent failures told apart.
"""

import datetime
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone, translation

from jump.accounts.models import User

from . import access, emails
from .kinds import EVENT_KINDS, kinds_for
from .models import EmailStatus, Notification, NotificationPreference
from .reminders import DAILY_REMINDERS, DailyReminder
from .targets import target_url

logger = logging.getLogger(__name__)

# A pending e-mail whose task was queued this long ago and has not finished is queued again.
# Longer than the whole retry schedule of the e-mail task (see tasks.py), so a task that is
# merely waiting for its next retry is not doubled.
REQUEUE_AFTER = datetime.timedelta(minutes=30)
BATCH_SIZE = 500


@dataclass
class RunResult:
    day: datetime.date
    due: dict[str, int] = field(default_factory=dict)
    muted: int = 0
    queued: int = 0

    @property
    def total_due(self) -> int:
        return sum(self.due.values())


class EmailOutcome(StrEnum):
    SENT = "sent"
    MUTED = "muted"
    SKIPPED = "skipped"
    FAILED = "failed"
    RETRY = "retry"
    NOTHING_TO_DO = "nothing_to_do"


# --- creating notifications -------------------------------------------------------------------


def _queue_emails(ids: Iterable[int]) -> None:
    """One e-mail task per notification, sent to the broker after commit. A broker that is down
    loses nothing: the notification stays pending and the sweeper queues it again."""
    from .tasks import send_notification_email

    for pk in ids:
        transaction.on_commit(partial(send_notification_email.delay, pk), robust=True)


def _create_reminders(reminder: DailyReminder, day: datetime.date) -> int:
    due_date = reminder.due(day)
    content_type = ContentType.objects.get_for_model(reminder.model)
    pairs = sorted(
        {
            (recipient_id, object_id)
            for recipient_id, object_id in reminder.rows(day, due_date).order_by()
        }
    )
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=recipient_id,
                kind=reminder.kind,
                content_type=content_type,
                object_id=object_id,
                due_date=due_date,
            )
            for recipient_id, object_id in pairs
        ],
        ignore_conflicts=True,
        batch_size=BATCH_SIZE,
    )
    return len(pairs)


def reminders_create(day: datetime.date) -> dict[str, int]:
    """Create the reminders due on `day`, once each (a rerun adds only what is missing).
    Queues nothing. Returns how many were due per kind."""
    due = {}
    for reminder in DAILY_REMINDERS:
        with transaction.atomic():
            due[reminder.kind] = _create_reminders(reminder, day)
    return due


def reminders_run(
    day: datetime.date | None = None, *, requeue_after: datetime.timedelta = REQUEUE_AFTER
) -> RunResult:
    """Create the reminders due on `day` (default: today) and queue their e-mails.

    Idempotent: running it again for the same day creates and sends nothing twice; after a
    crash it creates what was missing and queues the e-mails still pending.
    """
    day = day or timezone.localdate()
    result = RunResult(day=day, due=reminders_create(day))
    result.muted, result.queued = email_queue_pending(older_than=requeue_after)
    logger.info(
        "Reminders for %s: %s due, %s e-mails queued, %s muted",
        day,
        result.total_due,
        result.queued,
        result.muted,
    )
    return result


def email_queue_pending(*, older_than: datetime.timedelta = REQUEUE_AFTER) -> tuple[int, int]:
    """Queue the e-mail of every pending notification never queued, or queued longer ago than
    `older_than` (its task was lost). Muted kinds are marked muted without a task.

    Returns (muted, queued). Rows another worker holds locked are left to it.
    """
    now = timezone.now()
    waiting = Notification.objects.filter(email_status=EmailStatus.PENDING).filter(
        Q(email_queued_at__isnull=True) | Q(email_queued_at__lt=now - older_than)
    )
    muted_pref = NotificationPreference.objects.filter(
        user=OuterRef("recipient"), kind=OuterRef("kind"), email=False
    )
    with transaction.atomic():
        muted = waiting.filter(Exists(muted_pref)).update(
            email_status=EmailStatus.MUTED, updated_at=now
        )
        ids = list(
            waiting.order_by("pk").select_for_update(skip_locked=True).values_list("pk", flat=True)
        )
        for start in range(0, len(ids), BATCH_SIZE):
            Notification.objects.filter(pk__in=ids[start : start + BATCH_SIZE]).update(
                email_queued_at=now
            )
        _queue_emails(ids)
    return muted, len(ids)


def _email_muted(user: User, kind: str) -> bool:
    return NotificationPreference.objects.filter(user=user, kind=kind, email=False).exists()


def notify_event(
    *, recipient: User, kind: str, obj: models.Model, due_date: datetime.date | None = None
) -> Notification:
    """Tell `recipient` now that something happened to `obj` (in-app, and by e-mail after
    commit unless muted). Call it inside the caller's transaction: nothing is sent if that
    transaction rolls back. Once per (recipient, kind, object, due date — default today)."""
    if kind not in EVENT_KINDS:
        raise ValueError(f"Not an event kind: {kind}")
    if obj.pk is None:
        raise ValueError("The object must be saved first.")
    now = timezone.now()
    with transaction.atomic():
        notification, created = Notification.objects.get_or_create(
            recipient=recipient,
            kind=kind,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            due_date=due_date or timezone.localdate(),
            defaults={"email_queued_at": now},
        )
        if created:
            if _email_muted(recipient, kind):
                notification.email_status = EmailStatus.MUTED
                notification.save(update_fields=["email_status", "updated_at"])
            else:
                _queue_emails([notification.pk])
    return notification


# --- sending the e-mail -----------------------------------------------------------------------


def _finish(notification: Notification, status: str, error: str = "") -> None:
    notification.email_status = status
    notification.last_error = error
    if status == EmailStatus.SENT:
        notification.email_sent_at = timezone.now()
    notification.save(
        update_fields=[
            "email_status",
            "last_error",
            "email_sent_at",
            "email_attempts",
            "email_queued_at",
            "updated_at",
        ]
    )


def notification_email_send(*, notification_id: int, final_attempt: bool = False) -> EmailOutcome:
    """Send the e-mail of one notification, at most once.

    The row is locked while sending (a second task for the same notification skips it), and
    only a pending notification is sent. Muted kind → muted; object gone or no longer visible to
    the recipient → skipped; a transient SMTP error → RETRY (the caller retries later) unless
    `final_attempt`; a permanent one → failed with the error, never retried.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient", "content_type")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.email_status != EmailStatus.PENDING:
            return EmailOutcome.NOTHING_TO_DO
        recipient = notification.recipient
        if _email_muted(recipient, notification.kind):
            _finish(notification, EmailStatus.MUTED)
            return EmailOutcome.MUTED
        try:
            target_url(notification, recipient)
        except (Http404, PermissionDenied):
            _finish(
                notification,
                EmailStatus.SKIPPED,
                "The object is gone or no longer visible to the recipient.",
            )
            return EmailOutcome.SKIPPED
        notification.email_attempts += 1
        try:
            with translation.override(recipient.preferred_language):
                message = emails.build_message(notification)
            message.send()
        except Exception as exc:
            failure = emails.classify(exc)
            if failure == emails.Failure.TRANSIENT and not final_attempt:
                notification.email_queued_at = timezone.now()
                _finish(notification, EmailStatus.PENDING, emails.describe(exc))
                logger.info("E-mail of notification %s: will retry (%s)", notification.pk, exc)
                return EmailOutcome.RETRY
            _finish(notification, EmailStatus.FAILED, emails.describe(exc))
            logger.warning("E-mail of notification %s failed: %s", notification.pk, exc)
            return EmailOutcome.FAILED
        _finish(notification, EmailStatus.SENT)
        return EmailOutcome.SENT


# --- reading and preferences ------------------------------------------------------------------


def notification_mark_read(*, actor: User, notification: Notification) -> Notification:
    """Mark one of the actor's own notifications read (no-op when it already is)."""
    if not access.may_mark_read(actor, notification):
        raise PermissionDenied
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=now, updated_at=now
        )
        notification.read_at = now
    return notification


def notifications_mark_all_read(*, actor: User) -> int:
    """Mark every unread notification of the actor read; returns how many."""
    if not access.has_notifications(actor):
        raise PermissionDenied
    now = timezone.now()
    return Notification.objects.for_recipient(actor).unread().update(read_at=now, updated_at=now)


def preferences_update(*, actor: User, email_by_kind: Mapping[str, bool]) -> None:
    """Store which kinds the actor wants by e-mail. Only the kinds of the actor's roles."""
    if not access.has_notifications(actor):
        raise PermissionDenied
    allowed = set(kinds_for(actor))
    unknown = set(email_by_kind) - allowed
    if unknown:
        raise ValueError(f"Kinds not available to this user: {sorted(unknown)}")
    NotificationPreference.objects.bulk_create(
        [
            NotificationPreference(user=actor, kind=kind, email=bool(email))
            for kind, email in sorted(email_by_kind.items())
        ],
        update_conflicts=True,
        unique_fields=["user", "kind"],
        update_fields=["email", "updated_at"],
    )


def notification_email_retry(*, actor: User, notifications) -> int:
    """Put failed e-mails back to pending and queue them (admins, after fixing the cause)."""
    if not access.may_retry_emails(actor):
        raise PermissionDenied
    with transaction.atomic():
        ids = list(
            notifications.filter(email_status=EmailStatus.FAILED)
            .select_for_update()
            .values_list("pk", flat=True)
        )
        Notification.objects.filter(pk__in=ids).update(
            email_status=EmailStatus.PENDING,
            email_queued_at=timezone.now(),
            last_error="",
            updated_at=timezone.now(),
        )
        _queue_emails(ids)
    return len(ids)
