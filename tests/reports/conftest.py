"""The reports world: a done report run of the manager (with its file), a failed one, and a
little programme data so that every page has something to show."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from jump.reports.models import ReportRun, report_file_name

from . import builders as b


def done_run(user, *, fmt="xlsx", content=b"PK report", **kw) -> ReportRun:
    run = ReportRun.objects.create(
        requested_by=user,
        period_start=datetime.date(2026, 3, 1),
        period_end=datetime.date(2026, 3, 31),
        format=fmt,
        status=ReportRun.Status.QUEUED,
        **kw,
    )
    name = default_storage.save(report_file_name(run), ContentFile(content))
    run.file = name
    run.status = ReportRun.Status.DONE
    run.progress = 100
    run.save()
    return run


@pytest.fixture
def world(personas, partner_a, partner_b):
    person = b.participant(partner_a, entry=datetime.date(2026, 3, 10))
    b.attend(b.activity(partner_a), person)
    failed = ReportRun.objects.create(
        requested_by=personas.manager,
        period_start=datetime.date(2026, 3, 1),
        period_end=datetime.date(2026, 3, 31),
        format="csv",
        status=ReportRun.Status.FAILED,
        error=ReportRun.Error.BUILD_FAILED,
    )
    return SimpleNamespace(
        personas=personas,
        partner_a=partner_a,
        partner_b=partner_b,
        participant=person,
        run=done_run(personas.manager),
        failed_run=failed,
    )
