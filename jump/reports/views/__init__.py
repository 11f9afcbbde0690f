"""Views of the reports app; urls.py imports them from here."""

from .dashboard import dashboard, data_quality, evidence, target_edit, target_list
from .runs import (
    run_create,
    run_detail,
    run_download,
    run_list,
    run_retry,
    run_status,
    submission_list,
)

__all__ = [
    "dashboard",
    "data_quality",
    "evidence",
    "run_create",
    "run_detail",
    "run_download",
    "run_list",
    "run_retry",
    "run_status",
    "submission_list",
    "target_edit",
    "target_list",
]
