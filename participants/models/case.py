"""The case file of a participant: assessments, action plans, case notes, outcomes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from jump.lib.models import PublicModel, TimeStampedModel

from .people import Participant

# The programme's competence dimensions, in the order it lists them.
DIMENSIONS = (
    "mobility_readiness",
    "intercultural_competence",
    "vocational_orientation",
    "language_confidence",
    "social_skills",
)
RATING_MESSAGE = _("Give a rating from 1 (low) to 5 (high).")


def _rating_field(verbose_name):
    return models.PositiveSmallIntegerField(
        verbose_name,
        validators=[
            MinValueValidator(1, message=RATING_MESSAGE),
            MaxValueValidator(5, message=RATING_MESSAGE),
        ],
    )


def _not_in_future(errors: dict, field: str, value, message) -> None:
    if value and value > timezone.localdate():
        errors[field] = message


class Assessment(PublicModel):
    """A self- or coach-rating of the programme's five competence dimensions, each 1–5."""

    class Kind(models.TextChoices):
        ENTRY = "entry", _("Entry")
        INTERIM = "interim", _("Interim")
        EXIT = "exit", _("Exit")

    class Rater(models.TextChoices):
        SELF = "self", _("Self-assessment")
        COACH = "coach", _("Coach")

    DIMENSIONS = DIMENSIONS

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    rater = models.CharField(_("rated by"), max_length=10, choices=Rater.choices)
    date = models.DateField(_("date"))
    mobility_readiness = _rating_field(_("mobility readiness"))
    intercultural_competence = _rating_field(_("intercultural competence"))
    vocational_orientation = _rating_field(_("vocational orientation"))
    language_confidence = _rating_field(_("language confidence"))
    social_skills = _rating_field(_("social skills"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # SECURITY 35: staff-only unless a coach shares this one item.
    shared_with_young_person = models.BooleanField(
        _("shared with the young person"),
        default=False,
        db_default=False,
        help_text=_("The coach shows this one item on the young person's own pages."),
    )

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"assessment_{name}_1_to_5",
                )
                for name in DIMENSIONS
            ),
            # One entry and one exit rating per rater; interim ratings may repeat.
            models.UniqueConstraint(
                fields=["participant", "kind", "rater"],
                condition=Q(kind__in=["entry", "exit"]),
                name="one_entry_and_exit_assessment_per_rater",
                violation_error_message=_(
                    "There is already an assessment of this kind by this rater."
                ),
            ),
        ]
        indexes = [models.Index(fields=["participant", "kind", "date"])]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_rater_display()}, {self.date})"

    @property
    def ratings(self) -> list[int]:
        return [getattr(self, name) for name in self.DIMENSIONS]

    @property
    def mean(self) -> float:
        return sum(self.ratings) / len(self.DIMENSIONS)

    def clean(self):
        errors = {}
        _not_in_future(errors, "date", self.date, _("The assessment date cannot be in the future."))
        if errors:
            raise ValidationError(errors)


class ActionPlan(PublicModel):
    """What a participant and their coach agreed to work on, from a start date."""

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="action_plans",
    )
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self):
        return self.title


def _due_not_before_plan(errors: dict, plan: ActionPlan | None, due_on, what: str) -> None:
    if plan is not None and due_on and plan.starts_on and due_on < plan.starts_on:
        errors["due_on"] = _(
            "%(what)s cannot be due before the action plan starts (%(start)s)."
        ) % {"what": what, "start": formats.date_format(plan.starts_on, "SHORT_DATE_FORMAT")}


class Goal(PublicModel):
    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="goals"
    )
    title = models.CharField(_("goal"), max_length=300)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        _due_not_before_plan(errors, getattr(self, "plan", None), self.due_on, _("A goal"))
        _not_in_future(errors, "done_on", self.done_on, _("The done date cannot be in the future."))
        if errors:
            raise ValidationError(errors)


class Step(PublicModel):
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="steps"
    )
    title = models.CharField(_("step"), max_length=300)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        indexes = [
            # The caseload looks up each participant's next open step.
            models.Index(
                fields=["goal", "due_on"],
                condition=Q(done_on__isnull=True),
                name="step_open_due_idx",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()

    def clean(self):
        errors = {}
        goal = getattr(self, "goal", None)
        _due_not_before_plan(errors, goal.plan if goal else None, self.due_on, _("A step"))
        _not_in_future(errors, "done_on", self.done_on, _("The done date cannot be in the future."))
        if errors:
            raise ValidationError(errors)


class Contact(PublicModel):
    """A case note: a contact with the participant, optionally with a follow-up date."""

    class Channel(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        PHONE = "phone", _("Phone call")
        VISIT = "visit", _("Visit")
        MESSAGE = "message", _("Message")
        GROUP = "group", _("Group session")

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    date = models.DateField(_("date"))
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices)
    summary = models.TextField(_("summary"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    follow_up_done_on = models.DateField(_("follow-up done on"), null=True, blank=True)
    # SECURITY 35: staff-only unless a coach shares this one item.
    shared_with_young_person = models.BooleanField(
        _("shared with the young person"),
        default=False,
        db_default=False,
        help_text=_("The coach shows this one item on the young person's own pages."),
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")
        constraints = [
            models.CheckConstraint(
                condition=Q(follow_up_on__isnull=True) | Q(follow_up_on__gte=F("date")),
                name="contact_follow_up_not_before_note",
            )
        ]
        indexes = [
            models.Index(fields=["participant", "-date"], name="contact_participant_date_idx"),
            models.Index(
                fields=["participant", "follow_up_on"],
                condition=Q(follow_up_on__isnull=False, follow_up_done_on__isnull=True),
                name="contact_open_follow_up_idx",
            ),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} {self.date}"

    @property
    def follow_up_open(self) -> bool:
        return self.follow_up_on is not None and self.follow_up_done_on is None

    @property
    def follow_up_overdue(self) -> bool:
        return (
            self.follow_up_on is not None
            and self.follow_up_done_on is None
            and self.follow_up_on < timezone.localdate()
        )

    def clean(self):
        errors = {}
        _not_in_future(errors, "date", self.date, _("A case note cannot be dated in the future."))
        if self.date and self.follow_up_on and self.follow_up_on < self.date:
            errors["follow_up_on"] = _("The follow-up cannot be before the contact itself.")
        if errors:
            raise ValidationError(errors)


class OutcomeQuerySet(models.QuerySet):
    def confirmed(self):
        """Outcomes a coach recorded or confirmed: the only ones the indicators count."""
        return self.filter(status=Outcome.Status.CONFIRMED)


class Outcome(TimeStampedModel):
    """Where a participant is at exit and six months after."""

    class Status(models.TextChoices):
        # The young person's own answer to the six-month follow-up, until a coach confirms it.
        PROPOSED = "proposed", _("Proposed by the young person")
        CONFIRMED = "confirmed", _("Confirmed")

    class Timing(models.TextChoices):
        EXIT = "exit", _("At exit")
        SIX_MONTHS = "six_months", _("Six months after exit")

    class Kind(models.TextChoices):
        IN_EDUCATION = "in_education", _("In education")
        IN_VOCATIONAL_TRAINING = "in_vocational_training", _("In vocational training")
        EMPLOYED = "employed", _("Employed")
        SELF_EMPLOYED = "self_employed", _("Self-employed")
        SEEKING_WORK = "seeking_work", _("Seeking work")
        INACTIVE = "inactive", _("Inactive")
        UNKNOWN = "unknown", _("Unknown")

    # Only an outcome in education, training or work can be on the other side of the border.
    CROSS_BORDER_KINDS = ("in_education", "in_vocational_training", "employed", "self_employed")

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="outcomes",
    )
    timing = models.CharField(_("timing"), max_length=12, choices=Timing.choices)
    kind = models.CharField(_("outcome"), max_length=30, choices=Kind.choices)
    date = models.DateField(_("date"))
    cross_border = models.BooleanField(
        _("across the border"),
        default=False,
        help_text=_("In education, training or work on the other side of the border."),
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.CONFIRMED,
        db_default=Status.CONFIRMED,
    )

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "timing"], name="one_outcome_per_participant_and_timing"
            ),
            models.CheckConstraint(
                condition=Q(cross_border=False)
                | Q(
                    kind__in=["in_education", "in_vocational_training", "employed", "self_employed"]
                ),
                name="outcome_cross_border_only_in_education_or_work",
            ),
        ]
        indexes = [models.Index(fields=["timing", "date"])]

    def __str__(self):
        return f"{self.get_timing_display()}: {self.get_kind_display()}"

    def clean(self):
        errors = {}
        _not_in_future(errors, "date", self.date, _("An outcome cannot be dated in the future."))
        if self.cross_border and self.kind not in self.CROSS_BORDER_KINDS:
            errors["cross_border"] = _(
                "Only an outcome in education, training or work can be across the border."
            )
        if errors:
            raise ValidationError(errors)
