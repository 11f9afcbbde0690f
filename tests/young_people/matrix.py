"""Access rules for every young people's URL (SECURITY 7, 35).

The young person's pages answer youth_p1 only (everyone else: 404, not even a hint that the
page exists); the coach's side answers the coaches who may change P1's case (coach_a) and the
admin, is read-only for the manager (403 on changes) and a 404 for everyone else — youth_p1
included.
"""

from tests.access_matrix import Rule, public


def own(status=200, **kw):
    return Rule(default=404, youth=status, **kw)


def p1(world):
    return {"public_id": world.p1.public_id}


def coach_view(**kw):
    return Rule(default=404, expect={"coach_a": 200, "manager": 200, "admin": 200}, **kw)


def coach_post(data=None):
    return Rule(
        default=404,
        expect={"coach_a": 302, "manager": 403, "admin": 302},
        kwargs=p1,
        method="post",
        data=data,
    )


MATRIX = {
    "young_people:home": own(),
    "young_people:plan": own(),
    "young_people:step_tick": own(
        302, method="post", kwargs=lambda world: {"step_id": world.c1.step.public_id}
    ),
    "young_people:placements": own(),
    "young_people:consents": own(),
    "young_people:consent_withdraw": own(data=lambda world: {"purpose": "photos"}),
    # Public: an unknown token is a 404 for everyone.
    "young_people:invitation_accept": public(404, kwargs=lambda world: {"token": "not-a-token"}),
    # My appointments and My CV (issue 18)
    "young_people:appointments": own(),
    "young_people:appointment_ics": own(
        kwargs=lambda world: {"kind": "activity", "public_id": world.activity.public_id}
    ),
    "young_people:calendar_feed_renew": own(302, method="post"),
    "young_people:calendar_feed_stop": own(302, method="post"),
    # Public: a forged token is a 404 for everyone.
    "young_people:calendar_feed": public(404, kwargs=lambda world: {"token": "forged:token"}),
    "young_people:cv": own(),
    "young_people:cv_language": own(
        302,
        method="post",
        data=lambda world: {
            "language": "de",
            "listening": "B1",
            "reading": "B1",
            "spoken_interaction": "A2",
            "spoken_production": "A2",
            "writing": "A2",
        },
    ),
    "young_people:cv_language_delete": own(
        302, method="post", kwargs=lambda world: {"language": "de"}
    ),
    "young_people:cv_pdf": own(data=lambda world: {"language": "de"}),
    "young_people:coach_access": coach_view(kwargs=p1),
    "young_people:coach_invite": coach_post(
        data=lambda world: {"email": "pia.new@example.org", "language": "da"}
    ),
    "young_people:coach_end_access": coach_post(),
    # Documents and what a coach shares (SECURITY 35)
    "young_people:documents": own(),
    "young_people:document_download": own(
        kwargs=lambda world: {"document_id": world.shared_document.public_id}
    ),
    "young_people:from_coach": own(),
    # Public: the six-month follow-up; an unknown token is a 404 for everyone.
    "young_people:follow_up": public(404, kwargs=lambda world: {"token": "not-a-token"}),
    "young_people:coach_share": Rule(
        default=404,
        expect={"coach_a": 302, "manager": 403, "admin": 302},
        kwargs=lambda world: {
            "public_id": world.p1.public_id,
            "kind": "note",
            "item_id": world.c1.note.public_id,
        },
        method="post",
    ),
    # Nothing proposed in the world: a message, back to the case file (302).
    "young_people:coach_outcome_confirm": coach_post(),
}
