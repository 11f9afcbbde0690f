"""Access rules for every training URL (SECURITY 7; docs/architecture.md "Who may see what").

Company contacts and users without a role have no training access: 403 everywhere (the
certificate verification and the secret calendar feed are public). Objects outside a user's
scope are 404: another person's enrolment or certificate, another trainer's attendance page.
"""

from tests.access_matrix import REDIRECT, Rule, public

TRAINING = ("coach_a", "coach_b", "manager", "trainer", "staff_learner", "admin")
EDITORS = ("trainer", "manager", "admin")
MANAGERS = ("manager", "admin")
NOT_EDITORS = ("coach_a", "coach_b", "staff_learner")


def _all(status, personas=TRAINING):
    return dict.fromkeys(personas, status)


def module(world):
    return {"public_id": world.module.public_id}


def s1(world):
    return {"public_id": world.s1.public_id}


def s2(world):
    return {"public_id": world.s2.public_id}


def e1(world):
    return {"public_id": world.e1.public_id}


def done(world):
    return {"public_id": world.done.public_id}


def attended(world):
    return {"public_id": world.attended.public_id}


def practice(world):
    return {"public_id": world.practice.public_id}


MATRIX = {
    "training_modules:catalogue": Rule(expect=_all(200)),
    "training_modules:module_create": Rule(expect=_all(200, EDITORS)),
    "training_modules:module_detail": Rule(expect=_all(200), kwargs=module),
    "training_modules:module_update": Rule(expect=_all(200, EDITORS), kwargs=module),
    "training_modules:module_feedback": Rule(expect=_all(200, EDITORS), kwargs=module),
    "training_modules:session_create": Rule(expect=_all(200, EDITORS), kwargs=module),
    "training_modules:session_list": Rule(expect=_all(200)),
    "training_modules:session_detail": Rule(expect=_all(200), kwargs=s1),
    # S1 is trained by personas.trainer; S2's page is a 403 for them (tests/…/test_access.py).
    "training_modules:session_update": Rule(expect=_all(200, EDITORS), kwargs=s1),
    # S2 is trained by someone else: the trainer learns nothing about its participants.
    "training_modules:session_attendance": Rule(
        expect={**_all(200, MANAGERS), "trainer": 404}, kwargs=s2
    ),
    "training_modules:session_ical": Rule(expect=_all(200), kwargs=s1),
    # POST: enrol oneself; every training role may, the answer is a redirect with a message.
    "training_modules:enrolment_create": Rule(expect=_all(REDIRECT), kwargs=s1, method="post"),
    "training_modules:enrolment_create_other": Rule(expect=_all(200, MANAGERS), kwargs=s1),
    "training_modules:enrolment_list": Rule(expect=_all(200)),
    "training_modules:my_calendar": Rule(expect=_all(200)),
    "training_modules:calendar_subscription": Rule(expect=_all(200)),
    # The secret address is the credential (calendar apps cannot log in).
    "training_modules:calendar_feed": public(200, kwargs=lambda world: {"token": world.feed.token}),
    # E1 is staff_learner's own enrolment.
    "training_modules:enrolment_detail": Rule(
        expect={**_all(404), "staff_learner": 200, **_all(200, MANAGERS)}, kwargs=e1
    ),
    "training_modules:enrolment_cancel": Rule(
        expect={**_all(404), "staff_learner": REDIRECT, **_all(REDIRECT, MANAGERS)},
        kwargs=e1,
        method="post",
    ),
    # The attended enrolment of the past session that personas.trainer trains.
    "training_modules:enrolment_complete": Rule(
        expect={**_all(403, NOT_EDITORS), **_all(REDIRECT, EDITORS)},
        kwargs=attended,
        method="post",
    ),
    # Only the person themselves gives feedback (managers can see the enrolment: 403).
    "training_modules:feedback_create": Rule(
        expect={**_all(404), "staff_learner": 200, **_all(403, MANAGERS)},
        kwargs=lambda world: {"public_id": world.done.public_id},
    ),
    "training_modules:certificate_issue": Rule(
        expect={**_all(404), "staff_learner": REDIRECT, **_all(REDIRECT, MANAGERS)},
        kwargs=done,
        method="post",
    ),
    "training_modules:certificate_download": Rule(
        expect={**_all(404), "staff_learner": 200, **_all(200, MANAGERS)}, kwargs=done
    ),
    "training_modules:certificate_lookup": public(200),
    "training_modules:certificate_verify": public(
        200, kwargs=lambda world: {"code": world.certificate.verification_code}
    ),
    "training_modules:good_practice_list": Rule(expect=_all(200)),
    "training_modules:good_practice_create": Rule(expect=_all(200, EDITORS)),
    "training_modules:good_practice_detail": Rule(expect=_all(200), kwargs=practice),
    "training_modules:good_practice_update": Rule(expect=_all(200, EDITORS), kwargs=practice),
}
