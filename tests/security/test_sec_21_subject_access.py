"""SECURITY 21: one action gives one participant's full data as JSON and as a readable page in
their language — consent history, which companies saw what, the access log (dates, purposes,
roles) — and a model related to Participant is either exported or excluded with a reason."""

import json

import pytest
from django.apps import apps
from django.urls import reverse

from companies.models import Placement
from jump.audit import subject_access
from jump.audit.models import AccessLog, Retention
from jump.audit.services import access_log_record
from participants.models import Consent, Participant
from tests.factories.companies import OfferFactory, PlacementFactory, PlacementFeedbackFactory
from tests.factories.participants import ConsentFactory, ParticipantFactory
from tests.participants.conftest import case_file

MARK = "Sa21Mark"


def _related_models(model, seen):
    """Every model that points at `model` (any app), and recursively at those."""
    for relation in model._meta.related_objects:
        related = relation.related_model
        label = related._meta.label
        if label not in seen:
            seen.add(label)
            _related_models(related, seen)
    return seen


def test_sec_21_every_model_related_to_participant_is_exported_or_excluded_with_a_reason():
    related = _related_models(apps.get_model("participants", "Participant"), set())
    # Foreign keys to Participant from any app are in related_objects; name one per app so the
    # walk itself cannot silently miss them.
    assert {"companies.Placement", "audit.AccessLog", "participants.Consent"} <= related
    exported = subject_access.exported_models()
    assert all(reason.strip() for reason in subject_access.EXCLUDED.values())
    missing = sorted(related - exported - set(subject_access.EXCLUDED))
    assert missing == [], f"Neither exported nor excluded with a reason: {missing}"
    stale = sorted(
        (exported | set(subject_access.EXCLUDED)) - related - {"participants.Participant"}
    )
    assert stale == []


@pytest.fixture
def subject(personas, partner_a, company_x):
    coach = personas.coach_a
    participant = ParticipantFactory(
        partner=partner_a,
        coach=coach,
        first_name=f"{MARK}First",
        last_name=f"{MARK}Last",
        email=f"{MARK.lower()}@example.org",
        street=f"{MARK} Street 1",
        preferred_language="de",
    )
    case = case_file(participant, coach, marker=f"{MARK}Case")
    ConsentFactory(
        participant=participant,
        purpose=Consent.Purpose.SHARE_WITH_COMPANIES,
        given=False,
        evidence=f"{MARK}Withdrawn",
        recorded_by=coach,
    )
    placement = PlacementFactory(
        participant=participant,
        offer=OfferFactory(company=company_x, title="Welding internship"),
        status=Placement.Status.COMPLETED,
    )
    PlacementFeedbackFactory(placement=placement, comments=f"{MARK}Feedback")
    Retention.objects.create(participant=participant, legal_hold=True)
    access_log_record(
        actor=personas.contact_x,
        action=AccessLog.Action.VIEW,
        what="placement page",
        participant=participant,
        reason="deciding on the proposal",
    )
    return participant, case


def test_sec_21_json_export_has_every_part_of_the_participants_data(subject, client_for, personas):
    participant, case = subject
    url = reverse("audit:subject_access_download", kwargs={"public_id": participant.public_id})
    response = client_for("coach_a").get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["participant"][0]["first_name"] == f"{MARK}First"
    assert data["participant"][0]["street"] == f"{MARK} Street 1"
    # The consent history, withdrawal included, in order.
    sharing = [c for c in data["consents"] if c["purpose"] == "share_with_companies"]
    assert [c["given"] for c in sharing] == [True, False]
    assert sharing[-1]["evidence"] == f"{MARK}Withdrawn"
    assert {n["summary"] for n in data["case_notes"]} == {case.note.summary}
    assert data["action_plans"][0]["goals"][0]["title"] == case.goal.title
    assert data["steps"][0]["title"] == case.step.title
    assert data["assessments"] and data["language_skills"] and data["documents"]
    assert data["documents"][0]["original_name"] == case.document.original_name
    assert data["placements"][0]["feedback"][0]["comments"] == f"{MARK}Feedback"
    assert data["retention"][0]["legal_hold"] is True
    # Which companies saw what.
    assert data["companies"][0]["company"] == "Company X"
    assert data["companies"][0]["offer"] == "Welding internship"
    # The access log: dates, actions, purposes and roles — not other people's details.
    company_view = [r for r in data["access_log"] if r["what"] == "placement page"]
    assert company_view[0]["reason"] == "deciding on the proposal"
    assert company_view[0]["role"]
    assert company_view[0]["at"]
    body = response.content.decode()
    for staff in (personas.contact_x, personas.coach_a):
        assert staff.email not in body
        assert f"{staff.first_name} {staff.last_name}" not in body


def test_sec_21_the_page_is_in_the_participants_language(subject, client_for):
    participant, _case = subject
    url = reverse("audit:subject_access", kwargs={"public_id": participant.public_id})
    response = client_for("manager").get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="de"' in page
    assert "Vorname" in page  # "first name" in German, the participant's language
    assert "Weitergabe an Unternehmen" in page  # the consent purpose, translated
    assert f"{MARK}First" in page and f"{MARK}Withdrawn" in page
    assert "Company X" in page
    assert "manager@example.org" not in page.split("<main", 1)[-1].split("</main>")[0]


def test_sec_21_export_writes_a_subject_access_record_and_a_denied_one_none(
    subject, client_for, personas
):
    participant, _case = subject
    before = AccessLog.objects.count()
    for name in ("subject_access", "subject_access_download"):
        url = reverse(f"audit:{name}", kwargs={"public_id": participant.public_id})
        for persona in ("coach_b", "contact_x", "trainer"):
            assert client_for(persona).get(url).status_code == 404
    assert AccessLog.objects.count() == before
    url = reverse("audit:subject_access_download", kwargs={"public_id": participant.public_id})
    client_for("admin").get(url)
    record = AccessLog.objects.order_by("-pk").first()
    assert (record.action, record.actor, record.participant) == (
        AccessLog.Action.SUBJECT_ACCESS,
        personas.admin,
        participant,
    )
    assert AccessLog.objects.count() == before + 1


def test_sec_21_an_erased_participant_exports_without_identifiers(subject, client_for, personas):
    from jump.audit.erasure import participant_erase

    participant, _case = subject
    Retention.objects.filter(participant=participant).update(legal_hold=False)
    participant_erase(participant=participant, actor=personas.admin, reason="request")
    url = reverse("audit:subject_access_download", kwargs={"public_id": participant.public_id})
    body = client_for("admin").get(url).content.decode()
    assert MARK not in body
    assert Participant.objects.get(pk=participant.pk).erased_at is not None
