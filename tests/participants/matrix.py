"""Access rules for every participants URL (SECURITY 7, 8).

The participants pages are for case workers: coach_a (P1 is their partner's), the programme
manager (all, read only → 403 on changes) and the admin. Everyone else — coach_b (another
partner), company contacts, trainer, staff learner, outsider — gets 404 on every URL below a
participant, whatever the method. P1 is shared with coach_c (not a persona of the matrix).
"""

from tests.access_matrix import Rule

CASE_WORKERS = ("coach_a", "coach_b", "manager", "admin")


def p1(world):
    return {"public_id": world.p1.public_id}


def p1_item(attr):
    def kwargs(world):
        return {"public_id": world.p1.public_id, "item_id": getattr(world.c1, attr).public_id}

    return kwargs


def view(kwargs, **kw):
    """Read a part of P1's case: coach_a, manager and admin."""
    return Rule(
        default=404, expect={"coach_a": 200, "manager": 200, "admin": 200}, kwargs=kwargs, **kw
    )


def change(kwargs, status=200, **kw):
    """Change P1's case: coach_a and admin; the manager reads only."""
    return Rule(
        default=404,
        expect={"coach_a": status, "manager": 403, "admin": status},
        kwargs=kwargs,
        **kw,
    )


def post(kwargs, data=None):
    return change(kwargs, status=302, method="post", data=data)


MATRIX = {
    "participants:caseload": Rule(default=404, expect=dict.fromkeys(CASE_WORKERS, 200)),
    # Intake is for coaches (the new participant belongs to their partner).
    "participants:create": Rule(
        default=404, expect={"coach_a": 200, "coach_b": 200, "manager": 403, "admin": 403}
    ),
    "participants:detail": view(p1),
    "participants:edit": change(p1),
    "participants:status": change(p1),
    "participants:leave": change(p1),
    "participants:special_category": change(p1),
    "participants:cv": view(p1),
    "participants:cv_pdf": view(p1),
    "participants:consent_record": post(
        p1, data=lambda w: {"purpose": "photos", "given": "1", "evidence": "signed"}
    ),
    "participants:language_add": change(p1),
    "participants:language_delete": post(p1_item("language")),
    "participants:assessment_create": change(p1),
    "participants:assessment_edit": change(p1_item("assessment")),
    "participants:plan_create": change(p1),
    "participants:plan_edit": change(p1_item("plan")),
    "participants:goal_create": change(p1_item("plan")),
    "participants:goal_edit": change(p1_item("goal")),
    "participants:step_create": change(p1_item("goal")),
    "participants:step_edit": change(p1_item("step")),
    "participants:step_done": post(p1_item("step")),
    "participants:contact_create": change(p1),
    # A case note is changed by its author (coach_a) or an admin.
    "participants:contact_edit": change(p1_item("note")),
    "participants:contact_follow_up_done": post(p1_item("note")),
    "participants:outcome_edit": change(lambda w: {"public_id": w.p1.public_id, "timing": "exit"}),
    "participants:document_upload": change(p1),
    "participants:document_download": view(p1_item("document")),
    "participants:document_delete": post(p1_item("document")),
    "participants:share_create": change(p1),
    "participants:share_revoke": post(
        lambda w: {"public_id": w.p1.public_id, "coach_id": w.coach_c.public_id}
    ),
    # Activities are programme events (not personal data): every case worker sees them; who
    # attended is shown only for participants the user may see.
    "participants:activity_list": Rule(default=404, expect=dict.fromkeys(CASE_WORKERS, 200)),
    "participants:activity_create": Rule(
        default=404, expect={"coach_a": 200, "coach_b": 200, "manager": 403, "admin": 403}
    ),
    "participants:activity_detail": Rule(
        default=404,
        expect=dict.fromkeys(CASE_WORKERS, 200),
        kwargs=lambda w: {"public_id": w.activity_a.public_id},
    ),
    # Editing an activity is for its partner's coaches (coach_a) and admins.
    "participants:activity_edit": Rule(
        default=404,
        expect={"coach_a": 200, "coach_b": 403, "manager": 403, "admin": 200},
        kwargs=lambda w: {"public_id": w.activity_a.public_id},
    ),
    # Each coach registers the participants they work with; the manager only reads.
    "participants:attendance_edit": Rule(
        default=404,
        expect={"coach_a": 200, "coach_b": 200, "manager": 403, "admin": 200},
        kwargs=lambda w: {"public_id": w.activity_a.public_id},
    ),
    # The planned list (issue 18): coaches and admins register those they work with (coach_b's
    # choice of P1 is not among their candidates: a message and a redirect); the manager reads.
    "participants:activity_registration_add": Rule(
        default=404,
        expect={"coach_a": 302, "coach_b": 302, "manager": 403, "admin": 302},
        kwargs=lambda w: {"public_id": w.activity_a.public_id},
        method="post",
        data=lambda w: {"participants": [w.p1.public_id.hex]},
    ),
    # P1's registration is invisible to coach_b (another partner's case): 404.
    "participants:activity_registration_remove": Rule(
        default=404,
        expect={"coach_a": 302, "manager": 403, "admin": 302},
        kwargs=lambda w: {"public_id": w.activity_a.public_id, "participant_id": w.p1.public_id},
        method="post",
    ),
}
