"""Training for the partners' pedagogical staff: modules, sessions, enrolments, certificates,
feedback and the good-practice library.

Module and GoodPractice texts are translated with django-modeltranslation (`translation.py`):
`title` reads the current language with the fallback of MODELTRANSLATION_FALLBACK_LANGUAGES,
`title_da` / `title_de` / `title_en` are the stored columns.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jump.accounts.roles import Role
from jump.lib.countries import Country
from jump.lib.models import PublicModel, TimeStampedModel

# Who may write modules, sessions and good practices; who may take part in training at all.
EDITOR_ROLES = (Role.TRAINER, Role.PROGRAMME_MANAGER, Role.ADMIN)
MANAGER_ROLES = (Role.PROGRAMME_MANAGER, Role.ADMIN)
TRAINING_ROLES = (
    Role.TRAINER,
    Role.STAFF_LEARNER,
    Role.COACH,
    Role.PROGRAMME_MANAGER,
    Role.ADMIN,
)
# Roles a manager may enrol (pedagogical staff of the partners).
LEARNER_ROLES = (Role.STAFF_LEARNER, Role.COACH, Role.TRAINER, Role.PROGRAMME_MANAGER)
# A session runs over consecutive days; attendance is marked per day.
MAX_SESSION_DAYS = 14


class ModuleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Module.Status.PUBLISHED)

    def visible_to(self, user):
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

    objects = ModuleQuerySet.as_manager()

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


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Sessions of the modules the user may see."""
        return self.filter(module__in=Module.objects.visible_to(user))

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now())

    def trained_by(self, user):
        return self.filter(trainers=user)

    def attendance_visible_to(self, user):
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
    def enrolment_open(self) -> bool:
        return (
            self.status == self.Status.PLANNED
            and self.module.status == Module.Status.PUBLISHED
            and timezone.now() <= self.enrolment_deadline
        )


class EnrolmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A person sees their own enrolments; managers and admins every enrolment."""
        if user.has_role(*MANAGER_ROLES):
            return self.all()
        if user.has_role(*TRAINING_ROLES):
            return self.filter(person=user)
        return self.none()

    def active(self):
        return self.exclude(status=Enrolment.Status.CANCELLED)

    def holding_place(self):
        return self.filter(status__in=Enrolment.HOLDING_PLACE)

    def waitlisted(self):
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


class CertificateQuerySet(models.QuerySet):
    def visible_to(self, user):
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


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=50, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name


class GoodPracticeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Published articles for everyone with a training role; drafts for their author,
        trainers, managers and admins."""
        if user.has_role(*EDITOR_ROLES):
            return self.all()
        if user.has_role(*TRAINING_ROLES):
            return self.filter(Q(status=GoodPractice.Status.PUBLISHED) | Q(author=user))
        return self.none()


class GoodPractice(PublicModel):
    """An article of the knowledge base: what worked, where, for whom."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="+")
    partner = models.ForeignKey(
        "accounts.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="good_practices",
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = GoodPracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="training_goodpractice_published_has_date",
            ),
        ]

    def __str__(self):
        return self.title


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
