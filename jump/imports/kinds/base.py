"""What every kind of import shares: parsed rows, row errors, and the commit's outcome."""

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _

from ..columns import ColumnSet
from ..models import ImportRow

# Queries with IN (...) stay well below every database's limit on parameters.
LOOKUP_CHUNK = 500


def chunked(items: Iterable, size: int = LOOKUP_CHUNK) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class ParsedRow:
    """One data row of the file, its cells turned into values (or errors) column by column."""

    number: int
    values: dict
    errors: list[dict]
    # key → the column's heading as written in the file (shared by all rows of a file)
    headings: dict[str, str]
    columns: ColumnSet
    outcome: str = ""
    target_id: int | None = None
    duplicate_of: int | None = None
    changed_fields: list[str] = field(default_factory=list)
    label: str = ""

    def heading(self, key: str) -> str:
        if key in self.headings:
            return self.headings[key]
        column = self.columns.by_key.get(key)
        return column.heading() if column else ""

    def has_error(self, key: str | None = None) -> bool:
        if key is None:
            return bool(self.errors)
        return any(error["field"] == key for error in self.errors)

    def add_error(self, key: str, message) -> None:
        self.errors.append({"column": self.heading(key), "field": key, "message": str(message)})

    def add_validation_error(self, exc: ValidationError) -> None:
        """The messages of a model's or service's ValidationError, on the columns they name.

        A field that already has an error on this row keeps only the first (more precise) one.
        """
        if hasattr(exc, "error_dict"):
            for name, messages in exc.message_dict.items():
                key = "" if name == NON_FIELD_ERRORS else name
                if key and self.has_error(key):
                    continue
                for message in messages:
                    self.add_error(key, message)
        else:
            for message in exc.messages:
                self.add_error("", message)

    def require(self, *keys: str, message=None) -> None:
        for key in keys:
            if key not in self.values and not self.has_error(key):
                self.add_error(key, message or _("This cell must not be empty."))

    def to_model(self, job) -> ImportRow:
        outcome = ImportRow.Outcome.ERROR if self.errors else self.outcome
        return ImportRow(
            job=job,
            number=self.number,
            outcome=outcome,
            target_id=self.target_id if outcome != ImportRow.Outcome.ERROR else None,
            duplicate_of=self.duplicate_of,
            errors=self.errors,
            values=to_json(self.values),
            changed_fields=self.changed_fields if outcome == ImportRow.Outcome.UPDATE else [],
            label=self.label[:300],
        )


def to_json(values: dict) -> dict:
    return {
        key: value.isoformat() if isinstance(value, datetime.date) else value
        for key, value in values.items()
    }


def from_json(values: dict, columns: ColumnSet) -> dict:
    """Values stored by the preview, dates turned back into dates."""
    result = {}
    for key, value in values.items():
        column = columns.by_key.get(key)
        if column is not None and column.type == "date" and isinstance(value, str):
            value = datetime.date.fromisoformat(value)
        result[key] = value
    return result


class RowRejected(Exception):
    """A row failed when it was written and the import is all or nothing: nothing is written."""

    def __init__(self, number: int, errors: list[dict]):
        super().__init__(number)
        self.number = number
        self.errors = errors


class CommitRejected(Exception):
    """The import as a whole was refused when written (e.g. by a service's overall check)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class CommitResult:
    written: int = 0
    # Rows that failed when written (only when valid rows are imported without them).
    failed: dict[int, list[dict]] = field(default_factory=dict)


def service_error(
    exc: Exception, row: ImportRow, columns: ColumnSet, headings: dict[str, str]
) -> list[dict]:
    """A service's refusal as row errors (translated), on the columns it names."""
    parsed = ParsedRow(number=row.number, values={}, errors=[], headings=headings, columns=columns)
    if isinstance(exc, ValidationError):
        parsed.add_validation_error(exc)
    elif isinstance(exc, PermissionDenied):
        parsed.add_error("", _("You may not change this record."))
    elif isinstance(exc, IntegrityError):
        parsed.add_error("", _("The record could not be saved: it conflicts with another one."))
    else:
        raise exc
    return parsed.errors


class Committer:
    """Writes rows one by one through a service; a refused row stops all or is left out."""

    def __init__(
        self,
        *,
        columns: ColumnSet,
        headings: dict[str, str],
        skip_errors: bool,
        progress: Callable[[int], None],
    ):
        self.columns = columns
        self.headings = headings
        self.skip_errors = skip_errors
        self.progress = progress
        self.result = CommitResult()

    def write(self, row: ImportRow, action: Callable[[], object]) -> None:
        from django.db import transaction

        try:
            if self.skip_errors:
                # A savepoint per row: a refused row leaves nothing behind, the others stay.
                with transaction.atomic():
                    action()
            else:
                action()
        except (ValidationError, PermissionDenied, IntegrityError) as exc:
            errors = service_error(exc, row, self.columns, self.headings)
            if not self.skip_errors:
                raise RowRejected(row.number, errors) from exc
            self.result.failed[row.number] = errors
        else:
            self.result.written += 1
        self.progress(1)

    def refuse(self, row: ImportRow, exc: Exception) -> None:
        """A row a bulk service refused (nothing of it was written)."""
        errors = service_error(exc, row, self.columns, self.headings)
        if not self.skip_errors:
            raise RowRejected(row.number, errors) from exc
        self.result.failed[row.number] = errors
        self.progress(1)

    def wrote(self, count: int) -> None:
        """`count` rows a bulk service wrote."""
        self.result.written += count
        self.progress(count)

    def fail(self, row: ImportRow, message) -> None:
        errors = [{"column": "", "field": "", "message": str(message)}]
        if not self.skip_errors:
            raise RowRejected(row.number, errors)
        self.result.failed[row.number] = errors
        self.progress(1)
