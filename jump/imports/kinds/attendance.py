"""Import of the attendance at one activity: a row per participant, with attended/absent/excused.

A row names a participant by e-mail address, or by first name, last name and date of birth,
among the participants the importer may register (participants.selectors.attendance_candidates).
The whole list is written with one call of participants.services.attendance_register.

A programme manager's list (issue 11; access.adds_only) names participants of the activity's
partner (participants.selectors.attendance_list_candidates) and only adds: an attendance
already registered is an error row, and the list is written by attendance_add_from_list.
"""

from dataclasses import replace
from typing import cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jump.accounts.models import User
from participants import selectors as participant_selectors
from participants import services as participant_services
from participants.models import Activity, Attendance, Participant

from .. import access
from ..columns import Choice, Column, ColumnSet
from ..models import ImportJob, ImportRow
from . import people
from .base import CommitRejected, Committer, ParsedRow, from_json
from .participants import name_key, row_keys

STATUS = Column(
    "status",
    en="Attendance",
    da="Fremmøde",
    de="Anwesenheit",
    type="choice",
    required=True,
    aliases=("Status", "Attended", "Deltagelse", "Fremmødt", "Teilnahme", "Anwesend?"),
    choices=(
        Choice(
            "attended",
            "Attended",
            "Deltog",
            "Anwesend",
            aliases=("Present", "Til stede", "Mødt", "Teilgenommen", "x"),
        ),
        Choice(
            "absent",
            "Absent",
            "Fraværende",
            "Abwesend",
            aliases=("Udeblev", "Ikke mødt", "Fehlt", "Nicht erschienen", "Unentschuldigt"),
        ),
        Choice(
            "excused",
            "Excused",
            "Meldt afbud",
            "Entschuldigt",
            aliases=("Afbud", "Lovligt fravær", "Abgemeldet"),
        ),
    ),
    model_choices=Attendance.Status.choices,
    help=gettext_lazy("Attended, absent or excused."),
)
COLUMNS = ColumnSet(
    (
        people.EMAIL,
        replace(people.FIRST_NAME, help=gettext_lazy("Needed when there is no e-mail address.")),
        replace(people.LAST_NAME, help=gettext_lazy("Needed when there is no e-mail address.")),
        replace(
            people.DATE_OF_BIRTH,
            help=gettext_lazy(
                "Needed when there is no e-mail address: dd.mm.yyyy, dd-mm-yyyy, yyyy-mm-dd "
                "or an Excel date."
            ),
        ),
        STATUS,
    )
)
NAME_COLUMNS = ("first_name", "last_name", "date_of_birth")


def check_columns(keys: set[str]) -> list[Column]:
    """Attendance, and either the e-mail address or name and date of birth."""
    missing = [column for column in COLUMNS.required if column.key not in keys]
    if "email" not in keys:
        missing += [COLUMNS.by_key[key] for key in NAME_COLUMNS if key not in keys]
    return missing


class Candidates:
    """The participants `actor` may register for the activity, by e-mail and by name."""

    def __init__(self, actor: User, activity):
        self.list = participant_selectors.attendance_list_candidates(actor, activity)
        self.by_pk: dict[int | None, Participant] = {p.pk: p for p in self.list}
        self.by_email: dict[str, list] = {}
        self.by_name: dict[tuple, list] = {}
        for participant in self.list:
            if participant.email:
                self.by_email.setdefault(participant.email.casefold(), []).append(participant)
            key = name_key(participant.first_name, participant.last_name, participant.date_of_birth)
            self.by_name.setdefault(key, []).append(participant)

    def match(self, values: dict):
        email, names = row_keys(values)
        found = self.by_email.get(email, []) if email else []
        if not found and names:
            found = self.by_name.get(names, [])
        if len(found) > 1:
            return "ambiguous"
        return found[0] if found else None


class Previewer:
    def __init__(self, job: ImportJob, actor: User):
        self.job = job
        self.candidates = Candidates(actor, job.activity)
        self.adds_only = access.adds_only(actor, ImportJob.Kind.ATTENDANCE)
        self.seen: dict[int, int] = {}

    def process(self, rows: list[ParsedRow]) -> list[ParsedRow]:
        for row in rows:
            row.require("status")
            row.label = " ".join(
                row.values[key] for key in ("first_name", "last_name") if key in row.values
            ) or row.values.get("email", "")
            if row.has_error("email") or row.has_error("date_of_birth"):
                continue
            if "email" not in row.values:
                row.require(*NAME_COLUMNS, message=_("Needed when there is no e-mail address."))
                if row.has_error():
                    continue
            participant = self.candidates.match(row.values)
            column = "email" if "email" in row.values else "last_name"
            if participant == "ambiguous":
                row.add_error(column, _("Several participants match this row."))
                continue
            if participant is None:
                row.add_error(
                    column, _("None of the participants you may register matches this row.")
                )
                continue
            row.label = str(participant)
            row.target_id = participant.pk
            if participant.pk in self.seen:
                row.outcome = ImportRow.Outcome.DUPLICATE
                row.duplicate_of = self.seen[participant.pk]
                continue
            self.seen[participant.pk] = row.number
            current = participant.current_status
            if current is not None and self.adds_only:
                row.add_error(
                    column,
                    _(
                        "Attendance is already registered for this participant — only coaches "
                        "and admins change it."
                    ),
                )
                continue
            row.outcome = ImportRow.Outcome.NEW if current is None else ImportRow.Outcome.UPDATE
            if current is not None and "status" in row.values and current != row.values["status"]:
                row.changed_fields = ["status"]
        return rows


def commit(job: ImportJob, actor: User, rows: list[ImportRow], committer: Committer) -> None:
    """All rows of the file at once: attendance_register writes the whole list or nothing."""
    candidates = Candidates(actor, job.activity).by_pk
    statuses = {}
    for row in rows:
        participant = candidates.get(row.target_id)
        if participant is None:
            committer.fail(row, _("You may no longer register this participant."))
            continue
        statuses[participant] = from_json(row.values, COLUMNS)["status"]
    if not statuses:
        return
    register = (
        participant_services.attendance_add_from_list
        if access.adds_only(actor, ImportJob.Kind.ATTENDANCE)
        else participant_services.attendance_register
    )
    try:
        # An attendance import always names its activity (import_job_create).
        changed = register(actor=actor, activity=cast(Activity, job.activity), statuses=statuses)
    except (ValidationError, PermissionDenied) as exc:
        # One call for the whole list: its refusal concerns every row, so the import stops.
        messages = exc.messages if isinstance(exc, ValidationError) else []
        raise CommitRejected(
            " ".join(messages) or _("You may not register attendance for these participants.")
        ) from exc
    committer.result.written += changed
    committer.progress(len(statuses))
