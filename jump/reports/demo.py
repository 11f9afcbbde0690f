"""Demo data for reports: a target and a milestone for every indicator, the last full half-year
marked as submitted to the funder (so the dashboard of the half-year after it shows "previously
reported" from a submission), and an export with names whose file has expired (seed_demo)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from .indicators import INDICATORS
from .models import IndicatorTarget, ReportRun, ReportSubmission, report_file_name
from .periods import PROGRAMME_START

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
    seed_submission(world)


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


def last_half_year(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last reporting half-year (Jems' usual six months) that ended before `today`."""
    if today.month >= 7:
        return datetime.date(today.year, 1, 1), datetime.date(today.year, 6, 30)
    return datetime.date(today.year - 1, 7, 1), datetime.date(today.year - 1, 12, 31)


def seed_submission(world: dict, today: datetime.date | None = None) -> None:
    from django.utils import timezone

    from .services import report_submission_create

    manager = world.get("users", {}).get("manager@jump.test")
    start, end = last_half_year(today or timezone.localdate())
    start = max(start, PROGRAMME_START)
    if manager is None or end < start or ReportSubmission.objects.exists():
        return
    world["report_submission"] = report_submission_create(
        actor=manager,
        period_start=start,
        period_end=end,
        submitted_on=end + datetime.timedelta(days=20),
        reference=f"JEMS-PR-{start:%Y}-{1 if start.month == 1 else 2}",
    )
