from decimal import Decimal
from typing import Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jump.accounts.models import AnyUser
from jump.lib.models import PublicModel, TimeStampedModel

from .company import Company, staff_or_own_company


class SupportNeedQuerySet(models.QuerySet["SupportNeed"]):
    def visible_to(self, user: AnyUser) -> Self:
        """Support needs `user` may see: staff all of them, a company contact their company's."""
        return staff_or_own_company(self, user, "company_id")

    def open(self) -> Self:
        return self.filter(status__in=[SupportNeed.Status.OPEN, SupportNeed.Status.IN_PROGRESS])


class SupportNeed(PublicModel):
    """What a company needs to take a young person in."""

    class Kind(models.TextChoices):
        INTERCULTURAL_TRAINING = "intercultural_training", _("Intercultural training for staff")
        LANGUAGE_HELP = "language_help", _("Language help")
        MENTORING = "mentoring", _("Mentoring")
        CROSS_BORDER_PAPERWORK = "cross_border_paperwork", _("Help with cross-border paperwork")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        related_name="support_needs",
    )
    kind = models.CharField(_("kind of support"), max_length=30, choices=Kind.choices)
    description = models.TextField(_("description"), max_length=4000)
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.OPEN
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = SupportNeedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("support need")
        verbose_name_plural = _("support needs")
        indexes = [models.Index(fields=["company", "status"])]

    def __str__(self):
        return f"{self.company}: {self.get_kind_display()}"


class SupportAction(TimeStampedModel):
    """Support given to a company for one of its needs, logged by a coach."""

    need = models.ForeignKey(
        SupportNeed,
        verbose_name=_("support need"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    date = models.DateField(_("date"))
    description = models.TextField(_("what was done"), max_length=4000)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by whom"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("500"))],
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("support action")
        verbose_name_plural = _("support actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=0) & Q(hours__lte=500),
                name="support_action_hours_range",
                violation_error_message=_("Hours must be between 0 and 500."),
            )
        ]

    def __str__(self):
        return f"{self.need} – {self.date}"
