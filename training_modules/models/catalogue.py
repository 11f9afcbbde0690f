"""The catalogue: modules (texts in three languages) and their dated sessions."""

import datetime
from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jump.accounts.models import User
from jump.accounts.roles import Role
from jump.lib.countries import Country
from jump.lib.models import PublicModel

from ..roles import EDITOR_ROLES, MANAGER_ROLES, TRAINING_ROLES

# A session runs over consecutive days; attendance is marked per day.
MAX_SESSION_DAYS = 14


class ModuleQuerySet(models.QuerySet["Module"]):
    def published(self) -> Self:
        return self.filter(status=Module.Status.PUBLISHED)

    def visible_to(self, user: User) -> Self:
        """Editors see every module; everyone else with a training role the published ones."""
        if user.has_role(*EDITOR_ROLES):
            return self.all()
        if user.has_role(*TRAINING_ROLES):
            return self.published()
        return self.none()


class Module(PublicModel):
    """A training module of the programme (texts in Danish, German and English)."""

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        BLENDED = "blended", _("Blended")

    class TargetGroup(models.TextChoices):
        ALL_STAFF = "all_staff", _("All pedagogical staff")
        COACHES = "coaches", _("Youth coaches")
        TEACHERS = "teachers", _("Teachers at production and vocational schools")
        JOB_CENTRE = "job_centre", _("Job centre staff")
        COMPANY_LIAISON = "company_liaison", _("Staff working with companies")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500)
    description = models.TextField(_("description"))
    learning_outcomes = models.TextField(
        _("learning outcomes"), help_text=_("One learning outcome per line.")
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0.5), MaxValueValidator(500)],
    )
    target_group = models.CharField(
        _("target group"), max_length=20, choices=TargetGroup.choices, default=TargetGroup.ALL_STAFF
    )
    format = models.CharField(
        _("format"), max_length=10, choices=Format.choices, default=Format.IN_PERSON
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # modeltranslation swaps the manager's class at run time, which the stubs cannot follow.
    objects = ModuleQuerySet.as_manager()  # type: ignore[django-manager-missing]

    class Meta:
        ordering = ["title"]
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="training_module_hours_positive"),
        ]

    def __str__(self):
        return self.title

    @property
    def learning_outcome_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.learning_outcomes.splitlines() if line.strip()]


class SessionQuerySet(models.QuerySet["Session"]):
    def visible_to(self, user: User) -> Self:
        """Sessions of the modules the user may see."""
        return self.filter(module__in=Module.objects.visible_to(user))

    def upcoming(self) -> Self:
        return self.filter(ends_at__gte=timezone.now())

    def trained_by(self, user: User) -> Self:
        return self.filter(trainers=user)

    def attendance_visible_to(self, user: User) -> Self:
        """Sessions whose attendance the user may see: managers and admins all, trainers
        the sessions they train; nobody else any."""
        if user.has_role(*MANAGER_ROLES):
            return self.all()
        if user.has_role(Role.TRAINER):
            return self.filter(trainers=user)
        return self.none()


class Session(PublicModel):
    """A dated run of a module: when, where, in which language, for how many people."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CANCELLED = "cancelled", _("Cancelled")
        HELD = "held", _("Held")

    module = models.ForeignKey(
        Module, verbose_name=_("module"), on_delete=models.PROTECT, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(
        _("place"), max_length=200, help_text=_("Address, or “Online” with the meeting link.")
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    language = models.CharField(
        _("language of instruction"), max_length=5, choices=settings.LANGUAGES
    )
    capacity = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers"),
        related_name="training_sessions_trained",
        limit_choices_to={"groups__name": Role.TRAINER, "is_active": True},
        blank=True,
    )
    enrolment_deadline = models.DateTimeField(_("enrolment deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="training_session_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="training_session_capacity_positive"
            ),
            models.CheckConstraint(
                condition=Q(enrolment_deadline__lte=models.F("starts_at")),
                name="training_session_deadline_before_start",
            ),
        ]

    def __str__(self):
        return f"{self.module} ({timezone.localtime(self.starts_at):%Y-%m-%d})"

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at:
            if self.ends_at <= self.starts_at:
                errors["ends_at"] = _("The session must end after it starts.")
            elif len(self.days) > MAX_SESSION_DAYS:
                errors["ends_at"] = _(
                    "A session lasts at most %(days)s days; plan a longer course as several "
                    "sessions."
                ) % {"days": MAX_SESSION_DAYS}
        if self.starts_at and self.enrolment_deadline and self.enrolment_deadline > self.starts_at:
            errors["enrolment_deadline"] = _("The enrolment deadline must be before the start.")
        if errors:
            raise ValidationError(errors)

    @property
    def days(self) -> list[datetime.date]:
        """The local calendar days the session runs on (attendance is marked per day)."""
        first = timezone.localtime(self.starts_at).date()
        last = timezone.localtime(self.ends_at).date()
        return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]

    @property
    def has_ended(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def attendance_open(self) -> bool:
        """Attendance is marked from the first day on, whatever the hour (issue 17: a one-day
        session is attended and completed on its day, also before its start time)."""
        return self.days[0] <= timezone.localdate()

    @property
    def enrolment_open(self) -> bool:
        return (
            self.status == self.Status.PLANNED
            and self.module.status == Module.Status.PUBLISHED
            and timezone.now() <= self.enrolment_deadline
        )
