"""Celery tasks of the imports app: thin, by id, crash-safe (docs/style.md "Tasks").

Both are idempotent through the job's status (a conditional update in the services): a task
delivered twice — acks_late, a worker lost mid-way — finds the job done and does nothing, or
starts a preview over / commits a job whose earlier attempt was rolled back.
"""

from celery import shared_task
from django.utils import translation

from . import services
from .models import ImportJob

# Ten thousand rows take well under a minute; the limits stay below the broker's visibility
# timeout (settings.CELERY_BROKER_TRANSPORT_OPTIONS), so a running task is never handed out twice.
TASK_OPTIONS = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "soft_time_limit": 15 * 60,
    "time_limit": 20 * 60,
    "ignore_result": True,
}


def _language(job_id: int) -> str | None:
    job = ImportJob.objects.select_related("requested_by").filter(pk=job_id).first()
    return job.requested_by.preferred_language if job else None


@shared_task(**TASK_OPTIONS)
def preview_import(job_id: int) -> str:
    """Preview a large file, in the importer's language."""
    language = _language(job_id)
    if language is None:
        return "missing"
    with translation.override(language):
        return services.import_job_preview(job_id=job_id).status


@shared_task(**TASK_OPTIONS)
def commit_import(job_id: int) -> str:
    """Commit a large file, in the importer's language."""
    language = _language(job_id)
    if language is None:
        return "missing"
    with translation.override(language):
        return services.import_job_commit_run(job_id=job_id).status
