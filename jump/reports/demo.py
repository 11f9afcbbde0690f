"""Demo data for reports: a target and a milestone for every indicator, and the last full
half-year marked as submitted to the funder, so the dashboard of the half-year after it shows
"previously reported" from a submission (seed_demo)."""

import datetime
from decimal import Decimal

from .indicators import INDICATORS
from .models import IndicatorTarget, ReportSubmission
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
    seed_submission(world)


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
