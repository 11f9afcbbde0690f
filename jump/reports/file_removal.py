"""Report files with names leave the disk (SECURITY 22): when a person who may be in one is
erased, and when they are older than REPORT_FILES_WITH_NAMES_DAYS. The run stays, marked with
why its file is gone (`ReportRun.file_removed`); pseudonymised files are not touched.
"""

import datetime
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import ReportRun


def _named_files():
    return ReportRun.objects.filter(
        with_names=True, status=ReportRun.Status.DONE, file_removed=""
    ).exclude(file="")


def named_files_of_person_remove(participant) -> list[tuple]:
    """Mark every run with names whose filters could include `participant` (no partner filter
    or theirs; no country filter or their partner's) as "file removed by erasure"; returns its
    files (storage, name) for the erasure to delete after commit. Called inside the erasure's
    transaction (registered with jump.audit.registry)."""
    partner = participant.partner
    runs = _named_files().filter(
        Q(partner__isnull=True) | Q(partner_id=participant.partner_id),
        Q(country="") | Q(country=getattr(partner, "country", "")),
    )
    files = [(run.file.storage, run.file.name) for run in runs]
    runs.update(file_removed="erasure")
    return files


def named_files_expire(now: datetime.datetime | None = None) -> int:
    """Delete the files with names built more than REPORT_FILES_WITH_NAMES_DAYS ago; the runs
    are marked "file expired". Idempotent; returns how many files were removed."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.REPORT_FILES_WITH_NAMES_DAYS)
    with transaction.atomic():
        runs = _named_files().filter(finished_at__lt=cutoff).select_for_update()
        files = [(run.file.storage, run.file.name) for run in runs]
        runs.update(file_removed="expired")
        for storage, name in files:
            transaction.on_commit(partial(storage.delete, name))
    return len(files)
