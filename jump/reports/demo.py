"""Demo data for reports: a target and a milestone for every indicator (seed_demo)."""

import datetime
from decimal import Decimal

from .indicators import INDICATORS
from .models import IndicatorTarget

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
