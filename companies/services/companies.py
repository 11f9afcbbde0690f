"""Writes for the company register and the company profile."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from jump.accounts.models import Partner, User

from .. import access
from ..models import Company

# What a company contact may change about their own company (not registration or status).
PROFILE_FIELDS = (
    "name",
    "street",
    "postcode",
    "city",
    "sector",
    "size_band",
    "website",
    "description",
)
REGISTER_FIELDS = (
    *PROFILE_FIELDS,
    "country",
    "cvr",
    "register_court",
    "register_number",
    "status",
)


def _save(company: Company) -> Company:
    company.full_clean()
    try:
        with transaction.atomic():
            company.save()
    except IntegrityError:
        # Another request registered the same number between our check and our insert.
        raise ValidationError(
            _("A company with this registration number is already registered.")
        ) from None
    return company


@transaction.atomic
def company_create(
    *, actor: User, responsible_partner: Partner | None = None, **fields: Any
) -> Company:
    """Register a company (coach or admin). The responsible partner defaults to the actor's."""
    if not access.is_staff_writer(actor):
        raise PermissionDenied
    unknown = set(fields) - set(REGISTER_FIELDS)
    if unknown:
        raise TypeError(f"company_create() got unexpected fields: {sorted(unknown)}")
    partner = responsible_partner or actor.partner
    if partner is None:
        raise ValidationError(
            {"responsible_partner": _("Choose the partner responsible for this company.")}
        )
    company = Company(**fields, responsible_partner=partner, created_by=actor)
    return _save(company)


@transaction.atomic
def company_create_from_list(
    *, actor: User, responsible_partner: Partner, **fields: Any
) -> Company:
    """Register a NEW company from a list brought in for a partner the actor chose (the
    spreadsheet import of a programme manager or an admin, issue 11).

    The same checks as company_create (the model's, a registration number already registered
    included: refused, never an update — a manager's list only adds companies).
    """
    if not access.may_import_companies_for_any_partner(actor):
        raise PermissionDenied
    unknown = set(fields) - set(REGISTER_FIELDS)
    if unknown:
        raise TypeError(f"company_create_from_list() got unexpected fields: {sorted(unknown)}")
    if responsible_partner is None:
        raise ValidationError(
            {"responsible_partner": _("Choose the partner responsible for this company.")}
        )
    company = Company(**fields, responsible_partner=responsible_partner, created_by=actor)
    return _save(company)


@transaction.atomic
def company_update(
    *, actor: User, company: Company, responsible_partner: Partner | None = None, **fields: Any
) -> Company:
    """Change any field of a company in the register (coach or admin)."""
    if not access.can_change_company(actor, company):
        raise PermissionDenied
    unknown = set(fields) - set(REGISTER_FIELDS)
    if unknown:
        raise TypeError(f"company_update() got unexpected fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(company, name, value)
    if responsible_partner is not None:
        company.responsible_partner = responsible_partner
    return _save(company)


@transaction.atomic
def company_update_profile(*, actor: User, company: Company, **fields: Any) -> Company:
    """A company contact edits their company's profile: never registration number or status."""
    if not access.can_edit_company_profile(actor, company):
        raise PermissionDenied
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"company_update_profile() got unexpected fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(company, name, value)
    return _save(company)
