"""Reads of the imports pages; each owns its select_related so no template queries in a loop."""

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.db.models import QuerySet

from companies.models import Company
from jump.accounts.models import AnyUser
from participants.models import Participant

from .models import ImportJob, ImportRow


def import_jobs_for(user: AnyUser) -> QuerySet[ImportJob]:
    """The imports `user` may see (own; managers and admins all), newest first."""
    return (
        ImportJob.objects.visible_to(user)
        .select_related("requested_by", "partner", "activity")
        .order_by("-created_at", "-pk")
    )


def import_rows(job: ImportJob, outcome: str = "") -> QuerySet[ImportRow]:
    rows = ImportRow.objects.filter(job=job)
    if outcome:
        rows = rows.filter(outcome=outcome)
    return rows.order_by("number")


def row_links(user: AnyUser, job: ImportJob, rows: Iterable[ImportRow]) -> dict[int, UUID]:
    """target_id → the public id of the matched record, for the rows shown and only for records
    `user` may open (one query per page)."""
    target_ids = [row.target_id for row in rows if row.target_id]
    if not target_ids:
        return {}
    queryset: QuerySet[Any]
    if job.kind == ImportJob.Kind.COMPANIES:
        queryset = Company.objects.visible_to(user)
    else:
        queryset = Participant.objects.case_visible_to(user)
    return dict(queryset.filter(pk__in=target_ids).values_list("pk", "public_id"))
