from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jump.lib.countries import Country
from jump.lib.models import PublicModel


class Company(PublicModel):
    """A company that takes young people in (taster days, internships, apprenticeships, jobs)."""

    class Sector(models.TextChoices):
        ENERGY = "energy", _("Energy")
        FOOD = "food", _("Food")
        TOURISM = "tourism", _("Tourism and hospitality")
        LOGISTICS = "logistics", _("Logistics")
        CONSTRUCTION = "construction", _("Construction")
        HEALTH = "health", _("Health and care")
        MANUFACTURING = "manufacturing", _("Manufacturing")
        RETAIL = "retail", _("Retail")
        IT = "it", _("IT")
        OTHER = "other", _("Other")

    class SizeBand(models.TextChoices):
        MICRO = "micro", _("1–9 employees")
        SMALL = "small", _("10–49 employees")
        MEDIUM = "medium", _("50–249 employees")
        LARGE = "large", _("250 or more employees")

    class Status(models.TextChoices):
        PROSPECT = "prospect", _("Prospect")
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")

    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    cvr = models.CharField(_("CVR number"), max_length=8, blank=True)
    register_court = models.CharField(_("register court"), max_length=100, blank=True)
    register_number = models.CharField(_("register number"), max_length=20, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    size_band = models.CharField(_("size"), max_length=10, choices=SizeBand.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROSPECT
    )
    responsible_partner = models.ForeignKey(
        "accounts.Partner",
        verbose_name=_("responsible partner"),
        on_delete=models.PROTECT,
        related_name="companies",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")

    def __str__(self):
        return self.name
