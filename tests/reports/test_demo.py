from jump.reports import demo
from jump.reports.indicators import INDICATORS
from jump.reports.models import IndicatorTarget


def test_demo_sets_a_target_and_milestone_for_every_indicator_and_can_run_twice(db):
    world: dict = {}
    demo.seed(world)
    demo.seed(world)
    targets = IndicatorTarget.objects.all()
    assert sorted(t.code for t in targets) == sorted(INDICATORS)
    assert all(t.target_value > 0 and t.milestone_value and t.milestone_date for t in targets)
    assert len(world["indicator_targets"]) == len(INDICATORS)
