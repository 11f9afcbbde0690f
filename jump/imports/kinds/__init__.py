"""The three kinds of import and what each needs: columns, checks, preview and commit."""

from collections.abc import Callable
from dataclasses import dataclass

from ..columns import ColumnSet
from ..models import ImportJob
from . import attendance, companies, participants


@dataclass(frozen=True)
class Kind:
    key: str
    columns: ColumnSet
    # Required columns missing from a file with these column keys.
    missing_columns: Callable
    previewer: Callable
    commit: Callable
    # Attendance is written by one service call for the whole list.
    commit_all_at_once: bool = False


KINDS: dict[str, Kind] = {
    ImportJob.Kind.PARTICIPANTS: Kind(
        key=ImportJob.Kind.PARTICIPANTS,
        columns=participants.COLUMNS,
        missing_columns=participants.check_columns,
        previewer=participants.Previewer,
        commit=participants.commit,
    ),
    ImportJob.Kind.COMPANIES: Kind(
        key=ImportJob.Kind.COMPANIES,
        columns=companies.COLUMNS,
        missing_columns=companies.check_columns,
        previewer=companies.Previewer,
        commit=companies.commit,
    ),
    ImportJob.Kind.ATTENDANCE: Kind(
        key=ImportJob.Kind.ATTENDANCE,
        columns=attendance.COLUMNS,
        missing_columns=attendance.check_columns,
        previewer=attendance.Previewer,
        commit=attendance.commit,
        commit_all_at_once=True,
    ),
}
