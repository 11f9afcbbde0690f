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


def test_demo_submits_the_last_half_year_so_previously_reported_comes_from_it(personas):
    import datetime

    from jump.reports.indicators import indicator_rows
    from jump.reports.models import ReportSubmission
    from jump.reports.periods import Scope

    from . import builders as b

    b.participant(personas.coach_a.partner, entry=datetime.date(2026, 2, 3))
    world = {"users": {"manager@jump.test": personas.manager}}
    demo.seed_submission(world, today=datetime.date(2026, 12, 7))
    demo.seed_submission(world, today=datetime.date(2026, 12, 7))  # once only
    submission = ReportSubmission.objects.get()
    assert (submission.period_start, submission.period_end) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 6, 30),
    )
    rows = {
        r.indicator.code: r
        for r in indicator_rows(Scope(datetime.date(2026, 7, 1), datetime.date(2026, 12, 7)))
    }
    assert rows["P-TOTAL"].previous.value == 1
