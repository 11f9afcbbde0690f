"""Import of participants into a partner: new ones through intake, known ones updated.

A row is the same person as a participant the importer may see when the e-mail address matches,
or else first name, last name and date of birth. Writes go through participants.services
(participant_create / participant_update), which check and validate again.
"""

import copy
from collections import defaultdict
from dataclasses import replace
from typing import cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jump.accounts.models import Partner, User
from jump.lib.countries import Country
from participants import access as participant_access
from participants import services as participant_services
from participants.models import Participant
from participants.services.participants import PROFILE_FIELDS

from ..columns import Column, ColumnSet
from ..models import ImportJob, ImportRow
from . import people
from .base import CommitRejected, Committer, ParsedRow, chunked, from_json

COLUMNS = ColumnSet(
    (
        replace(people.FIRST_NAME, needed_for_new=True),
        replace(people.LAST_NAME, needed_for_new=True),
        replace(people.DATE_OF_BIRTH, needed_for_new=True),
        Column(
            "gender",
            needed_for_new=True,
            en="Gender",
            da="Køn",
            de="Geschlecht",
            type="choice",
            choices=people.GENDER_CHOICES,
            model_choices=Participant.Gender.choices,
            help=gettext_lazy("Needed for a new participant."),
        ),
        people.EMAIL,
        Column(
            "phone",
            en="Phone",
            da="Telefon",
            de="Telefon",
            aliases=("Telephone", "Mobile", "Mobil", "Telefonnummer", "Tlf", "Tlf.nr", "Handy"),
            max_length=40,
            help=gettext_lazy("Phone number, with the country code if it is not Danish."),
        ),
        Column(
            "street",
            en="Street and number",
            da="Adresse",
            de="Straße und Hausnummer",
            aliases=("Street", "Address", "Vej", "Gade", "Straße", "Anschrift", "Adresse"),
            max_length=200,
            help=gettext_lazy("Street and house number."),
        ),
        Column(
            "postcode",
            en="Postcode",
            da="Postnummer",
            de="Postleitzahl",
            aliases=("Post code", "Postal code", "ZIP", "Postnr", "Post nr", "PLZ"),
            max_length=10,
            help=gettext_lazy("Postcode of the home address."),
        ),
        Column(
            "municipality",
            en="Municipality",
            da="Kommune",
            de="Gemeinde",
            aliases=("City", "Town", "By", "Bopæl", "Ort", "Wohnort", "Stadt"),
            max_length=100,
            help=gettext_lazy("Municipality (or town) of residence."),
        ),
        Column(
            "country_of_residence",
            needed_for_new=True,
            en="Country of residence",
            da="Bopælsland",
            de="Wohnsitzland",
            type="choice",
            aliases=("Country", "Land", "Residence", "Wohnland"),
            choices=people.COUNTRY_OF_RESIDENCE_CHOICES,
            model_choices=[*Country.choices, ("XX", gettext_lazy("Other"))],
            help=gettext_lazy("Needed for a new participant."),
        ),
        Column(
            "education_level",
            needed_for_new=True,
            en="Education level (ISCED)",
            da="Uddannelsesniveau (ISCED)",
            de="Bildungsniveau (ISCED)",
            type="choice",
            aliases=(
                "ISCED",
                "Education level",
                "Education",
                "Uddannelsesniveau",
                "Uddannelse",
                "Bildungsniveau",
                "Bildungsabschluss",
                "Schulabschluss",
            ),
            choices=people.ISCED_CHOICES,
            model_choices=Participant.Isced.choices,
            help=gettext_lazy(
                "Highest education completed, as an ISCED level (a single level such as 2 "
                "is accepted too). Needed for a new participant."
            ),
        ),
        Column(
            "labour_market_status",
            needed_for_new=True,
            en="Labour-market status at entry",
            da="Arbejdsmarkedsstatus ved start",
            de="Erwerbsstatus bei Eintritt",
            type="choice",
            aliases=(
                "Labour-market status",
                "Labour market status",
                "Employment status",
                "Arbejdsmarkedsstatus",
                "Beskæftigelsesstatus",
                "Erwerbsstatus",
            ),
            choices=people.LABOUR_MARKET_CHOICES,
            model_choices=Participant.LabourMarketStatus.choices,
            help=gettext_lazy("Needed for a new participant."),
        ),
        Column(
            "preferred_language",
            en="Preferred language",
            da="Foretrukket sprog",
            de="Bevorzugte Sprache",
            type="choice",
            aliases=("Language", "Sprog", "Sprache", "Korrespondancesprog"),
            choices=people.LANGUAGE_CHOICES,
            help=gettext_lazy(
                "The language letters and the CV are written in. Empty: the language of the "
                "partner's country."
            ),
        ),
        Column(
            "entry_date",
            en="Entry date",
            da="Startdato",
            de="Eintrittsdatum",
            type="date",
            aliases=("Start date", "Entry", "Start", "Eintritt", "Beginn", "Forløbsstart"),
            help=gettext_lazy("The day the participant entered the programme."),
        ),
        Column(
            "coach",
            en="Coach (e-mail)",
            da="Coach (e-mail)",
            de="Coach (E-Mail)",
            type="email",
            aliases=("Coach", "Vejleder", "Kontaktperson", "Betreuer", "Betreuerin"),
            help=gettext_lazy(
                "The e-mail address a coach of the partner logs in with. Empty: the coach who "
                "imports the file (no coach when a programme manager or an admin imports it)."
            ),
        ),
    )
)
IDENTITY = ("first_name", "last_name", "date_of_birth")
NEEDED_FOR_NEW = tuple(column.key for column in COLUMNS if column.needed_for_new)
# The model checks these again in the service; here they would cost a query per row.
_CLEAN_EXCLUDE = ["partner", "coach"]
assert {c.key for c in COLUMNS} - {"coach"} <= set(PROFILE_FIELDS)  # noqa: S101


def check_columns(keys: set[str]) -> list[Column]:
    """A participant is found by e-mail address, or by name and date of birth: without an
    e-mail column, the three name columns are required."""
    if "email" in keys:
        return []
    return [COLUMNS.by_key[key] for key in IDENTITY if key not in keys]


def name_key(first_name: str, last_name: str, date_of_birth) -> tuple:
    return (first_name.casefold().strip(), last_name.casefold().strip(), date_of_birth)


def row_keys(values: dict) -> tuple[str | None, tuple | None]:
    email = values.get("email")
    names = None
    if all(key in values for key in IDENTITY):
        names = name_key(values["first_name"], values["last_name"], values["date_of_birth"])
    return (email.casefold() if email else None), names


class Matcher:
    """Finds participants `actor` may see by e-mail or by name and date of birth."""

    def __init__(self, actor: User):
        self.queryset = Participant.objects.case_visible_to(actor).filter(erased_at__isnull=True)

    def lookup(self, keys: list[tuple[str | None, tuple | None]]):
        """(by_email, by_name): key → list of participants."""
        by_email: dict[str, list] = defaultdict(list)
        by_name: dict[tuple, list] = defaultdict(list)
        emails = {email for email, _names in keys if email}
        for batch in chunked(sorted(emails)):
            found = (
                self.queryset.annotate(email_lower=Lower("email"))
                .filter(email_lower__in=batch)
                .select_related("partner")
            )
            for participant in found:
                by_email[participant.email.casefold()].append(participant)
        wanted = {names for _email, names in keys if names}
        births = sorted({names[2] for names in wanted})
        for batch in chunked(births):
            for participant in self.queryset.filter(date_of_birth__in=batch).select_related(
                "partner"
            ):
                key = name_key(
                    participant.first_name, participant.last_name, participant.date_of_birth
                )
                if key in wanted:
                    by_name[key].append(participant)
        return by_email, by_name

    @staticmethod
    def match(email, names, by_email, by_name):
        """The one participant a row means, None, or "ambiguous"."""
        candidates = by_email.get(email, []) if email else []
        if not candidates and names:
            candidates = by_name.get(names, [])
        if len(candidates) > 1:
            return "ambiguous"
        return candidates[0] if candidates else None


class Previewer:
    def __init__(self, job: ImportJob, actor: User):
        self.job = job
        self.actor = actor
        # An import of participants always has its partner (import_job_create).
        self.partner = cast(Partner, job.partner)
        self.default_language = "de" if self.partner.country == Country.DE else "da"
        self.matcher = Matcher(actor)
        # A programme manager or admin brings the list into a partner they chose: a known
        # participant of another partner is not theirs to update from this list.
        self.own_partner_only = not participant_access.creates_for_own_partner(
            actor, job.partner_id
        )
        self.seen_email: dict[str, int] = {}
        self.seen_name: dict[tuple, int] = {}

    def _coaches(self, rows: list[ParsedRow]) -> dict[str, User]:
        emails = {row.values["coach"].casefold() for row in rows if "coach" in row.values}
        if not emails:
            return {}
        coaches = User.objects.with_role("coach").filter(email__in=emails)
        return {coach.email.casefold(): coach for coach in coaches}

    def process(self, rows: list[ParsedRow]) -> list[ParsedRow]:
        coaches = self._coaches(rows)
        pending = []
        for row in rows:
            if "email" not in row.values:
                row.require(*IDENTITY)
            email, names = row_keys(row.values)
            row.label = " ".join(
                part for part in (row.values.get("first_name"), row.values.get("last_name")) if part
            )
            earlier = (self.seen_email.get(email) if email else None) or (
                self.seen_name.get(names) if names else None
            )
            if earlier is not None:
                row.outcome = ImportRow.Outcome.DUPLICATE
                row.duplicate_of = earlier
                continue
            if email:
                self.seen_email[email] = row.number
            if names:
                self.seen_name[names] = row.number
            if "coach" in row.values:
                coach = coaches.get(row.values["coach"].casefold())
                if coach is None or coach.partner_id is None:
                    row.add_error("coach", _("No coach has this e-mail address."))
            if not row.has_error("email") and (email or names):
                pending.append((row, email, names))
        by_email, by_name = self.matcher.lookup([(email, names) for _row, email, names in pending])
        for row, email, names in pending:
            match = Matcher.match(email, names, by_email, by_name)
            if match == "ambiguous":
                row.add_error(
                    "email" if email and by_email.get(email) else "last_name",
                    _("Several participants match this row; change them one by one instead."),
                )
            elif match is None:
                self._preview_new(row, coaches)
            else:
                self._preview_update(row, match, coaches)
        return rows

    def _coach_for(self, row: ParsedRow, coaches: dict, partner_id: int):
        if "coach" not in row.values or row.has_error("coach"):
            return None
        coach = coaches[row.values["coach"].casefold()]
        if coach.partner_id != partner_id:
            row.add_error("coach", _("This coach is not a coach of the participant's partner."))
            return None
        return coach

    def _preview_new(self, row: ParsedRow, coaches: dict) -> None:
        row.outcome = ImportRow.Outcome.NEW
        row.require(*NEEDED_FOR_NEW, message=_("Needed for a new participant."))
        self._coach_for(row, coaches, self.partner.pk)
        fields = {k: v for k, v in row.values.items() if k != "coach"}
        fields.setdefault("preferred_language", self.default_language)
        row.values = {**row.values, "preferred_language": fields["preferred_language"]}
        if row.has_error():
            return
        candidate = Participant(
            **fields, partner=self.partner, status=Participant.Status.INTERESTED
        )
        try:
            candidate.full_clean(
                exclude=_CLEAN_EXCLUDE, validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            row.add_validation_error(exc)

    def _preview_update(self, row: ParsedRow, participant: Participant, coaches: dict) -> None:
        row.outcome = ImportRow.Outcome.UPDATE
        row.target_id = participant.pk
        row.label = str(participant)
        if self.own_partner_only and participant.partner_id != self.partner.pk:
            row.add_error(
                "",
                _("This participant is known at another partner (%(partner)s).")
                % {"partner": participant.partner.name},
            )
            return
        if not participant_access.may_change_participant(self.actor, participant):
            row.add_error(
                "", _("This participant is known, but you may only read their case file.")
            )
            return
        coach = self._coach_for(row, coaches, participant.partner_id)
        candidate = copy.copy(participant)
        changed = []
        for key, value in row.values.items():
            if key == "coach":
                if coach is not None and coach.pk != participant.coach_id:
                    changed.append(key)
                continue
            current = getattr(participant, key)
            if key == "email" and value.casefold() == current.casefold():
                continue  # the same address (matching ignores case); keep it as it is
            if current != value:
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
    """Write a batch of previewed rows (new and update) through the participants services'
    bulk paths (participants_create_bulk / participants_update_bulk: the checks of
    participant_create / participant_update, one query per batch instead of several per row)."""
    decoded = {row.number: from_json(row.values, COLUMNS) for row in rows}
    coach_emails = {v["coach"].casefold() for v in decoded.values() if "coach" in v}
    coaches = {
        coach.email.casefold(): coach
        for coach in User.objects.with_role("coach").filter(email__in=coach_emails)
    }
    matcher = Matcher(actor)
    targets = matcher.queryset.select_related("partner").in_bulk(
        [row.target_id for row in rows if row.target_id]
    )
    # A participant added since the preview would now be a duplicate: check the new rows again.
    new_keys = {
        row.number: row_keys(decoded[row.number])
        for row in rows
        if row.outcome == ImportRow.Outcome.NEW
    }
    by_email, by_name = matcher.lookup(list(new_keys.values()))
    creates: list[tuple[ImportRow, dict]] = []
    updates: list[tuple[ImportRow, tuple]] = []
    for row in rows:
        fields = dict(decoded[row.number])
        coach = coaches.get(fields.pop("coach", "").casefold()) if "coach" in fields else None
        if row.outcome == ImportRow.Outcome.NEW:
            email, names = new_keys[row.number]
            if Matcher.match(email, names, by_email, by_name) is not None:
                committer.fail(
                    row,
                    _("Since the preview, a matching participant was added: upload again."),
                )
                continue
            creates.append((row, {**fields, "coach": coach}))
        else:
            participant = targets.get(row.target_id)
            if participant is None or not participant_access.may_change_participant(
                actor, participant
            ):
                committer.fail(row, _("You may no longer change this participant."))
                continue
            if not row.changed_fields:
                committer.progress(1)
                continue
            # Only what the preview showed as changed (never a field absent from the file).
            changes = {key: fields[key] for key in row.changed_fields if key in fields}
            if "coach" not in row.changed_fields:
                coach = None
            updates.append((row, (participant, coach, changes)))
    all_or_nothing = not committer.skip_errors
    if creates:
        try:
            result = participant_services.participants_create_bulk(
                actor=actor,
                partner=cast(Partner, job.partner),
                rows=[fields for _row, fields in creates],
                all_or_nothing=all_or_nothing,
            )
        except PermissionDenied:
            raise CommitRejected(
                _("you may no longer import participants into %(partner)s.")
                % {"partner": cast(Partner, job.partner).name}
            ) from None
        _record(committer, [row for row, _fields in creates], result)
    if updates:
        result = participant_services.participants_update_bulk(
            actor=actor, changes=[change for _row, change in updates], all_or_nothing=all_or_nothing
        )
        _record(committer, [row for row, _change in updates], result)


def _record(committer: Committer, rows: list[ImportRow], result) -> None:
    for index, exc in sorted(result.errors.items()):
        committer.refuse(rows[index], exc)
    committer.wrote(len(result.written))
