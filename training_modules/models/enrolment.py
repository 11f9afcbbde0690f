"""Taking part: enrolments (with the waiting list), attendance per day, certificates,
feedback, and the secret address of a person's calendar feed."""

from typing import Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jump.accounts.models import User
from jump.lib.models import PublicModel, TimeStampedModel

from ..roles import MANAGER_ROLES, TRAINING_ROLES
from .catalogue import Session


class EnrolmentQuerySet(models.QuerySet["Enrolment"]):
    def visible_to(self, user: User) -> Self:
        """A person sees their own enrolments; managers and admins every enrolment."""
        if user.has_role(*MANAGER_ROLES):
            return self.all()
        if user.has_role(*TRAINING_ROLES):
            return self.filter(person=user)
        return self.none()

    def active(self) -> Self:
        return self.exclude(status=Enrolment.Status.CANCELLED)

    def holding_place(self) -> Self:
        return self.filter(status__in=Enrolment.HOLDING_PLACE)

    def waitlisted(self) -> Self:
        return self.filter(status=Enrolment.Status.WAITLISTED).order_by("enrolled_at", "id")


class Enrolment(PublicModel):
    """A person's place (or place in the queue) in a session."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Attended")
        COMPLETED = "completed", _("Completed")
        NO_SHOW = "no_show", _("Did not attend")

    # Statuses that take one of the session's places.
    HOLDING_PLACE = (Status.ENROLLED, Status.ATTENDED, Status.COMPLETED, Status.NO_SHOW)
    # Statuses the trainer's attendance page lists.
    ON_ROSTER = HOLDING_PLACE

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="enrolments"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="training_enrolments",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    # The waiting list is ordered by this timestamp (then id): first come, first promoted.
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enrolled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["enrolled_at", "id"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=~Q(status="cancelled"),
                name="training_enrolment_one_active_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.session}"

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CANCELLED


class Attendance(TimeStampedModel):
    """Whether an enrolled person was there on one day of the session."""

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="attendance"
    )
    day = models.DateField(_("day"))
    present = models.BooleanField(_("present"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        ordering = ["day"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "day"], name="training_attendance_one_per_day"
            ),
        ]

    def __str__(self):
        return f"{self.enrolment} {self.day}"


class CertificateQuerySet(models.QuerySet["Certificate"]):
    def visible_to(self, user: User) -> Self:
        return self.filter(enrolment__in=Enrolment.objects.visible_to(user))


def certificate_path(instance, filename):
    # Random, meaningless names: the file is private and served only through a checked view.
    return f"certificates/{instance.public_id.hex}.pdf"


class Certificate(PublicModel):
    """The proof that a person completed a module, with a code anyone can verify."""

    enrolment = models.OneToOneField(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    verification_code = models.CharField(_("verification code"), max_length=24, unique=True)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    file = models.FileField(_("file"), upload_to=certificate_path, max_length=200)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return self.verification_code


class SessionFeedback(TimeStampedModel):
    """A participant's short evaluation of a session they attended."""

    enrolment = models.OneToOneField(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comments = models.TextField(_("comments"), max_length=4000, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("session feedback")
        verbose_name_plural = _("session feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="training_feedback_rating_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.enrolment}: {self.rating}"


class CalendarFeed(TimeStampedModel):
    """A secret address of a person's own training calendar, for calendar apps that cannot log
    in. Revoking deletes it; a new one gets a new token."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="training_calendar_feed",
    )
    token = models.CharField(_("token"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)
