from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jump.accounts.models import AnyUser
from jump.lib.models import PublicModel, TimeStampedModel
from participants.models import LanguageSkill

from .company import Company, staff_or_own_company

# Places of one offer: at least one; the upper bound only catches typing errors.
MAX_PLACES = 100


class OfferQuerySet(models.QuerySet["Offer"]):
    def visible_to(self, user: AnyUser) -> Self:
        """Offers `user` may see: staff all of them, a company contact their company's."""
        return staff_or_own_company(self, user, "company_id")

    def published(self) -> Self:
        return self.filter(status=Offer.Status.PUBLISHED)


class Offer(PublicModel):
    """A taster day, internship, apprenticeship, job or company visit a company offers."""

    class Kind(models.TextChoices):
        TASTER_DAY = "taster_day", _("Taster day")
        INTERNSHIP = "internship", _("Internship")
        APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
        JOB = "job", _("Job")
        COMPANY_VISIT = "company_visit", _("Company visit")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.PROTECT, related_name="offers"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    place = models.CharField(
        _("place"), max_length=200, help_text=_("Where it takes place (address or town).")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    places = models.PositiveSmallIntegerField(
        _("number of places"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PLACES)],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "title", "pk"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.CheckConstraint(
                condition=Q(places__gte=1) & Q(places__lte=MAX_PLACES),
                name="offer_places_in_range",
                violation_error_message=_("An offer has at least 1 and at most 100 places."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="offer_end_not_before_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]
        indexes = [models.Index(fields=["company", "status"])]

    def __str__(self):
        return self.title

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


class OfferLanguageRequirement(TimeStampedModel):
    """The minimum CEFR level an offer asks for in one language."""

    offer = models.ForeignKey(
        Offer,
        verbose_name=_("offer"),
        on_delete=models.CASCADE,
        related_name="language_requirements",
    )
    language = models.CharField(
        _("language"), max_length=10, choices=LanguageSkill.Language.choices
    )
    min_level = models.CharField(
        _("minimum CEFR level"), max_length=2, choices=LanguageSkill.Level.choices
    )

    class Meta:
        ordering = ["language"]
        verbose_name = _("language requirement")
        verbose_name_plural = _("language requirements")
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "language"],
                name="offer_language_requirement_unique",
                violation_error_message=_("Each language can be required only once."),
            ),
            models.CheckConstraint(
                condition=Q(min_level__in=LanguageSkill.Level.values),
                name="offer_language_requirement_cefr_level",
                violation_error_message=_("Choose a CEFR level from A1 to C2."),
            ),
        ]

    def __str__(self):
        return f"{self.get_language_display()} ≥ {self.min_level}"
