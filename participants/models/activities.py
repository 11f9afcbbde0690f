"""Activities (workshops, language courses, company visits, trips, camps) and who attended."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jump.lib.countries import Country
from jump.lib.models import PublicModel, TimeStampedModel

from .people import Participant


class Activity(PublicModel):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        LANGUAGE_COURSE = "language_course", _("Language course")
        COMPANY_VISIT = "company_visit", _("Company visit")
        CROSS_BORDER_TRIP = "cross_border_trip", _("Cross-border trip")
        CAMP = "camp", _("Camp")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[
            MinValueValidator(Decimal("0.5"), message=_("Enter at least half an hour.")),
            MaxValueValidator(Decimal("500"), message=_("Enter at most 500 hours.")),
        ],
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    cross_border = models.BooleanField(
        _("across the border"),
        default=False,
        help_text=_("The participants go to, or meet people from, the other side of the border."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("How many young people may be registered. Empty: no limit."),
    )
    partner = models.ForeignKey(
        "accounts.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-date", "title", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=500), name="activity_hours_positive"
            )
        ]
        indexes = [
            models.Index(fields=["partner", "-date"], name="activity_partner_date_idx"),
            models.Index(fields=["date"], name="activity_date_idx"),
        ]

    def __str__(self):
        return self.title


class ActivityRegistration(TimeStampedModel):
    """A young person on the planned list of an upcoming activity (issue 18): they are
    expected there; attendance is recorded later from this list."""

    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="activity_registrations",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["activity", "participant"]
        verbose_name = _("registration for an activity")
        verbose_name_plural = _("registrations for activities")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "participant"], name="one_registration_per_participant"
            )
        ]

    def __str__(self):
        return f"{self.activity}: {self.participant_id}"


class Attendance(TimeStampedModel):
    class Status(models.TextChoices):
        ATTENDED = "attended", _("Attended")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="attendances"
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["activity", "participant"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "participant"], name="one_attendance_per_participant"
            )
        ]
        indexes = [models.Index(fields=["participant", "status"], name="attendance_status_idx")]

    def __str__(self):
        return f"{self.activity}: {self.get_status_display()}"
