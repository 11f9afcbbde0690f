"""What a report contains, independent of its format: the same tables for XLSX, CSV and PDF.

Tables are generators over `.iterator()` querysets: rows are read in chunks and written one by
one, so memory does not grow with the number of records. Pseudonymised by default
(SECURITY 23): a keyed hash instead of the name, the age band instead of the birth date, no
free text (no notes, comments, exit or decline reasons, mentor names), and counts of 1–4 in the
breakdowns shown as "<5". With names (a manager's explicit, logged request) the name and date of
birth are added and nothing is suppressed.
"""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from companies.models import Placement, PlacementFeedback
from jump.lib.countries import Country
from participants.models import Outcome, Participant
from training_modules.models import Enrolment

from ..indicators import FILTERS, INDICATORS, Row
from ..indicators import PERCENT as PERCENT_UNIT
from ..indicators.base import (
    COUNTRY_FILTER,
    participant_filter,
    placement_active_q,
    staff_filter,
)
from ..indicators.esf import esf_name
from ..periods import Scope
from ..privacy import (
    SMALL_GROUP_LABEL,
    age_band,
    is_small,
    pseudonym,
    suppress_breakdown,
    suppress_small,
)
from .pgcopy import CopySource, copy_available, participants_sql

# How "previously reported" is made, stated in every export (docs/indicators.md).
PREVIOUSLY_REPORTED = gettext_lazy(
    "The sum of the figures submitted to the funder for earlier periods (frozen when they were "
    "submitted), not a recount; cumulative: counted from the programme start to the end of the "
    "period."
)

ITERATOR_CHUNK = 1000


# Kinds of column: how a spreadsheet formats (and a CSV writes) the cells below the header.
TEXT, COUNT, DECIMAL, PERCENT, DATE, FLAG = "text", "count", "decimal", "percent", "date", "flag"


@dataclass
class Table:
    """One sheet / one CSV file: a name, its header and its rows (a generator)."""

    name: str
    header: list[str]
    rows: Callable[[], Iterator[list]]
    count: Callable[[], int] = field(default=lambda: 0)
    preamble: list[list] = field(default_factory=list)
    # One kind per column (TEXT when not given).
    kinds: list[str] = field(default_factory=list)
    # The same rows as one SQL SELECT for `COPY` (pgcopy.py), where the database can: None
    # when not (SQLite) or when the table has no such form. `neutralised=False`: the text as
    # it is, for the XLSX writer (it neutralises its cells itself).
    copy_source: Callable[..., CopySource | None] = field(default=lambda neutralised=True: None)

    def all_rows(self) -> Iterator[list]:
        yield from self.preamble
        yield self.header
        yield from self.rows()

    @property
    def header_row(self) -> int:
        """The header's row number (1-based), below the preamble."""
        return len(self.preamble) + 1

    def kind(self, index: int) -> str:
        return self.kinds[index] if index < len(self.kinds) else TEXT


def yes_no(value) -> str:
    if value is None:
        return ""
    return _("yes") if value else _("no")


def _labels(choices) -> dict:
    return {value: str(label) for value, label in choices}


def flag_header(title: str) -> str:
    return _("%(column)s: under 5") % {"column": title}


def split_flags(values: list) -> list:
    """[v, flag, v, flag, …]: a hidden count leaves its number cell empty and puts "<5" in
    the flag column beside it, so a spreadsheet's sums still work on the rest."""
    out = []
    for value in values:
        if value == SMALL_GROUP_LABEL:
            out += [None, SMALL_GROUP_LABEL]
        else:
            out += [value, None]
    return out


def normalised(value):
    """A target or milestone without needless decimals (400.00 → 400, 12.50 → 12.5)."""
    if isinstance(value, Decimal):
        value = value.normalize()
        return int(value) if value == value.to_integral_value() else value
    return value


@dataclass
class ReportContent:
    scope: Scope
    with_names: bool
    rows: list[Row]
    generated_at: datetime.datetime = field(default_factory=timezone.now)

    # --- what the report is about ---------------------------------------------------------

    def about(self) -> list[list]:
        scope = self.scope
        country = dict(Country.choices).get(scope.country, "") if scope.country else ""
        return [
            [_("JUMP programme report")],
            [_("Period"), scope.start, scope.end],
            [_("Partner"), scope.partner.name if scope.partner else _("All partners")],
            [_("Country"), str(country) or _("Both countries")],
            [_("Country filter"), str(COUNTRY_FILTER)],
            # A real date-time (local, as the reader's clock shows it), not text.
            [_("Generated"), timezone.localtime(self.generated_at).replace(tzinfo=None)],
            [
                _("Personal data"),
                _("with names (access logged)")
                if self.with_names
                else _(
                    "pseudonymised: keyed hash, age band, counts of 1–4 shown as <5 (and a "
                    "second line where one alone would be hidden)"
                ),
            ],
            [_("Previously reported"), str(PREVIOUSLY_REPORTED)],
            [],
        ]

    def cell(self, value):
        """A breakdown count as the report shows it: suppressed below 5 unless with names."""
        return value if self.with_names else suppress_small(value)

    # --- the indicator figures as the funder sees them ------------------------------------

    def headline(self, row: Row, figure) -> object:
        """An indicator's value: counts of 1–4 hidden; a share whose parts are hidden too."""
        if self.with_names:
            return figure.value
        if row.indicator.unit == PERCENT_UNIT:
            if any(is_small(part.value) for part in figure.parts):
                return SMALL_GROUP_LABEL
            return figure.value
        return suppress_small(figure.value)

    def breakdown_columns(self, row: Row) -> list[tuple]:
        """The breakdown lines with (previous, current, cumulative) as shown: each column
        suppressed with its complementary line (privacy.suppress_breakdown)."""
        lines = row.breakdown()
        columns = [
            [line.previous for line in lines],
            [line.current for line in lines],
            [line.cumulative for line in lines],
        ]
        if not self.with_names:
            columns = [suppress_breakdown(column) for column in columns]
        return [
            (line, columns[0][index], columns[1][index], columns[2][index])
            for index, line in enumerate(lines)
        ]

    def indicator_lines(self) -> Iterator[list]:
        for row in self.rows:
            target = row.target
            yield [
                row.indicator.code,
                str(row.indicator.name),
                esf_name(row.indicator.code),
                "",
                *split_flags(
                    [
                        self.headline(row, row.previous),
                        self.headline(row, row.current),
                        self.headline(row, row.cumulative),
                    ]
                ),
                normalised(target.target_value) if target else None,
                row.progress,
                normalised(target.milestone_value) if target else None,
                target.milestone_date if target else None,
            ]
            for line, previous, current, cumulative in self.breakdown_columns(row):
                yield [
                    row.indicator.code,
                    str(row.indicator.name),
                    esf_name(row.indicator.code, line.key),
                    ("    " * line.level) + line.text,
                    *split_flags([previous, current, cumulative]),
                    None,
                    None,
                    None,
                    None,
                ]

    def pdf_lines(self) -> Iterator[dict]:
        """The indicator table of the PDF: the same values, "<5" in place (no flag columns)."""
        for row in self.rows:
            target = row.target
            yield {
                "main": True,
                "code": row.indicator.code,
                "name": str(row.indicator.name),
                "unit": row.indicator.unit,
                "values": [
                    self.headline(row, row.previous),
                    self.headline(row, row.current),
                    self.headline(row, row.cumulative),
                ],
                "target": normalised(target.target_value) if target else None,
                "progress": row.progress,
                "milestone": normalised(target.milestone_value) if target else None,
                "milestone_date": target.milestone_date if target else None,
            }
            for line, previous, current, cumulative in self.breakdown_columns(row):
                yield {
                    "main": False,
                    "code": row.indicator.code,
                    "text": line.text,
                    "level": line.level,
                    "values": [previous, current, cumulative],
                }

    def indicators(self) -> Table:
        figures = [_("Previously reported"), _("This period"), _("Cumulative")]
        return Table(
            name=_("indicators"),
            preamble=self.about(),
            header=[
                _("Code"),
                _("Indicator"),
                _("ESF+ common indicator"),
                _("Breakdown"),
                *(title for column in figures for title in (column, flag_header(column))),
                _("Target"),
                _("Progress (%)"),
                _("Milestone"),
                _("Milestone date"),
            ],
            kinds=[TEXT, TEXT, TEXT, TEXT, *[DECIMAL, FLAG] * 3, DECIMAL, PERCENT, DECIMAL, DATE],
            rows=self.indicator_lines,
            count=lambda: len(self.rows),
        )

    def participants_in_table(self):
        """Participants in the programme at any time in the period (not mere "interested")."""
        scope = self.scope
        return (
            Participant.objects.filter(participant_filter(scope, prefix=""))
            .exclude(status=Participant.Status.INTERESTED)
            .filter(entry_date__isnull=False, entry_date__lte=scope.end)
            .filter(Q(exit_date__isnull=True) | Q(exit_date__gte=scope.start))
        )

    def participants_queryset(self):
        """The participants of the table with their partner and confirmed outcomes."""
        # Only confirmed outcomes are reported (docs/indicators.md).
        outcome = Outcome.objects.confirmed().filter(participant=OuterRef("pk"))
        exit_outcome = outcome.filter(timing=Outcome.Timing.EXIT)
        six_outcome = outcome.filter(timing=Outcome.Timing.SIX_MONTHS)
        return (
            self.participants_in_table()
            .select_related("partner")
            .annotate(
                exit_kind=Subquery(exit_outcome.values("kind")[:1]),
                exit_cross=Subquery(exit_outcome.values("cross_border")[:1]),
                six_kind=Subquery(six_outcome.values("kind")[:1]),
                six_cross=Subquery(six_outcome.values("cross_border")[:1]),
            )
            .order_by("entry_date", "pk")
        )

    def participant_lines(self) -> Iterator[list]:
        P = Participant
        gender, isced = _labels(P.Gender.choices), _labels(P.Isced.choices)
        lms, status = _labels(P.LabourMarketStatus.choices), _labels(P.Status.choices)
        kinds = _labels(Outcome.Kind.choices)
        for p in self.participants_queryset().iterator(chunk_size=ITERATOR_CHUNK):
            names = [p.first_name, p.last_name, p.date_of_birth] if self.with_names else []
            yield [
                pseudonym(p.public_id),
                *names,
                p.partner.name,
                p.partner.country,
                status.get(p.status, p.status),
                gender.get(p.gender, p.gender),
                age_band(p.date_of_birth, p.entry_date),
                p.country_of_residence,
                isced.get(p.education_level, p.education_level),
                lms.get(p.labour_market_status, p.labour_market_status),
                p.entry_date,
                p.exit_date,
                kinds.get(p.exit_kind, ""),
                yes_no(p.exit_cross),
                kinds.get(p.six_kind, ""),
                yes_no(p.six_cross),
                yes_no(p.erased_at is not None),
            ]

    def participants(self) -> Table:
        names = [_("First name"), _("Last name"), _("Date of birth")] if self.with_names else []
        return Table(
            name=_("participants"),
            kinds=[TEXT] * (len(names) + 9) + [DATE, DATE],
            header=[
                _("Pseudonym"),
                *names,
                _("Partner"),
                _("Partner country"),
                _("Status"),
                _("Gender"),
                _("Age band at entry"),
                _("Country of residence"),
                _("Education level"),
                _("Labour-market status at entry"),
                _("Entry date"),
                _("Exit date"),
                _("Outcome at exit"),
                _("Outcome at exit across the border"),
                _("Outcome after six months"),
                _("Outcome after six months across the border"),
                _("Erased"),
            ],
            rows=self.participant_lines,
            count=lambda: self.participants_queryset().count(),
            copy_source=self.participants_copy,
        )

    def participants_copy(self, neutralised: bool = True) -> CopySource | None:
        """`participant_lines` in SQL, on PostgreSQL (pgcopy.py)."""
        if not copy_available():
            return None
        return participants_sql(
            self.participants_in_table(), with_names=self.with_names, neutralised=neutralised
        )

    def placements_queryset(self):
        """Placements that began and ran on at least one day of the period."""
        hire = PlacementFeedback.objects.filter(
            placement=OuterRef("pk"), side=PlacementFeedback.Side.COMPANY
        ).values("would_hire")[:1]
        return (
            Placement.objects.filter(participant_filter(self.scope))
            .filter(placement_active_q(self.scope))
            .select_related("participant__partner", "offer__company")
            .annotate(company_would_hire=Subquery(hire))
            .order_by("start_date", "pk")
        )

    def placement_lines(self) -> Iterator[list]:
        from companies.models import Company, Offer

        sectors, kinds = _labels(Company.Sector.choices), _labels(Offer.Kind.choices)
        status = _labels(Placement.Status.choices)
        for placement in self.placements_queryset().iterator(chunk_size=ITERATOR_CHUNK):
            person = placement.participant
            company = placement.offer.company
            names = [person.first_name, person.last_name] if self.with_names else []
            yield [
                pseudonym(person.public_id),
                *names,
                person.partner.name,
                company.name,
                company.country,
                sectors.get(company.sector, company.sector),
                kinds.get(placement.offer.kind, placement.offer.kind),
                status.get(placement.status, placement.status),
                placement.start_date,
                placement.end_date,
                yes_no(placement.cross_border),
                yes_no(placement.company_would_hire),
            ]

    def placements(self) -> Table:
        names = [_("First name"), _("Last name")] if self.with_names else []
        return Table(
            name=_("placements"),
            kinds=[TEXT] * (len(names) + 7) + [DATE, DATE],
            header=[
                _("Participant (pseudonym)"),
                *names,
                _("Partner"),
                _("Company"),
                _("Company country"),
                _("Sector"),
                _("Offer"),
                _("Status"),
                _("Start date"),
                _("End date"),
                _("Across the border"),
                _("Company would hire"),
            ],
            rows=self.placement_lines,
            count=lambda: self.placements_queryset().count(),
        )

    def training_queryset(self):
        """Staff enrolments in sessions running in the period, or completed in it."""
        after, before = self.scope.day_bounds()
        return (
            Enrolment.objects.filter(staff_filter(self.scope))
            .filter(status__in=Enrolment.HOLDING_PLACE)
            .filter(
                Q(session__starts_at__lt=before, session__ends_at__gte=after)
                | Q(completed_at__gte=after, completed_at__lt=before)
            )
            .select_related("person__partner", "session__module")
            .order_by("session__starts_at", "pk")
        )

    def training_lines(self) -> Iterator[list]:
        status = _labels(Enrolment.Status.choices)
        for enrolment in self.training_queryset().iterator(chunk_size=ITERATOR_CHUNK):
            person, session = enrolment.person, enrolment.session
            names = [person.first_name, person.last_name] if self.with_names else []
            completed = enrolment.completed_at
            yield [
                pseudonym(person.public_id),
                *names,
                person.partner.name if person.partner else "",
                person.partner.country if person.partner else "",
                session.module.title,
                timezone.localtime(session.starts_at).date(),
                session.country,
                status.get(enrolment.status, enrolment.status),
                timezone.localtime(completed).date() if completed else None,
            ]

    def training(self) -> Table:
        names = [_("First name"), _("Last name")] if self.with_names else []
        return Table(
            name=_("training"),
            kinds=[TEXT] * (len(names) + 4) + [DATE, TEXT, TEXT, DATE],
            header=[
                _("Person (pseudonym)"),
                *names,
                _("Partner"),
                _("Partner country"),
                _("Module"),
                _("Session start"),
                _("Session country"),
                _("Status"),
                _("Completed on"),
            ],
            rows=self.training_lines,
            count=lambda: self.training_queryset().count(),
        )

    def definition_lines(self) -> Iterator[list]:
        for indicator in INDICATORS.values():
            yield [indicator.code, str(indicator.name), str(indicator.definition)]
        yield [
            "RCR85",
            _("Participations in joint actions across borders after project completion"),
            _(
                "Not computed: it is measured by the programme after the project ends "
                "(docs/indicators.md, “Decisions”)."
            ),
        ]
        yield ["", _("Filters"), str(FILTERS)]
        yield ["", _("Country filter"), str(COUNTRY_FILTER)]
        yield [
            "",
            _("Previously reported, cumulative"),
            _(
                "Previously reported: the sum of the figures submitted to the funder for earlier "
                "periods, frozen when they were submitted (not a recount). Cumulative: from the "
                "programme start to the end of the period. A person or company counted in "
                "several periods counts once in the cumulative value."
            ),
        ]
        yield [
            "",
            _("ESF+ common indicators"),
            _(
                "Where a figure or a breakdown line means the same as an ESF+ common indicator "
                "(Regulation (EU) 2021/1057, Annex I), its name is given beside ours; monitoring "
                "codes are given only where they could be confirmed, never guessed."
            ),
        ]
        yield [
            "",
            _("Pseudonym"),
            _(
                "A keyed hash of the person's internal identifier: the same person has the same "
                "pseudonym in every report; it cannot be turned back into a name without the "
                "platform's secret key."
            ),
        ]

    def definitions(self) -> Table:
        return Table(
            name=_("definitions"),
            header=[_("Code"), _("Indicator"), _("Definition")],
            rows=self.definition_lines,
            count=lambda: len(INDICATORS) + 6,
        )

    def tables(self) -> list[Table]:
        return [
            self.indicators(),
            self.participants(),
            self.placements(),
            self.training(),
            self.definitions(),
        ]
