"""Who may not use each participants service (tests/service_refusals.py), in the world of
tests/participants/conftest.py: P1 is partner A's (coach_a), shared with coach_c; the manager
reads only; coach_b is another partner's coach."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.service_refusals import Refusal

SERVICES = "participants.services"
DAY = datetime.date(2026, 3, 1)


def _p1(**kw):
    return lambda w: {"participant": w.p1, **kw}


REFUSALS = {
    "participant_create": Refusal("manager", lambda w: {"first_name": "New"}),
    "participant_update": Refusal("manager", _p1(first_name="Other")),
    "participant_change_status": Refusal("coach_b", _p1(status="completed")),
    "participant_leave": Refusal(
        "manager",
        _p1(status="completed", exit_date=DAY, exit_reason="Job", outcome="employed"),
    ),
    "participants_create_bulk": Refusal(
        "coach_b", lambda w: {"partner": w.p1.partner, "rows": [{"first_name": "New"}]}
    ),
    "participants_update_bulk": Refusal(
        "manager", lambda w: {"changes": [(w.p1, None, {"first_name": "Other"})]}
    ),
    "consent_record": Refusal("manager", _p1(purpose="photos", given=True, evidence="signed form")),
    "language_skill_add": Refusal("manager", _p1(language="de", level="B1", assessed_on=DAY)),
    "language_skill_delete": Refusal("manager", lambda w: {"skill": w.c1.language}),
    # coach_c works on P1 (shared) but does not decide who else does.
    "share_grant": Refusal("coach_c", lambda w: {"participant": w.p1, "coach": w.coach_b}),
    "share_revoke": Refusal("manager", lambda w: {"participant": w.p1, "coach": w.coach_c}),
    "assessment_create": Refusal("manager", _p1(note="x")),
    "assessment_update": Refusal("coach_b", lambda w: {"assessment": w.c1.assessment, "note": "x"}),
    "action_plan_create": Refusal("manager", _p1(title="Plan", starts_on=DAY)),
    "action_plan_update": Refusal(
        "manager", lambda w: {"plan": w.c1.plan, "title": "Plan", "starts_on": DAY}
    ),
    "goal_create": Refusal("manager", lambda w: {"plan": w.c1.plan, "title": "Goal"}),
    "goal_update": Refusal("coach_b", lambda w: {"goal": w.c1.goal, "title": "Goal"}),
    "step_create": Refusal(
        "manager", lambda w: {"goal": w.c1.goal, "title": "Step", "due_on": DAY}
    ),
    "step_update": Refusal(
        "manager", lambda w: {"step": w.c1.step, "title": "Step", "due_on": DAY}
    ),
    "step_mark_done": Refusal("manager", lambda w: {"step": w.c1.step}),
    "contact_create": Refusal("manager", _p1(summary="Note")),
    # coach_c may change P1's case, but a case note only its author (coach_a) or an admin.
    "contact_update": Refusal("coach_c", lambda w: {"contact": w.c1.note, "summary": "Note"}),
    "contact_close_follow_up": Refusal("manager", lambda w: {"contact": w.c1.note}),
    "outcome_record": Refusal("manager", _p1(timing="exit", kind="education", date=DAY)),
    "document_upload": Refusal(
        "manager",
        lambda w: {
            "participant": w.p1,
            "kind": "cv",
            "file": SimpleUploadedFile("cv.pdf", b"%PDF-1.4 refused", "application/pdf"),
        },
    ),
    "document_delete": Refusal("manager", lambda w: {"document": w.c1.document}),
    "activity_create": Refusal("manager", lambda w: {"title": "Workshop"}),
    "activity_update": Refusal("coach_b", lambda w: {"activity": w.activity_a, "title": "x"}),
    "attendance_register": Refusal(
        "manager", lambda w: {"activity": w.activity_a, "statuses": {w.p1: "attended"}}
    ),
    "special_category_update": Refusal("manager", _p1(disability="yes")),
    "attendance_add_from_list": Refusal(
        "coach_b", lambda w: {"activity": w.activity_a, "statuses": {w.p1: "attended"}}
    ),
    # The planned list: coaches and admins, for the participants they may change.
    "activity_registration_add": Refusal(
        "manager", lambda w: {"activity": w.activity_a, "participants": [w.p1]}
    ),
    "activity_registration_remove": Refusal(
        "coach_b", lambda w: {"activity": w.activity_a, "participant": w.p1}
    ),
}

NO_ACTOR = {
    "allowed_statuses": "a read: the statuses a participant may move to from where it is",
    "special_category_consent_holds": "a read: whether the participant's latest consent for "
    "special-category data is a consent given",
}

RECORDS_ONLY = {
    "special_category_clear_after_withdrawal": "called inside the consent services "
    "(consent_record, the young person's own withdrawal) after they checked the actor; it "
    "clears only when the consent no longer holds and writes the actor to the access log",
}
