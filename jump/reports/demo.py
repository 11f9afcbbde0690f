"""Demo data for reports: a target and a milestone for every indicator, and an export with
names whose file has expired (seed_demo)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from .indicators import INDICATORS
from .models import IndicatorTarget, ReportRun, report_file_name

# The programme's committed values (demo figures); the milestone is half-way, end of 2027.
TARGETS = {
    "P-TOTAL": 400,
    "P-GENDER": 400,
    "P-AGE": 400,
    "P-COUNTRY": 400,
    "P-ISCED": 400,
    "P-LMS": 400,
    "R-EDU-LEAVE": 100,
    "R-EMP-LEAVE": 80,
    "R-EMP-6M": 60,
    "R-XB-OUTCOME": 40,
    "R-COMPETENCE": 200,
    "RCO81": 600,
    "RCO87": 80,
    "RCO85": 300,
    "RCR81": 150,
    "C-ENGAGED": 120,
    "C-SUPPORTED": 60,
    "C-PLACEMENTS": 300,
    "C-HIRE": 50,
    "S-TRAINED": 120,
    "S-MODULES": 8,
    "S-PRACTICES": 20,
}
MILESTONE_DATE = datetime.date(2027, 12, 31)


def seed(world: dict) -> None:
    manager = world.get("users", {}).get("manager@jump.test")
    targets = []
    for code in INDICATORS:
        value = Decimal(TARGETS[code])
        target, _created = IndicatorTarget.objects.update_or_create(
            code=code,
            defaults={
                "target_value": value,
                "milestone_value": value / 2,
                "milestone_date": MILESTONE_DATE,
                "updated_by": manager,
            },
        )
        targets.append(target)
    world["indicator_targets"] = targets
    seed_expired_named_export(manager)


def seed_expired_named_export(manager) -> None:
    """An export with names older than REPORT_FILES_WITH_NAMES_DAYS: the run stays, its file is
    gone ("file expired" on its page)."""
    if manager is None or ReportRun.objects.filter(file_removed="expired").exists():
        return
    run = ReportRun.objects.create(
        requested_by=manager,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        format=ReportRun.Format.XLSX,
        with_names=True,
        reason="Demo: the funder's first-quarter audit asked for the named list.",
        language="de",
    )
    finished = timezone.now() - datetime.timedelta(days=40)
    run.file = report_file_name(run)
    run.status = ReportRun.Status.DONE
    run.progress = 100
    run.finished_at = finished
    run.file_removed = "expired"
    run.save()
