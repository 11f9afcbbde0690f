"""Access rules of the reports URLs (SECURITY 7): managers and admins everything; coaches their
own partner's dashboard, evidence and data quality; everybody else 403. A report run is its
requester's (and admins'); the other rules live in test_views (another manager → 404)."""

from tests.access_matrix import REDIRECT, Rule

DASHBOARD = {"manager": 200, "admin": 200, "coach_a": 200, "coach_b": 200}
MANAGERS = {"manager": 200, "admin": 200}


def run_kwargs(world):
    return {"public_id": world.run.public_id}


MATRIX = {
    "reports:dashboard": Rule(expect=DASHBOARD),
    "reports:evidence": Rule(expect=DASHBOARD, kwargs=lambda world: {"code": "RCO81"}),
    "reports:data_quality": Rule(expect=DASHBOARD),
    "reports:target_list": Rule(expect=MANAGERS),
    "reports:target_edit": Rule(expect=MANAGERS, kwargs=lambda world: {"code": "P-TOTAL"}),
    "reports:submission_list": Rule(expect=MANAGERS),
    "reports:run_list": Rule(expect=MANAGERS),
    "reports:run_create": Rule(expect=MANAGERS),
    "reports:run_detail": Rule(expect=MANAGERS, kwargs=run_kwargs),
    "reports:run_status": Rule(expect=MANAGERS, kwargs=run_kwargs),
    "reports:run_download": Rule(expect=MANAGERS, kwargs=run_kwargs),
    # POST only; the failed run is tried again and the page shown again.
    "reports:run_retry": Rule(
        expect={"manager": REDIRECT, "admin": REDIRECT},
        method="post",
        kwargs=lambda world: {"public_id": world.failed_run.public_id},
    ),
}
