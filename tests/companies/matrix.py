"""Access rules for the companies URLs (SECURITY 7, 8).

Objects are those of `tests/companies/conftest.py::world`: company X (contact_x), company Y
(contact_y), P1 of partner A (coach_a) with sharing consent proposed to X. Anything outside a
user's visibility is 404; visible but not allowed is 403.
"""

from tests.access_matrix import REDIRECT, Rule, public

STAFF = ("coach_a", "coach_b", "manager", "admin")
WRITERS = ("coach_a", "coach_b", "admin")
NOBODY = ("trainer", "staff_learner", "outsider")


def _expect(value, *personas):
    return dict.fromkeys(personas, value)


def company(world):
    return {"public_id": world.company_x.public_id}


def offer(world):
    return {"public_id": world.offer_x.public_id}


def draft_offer(world):
    return {"public_id": world.offer_x_draft.public_id}


def placement(world):
    return {"public_id": world.placement_p1.public_id}


def finished_placement(world):
    return {"public_id": world.placement_p1_done.public_id}


def support_need(world):
    return {"public_id": world.support_x.public_id}


# Role pages (lists): staff, or staff and contacts; everyone else 403.
STAFF_PAGE = Rule(default=403, expect=_expect(200, *STAFF))
STAFF_AND_CONTACTS_PAGE = Rule(default=403, expect=_expect(200, *STAFF, "contact_x", "contact_y"))
CONTACTS_PAGE = Rule(default=403, expect=_expect(200, "contact_x", "contact_y"))

# Objects of company X: invisible to contact_y and to users without a companies role → 404.
X_INVISIBLE = _expect(404, "contact_y", *NOBODY)
# Objects about P1: also invisible to coach_b (partner B cannot see P1).
P1_INVISIBLE = _expect(404, "coach_b", "contact_y", *NOBODY)

MATRIX = {
    # The register
    "companies:company_list": STAFF_PAGE,
    "companies:company_create": Rule(default=403, expect=_expect(200, *WRITERS)),
    "companies:company_detail": Rule(
        kwargs=company, expect={**_expect(200, *STAFF), "contact_x": 403, **X_INVISIBLE}
    ),
    "companies:company_edit": Rule(
        kwargs=company, expect={**_expect(200, *WRITERS), **X_INVISIBLE}
    ),
    "companies:contact_invite": Rule(
        kwargs=company, expect={**_expect(200, *WRITERS), **X_INVISIBLE}
    ),
    "companies:offer_create": Rule(
        kwargs=company, expect={**_expect(200, *WRITERS, "contact_x"), **X_INVISIBLE}
    ),
    "companies:support_need_create": Rule(
        kwargs=company, expect={**_expect(200, *WRITERS, "contact_x"), **X_INVISIBLE}
    ),
    # The portal
    "companies:portal": CONTACTS_PAGE,
    "companies:profile_edit": CONTACTS_PAGE,
    # Offers
    "companies:offer_list": STAFF_AND_CONTACTS_PAGE,
    "companies:offer_detail": Rule(
        kwargs=offer, expect={**_expect(200, *STAFF, "contact_x"), **X_INVISIBLE}
    ),
    "companies:offer_edit": Rule(
        kwargs=offer, expect={**_expect(200, *WRITERS, "contact_x"), **X_INVISIBLE}
    ),
    "companies:offer_publish": Rule(
        method="post",
        kwargs=draft_offer,
        expect={**_expect(REDIRECT, *WRITERS, "contact_x"), **X_INVISIBLE},
    ),
    "companies:offer_close": Rule(
        method="post",
        kwargs=offer,
        expect={**_expect(REDIRECT, *WRITERS, "contact_x"), **X_INVISIBLE},
    ),
    "companies:placement_propose": Rule(
        kwargs=offer, expect={**_expect(200, *WRITERS), **X_INVISIBLE}
    ),
    # From P1's case file: only who may open the case file and propose (coach_b does not see P1).
    "companies:propose_for_participant": Rule(
        kwargs=lambda world: {"public_id": world.p1.public_id},
        default=404,
        expect={"coach_a": 200, "admin": 200, "manager": 403},
    ),
    # Placements
    "companies:proposal_list": STAFF_AND_CONTACTS_PAGE,
    "companies:placement_list": STAFF_AND_CONTACTS_PAGE,
    "companies:placement_detail": Rule(
        kwargs=placement,
        expect={**_expect(200, "coach_a", "manager", "admin", "contact_x"), **P1_INVISIBLE},
    ),
    "companies:placement_accept": Rule(
        method="post",
        kwargs=placement,
        expect={**_expect(REDIRECT, "coach_a", "admin", "contact_x"), **P1_INVISIBLE},
    ),
    "companies:placement_decline": Rule(
        kwargs=placement,
        expect={**_expect(200, "coach_a", "admin", "contact_x"), **P1_INVISIBLE},
    ),
    "companies:placement_start": Rule(
        method="post",
        kwargs=placement,
        expect={**_expect(REDIRECT, "coach_a", "admin", "contact_x"), **P1_INVISIBLE},
    ),
    "companies:placement_complete": Rule(
        method="post",
        kwargs=placement,
        expect={**_expect(REDIRECT, "coach_a", "admin", "contact_x"), **P1_INVISIBLE},
    ),
    "companies:placement_abort": Rule(
        method="post",
        kwargs=placement,
        expect={**_expect(REDIRECT, "coach_a", "admin", "contact_x"), **P1_INVISIBLE},
    ),
    "companies:placement_mentor": Rule(
        kwargs=placement,
        expect={**_expect(200, "coach_a", "admin", "contact_x"), **P1_INVISIBLE},
    ),
    "companies:placement_checklist": Rule(
        method="post",
        kwargs=placement,
        expect={**_expect(REDIRECT, "coach_a", "admin"), **P1_INVISIBLE},
    ),
    "companies:placement_sharing": Rule(
        kwargs=placement,
        expect={**_expect(200, "coach_a", "admin"), **P1_INVISIBLE},
    ),
    "companies:placement_shared_cv": Rule(
        kwargs=placement,  # P1 shares a CV with X in the world
        expect={**_expect(200, "coach_a", "manager", "admin", "contact_x"), **P1_INVISIBLE},
    ),
    "companies:placement_feedback": Rule(
        kwargs=finished_placement,
        expect={**_expect(200, "coach_a", "admin", "contact_x"), **P1_INVISIBLE},
    ),
    # Support
    "companies:support_need_list": STAFF_AND_CONTACTS_PAGE,
    "companies:support_need_detail": Rule(
        kwargs=support_need, expect={**_expect(200, *STAFF, "contact_x"), **X_INVISIBLE}
    ),
    "companies:support_action_create": Rule(
        kwargs=support_need, expect={**_expect(200, *WRITERS), **X_INVISIBLE}
    ),
    "companies:support_need_status": Rule(
        method="post",
        kwargs=support_need,
        data=lambda world: {"status": "done"},
        expect={**_expect(REDIRECT, *WRITERS), **X_INVISIBLE},
    ),
    # Invitations: public; an unknown token is a 404 page for everybody.
    "companies:invitation_accept": public(404, kwargs=lambda world: {"token": "not-a-token"}),
}
