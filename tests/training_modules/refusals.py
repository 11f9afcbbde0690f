"""Who may not use each training service (tests/service_refusals.py), in the world of
tests/training_modules/conftest.py: the trainer trains s1 and past, other_trainer s2; staff
learners take part; company contacts and outsiders have no training role."""

from tests.service_refusals import Refusal

SERVICES = "training_modules.services"

REFUSALS = {
    "module_create": Refusal("staff_learner", lambda w: {"data": {"title": "x"}}),
    "module_update": Refusal("coach_a", lambda w: {"module": w.module, "data": {"title": "x"}}),
    "session_create": Refusal(
        "staff_learner", lambda w: {"module": w.module, "data": {}, "trainers": []}
    ),
    # A trainer changes only the sessions they train.
    "session_update": Refusal(
        "trainer", lambda w: {"session": w.s2, "data": {}, "trainers": [w.other_trainer]}
    ),
    "enrolment_create": Refusal("contact_x", lambda w: {"session": w.s1}),
    "enrolment_cancel": Refusal("other_learner", lambda w: {"enrolment": w.e1}),
    "enrolment_complete": Refusal("other_trainer", lambda w: {"enrolment": w.attended}),
    "attendance_record": Refusal("other_trainer", lambda w: {"session": w.past, "present": []}),
    "certificate_issue": Refusal("other_learner", lambda w: {"enrolment": w.done}),
    "feedback_create": Refusal(
        "other_learner", lambda w: {"enrolment": w.done, "rating": 5, "comments": "x"}
    ),
    "good_practice_create": Refusal("coach_a", lambda w: {"data": {"title": "x"}}),
    "good_practice_update": Refusal(
        "staff_learner", lambda w: {"practice": w.practice, "data": {"title": "x"}}
    ),
    "calendar_feed_renew": Refusal("contact_x"),
    "calendar_feed_revoke": Refusal("outsider"),
}

NO_ACTOR = {
    "assign": "a helper of the services, which check the actor: sets allowed fields",
    "tags_from_names": "a helper of good_practice_create/update, which check the actor",
}
