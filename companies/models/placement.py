from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jump.accounts.models import AnyUser
from jump.accounts.roles import Role
from jump.lib.models import PublicModel, TimeStampedModel

from .company import _active
from .offer import Offer


class PlacementQuerySet(models.QuerySet["Placement"]):
    def visible_to(self, user: AnyUser) -> Self:
        """Placements `user` may see.

        Managers and admins: all. Coaches: those of participants visible to them. Company
        contacts: their company's, of participants visible to them — which
        `Participant.objects.visible_to` limits to a given share_with_companies consent, read on
        every request (withdrawal takes effect at once).
        """
        from participants.models import Participant

        if not _active(user):
            return self.none()
        if user.has_role(Role.ADMIN, Role.PROGRAMME_MANAGER):
            return self
        visible = Q(pk__in=[])
        participants = Participant.objects.visible_to(user).values("pk")
        if user.has_role(Role.COACH):
            visible |= Q(participant__in=participants)
        if user.has_role(Role.COMPANY_CONTACT) and user.company_id:
            visible |= Q(offer__company_id=user.company_id, participant__in=participants)
        return self.filter(visible)

    def taking_places(self) -> Self:
        """Placements that hold one of the offer's places."""
        return self.filter(status__in=Placement.PLACE_TAKING)


class Placement(PublicModel):
    """A participant in an offer: proposed → accepted | declined → active → completed | aborted."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        ABORTED = "aborted", _("Aborted")

    # Statuses that hold a place of the offer (capacity).
    PLACE_TAKING = (Status.ACCEPTED, Status.ACTIVE)
    # Statuses in which a participant is still "in" an offer: no second proposal meanwhile.
    OPEN = (Status.PROPOSED, Status.ACCEPTED, Status.ACTIVE)
    # Statuses after which feedback can be given: the placement has taken place.
    FEEDBACK_OPEN = (Status.ACTIVE, Status.COMPLETED, Status.ABORTED)

    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    offer = models.ForeignKey(
        Offer, verbose_name=_("offer"), on_delete=models.PROTECT, related_name="placements"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted or declined by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("accepted or declined"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), max_length=2000, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    # The days it really began and ended, set by the services when the placement is started,
    # completed or aborted (start_date/end_date are the plan until then). Reports count a
    # placement as "started" by started_on: one aborted before its first day never began.
    started_on = models.DateField(_("actually started on"), null=True, blank=True)
    ended_on = models.DateField(_("actually ended on"), null=True, blank=True)
    mentor_name = models.CharField(_("company mentor"), max_length=200, blank=True)
    mentor_contact = models.CharField(_("mentor's phone or e-mail"), max_length=200, blank=True)
    # Derived by the services from the participant's country of residence and the company's
    # country, and stored so that reports read it as it was.
    cross_border = models.BooleanField(_("cross-border"), default=False)
    # Cross-border checklist, ticked off by the coach.
    health_insurance_card = models.BooleanField(
        _("health insurance card (EHIC) checked"), default=False
    )
    tax_card = models.BooleanField(_("tax card / CPR number or Steuer-ID arranged"), default=False)
    accident_insurance = models.BooleanField(_("accident insurance arranged"), default=False)
    travel_arranged = models.BooleanField(_("travel arranged"), default=False)
    # What the young person agreed to show this company, chosen by the coach: goals of their
    # action plan, activities they attended, their CV. Seen by the company only while the
    # share_with_companies consent is current (Participant.objects.visible_to).
    shared_goals = models.ManyToManyField(
        "participants.Goal",
        verbose_name=_("goals shared with the company"),
        blank=True,
        related_name="+",
    )
    shared_activities = models.ManyToManyField(
        "participants.Activity",
        verbose_name=_("activities shared with the company"),
        blank=True,
        related_name="+",
    )
    shared_cv = models.ForeignKey(
        "participants.Document",
        verbose_name=_("CV shared with the company"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="placement_end_not_before_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="placement_declined_has_reason",
                violation_error_message=_("Please say why the proposal is declined."),
            ),
            models.UniqueConstraint(
                fields=["participant", "offer"],
                condition=Q(status__in=["proposed", "accepted", "active"]),
                name="placement_one_open_per_participant_and_offer",
                violation_error_message=_(
                    "This young person is already proposed for or placed in this offer."
                ),
            ),
        ]
        indexes = [models.Index(fields=["offer", "status"])]

    def __str__(self):
        # Never the participant's name: this string can reach a company contact's page.
        return f"{self.offer} ({self.get_status_display()})"

    @property
    def checklist_complete(self) -> bool:
        return all(
            (
                self.health_insurance_card,
                self.tax_card,
                self.accident_insurance,
                self.travel_arranged,
            )
        )

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {
                    "end_date": ValidationError(
                        _("The end date cannot be before the start date."),
                        code="end_before_start",
                    )
                }
            )


class PlacementFeedbackQuerySet(models.QuerySet["PlacementFeedback"]):
    def visible_to(self, user: AnyUser) -> Self:
        """Feedback on placements `user` may see; a company contact sees only the company's."""
        if not _active(user):
            return self.none()
        visible = self.filter(placement__in=Placement.objects.visible_to(user).values("pk"))
        if not user.has_role(Role.COACH, Role.PROGRAMME_MANAGER, Role.ADMIN):
            # The coach's evaluation is about the young person: not for the company.
            visible = visible.filter(side=PlacementFeedback.Side.COMPANY)
        return visible


class PlacementFeedback(TimeStampedModel):
    """The structured evaluation of a placement, once by the company and once by the coach."""

    class Side(models.TextChoices):
        COMPANY = "company", _("Company")
        COACH = "coach", _("Coach")

    RATING_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]

    placement = models.ForeignKey(
        Placement, verbose_name=_("placement"), on_delete=models.CASCADE, related_name="feedback"
    )
    side = models.CharField(_("given by"), max_length=10, choices=Side.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    punctuality = models.PositiveSmallIntegerField(_("punctuality"), validators=RATING_VALIDATORS)
    motivation = models.PositiveSmallIntegerField(_("motivation"), validators=RATING_VALIDATORS)
    skills = models.PositiveSmallIntegerField(_("skills"), validators=RATING_VALIDATORS)
    language = models.PositiveSmallIntegerField(_("language"), validators=RATING_VALIDATORS)
    would_hire = models.BooleanField(_("would hire"))
    comments = models.TextField(_("comments"), max_length=4000, blank=True)

    objects = PlacementFeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["placement", "side"]
        verbose_name = _("placement feedback")
        verbose_name_plural = _("placement feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "side"],
                name="placement_feedback_one_per_side",
                violation_error_message=_("This side has already given feedback."),
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{field}__gte": 1, f"{field}__lte": 5}),
                    name=f"placement_feedback_{field}_1_to_5",
                    violation_error_message=_("Ratings go from 1 to 5."),
                )
                for field in ("punctuality", "motivation", "skills", "language")
            ),
        ]

    def __str__(self):
        return f"{self.placement} – {self.get_side_display()}"
