"""Access rules of the audit URLs (SECURITY 7, 19, 21, 22).

The access log review: managers and admins; everyone else 403. The subject access export:
whoever may open the participant's case file (coach of own partner, manager, admin); everyone
else 404. Erasure: admins only, after re-authentication (a forced login has none → redirect to
the re-authentication page); others who can see the participant 403, the rest 404.
"""

from tests.access_matrix import REDIRECT, Rule

CASE_READERS = {"coach_a": 200, "manager": 200, "admin": 200}


def participant_kwargs(world):
    return {"public_id": world.p1.public_id}


MATRIX = {
    "audit:log": Rule(expect={"manager": 200, "admin": 200}),
    "audit:subject_access": Rule(expect=CASE_READERS, default=404, kwargs=participant_kwargs),
    "audit:subject_access_download": Rule(
        expect=CASE_READERS, default=404, kwargs=participant_kwargs
    ),
    "audit:erase": Rule(
        expect={"admin": REDIRECT, "manager": 403, "coach_a": 403},
        default=404,
        kwargs=participant_kwargs,
    ),
}
