"""A real Celery worker on Redis builds a report file (SECURITY 25, 26).

Needs PostgreSQL and REDIS_URL (skipped loudly otherwise, see tests/integration/conftest.py):
DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> REDIS_URL=redis://127.0.0.1:6379/13
"""

import datetime
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings

from jump.reports import services
from jump.reports.models import ReportRun

# The worker fixtures live in tests/integration/conftest.py; importing them makes them usable.
from tests.integration.conftest import (  # noqa: F401
    celery_app_live,
    celery_worker_process,
    wait_for,
    worker_extra_env,
)

from . import builders as b

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_on_redis_builds_the_report_file(
    celery_worker_process,  # noqa: F811
    personas,
    partner_a,
):
    b.participant(partner_a, entry=datetime.date(2026, 3, 10))
    run = services.report_run_request(
        actor=personas.manager,
        period_start=datetime.date(2026, 3, 1),
        period_end=datetime.date(2026, 3, 31),
        format=ReportRun.Format.XLSX,
    )
    wait_for(
        lambda: ReportRun.objects.get(pk=run.pk).is_finished,
        timeout=120,
        worker=celery_worker_process,
    )
    run.refresh_from_db()
    assert run.status == ReportRun.Status.DONE, run.error
    assert (run.progress, run.attempts) == (100, 1)
    # The worker process is given this test's private root and writes there.
    files = [Path(settings.PRIVATE_ROOT) / run.file.name]
    assert files[0].exists()
    try:
        workbook = openpyxl.load_workbook(files[0], read_only=True)
        assert workbook.sheetnames == [
            "indicators",
            "participants",
            "placements",
            "training",
            "definitions",
        ]
        assert not list(files[0].parent.glob("*.part"))
    finally:
        files[0].unlink()
