"""Who may not use each reports service (tests/service_refusals.py), in the world of
tests/reports/conftest.py: the manager's report runs; coaches see only their partner's
dashboard."""

import datetime
from decimal import Decimal

from tests.service_refusals import Refusal

SERVICES = "jump.reports.services"


def persona(name):
    return lambda w: getattr(w.personas, name)


REFUSALS = {
    "report_submission_create": Refusal(
        persona("coach_a"),
        lambda w: {
            "period_start": datetime.date(2026, 1, 1),
            "period_end": datetime.date(2026, 6, 30),
            "submitted_on": datetime.date(2026, 7, 20),
            "reference": "JEMS-PR-2026-1",
        },
    ),
    "indicator_target_set": Refusal(
        persona("coach_a"), lambda w: {"code": "O1", "target_value": Decimal(10)}
    ),
    "report_run_request": Refusal(
        persona("coach_a"),
        lambda w: {
            "period_start": datetime.date(2026, 3, 1),
            "period_end": datetime.date(2026, 3, 31),
            "format": "csv",
        },
    ),
    # A report run is its requester's (and admins'): another manager may not retry it.
    "report_run_retry": Refusal(persona("coach_a"), lambda w: {"run": w.failed_run}),
}

NO_ACTOR = {
    "monthly_reports_request": "system task: the monthly reports of Celery beat",
    "report_run_build": "the build task of a run a permitted actor requested",
    "report_runs_sweep": "system task: finds runs whose build was lost",
    "submission_for_period": "a read: the submission covering a period, if any",
    "scope_of": "a read: the partner/country/period a run covers",
}
