"""Writes of the imports app: check and store a file, preview it row by row, commit it.

The preview writes only ImportRows; the commit writes the records through the other apps'
services (participants, companies, attendance) in ONE transaction — all valid rows or none — and
marks the job committed in that same transaction, by a conditional status update, so a job is
never committed twice (a task delivered again finds it committed and does nothing).
Files over INLINE_MAX_ROWS rows are previewed and committed by Celery tasks, queued after commit.
"""

import logging
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jump.accounts.models import Partner, User
from jump.lib.files import name_for_type
from participants.models import Activity

from . import access, readers
from .columns import CellError, ColumnSet
from .kinds import KINDS, Kind
from .kinds.base import CommitRejected, Committer, ParsedRow, RowRejected, chunked
from .models import ImportJob, ImportRow

logger = logging.getLogger(__name__)

# Larger files are previewed and committed in a Celery task with progress.
INLINE_MAX_ROWS = 500
PREVIEW_BATCH = 500
COMMIT_BATCH = 1000

S = ImportJob.Status
O = ImportRow.Outcome  # noqa: E741


def _file_error(exc: ValidationError) -> ValidationError:
    return ValidationError({"file": exc.messages})


def import_job_create(
    *,
    actor: User,
    kind: str,
    upload: Any,  # an UploadedFile, or a File the benchmark and commands open
    partner: Partner | None = None,
    activity: Activity | None = None,
    inline: bool | None = None,
) -> ImportJob:
    """Check an uploaded file and keep it (private storage, random name); nothing is imported.

    Permission: access.may_import(actor, kind). A bad file (not a spreadsheet, protected,
    damaged, too large, required columns missing) → ValidationError on "file", nothing stored.
    Small files are previewed at once; larger ones by a task queued after commit (inline=True:
    at once whatever the size, for the benchmark and management commands).
    """
    if not access.may_import(actor, kind):
        raise PermissionDenied
    handler = KINDS[kind]
    partner, activity = _job_target(actor, kind, partner, activity)
    try:
        read = _read_upload(upload, handler)
    except ValidationError as exc:
        raise _file_error(exc) from None
    data, rows_total = read.data, read.rows_total
    job = ImportJob(
        kind=kind,
        requested_by=actor,
        partner=partner,
        activity=activity,
        file_format=read.file_format,
        original_filename=upload.name,
        size=len(data),
        rows_total=rows_total,
        headings=read.headings,
        ignored_columns=read.ignored,
    )
    # SECURITY 33: the name ends in the extension of the format the bytes were read as.
    job.original_filename = name_for_type(upload.name, job.content_type, fallback="import")
    if inline is None:
        inline = rows_total <= INLINE_MAX_ROWS
    job.file.save("upload", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            job.full_clean(exclude=["file"])
            job.save()
            if not inline:
                _queue("preview_import", job.pk)
    except Exception:
        job.file.delete(save=False)
        raise
    if inline:
        return import_job_preview(job_id=job.pk)
    return job


def _job_target(
    actor: User, kind: str, partner: Partner | None, activity: Activity | None
) -> tuple[Partner | None, Activity | None]:
    """(partner, activity) of a new import: an attendance list names its activity (from its day
    on), every other kind a partner (the actor's own unless they may choose one)."""
    if kind == ImportJob.Kind.ATTENDANCE:
        if activity is None:
            raise ValidationError({"activity": _("Choose the activity.")})
        if activity.date > timezone.localdate():
            raise ValidationError(
                {"activity": _("Attendance can be registered from the day of the activity on.")}
            )
        return None, activity
    if not access.may_choose_partner(actor, kind):
        partner = actor.partner
    if partner is None:
        raise ValidationError({"partner": _("Choose the partner.")})
    return partner, None


@dataclass(frozen=True)
class _ReadUpload:
    data: bytes
    rows_total: int
    file_format: str
    headings: dict[str, str]
    ignored: list[str]


def _read_upload(upload: Any, handler: Kind) -> _ReadUpload:
    """The upload's bytes and what its table says (ValidationError for a bad file)."""
    readers.check_size(upload.size)
    upload.seek(0)
    data = upload.read()
    with readers.open_table(data, upload.name, handler.columns) as table:
        missing = handler.missing_columns(table.keys)
        if missing:
            raise ValidationError(readers.missing_columns_message(missing), code="columns")
        if next(table.rows, None) is None:
            raise ValidationError(_("The file has a header row but no data rows."))
        rows_total = table.physical_rows - table.header_row
        if not 0 < rows_total <= readers.MAX_ROWS:
            # The cheap count is only an upper bound (or unknown): count the rows themselves.
            rows_total = 1 + sum(1 for _row in table.rows)
        return _ReadUpload(data, rows_total, table.file_format, table.headings, table.ignored)


def _queue(task_name: str, job_id: int) -> None:
    from . import tasks

    task = getattr(tasks, task_name)
    transaction.on_commit(lambda: task.delay(job_id))


# --- preview --------------------------------------------------------------------------------------


def parse_row(number: int, cells: list[Any], table: readers.Table, columns: ColumnSet) -> ParsedRow:
    """The cells of one row as values, column by column; a bad cell is an error of its column."""
    row = ParsedRow(number=number, values={}, errors=[], headings=table.headings, columns=columns)
    for index, column in table.positions:
        raw = cells[index] if index < len(cells) else None
        try:
            value = column.parse(raw, epoch=table.epoch)
        except CellError as exc:
            row.add_error(column.key, exc.message)
            continue
        if value is not None:
            row.values[column.key] = value
    return row


def import_job_preview(*, job_id: int) -> ImportJob:
    """Read the file and record, row by row, what importing it would do (ImportRows only).

    Idempotent: a job past "uploaded" is returned as it is; an interrupted preview starts over.
    Messages are in the active language (the task activates the importer's).
    """
    job = ImportJob.objects.select_related("requested_by", "partner", "activity").get(pk=job_id)
    if job.status != S.UPLOADED:
        return job
    handler = KINDS[job.kind]
    counts: Counter[str] = Counter()
    try:
        ImportRow.objects.filter(job=job).delete()
        with job.file.open("rb") as handle:
            data = handle.read()
        previewer = handler.previewer(job, job.requested_by)
        done = 0
        with readers.open_table(data, job.original_filename, handler.columns) as table:
            for batch in chunked(table.rows, PREVIEW_BATCH):
                parsed = [parse_row(n, cells, table, handler.columns) for n, cells in batch]
                previewer.process(parsed)
                rows = [row.to_model(job) for row in parsed]
                ImportRow.objects.bulk_create(rows)
                counts.update(row.outcome for row in rows)
                done += len(rows)
                ImportJob.objects.filter(pk=job.pk, status=S.UPLOADED).update(
                    progress=min(99, done * 100 // max(job.rows_total, 1))
                )
    except ValidationError as exc:
        return _fail(job, " ".join(exc.messages))
    except Exception:
        logger.exception("import %s: preview failed", job.pk)
        return _fail(job, _("The file could not be read. Nothing was imported."))
    ImportJob.objects.filter(pk=job.pk, status=S.UPLOADED).update(
        status=S.PREVIEWED,
        progress=100,
        rows_total=done,
        **_count_fields(counts),
    )
    job.refresh_from_db()
    return job


def _count_fields(counts: Counter[str]) -> dict[str, int]:
    return {
        "count_new": counts.get(O.NEW, 0),
        "count_update": counts.get(O.UPDATE, 0),
        "count_duplicate": counts.get(O.DUPLICATE, 0),
        "count_error": counts.get(O.ERROR, 0),
    }


def _recount(job: ImportJob) -> dict[str, int]:
    rows = ImportRow.objects.filter(job=job).values("outcome").annotate(n=Count("id"))
    return _count_fields(Counter({row["outcome"]: row["n"] for row in rows}))


def _fail(job: ImportJob, message: str) -> ImportJob:
    ImportJob.objects.filter(pk=job.pk, status__in=[S.UPLOADED, S.COMMITTING]).update(
        status=S.FAILED, error=message[:2000], finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


# --- commit ---------------------------------------------------------------------------------------


def import_job_commit(
    *, actor: User, job: ImportJob, skip_errors: bool, inline: bool | None = None
) -> ImportJob:
    """Import the previewed rows (the importer only): all valid rows in one transaction, or none.

    skip_errors=False (all or nothing) refuses while any row has an error. Small files are
    written at once, larger ones by a task queued after commit (inline=True: at once).
    """
    if not access.may_commit(actor, job):
        raise PermissionDenied
    if job.status != S.PREVIEWED:
        raise ValidationError(_("This import is not waiting to be imported."))
    if job.count_error and not skip_errors:
        raise ValidationError(
            {
                "skip_errors": ngettext(
                    "%(count)s row has an error. Correct the file and upload it again, or "
                    "import the valid rows only.",
                    "%(count)s rows have errors. Correct the file and upload it again, or "
                    "import the valid rows only.",
                    job.count_error,
                )
                % {"count": job.count_error}
            }
        )
    if job.count_new + job.count_update == 0:
        raise ValidationError(_("There is nothing to import: no row is new or an update."))
    run_inline = job.rows_total <= INLINE_MAX_ROWS if inline is None else inline
    with transaction.atomic():
        claimed = ImportJob.objects.filter(pk=job.pk, status=S.PREVIEWED).update(
            status=S.COMMITTING, skip_errors=skip_errors, progress=0, error=""
        )
        if not claimed:
            raise ValidationError(_("This import has already been started."))
        if not run_inline:
            _queue("commit_import", job.pk)
    if run_inline:
        return import_job_commit_run(job_id=job.pk)
    job.refresh_from_db()
    return job


class _AlreadyCommitted(Exception):
    pass


def import_job_commit_run(*, job_id: int) -> ImportJob:
    """Write a job that is "committing". Idempotent: any other status → nothing happens.

    Everything — the records, the rows refused on the way (valid-rows-only), the status
    "committed" — is one transaction; a crash leaves the job "committing" with nothing written,
    and running it again imports it once.
    """
    job = ImportJob.objects.select_related("requested_by", "partner", "activity").get(pk=job_id)
    if job.status != S.COMMITTING:
        return job
    handler = KINDS[job.kind]
    actor = job.requested_by
    progress = CommitProgress(job.pk, job.count_new + job.count_update)
    committer = Committer(
        columns=handler.columns,
        headings=job.headings,
        skip_errors=job.skip_errors,
        progress=progress,
    )
    try:
        with transaction.atomic():
            rows = ImportRow.objects.filter(job=job, outcome__in=[O.NEW, O.UPDATE])
            if handler.commit_all_at_once:
                handler.commit(job, actor, list(rows.order_by("number")), committer)
            else:
                last = 0
                while batch := list(rows.filter(number__gt=last).order_by("number")[:COMMIT_BATCH]):
                    handler.commit(job, actor, batch, committer)
                    last = batch[-1].number
            result = committer.result
            for number, errors in result.failed.items():
                ImportRow.objects.filter(job=job, number=number).update(
                    outcome=O.ERROR, errors=errors, target_id=None, changed_fields=[]
                )
            claimed = ImportJob.objects.filter(pk=job.pk, status=S.COMMITTING).update(
                status=S.COMMITTED,
                count_written=result.written,
                progress=100,
                finished_at=timezone.now(),
                **_recount(job),
            )
            if not claimed:
                raise _AlreadyCommitted
    except _AlreadyCommitted:
        pass
    except RowRejected as exc:
        _reopen(
            job,
            _(
                "Nothing was imported: row %(row)s was refused when it was written. "
                "See the row below."
            )
            % {"row": exc.number},
            rejected=exc,
        )
    except CommitRejected as exc:
        _reopen(job, _("Nothing was imported: %(reason)s") % {"reason": exc.message})
    except Exception:
        logger.exception("import %s: commit failed", job.pk)
        _fail(job, _("The import failed. Nothing was imported."))
    finally:
        progress.close()
    job.refresh_from_db()
    return job


def _reopen(job: ImportJob, message: str, rejected: RowRejected | None = None) -> None:
    """Back to "previewed" after a refused commit (nothing was written), with the reason."""
    with transaction.atomic():
        if rejected is not None:
            ImportRow.objects.filter(job=job, number=rejected.number).update(
                outcome=O.ERROR, errors=rejected.errors, target_id=None, changed_fields=[]
            )
        ImportJob.objects.filter(pk=job.pk, status=S.COMMITTING).update(
            status=S.PREVIEWED, progress=0, error=message, **_recount(job)
        )


class CommitProgress:
    """The commit's progress, made visible while its transaction is still open.

    The commit is one transaction, so its own writes are invisible until it ends. On PostgreSQL
    the progress is written through a second connection (autocommit; a locked row is skipped,
    never waited for). SQLite allows one writer at a time: there the page shows no percentage.
    """

    STEP = 5

    def __init__(self, job_id: int, total: int):
        self.job_id = job_id
        self.total = max(total, 1)
        self.done = 0
        self.reported = 0
        self.side: BaseDatabaseWrapper | None = None
        self.enabled = connection.vendor == "postgresql" and total > INLINE_MAX_ROWS

    def __call__(self, count: int) -> None:
        self.done += count
        percent = min(99, self.done * 100 // self.total)
        if self.enabled and percent >= self.reported + self.STEP:
            self.reported = percent
            self._write(percent)

    def _write(self, percent: int) -> None:
        try:
            if self.side is None:
                self.side = connections.create_connection(DEFAULT_DB_ALIAS)
            with self.side.cursor() as cursor:
                cursor.execute(
                    "UPDATE imports_importjob SET progress = %s WHERE id IN "
                    "(SELECT id FROM imports_importjob WHERE id = %s FOR UPDATE SKIP LOCKED)",
                    [percent, self.job_id],
                )
        except DatabaseError:
            logger.warning("import %s: progress not written", self.job_id, exc_info=True)
            self.enabled = False

    def close(self) -> None:
        if self.side is not None:
            self.side.close()
            self.side = None
