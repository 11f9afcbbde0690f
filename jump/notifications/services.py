"""Every write of the notifications app (docs/style.md "Writes: services").

- `reminders_run(day)`: the daily run — one query per reminder kind, notifications created in
  bulk (the unique constraint makes a rerun create nothing twice), then one e-mail task per new
  notification, queued after commit. The same run re-queues e-mails still pending from an
  earlier run whose task was lost (worker killed, broker down).
- `notify(...)`: THE call for other apps when something happens that another person must hear
  of (a proposal, an answer, a support request, a place freed, a report ready …). See its
  docstring; `notify_event` is the older name.
- `digests_send(...)`: the daily digest — one e-mail per person with every item waiting for it.
- `preferences_update(...)`, `preference_mute_by_token(...)`: delivery per person and kind (at
  once, daily digest, never); the one-click unsubscribe of SECURITY 37.
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
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone, translation

from jump.accounts.models import User
from jump.accounts.signals import bump_notice_version

from . import access, emails
from .kinds import EVENT_KINDS, IMMEDIATE_BY_DEFAULT, default_delivery, kinds_for
from .models import Delivery, EmailStatus, Kind, Notification, NotificationPreference
from .reminders import DAILY_REMINDERS, DailyReminder
from .targets import object_url, target_url

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
    bump_notice_version(recipient_id for recipient_id, _object_id in pairs)
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

    def chose(delivery: str) -> Exists:
        return Exists(
            NotificationPreference.objects.filter(
                user=OuterRef("recipient"), kind=OuterRef("kind"), delivery=delivery
            )
        )

    any_choice = Exists(
        NotificationPreference.objects.filter(user=OuterRef("recipient"), kind=OuterRef("kind"))
    )
    with transaction.atomic():
        muted = waiting.filter(chose(Delivery.NEVER)).update(
            email_status=EmailStatus.MUTED, updated_at=now
        )
        # Never queued yet and meant for the digest (chosen, or the kind's default): it waits
        # for the daily digest instead of a task of its own.
        waiting.filter(email_queued_at__isnull=True).filter(
            chose(Delivery.DIGEST) | (~any_choice & ~Q(kind__in=IMMEDIATE_BY_DEFAULT))
        ).update(email_status=EmailStatus.DIGEST, updated_at=now)
        ids = list(
            waiting.order_by("pk").select_for_update(skip_locked=True).values_list("pk", flat=True)
        )
        for start in range(0, len(ids), BATCH_SIZE):
            Notification.objects.filter(pk__in=ids[start : start + BATCH_SIZE]).update(
                email_queued_at=now
            )
        _queue_emails(ids)
    return muted, len(ids)


def delivery_for(user: User, kind: str) -> str:
    """How `user` receives the e-mail of `kind`: their choice, else the kind's default."""
    chosen = (
        NotificationPreference.objects.filter(user=user, kind=kind)
        .values_list("delivery", flat=True)
        .first()
    )
    return chosen or default_delivery(kind)


def _email_muted(user: User, kind: str) -> bool:
    return delivery_for(user, kind) == Delivery.NEVER


def notify(
    *,
    actor: User | None,
    recipient: User,
    kind: str,
    obj: models.Model,
    due_date: datetime.date | None = None,
) -> Notification | None:
    """Tell `recipient` that `actor` did something about `obj` — the one call other apps use.

    - `actor`: the person whose action this is, or None for the system (a daily run). An
      actor who is not an active, logged-in user may not notify anyone (PermissionDenied);
      nobody is told of their own action (returns None).
    - `recipient`: told in-app at once, and by e-mail in their own language as they chose for
      `kind` (at once after commit, in the daily digest, or never — kinds.default_delivery).
    - `kind`: a `Kind` value; `obj`: the saved object it is about. If `recipient` cannot see
      `obj` now (through its app's access layer, see targets.py) nothing is created (None);
      if that changes before delivery, the e-mail is skipped and the link answers 404.

    Call it inside the caller's transaction: nothing is sent if that transaction rolls back.
    Once per (recipient, kind, object, due date — default today): a repeat returns the first.
    """
    if kind not in Kind.values:
        raise ValueError(f"Not a notification kind: {kind}")
    if obj.pk is None:
        raise ValueError("The object must be saved first.")
    if not access.can_notify(actor):
        raise PermissionDenied
    if recipient is None or not recipient.is_active:
        return None
    if actor is not None and recipient.pk == actor.pk:
        return None
    try:
        object_url(recipient, obj, kind)
    except Http404:
        return None
    now = timezone.now()
    delivery = delivery_for(recipient, kind)
    statuses: dict[str, str] = {
        Delivery.NEVER: EmailStatus.MUTED,
        Delivery.DIGEST: EmailStatus.DIGEST,
    }
    status = statuses.get(delivery, EmailStatus.PENDING)
    with transaction.atomic():
        notification, created = Notification.objects.get_or_create(
            recipient=recipient,
            kind=kind,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            due_date=due_date or timezone.localdate(),
            defaults={"email_queued_at": now, "email_status": status},
        )
        if created and status == EmailStatus.PENDING:
            _queue_emails([notification.pk])
    return notification


def notify_event(
    *, recipient: User, kind: str, obj: models.Model, due_date: datetime.date | None = None
) -> Notification | None:
    """The older name of `notify` for events the system reports (no acting person)."""
    if kind not in EVENT_KINDS:
        raise ValueError(f"Not an event kind: {kind}")
    return notify(actor=None, recipient=recipient, kind=kind, obj=obj, due_date=due_date)


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
        bump_notice_version([actor.pk])
        notification.read_at = now
    return notification


def notifications_mark_all_read(*, actor: User) -> int:
    """Mark every unread notification of the actor read; returns how many."""
    if not access.has_notifications(actor):
        raise PermissionDenied
    now = timezone.now()
    marked = Notification.objects.for_recipient(actor).unread().update(read_at=now, updated_at=now)
    bump_notice_version([actor.pk])
    return marked


def preferences_update(*, actor: User, delivery_by_kind: Mapping[str, str]) -> None:
    """Store how the actor receives each kind by e-mail (at once, digest, never). Only the
    kinds of the actor's roles and known deliveries; anything else → ValueError, nothing saved.
    Only a logged-in, active person chooses (their own settings): else PermissionDenied."""
    if not access.has_notifications(actor):
        raise PermissionDenied
    allowed = set(kinds_for(actor))
    unknown = set(delivery_by_kind) - allowed
    if unknown:
        raise ValueError(f"Kinds not available to this user: {sorted(unknown)}")
    bad = {value for value in delivery_by_kind.values() if value not in Delivery.values}
    if bad:
        raise ValueError(f"Not a delivery: {sorted(bad)}")
    NotificationPreference.objects.bulk_create(
        [
            NotificationPreference(user=actor, kind=kind, delivery=delivery)
            for kind, delivery in sorted(delivery_by_kind.items())
        ],
        update_conflicts=True,
        unique_fields=["user", "kind"],
        update_fields=["delivery", "updated_at"],
    )


def preference_mute_by_token(*, token: str) -> bool:
    """The one-click unsubscribe of an e-mail (SECURITY 37): mute the kind the token names for
    the person it names — and nobody else. No login: the signed token is the authority
    (access.unsubscribe_token_subject). A forged or altered token does nothing (False).

    The digest's token ("digest") moves every kind the person receives in the digest to never.
    """
    subject = access.unsubscribe_token_subject(token)
    if subject is None:
        return False
    user, kind = subject
    if kind == access.DIGEST_TOKEN_KIND:
        kinds = [k for k in kinds_for(user) if delivery_for(user, k) == Delivery.DIGEST]
    else:
        kinds = [kind]
    with transaction.atomic():
        NotificationPreference.objects.bulk_create(
            [NotificationPreference(user=user, kind=k, delivery=Delivery.NEVER) for k in kinds],
            update_conflicts=True,
            unique_fields=["user", "kind"],
            update_fields=["delivery", "updated_at"],
        )
        Notification.objects.filter(
            recipient=user, kind__in=kinds, email_status=EmailStatus.DIGEST
        ).update(email_status=EmailStatus.MUTED, updated_at=timezone.now())
    logger.info("One-click unsubscribe: user %s, %s kinds muted", user.pk, len(kinds))
    return True


# --- the daily digest -------------------------------------------------------------------------


def digest_send(*, recipient_id: int, until: datetime.datetime | None = None) -> EmailOutcome:
    """One e-mail with every notification of one person waiting for the digest (created before
    `until`, default now), grouped by kind, each item naming what it is about. Items whose
    object the person can no longer see are skipped, not sent. Rows are locked while sending:
    a second run at the same time sends nothing twice."""
    until = until or timezone.now()
    with transaction.atomic():
        items = list(
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient", "content_type")
            .filter(
                recipient_id=recipient_id,
                email_status=EmailStatus.DIGEST,
                created_at__lte=until,
            )
            .order_by("kind", "created_at", "pk")
        )
        if not items:
            return EmailOutcome.NOTHING_TO_DO
        recipient = items[0].recipient
        visible, gone = [], []
        for item in items:
            try:
                target_url(item, recipient)
            except (Http404, PermissionDenied):
                gone.append(item.pk)
            else:
                visible.append(item)
        now = timezone.now()
        Notification.objects.filter(pk__in=gone).update(
            email_status=EmailStatus.SKIPPED,
            last_error="The object is gone or no longer visible to the recipient.",
            updated_at=now,
        )
        if not visible or not recipient.is_active:
            return EmailOutcome.SKIPPED
        ids = [item.pk for item in visible]
        try:
            with translation.override(recipient.preferred_language):
                message = emails.build_digest(recipient, visible)
            message.send()
        except Exception as exc:
            failure = emails.classify(exc)
            logger.warning("Digest of user %s not sent: %s", recipient.pk, exc)
            if failure == emails.Failure.TRANSIENT:
                Notification.objects.filter(pk__in=ids).update(
                    last_error=emails.describe(exc), updated_at=now
                )
                return EmailOutcome.RETRY
            Notification.objects.filter(pk__in=ids).update(
                email_status=EmailStatus.FAILED, last_error=emails.describe(exc), updated_at=now
            )
            return EmailOutcome.FAILED
        Notification.objects.filter(pk__in=ids).update(
            email_status=EmailStatus.SENT, email_sent_at=now, last_error="", updated_at=now
        )
        return EmailOutcome.SENT


def digests_send(*, until: datetime.datetime | None = None) -> dict[str, int]:
    """The daily digest for everyone with something waiting (the morning run). A transient
    failure leaves the items waiting for the next run. Returns {outcome: count}."""
    until = until or timezone.now()
    recipients = (
        Notification.objects.filter(email_status=EmailStatus.DIGEST, created_at__lte=until)
        .order_by("recipient_id")
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    counts: dict[str, int] = {}
    for recipient_id in list(recipients):
        outcome = digest_send(recipient_id=recipient_id, until=until)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def notification_email_retry(*, actor: User, notifications: QuerySet[Notification]) -> int:
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
