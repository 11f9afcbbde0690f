"""The security world (docs/security.md personas) with a unique marker in every personal-data field.

P1 — partner A, coached by coach_a, sharing consent given, placed with company X (active) and
     proposed to company Y; a full case file (case note, assessment, action plan, document).
P2 — partner A, coached by coach_a, NO sharing consent, proposed to company X.
P3 — partner B, coached by coach_b.
Every personal-data field holds a marker that starts with MARK, so a leak can be searched for
with one string: `MARK in page`. P1's first name is the one field a company contact may see.
"""

import datetime
from types import SimpleNamespace

import pytest

from companies.models import Placement
from participants.models import Consent
from tests.audit import conftest as audit_conftest
from tests.companies import conftest as companies_conftest
from tests.factories.companies import (
    OfferFactory,
    PlacementFactory,
    SupportNeedFactory,
)
from tests.factories.participants import (
    ConsentFactory,
    LanguageSkillFactory,
    ParticipantFactory,
)
from tests.imports import conftest as imports_conftest
from tests.notifications import conftest as notifications_conftest
from tests.participants import conftest as participants_conftest
from tests.participants import test_views as participants_views
from tests.participants.conftest import case_file
from tests.reports import conftest as reports_conftest
from tests.reports import test_exports as reports_exports
from tests.training_modules import conftest as training_modules_conftest
from tests.training_modules import test_services as training_services_tests
from tests.young_people import conftest as young_people_conftest

# Each app's own world, for the sweeps over the access matrix (its rules' arguments come from
# it) and for tests moved here from the apps' folders.
participants_world = participants_conftest.world
companies_world = companies_conftest.world
training_modules_world = training_modules_conftest.world
notifications_world = notifications_conftest.world
p1 = notifications_conftest.p1  # what the notifications world is built from
follow_up_notification = notifications_conftest.follow_up_notification
reports_world = reports_conftest.world
reports_programme = reports_exports.programme
imports_world = imports_conftest.world
make_job = imports_conftest.make_job
audit_world = audit_conftest.world
young_people_world = young_people_conftest.world
coach_a_client = participants_views.coach_a  # coach_a's client, from tests/participants
lone_p1 = participants_views.p1  # a participant of partner A with nothing else
training_slow = training_services_tests.slow  # widens the race window of enrolments

MARK = "Qz9Mk"
P1_FIRST_NAME = f"Pia{MARK}First"


def personal_fields(tag: str) -> dict[str, str]:
    """A unique marker for every personal-data field of one participant's record."""
    return {
        "last_name": f"{MARK}{tag}Last",
        "email": f"{MARK.lower()}{tag.lower()}@example.org",
        "phone": f"+45 {MARK}{tag}",
        "street": f"{MARK}{tag}Street 1",
        "municipality": f"{MARK}{tag}Town",
        "exit_reason": f"{MARK}{tag}ExitReason",
    }


DATES_OF_BIRTH = {
    "P1": datetime.date(2004, 3, 21),
    "P2": datetime.date(2003, 11, 7),
    "P3": datetime.date(2005, 8, 30),
}


def participant_with_case_file(tag, *, first_name, partner, coach, sharing):
    participant = ParticipantFactory(
        first_name=first_name,
        date_of_birth=DATES_OF_BIRTH[tag],
        partner=partner,
        coach=coach,
        country_of_residence="DK",
        entry_date=datetime.date(2026, 3, 10),
        **personal_fields(tag),
    )
    ConsentFactory(
        participant=participant,
        purpose=Consent.Purpose.PARTICIPATION,
        given=True,
        recorded_by=coach,
    )
    LanguageSkillFactory(participant=participant, language="de", level="B1")
    # case_file gives sharing consent; the row below, recorded later, is the one that counts.
    case = case_file(participant, coach, marker=f"{MARK}{tag}Case")
    ConsentFactory(
        participant=participant,
        purpose=Consent.Purpose.SHARE_WITH_COMPANIES,
        given=sharing,
        evidence=f"{MARK}{tag}ConsentEvidence",
        recorded_by=coach,
    )
    case.assessment.note = f"{MARK}{tag}Assessment"
    case.assessment.save()
    case.document.original_name = f"{MARK}{tag}Document.pdf"
    case.document.save()
    case.plan.title = f"{MARK}{tag}Plan"
    case.plan.save()
    case.goal.title = f"{MARK}{tag}Goal"
    case.goal.save()
    return participant, case


@pytest.fixture
def world(personas, partner_a, partner_b, company_x, company_y):
    p1, c1 = participant_with_case_file(
        "P1", first_name=P1_FIRST_NAME, partner=partner_a, coach=personas.coach_a, sharing=True
    )
    p2, c2 = participant_with_case_file(
        "P2",
        first_name=f"Paul{MARK}First",
        partner=partner_a,
        coach=personas.coach_a,
        sharing=False,
    )
    p3, c3 = participant_with_case_file(
        "P3",
        first_name=f"Per{MARK}First",
        partner=partner_b,
        coach=personas.coach_b,
        sharing=True,
    )
    offer_x = OfferFactory(company=company_x, title="Welding internship X", places=3)
    offer_y = OfferFactory(company=company_y, title="Kitchen internship Y")
    placement_p1 = PlacementFactory(participant=p1, offer=offer_x, status=Placement.Status.ACTIVE)
    placement_p2 = PlacementFactory(participant=p2, offer=offer_x)
    placement_p1_y = PlacementFactory(participant=p1, offer=offer_y)
    support_x = SupportNeedFactory(company=company_x, description="Language help for company X")
    return SimpleNamespace(
        personas=personas,
        partner_a=partner_a,
        partner_b=partner_b,
        company_x=company_x,
        company_y=company_y,
        p1=p1,
        p2=p2,
        p3=p3,
        c1=c1,
        c2=c2,
        c3=c3,
        offer_x=offer_x,
        offer_y=offer_y,
        placement_p1=placement_p1,
        placement_p2=placement_p2,
        placement_p1_y=placement_p1_y,
        support_x=support_x,
    )
