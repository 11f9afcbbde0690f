"""Notifications: reminders and events for one person, in-app and by e-mail (docs/architecture.md).

A notification is about one object of another app (a case note, a step, a placement …), held
as content type + integer id: the id never leaves the server, URLs carry the notification's own
`public_id`, and the object is resolved through its app's access layer every time it is shown.
The database makes a reminder unique per (recipient, kind, object, due date): however often the
daily run is repeated, a reminder exists once and its e-mail is sent once.
"""

from typing import Self

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jump.accounts.models import AnyUser
from jump.lib.models import PublicModel, TimeStampedModel


class Kind(models.TextChoices):
    CONTACT_FOLLOW_UP = "contact_follow_up", _("Case-note follow-up due")
    STEP_DUE_SOON = "step_due_soon", _("Action-plan step due soon")
    STEP_OVERDUE = "step_overdue", _("Action-plan step overdue")
    SIX_MONTH_FOLLOW_UP = "six_month_follow_up", _("Six-month follow-up after exit")
    PLACEMENT_FEEDBACK_REQUEST = (
        "placement_feedback_request",
        _("Placement ending: feedback requested"),
    )
    PLACEMENT_FEEDBACK_REMINDER = (
        "placement_feedback_reminder",
        _("Placement feedback still missing"),
    )
    CONSENT_REVIEW = "consent_review", _("Consent review")
    SESSION_SOON = "session_soon", _("Training session in two days")
    WAITLIST_PROMOTED = "waitlist_promoted", _("A place freed from the waiting list")
    REPORT_READY = "report_ready", _("Report ready")
    STEP_TICKED = "step_ticked", _("A young person ticked a step done")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("A young person withdrew a consent")
    # Between people (issue 17): one side acted, the other side is told.
    PLACEMENT_PROPOSED = "placement_proposed", _("A young person was proposed to your company")
    PLACEMENT_ACCEPTED = "placement_accepted", _("Your proposal was accepted")
    PLACEMENT_DECLINED = "placement_declined", _("Your proposal was declined")
    PLACEMENT_STARTS_TOMORROW = "placement_starts_tomorrow", _("A placement starts tomorrow")
    PLACEMENT_FEEDBACK_GIVEN = "placement_feedback_given", _("The company gave feedback")
    SUPPORT_REQUESTED = "support_requested", _("A company asked for support")
    SUPPORT_ACTION_LOGGED = "support_action_logged", _("Support was given to your company")
    OFFERS_FIT = "offers_fit", _("New offers fit your young people")


class Delivery(models.TextChoices):
    """How a person receives the e-mail of one kind (in-app always stays)."""

    IMMEDIATE = "immediate", _("At once")
    DIGEST = "digest", _("In the daily digest")
    NEVER = "never", _("Never")


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    MUTED = "muted", _("Muted by the recipient")
    SKIPPED = "skipped", _("Not sent (object gone or no longer visible)")
    DIGEST = "digest", _("Waiting for the daily digest")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_recipient(self, user: AnyUser | None) -> Self:
        """The notifications of `user` (nobody sees another person's notifications)."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def unread(self) -> Self:
        return self.filter(read_at__isnull=True)


class Notification(PublicModel):
    """A reminder or event for one recipient about one object, shown in-app and e-mailed."""

    Kind = Kind
    EmailStatus = EmailStatus

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    # The object it is about. No foreign key can point into every app, so a deleted object
    # leaves the notification behind: it is then not e-mailed and its link answers 404.
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("type of object"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    target = GenericForeignKey("content_type", "object_id")
    due_date = models.DateField(_("due date"))
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email_status = models.CharField(
        _("e-mail status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    # When the e-mail task was last queued: the sweeper re-queues pending e-mails whose task
    # was lost (worker killed, broker restarted).
    email_queued_at = models.DateTimeField(_("e-mail queued"), null=True, blank=True)
    email_sent_at = models.DateTimeField(_("e-mail sent"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "content_type", "object_id", "due_date"],
                name="notification_once_per_recipient_kind_object_day",
            ),
            models.CheckConstraint(
                condition=Q(
                    email_status__in=["pending", "sent", "failed", "muted", "skipped", "digest"]
                ),
                name="notification_email_status_valid",
            ),
        ]
        indexes = [
            # The list page: a person's notifications, newest first.
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox_idx"),
            # The bell: the unread count of one person.
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
            # The sweeper: e-mails still to send.
            models.Index(
                fields=["email_queued_at"],
                condition=Q(email_status="pending"),
                name="notification_email_pending_idx",
            ),
            # The daily digest: what waits for it, per person.
            models.Index(
                fields=["recipient", "created_at"],
                condition=Q(email_status="digest"),
                name="notification_digest_idx",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.due_date})"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(TimeStampedModel):
    """How a person receives the e-mail of one kind: at once, in the daily digest or never;
    in-app always stays.

    No row means the kind's default (kinds.default_delivery): at once for what asks for an
    answer, the digest for the rest.
    """

    Delivery = Delivery

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    delivery = models.CharField(
        _("e-mail delivery"), max_length=10, choices=Delivery.choices, default=Delivery.DIGEST
    )

    class Meta:
        ordering = ["user", "kind"]
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notification_preference_once_per_kind"
            ),
            models.CheckConstraint(
                condition=Q(delivery__in=["immediate", "digest", "never"]),
                name="notification_preference_delivery_valid",
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.get_kind_display()}"
