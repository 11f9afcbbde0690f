"""Erasure and retention of a participant's personal data (SECURITY 22; GDPR Art. 17).

Erasure pseudonymises: the participant row stays (indicators, placements and the append-only
access log point at it), but every direct identifier and every free text about the person is
replaced, the person's files are deleted, and only the statistical fields that docs/indicators.md
counts are kept — gender, birth year (and whether the birthday fell before entry, so that the
age at entry stays the same), country, education level, labour-market status, partner, status,
dates, outcomes, ratings, attendance and placements.

An erasure is remembered in the `ErasureLedger` by a keyed hash of the public id and the date
(no name), in the database and in an append-only file beside the private files, so that it can
be applied again after an older backup has been restored (`manage.py erasure_reapply`).
"""

import dataclasses
import datetime
import json
import logging
from functools import partial
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from . import registry
from .models import AccessLog, ErasureLedger, Retention
from .registry import ERASED_FIRST_NAME, ERASED_TEXT  # noqa: F401 (named here by callers)
from .services import access_log_record

logger = logging.getLogger(__name__)

LEDGER_SALT = "jump.audit.erasure-ledger.v1"
RETENTION_YEARS = 5


@dataclasses.dataclass(frozen=True)
class ErasureResult:
    erased: bool  # False: the participant had already been erased, nothing changed
    files_deleted: int = 0


def subject_hash(public_id, *, key: str | None = None) -> str:
    """The ledger's keyed hash of a participant's public id: HMAC-SHA256 with the ledger's own
    key (ERASURE_LEDGER_KEY, or `key`), never SECRET_KEY — rotating the secret key after a leak
    must not stop `erasure_reapply` from recognising the erased after a restore."""
    key = key if key is not None else getattr(settings, "ERASURE_LEDGER_KEY", "")
    if not key:
        raise ImproperlyConfigured("ERASURE_LEDGER_KEY is not set: the erasure ledger needs it.")
    return salted_hmac(LEDGER_SALT, str(public_id), secret=key, algorithm="sha256").hexdigest()


def ledger_file() -> Path:
    """The append-only copy of the ledger, outside the database (survives a database restore)."""
    return Path(settings.PRIVATE_ROOT) / "audit" / "erasure-ledger.jsonl"


def _append_to_ledger_file(entry_hash: str, erased_on: datetime.date) -> None:
    path = ledger_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"hash": entry_hash, "date": erased_on.isoformat()}) + "\n")


def read_ledger_file(path: Path) -> list[tuple[str, datetime.date]]:
    """The entries of a ledger file; unreadable lines are skipped with a warning."""
    entries: list[tuple[str, datetime.date]] = []
    if not path.exists():
        return entries
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            entries.append((str(data["hash"]), datetime.date.fromisoformat(data["date"])))
        except (ValueError, KeyError, TypeError):
            logger.warning("erasure ledger %s: line %d is not an entry", path, number)
    return entries


def _scrub_related(participant) -> list[tuple]:
    """Every app blanks what it holds about the participant (jump.audit.registry); the files
    to delete after commit are returned (storage, name)."""
    files: list[tuple] = []
    for scrub in registry.scrubbers():
        files += scrub(participant)
    return files


def participant_erase(*, participant, actor, reason: str) -> ErasureResult:
    """Erase one participant's personal data in one transaction (see the module docstring).

    Permission is the caller's business (admins, or the retention job). Idempotent: an already
    erased participant is left alone and `erased` is False. A legal hold refuses erasure
    (ValidationError). Files are deleted after commit; one AccessLog ERASE row is written.
    """
    Participant = registry.subject().model
    with transaction.atomic():
        locked = Participant.objects.select_for_update().get(pk=participant.pk)
        if locked.erased_at is not None:
            return ErasureResult(erased=False)
        if Retention.objects.filter(participant=locked, legal_hold=True).exists():
            raise ValidationError(
                _("This participant's data is under a legal hold and cannot be erased."),
                code="legal_hold",
            )
        files = _scrub_related(locked)
        registry.subject().pseudonymise(locked)
        entry_hash = subject_hash(locked.public_id)
        erased_on = timezone.localdate()
        _entry, created = ErasureLedger.objects.get_or_create(
            subject_hash=entry_hash, defaults={"erased_on": erased_on}
        )
        access_log_record(
            actor=actor,
            action=AccessLog.Action.ERASE,
            what="erasure",
            participant=locked,
            reason=reason,
        )
        for storage, name in files:
            transaction.on_commit(partial(storage.delete, name))
        if created:
            transaction.on_commit(lambda: _append_to_ledger_file(entry_hash, erased_on))
    participant.refresh_from_db()
    return ErasureResult(erased=True, files_deleted=len(files))


@dataclasses.dataclass
class ReapplyResult:
    entries: int = 0
    reapplied: int = 0
    already_erased: int = 0
    not_found: int = 0
    errors: list = dataclasses.field(default_factory=list)


def erasure_reapply(*, file_path: Path | None = None) -> ReapplyResult:
    """Apply every ledger entry (the database's and the ledger file's) once more.

    For a database restored from a backup older than some erasures: entries only in the file
    are added to the database's ledger, and every participant whose keyed hash is in the
    ledger but who is not erased is erased again (actor: none). Idempotent.
    """
    Participant = registry.subject().model
    file_entries = read_ledger_file(file_path or ledger_file())
    for entry_hash, erased_on in file_entries:
        try:
            with transaction.atomic():
                ErasureLedger.objects.get_or_create(
                    subject_hash=entry_hash, defaults={"erased_on": erased_on}
                )
        except IntegrityError:  # written meanwhile by a concurrent erasure
            pass
    ledger = set(ErasureLedger.objects.values_list("subject_hash", flat=True))
    result = ReapplyResult(entries=len(ledger))
    found = set()
    for pk, public_id, erased_at in Participant.objects.values_list(
        "pk", "public_id", "erased_at"
    ).iterator(chunk_size=2000):
        entry_hash = subject_hash(public_id)
        if entry_hash not in ledger:
            continue
        found.add(entry_hash)
        if erased_at is not None:
            result.already_erased += 1
            continue
        try:
            outcome = participant_erase(
                participant=Participant(pk=pk, public_id=public_id),
                actor=None,
                reason="reapplied from the erasure ledger",
            )
        except ValidationError as exc:  # a legal hold set after the erasure was requested
            result.errors.append((str(public_id), " ".join(exc.messages)))
            continue
        if outcome.erased:
            result.reapplied += 1
        else:
            result.already_erased += 1
    result.not_found = len(ledger - found)
    return result


@dataclasses.dataclass
class RekeyResult:
    entries: int = 0
    rehashed: int = 0
    not_found: int = 0  # entries of people not in this database: left as they were


def erasure_ledger_rekey(*, old_key: str, file_path: Path | None = None) -> RekeyResult:
    """Rehash the erasure ledger from `old_key` to the current ERASURE_LEDGER_KEY (rotation).

    The ledger holds hashes only, so each participant's public id is hashed with the old key;
    where that hash is in the ledger (the database's or the file's) it is replaced by the new
    key's hash, in the database (one transaction; on PostgreSQL the append-only trigger is lifted
    inside it, as a restore does) and in the ledger file (written anew, then renamed over the
    old one after commit). Entries that match nobody in this database stay as they were. Run
    `erasure_reapply` first after a restore, then this. Idempotent with the same keys.
    """
    new_key = settings.ERASURE_LEDGER_KEY
    path = file_path or ledger_file()
    dates = dict(read_ledger_file(path))
    dates.update(ErasureLedger.objects.values_list("subject_hash", "erased_on"))
    result = RekeyResult(entries=len(dates))
    Participant = registry.subject().model
    renamed: dict[str, str] = {}
    for public_id in Participant.objects.values_list("public_id", flat=True).iterator(
        chunk_size=2000
    ):
        old = subject_hash(public_id, key=old_key)
        if old in dates:
            renamed[old] = subject_hash(public_id, key=new_key)
    result.rehashed = len(renamed)
    result.not_found = len(dates) - len(renamed)
    rows = [(renamed.get(entry, entry), erased_on) for entry, erased_on in dates.items()]
    with transaction.atomic():
        table = ErasureLedger._meta.db_table
        postgres = connection.vendor == "postgresql"
        with connection.cursor() as cursor:
            if postgres:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")  # noqa: S608
            for old, new in renamed.items():
                ErasureLedger.objects.filter(subject_hash=old).update(subject_hash=new)
            if postgres:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")  # noqa: S608
        transaction.on_commit(lambda: _write_ledger_file(path, rows))
    return result


def _write_ledger_file(path: Path, rows: list[tuple[str, datetime.date]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = path.with_name(path.name + ".new")
    with fresh.open("w", encoding="utf-8") as handle:
        for entry_hash, erased_on in sorted(rows, key=lambda row: (row[1], row[0])):
            handle.write(json.dumps({"hash": entry_hash, "date": erased_on.isoformat()}) + "\n")
    fresh.replace(path)


def default_retention_end() -> datetime.date | None:
    """31 December of the final payment's year plus five years; None while it is not known."""
    final_payment = settings.JUMP_FINAL_PAYMENT_DATE
    if final_payment is None:
        return None
    return datetime.date(final_payment.year + RETENTION_YEARS, 12, 31)


def retention_end_of(participant) -> datetime.date | None:
    """The participant's retention end: their own, else the programme's default."""
    own = Retention.objects.filter(participant=participant).values_list("retention_end", flat=True)
    own_end = next(iter(own), None)
    return own_end or default_retention_end()


def retention_due(today: datetime.date | None = None):
    """Participants whose retention end has passed, not erased and not under a legal hold."""
    Participant = registry.subject().model
    today = today or timezone.localdate()
    passed = Q(retention__retention_end__lt=today)
    default_end = default_retention_end()
    if default_end is not None and default_end < today:
        passed |= Q(retention__isnull=True) | Q(retention__retention_end__isnull=True)
    return (
        Participant.objects.filter(passed, erased_at__isnull=True)
        .exclude(retention__legal_hold=True)
        .order_by("pk")
    )


@dataclasses.dataclass
class RetentionResult:
    due: list  # public ids of the participants whose retention end has passed
    erased: int = 0
    dry_run: bool = False


def retention_apply(*, dry_run: bool = False, today: datetime.date | None = None):
    """Erase every participant whose retention end has passed (none with `dry_run`).

    Idempotent: erased participants are no longer due. Each erasure is its own transaction.
    """
    due = list(retention_due(today))
    result = RetentionResult(due=[p.public_id for p in due], dry_run=dry_run)
    if dry_run:
        return result
    for participant in due:
        try:
            outcome = participant_erase(
                participant=participant, actor=None, reason="retention period ended"
            )
        except ValidationError:  # a legal hold set since the list was read
            continue
        result.erased += int(outcome.erased)
    return result
