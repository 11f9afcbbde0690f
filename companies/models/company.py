from typing import Self, TypeGuard

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jump.accounts.models import AnyUser, User
from jump.accounts.roles import Role
from jump.lib.countries import Country
from jump.lib.models import Invitation as BaseInvitation
from jump.lib.models import PublicModel, TimeStampedModel

from ..registration import normalise_cvr, normalise_german_register

# Roles that read every company, offer and support need of the programme.
STAFF_ROLES = (Role.COACH, Role.PROGRAMME_MANAGER, Role.ADMIN)


def _active(user: AnyUser | None) -> TypeGuard[User]:
    return user is not None and user.is_authenticated and user.is_active


class CompanyQuerySet(models.QuerySet["Company"]):
    def visible_to(self, user: AnyUser) -> Self:
        """Companies `user` may see: staff all of them, a company contact only their own."""
        return staff_or_own_company(self, user, "pk")


def staff_or_own_company(queryset, user, company_field: str):
    """The rule of the companies app's lists: staff see all rows, a company contact the rows of
    their own company (`company_field` leads from a row to it), anyone else none."""
    if not _active(user):
        return queryset.none()
    if user.has_role(*STAFF_ROLES):
        return queryset
    if user.has_role(Role.COMPANY_CONTACT) and user.company_id:
        return queryset.filter(**{company_field: user.company_id})
    return queryset.none()


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
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("about the company"), max_length=4000, blank=True)
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

    objects = CompanyQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        constraints = [
            models.UniqueConstraint(
                fields=["cvr"],
                condition=~Q(cvr=""),
                name="company_unique_cvr",
                violation_error_message=_("A company with this CVR number is already registered."),
            ),
            models.UniqueConstraint(
                fields=["register_court", "register_number"],
                condition=~Q(register_number=""),
                name="company_unique_register_entry",
                violation_error_message=_(
                    "A company with this register court and number is already registered."
                ),
            ),
            # A Danish company has a CVR number and no German register entry, and vice versa.
            models.CheckConstraint(
                condition=(Q(country=Country.DK) & Q(register_court="") & Q(register_number=""))
                | (Q(country=Country.DE) & Q(cvr="")),
                name="company_registration_matches_country",
                violation_error_message=_(
                    "A Danish company has a CVR number, a German company a register entry."
                ),
            ),
        ]
        indexes = [models.Index(fields=["country", "sector", "status"])]

    def __str__(self):
        return self.name

    @property
    def registration_display(self) -> str:
        if self.country == Country.DK:
            return f"CVR {self.cvr}" if self.cvr else ""
        return f"{self.register_court} {self.register_number}".strip()

    def clean(self):
        """Registration numbers are checked and stored in canonical spelling."""
        super().clean()
        if self.country == Country.DK:
            errors = {}
            if not self.cvr:
                errors["cvr"] = ValidationError(
                    _("A Danish company needs its CVR number."), code="cvr_missing"
                )
            else:
                try:
                    self.cvr = normalise_cvr(self.cvr)
                except ValidationError as exc:
                    errors["cvr"] = exc
            if self.register_court or self.register_number:
                errors["register_number"] = ValidationError(
                    _("A Danish company has a CVR number, not a German register entry."),
                    code="register_for_dk",
                )
            if errors:
                raise ValidationError(errors)
        elif self.country == Country.DE:
            if self.cvr:
                raise ValidationError(
                    {
                        "cvr": ValidationError(
                            _("A German company has no CVR number."), code="cvr_for_de"
                        )
                    }
                )
            self.register_court, self.register_number = normalise_german_register(
                self.register_court, self.register_number
            )


class CompanyContact(TimeStampedModel):
    """Profile of a user who speaks for a company.

    Which company is `User.company` (the one canonical link, set only by server code); this
    profile holds what the company contact adds about themselves.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="company_contact",
    )
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("company contact")
        verbose_name_plural = _("company contacts")

    def __str__(self):
        return str(self.user)

    @property
    def company(self):
        return self.user.company


class Invitation(BaseInvitation):
    """A single-use invitation for a company contact. Only a hash of the token is stored."""

    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )

    class Meta(BaseInvitation.Meta):
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
