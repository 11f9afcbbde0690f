"""A large import previewed and committed by a real Celery worker on Redis (PostgreSQL + Redis;
skipped loudly without them, like tests/integration)."""

import pytest

from jump.imports import services, tasks
from jump.imports.models import ImportJob
from participants.models import Participant
from tests.integration import conftest as integration
from tests.integration.conftest import (
    celery_app_live,  # noqa: F401 - a fixture
    wait_for,
)

from .files import PARTICIPANT_HEADER_EN, csv_bytes, participant_row, upload

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def imports_worker(celery_app_live, tmp_path):  # noqa: F811
    """A worker that knows the imports app (tests.imports.settings until it is registered)."""
    queue = f"test-imports-{tmp_path.name}"
    celery_app_live.conf.task_default_queue = queue
    worker = integration.Worker(
        queue, tmp_path / "worker.log", env={"DJANGO_SETTINGS_MODULE": "tests.imports.settings"}
    ).start()
    yield worker
    worker.stop()
    celery_app_live.conf.task_default_queue = "celery"


def test_a_worker_previews_and_commits_a_large_file_once(imports_worker, personas, monkeypatch):
    monkeypatch.setattr(services, "INLINE_MAX_ROWS", 3)
    data = csv_bytes([PARTICIPANT_HEADER_EN, *(participant_row(n) for n in range(8))])
    job = services.import_job_create(
        actor=personas.coach_a, kind="participants", upload=upload("large.csv", data)
    )
    assert job.status == ImportJob.Status.UPLOADED

    def status():
        job.refresh_from_db()
        return job.status

    wait_for(lambda: status() == ImportJob.Status.PREVIEWED, worker=imports_worker)
    assert job.count_new == 8

    services.import_job_commit(actor=personas.coach_a, job=job, skip_errors=False)
    wait_for(lambda: status() == ImportJob.Status.COMMITTED, worker=imports_worker)
    assert Participant.objects.count() == 8

    # The same task delivered once more (acks_late): the job is committed, nothing is added.
    tasks.commit_import.delay(job.pk)
    wait_for(
        lambda: imports_worker.output().count("commit_import[") >= 4,  # received + succeeded, x2
        worker=imports_worker,
    )
    assert Participant.objects.count() == 8
