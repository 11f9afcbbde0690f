"""Reads of the audit app."""

import datetime
from typing import Any

from django.utils import timezone

from .models import AccessLog

PAGE_SIZE = 50


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def access_log_page(
    *, filters: dict[str, Any], before: int | None = None, size: int = PAGE_SIZE
) -> tuple[list[AccessLog], int | None]:
    """One page of the access log, newest first, by keyset (`before`: the last id seen).

    Returns (records, next_before): next_before is None on the last page. A fixed number of
    queries whatever the size of the log (no COUNT over the whole table).
    """
    records = AccessLog.objects.select_related("actor", "participant").order_by("-pk")
    if filters.get("date_from"):
        records = records.filter(at__gte=_start_of(filters["date_from"]))
    if filters.get("date_to"):
        records = records.filter(at__lt=_start_of(filters["date_to"] + datetime.timedelta(days=1)))
    if filters.get("actor"):
        records = records.filter(actor__email__icontains=filters["actor"])
    if filters.get("participant"):
        records = records.filter(participant__public_id=filters["participant"])
    if filters.get("action"):
        records = records.filter(action=filters["action"])
    if before is not None:
        records = records.filter(pk__lt=before)
    page = list(records[: size + 1])
    next_before = page[size - 1].pk if len(page) > size else None
    return page[:size], next_before
