"""Import of companies into the register: new ones registered, known ones updated.

A row is a company already registered when its CVR number (Danish companies) or its register
court and number (German companies) match. Numbers are checked and spelled canonically by
companies.registration; writes go through companies.services (company_create / company_update).
A programme manager's list only adds companies (issue 11; access.adds_only): a registered one
is an error row, and new ones are written by company_create_from_list.
"""

import copy
import re
from functools import partial
from typing import cast

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from companies import access as company_access
from companies import services as company_services
from companies.models import Company
from companies.registration import normalise_cvr, normalise_german_register
from companies.services.companies import REGISTER_FIELDS
from jump.accounts.models import Partner, User
from jump.lib.countries import Country

from .. import access
from ..columns import Choice, Column, ColumnSet
from ..models import ImportJob, ImportRow
from .base import Committer, ParsedRow, chunked, from_json

SECTOR_CHOICES = (
    Choice("energy", "Energy", "Energi", "Energie"),
    Choice("food", "Food", "Fødevarer", "Lebensmittel", aliases=("Food industry", "Ernährung")),
    Choice(
        "tourism",
        "Tourism and hospitality",
        "Turisme og hotel",
        "Tourismus und Gastgewerbe",
        aliases=("Tourism", "Turisme", "Tourismus", "Gastgewerbe", "Hotel og restaurant"),
    ),
    Choice("logistics", "Logistics", "Transport og logistik", "Logistik", aliases=("Transport",)),
    Choice(
        "construction",
        "Construction",
        "Byggeri",
        "Bau",
        aliases=("Bauwesen", "Baugewerbe", "Bygge og anlæg"),
    ),
    Choice(
        "health",
        "Health and care",
        "Sundhed og omsorg",
        "Gesundheit und Pflege",
        aliases=("Health", "Care", "Sundhed", "Omsorg", "Gesundheit", "Pflege"),
    ),
    Choice(
        "manufacturing",
        "Manufacturing",
        "Industri",
        "Industrie",
        aliases=("Produktion", "Fertigung", "Produzierendes Gewerbe"),
    ),
    Choice("retail", "Retail", "Detailhandel", "Einzelhandel", aliases=("Handel",)),
    Choice("it", "IT", "IT", "IT", aliases=("Information technology", "Informationstechnik")),
    Choice("other", "Other", "Andet", "Sonstiges", aliases=("Andere", "Anderes")),
)
SIZE_CHOICES = (
    Choice(
        "micro",
        "1–9 employees",
        "1–9 ansatte",
        "1–9 Beschäftigte",
        aliases=("1-9", "Micro", "Mikro", "Kleinstunternehmen"),
    ),
    Choice(
        "small",
        "10–49 employees",
        "10–49 ansatte",
        "10–49 Beschäftigte",
        aliases=("10-49", "Small", "Lille", "Klein"),
    ),
    Choice(
        "medium",
        "50–249 employees",
        "50–249 ansatte",
        "50–249 Beschäftigte",
        aliases=("50-249", "Medium", "Mellemstor", "Mittel"),
    ),
    Choice(
        "large",
        "250 or more employees",
        "250 eller flere ansatte",
        "250 oder mehr Beschäftigte",
        aliases=("250+", "Large", "Stor", "Groß"),
    ),
)
STATUS_CHOICES = (
    Choice("prospect", "Prospect", "Potentiel", "Interessent", aliases=("Potenziell", "Emne")),
    Choice("active", "Active", "Aktiv", "Aktiv"),
    Choice("inactive", "Inactive", "Inaktiv", "Inaktiv"),
)

COLUMNS = ColumnSet(
    (
        Column(
            "name",
            en="Name",
            da="Navn",
            de="Name",
            required=True,
            aliases=(
                "Company",
                "Company name",
                "Virksomhed",
                "Virksomhedsnavn",
                "Firma",
                "Firmenname",
                "Unternehmen",
            ),
            max_length=200,
            help=gettext_lazy("The company's name."),
        ),
        Column(
            "country",
            en="Country",
            da="Land",
            de="Land",
            type="choice",
            required=True,
            choices=(
                Choice("DK", "Denmark", "Danmark", "Dänemark"),
                Choice("DE", "Germany", "Tyskland", "Deutschland", aliases=("D",)),
            ),
            model_choices=Country.choices,
            help=gettext_lazy("Denmark or Germany."),
        ),
        Column(
            "cvr",
            en="CVR number",
            da="CVR-nummer",
            de="CVR-Nummer",
            aliases=("CVR", "CVR nr", "CVR-nr.", "CVR no"),
            help=gettext_lazy("Danish companies: the eight-digit CVR number (it is checked)."),
        ),
        Column(
            "register_court",
            en="Register court",
            da="Registerret",
            de="Registergericht",
            aliases=("Amtsgericht", "Court", "Handelsregistergericht"),
            max_length=100,
            help=gettext_lazy("German companies: the Amtsgericht of the register, e.g. Flensburg."),
        ),
        Column(
            "register_number",
            en="Register number",
            da="Registernummer",
            de="Registernummer",
            aliases=("Handelsregisternummer", "HR-Nummer", "HRB", "HRA", "Commercial register"),
            max_length=20,
            help=gettext_lazy("German companies: HRA or HRB and the number, e.g. HRB 1234."),
        ),
        Column(
            "street",
            en="Street and number",
            da="Adresse",
            de="Straße und Hausnummer",
            aliases=("Street", "Address", "Vej", "Gade", "Straße", "Anschrift"),
            max_length=200,
            help=gettext_lazy("Street and number."),
        ),
        Column(
            "postcode",
            en="Postcode",
            da="Postnummer",
            de="Postleitzahl",
            aliases=("Post code", "Postal code", "ZIP", "Postnr", "PLZ"),
            max_length=10,
            help=gettext_lazy("Postcode."),
        ),
        Column(
            "city",
            en="City",
            da="By",
            de="Ort",
            aliases=("Town", "Stadt", "Bynavn"),
            max_length=100,
            help=gettext_lazy("Town or city."),
        ),
        Column(
            "sector",
            en="Sector",
            da="Branche",
            de="Branche",
            type="choice",
            needed_for_new=True,
            aliases=("Industry", "Sektor", "Wirtschaftszweig"),
            choices=SECTOR_CHOICES,
            model_choices=Company.Sector.choices,
            help=gettext_lazy("One of the region's sectors. Needed for a new company."),
        ),
        Column(
            "size_band",
            en="Size",
            da="Størrelse",
            de="Größe",
            type="choice",
            aliases=("Employees", "Company size", "Ansatte", "Beschäftigte", "Mitarbeiter"),
            choices=SIZE_CHOICES,
            model_choices=Company.SizeBand.choices,
            help=gettext_lazy("Number of employees."),
        ),
        Column(
            "status",
            en="Status",
            da="Status",
            de="Status",
            type="choice",
            choices=STATUS_CHOICES,
            model_choices=Company.Status.choices,
            help=gettext_lazy("Empty: prospect."),
        ),
        Column(
            "website",
            en="Website",
            da="Hjemmeside",
            de="Webseite",
            type="url",
            aliases=("Web", "URL", "Homepage", "Internetseite", "Internet"),
            max_length=200,
            help=gettext_lazy("The address of the website; https:// is added when missing."),
        ),
        Column(
            "description",
            en="About the company",
            da="Om virksomheden",
            de="Über das Unternehmen",
            aliases=("Description", "Beskrivelse", "Beschreibung"),
            max_length=4000,
            help=gettext_lazy("A few sentences about the company."),
        ),
    )
)
_CLEAN_EXCLUDE = ["responsible_partner", "created_by"]
assert {c.key for c in COLUMNS} <= set(REGISTER_FIELDS)  # noqa: S101


def check_columns(keys: set[str]) -> list[Column]:
    return [column for column in COLUMNS.required if column.key not in keys]


_COURT_PREFIX = re.compile(r"^\s*(?:amtsgericht|ag)\s+", re.IGNORECASE)


def court_key(court: str) -> str:
    """ "Amtsgericht Flensburg", "AG Flensburg" and "Flensburg" are the same register court."""
    return _COURT_PREFIX.sub("", court or "").strip().casefold()


def registration_key(values: dict):
    if values.get("country") == Country.DK and values.get("cvr"):
        return ("cvr", values["cvr"])
    if values.get("country") == Country.DE and values.get("register_number"):
        return ("register", court_key(values.get("register_court", "")), values["register_number"])
    return None


def normalise_registration(row: ParsedRow) -> None:
    """CVR and register entry in canonical spelling, or errors on their columns."""
    values = row.values
    if values.get("country") == Country.DK:
        if "cvr" not in values:
            row.add_error("cvr", _("A Danish company needs its CVR number."))
            return
        try:
            values["cvr"] = normalise_cvr(values["cvr"])
        except ValidationError as exc:
            row.add_validation_error(ValidationError({"cvr": exc}))
    elif values.get("country") == Country.DE and (
        "register_court" in values or "register_number" in values
    ):
        try:
            court, number = normalise_german_register(
                values.get("register_court", ""), values.get("register_number", "")
            )
        except ValidationError as exc:
            row.add_validation_error(exc)
        else:
            values["register_court"], values["register_number"] = court, number


def lookup(actor: User, keys: set) -> dict:
    """Registered companies `actor` may see, by registration key."""
    queryset = Company.objects.visible_to(actor)
    found: dict = {}
    cvrs = sorted(key[1] for key in keys if key[0] == "cvr")
    for batch in chunked(cvrs):
        for company in queryset.filter(cvr__in=batch):
            found[("cvr", company.cvr)] = company
    numbers = sorted({key[2] for key in keys if key[0] == "register"})
    for batch in chunked(numbers):
        for company in queryset.filter(register_number__in=batch):
            found[("register", court_key(company.register_court), company.register_number)] = (
                company
            )
    return found


class Previewer:
    def __init__(self, job: ImportJob, actor: User):
        self.job = job
        self.actor = actor
        self.adds_only = access.adds_only(actor, ImportJob.Kind.COMPANIES)
        self.seen: dict = {}

    def process(self, rows: list[ParsedRow]) -> list[ParsedRow]:
        pending = []
        for row in rows:
            row.require("name", "country")
            row.label = row.values.get("name", "")
            normalise_registration(row)
            key = None if row.has_error() else registration_key(row.values)
            if key is not None and key in self.seen:
                row.outcome = ImportRow.Outcome.DUPLICATE
                row.duplicate_of = self.seen[key]
                continue
            if key is not None:
                self.seen[key] = row.number
            pending.append((row, key))
        found = lookup(self.actor, {key for _row, key in pending if key})
        for row, key in pending:
            company = found.get(key) if key else None
            if company is None:
                self._preview_new(row)
            else:
                self._preview_update(row, company)
        return rows

    def _preview_new(self, row: ParsedRow) -> None:
        row.outcome = ImportRow.Outcome.NEW
        row.require("sector", message=_("Needed for a new company."))
        if row.has_error():
            return
        candidate = Company(**row.values, responsible_partner=self.job.partner)
        try:
            candidate.full_clean(
                exclude=_CLEAN_EXCLUDE, validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            row.add_validation_error(exc)

    def _preview_update(self, row: ParsedRow, company: Company) -> None:
        if self.adds_only:
            row.outcome = ImportRow.Outcome.ERROR
            row.add_error(
                "",
                _("This company is already registered — only coaches and admins update companies."),
            )
            return
        row.outcome = ImportRow.Outcome.UPDATE
        row.target_id = company.pk
        if not company_access.can_change_company(self.actor, company):
            row.add_error("", _("You may not change this company."))
            return
        candidate = copy.copy(company)
        changed = []
        for key, value in row.values.items():
            if getattr(company, key) != value:
                setattr(candidate, key, value)
                changed.append(key)
        row.changed_fields = changed
        if row.has_error():
            return
        try:
            candidate.full_clean(
                exclude=_CLEAN_EXCLUDE, validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            row.add_validation_error(exc)


def commit(job: ImportJob, actor: User, rows: list[ImportRow], committer: Committer) -> None:
    """Write a batch of previewed rows through the companies services."""
    decoded = {row.number: from_json(row.values, COLUMNS) for row in rows}
    targets = Company.objects.visible_to(actor).in_bulk(
        [row.target_id for row in rows if row.target_id]
    )
    new_keys = {
        row.number: registration_key(decoded[row.number])
        for row in rows
        if row.outcome == ImportRow.Outcome.NEW
    }
    registered_since = lookup(actor, {key for key in new_keys.values() if key})
    create = (
        company_services.company_create_from_list
        if access.adds_only(actor, ImportJob.Kind.COMPANIES)
        else company_services.company_create
    )
    for row in rows:
        fields = decoded[row.number]
        if row.outcome == ImportRow.Outcome.NEW:
            if new_keys[row.number] in registered_since:
                committer.fail(
                    row,
                    _("Since the preview, this company was registered: upload the file again."),
                )
                continue
            committer.write(
                row,
                # A companies import always has its responsible partner (import_job_create).
                partial(
                    create, actor=actor, responsible_partner=cast(Partner, job.partner), **fields
                ),
            )
        else:
            company = targets.get(row.target_id)
            if company is None:
                committer.fail(row, _("This company is no longer in the register."))
                continue
            if not row.changed_fields:
                committer.progress(1)
                continue
            # Only what the preview showed as changed (never a field absent from the file).
            changes = {key: fields[key] for key in row.changed_fields}
            committer.write(
                row,
                partial(company_services.company_update, actor=actor, company=company, **changes),
            )
