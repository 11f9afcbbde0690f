"""Who may not use each companies service (tests/service_refusals.py), in the world of
tests/companies/conftest.py: company X is contact_x's, company Y contact_y's; the manager reads
only; coaches and admins write."""

import datetime
from decimal import Decimal

from tests.service_refusals import Refusal

SERVICES = "companies.services"
DAY = datetime.date(2026, 3, 1)


def persona(name):
    return lambda w: getattr(w.personas, name)


def _placement(**kw):
    return lambda w: {"placement": w.placement_p1, **kw}


REFUSALS = {
    "company_create": Refusal(persona("manager"), lambda w: {"name": "New company"}),
    "company_create_from_list": Refusal(
        persona("coach_a"),
        lambda w: {"responsible_partner": w.company_x.responsible_partner, "name": "New"},
    ),
    "company_update": Refusal(
        persona("contact_x"), lambda w: {"company": w.company_x, "name": "x"}
    ),
    "company_update_profile": Refusal(
        persona("contact_y"), lambda w: {"company": w.company_x, "name": "x"}
    ),
    "invitation_create": Refusal(
        persona("manager"),
        lambda w: {
            "company": w.company_x,
            "email": "new.contact@example.org",
            "language": "en",
            "base_url": "http://testserver",
        },
    ),
    "offer_create": Refusal(
        persona("contact_y"),
        lambda w: {
            "company": w.company_x,
            "kind": "internship",
            "title": "x",
            "place": "Flensburg",
            "start_date": DAY,
        },
    ),
    "offer_update": Refusal(persona("contact_y"), lambda w: {"offer": w.offer_x, "title": "x"}),
    "offer_publish": Refusal(persona("manager"), lambda w: {"offer": w.offer_x_draft}),
    "offer_close": Refusal(persona("contact_y"), lambda w: {"offer": w.offer_x}),
    "placement_propose": Refusal(
        persona("manager"), lambda w: {"offer": w.offer_x, "participant": w.p1}
    ),
    "placement_accept": Refusal(persona("manager"), _placement()),
    "placement_decline": Refusal(persona("manager"), _placement(reason="No")),
    "placement_start": Refusal(persona("manager"), _placement()),
    "placement_complete": Refusal(persona("manager"), _placement()),
    "placement_abort": Refusal(persona("manager"), _placement()),
    "placement_set_mentor": Refusal(
        persona("manager"), _placement(mentor_name="M", mentor_contact="m@example.org")
    ),
    "placement_update_checklist": Refusal(
        persona("contact_x"),
        _placement(
            health_insurance_card=True, tax_card=True, accident_insurance=True, travel_arranged=True
        ),
    ),
    "placement_feedback_save": Refusal(
        persona("manager"),
        lambda w: {
            "placement": w.placement_p1_done,
            "punctuality": 4,
            "motivation": 4,
            "skills": 4,
            "language": 4,
            "would_hire": True,
        },
    ),
    "placement_set_sharing": Refusal(persona("contact_x"), _placement()),
    "support_need_create": Refusal(
        persona("contact_y"),
        lambda w: {"company": w.company_x, "kind": "other", "description": "Help"},
    ),
    "support_need_set_status": Refusal(
        persona("contact_x"), lambda w: {"need": w.support_x, "status": "done"}
    ),
    "support_action_create": Refusal(
        persona("contact_x"),
        lambda w: {"need": w.support_x, "date": DAY, "description": "x", "hours": Decimal(1)},
    ),
}

NO_ACTOR = {
    "derive_cross_border": "a calculation on a participant and an offer; writes nothing",
    "invitation_lookup": "a read by the invitation's secret token (the link is the permission)",
    "invitation_accept": "the invitee, not yet a user, accepts with the secret token sent to them",
    "invitation_send": "the e-mail task of an invitation a permitted actor created",
    "shareable_goals": "a read: the goals placement_set_sharing may share",
    "shareable_activities": "a read: the activities placement_set_sharing may share",
    "shareable_cvs": "a read: the CVs placement_set_sharing may share",
}
