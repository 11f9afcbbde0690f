"""Who may not use each service of the young people's pages (tests/service_refusals.py), in the
world of tests/young_people/conftest.py: P1 is youth_p1's own record (partner A, coach_a)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from participants.models import Consent
from tests.factories.participants import PDF_BYTES
from tests.service_refusals import Refusal


def pdf_upload():
    return SimpleUploadedFile("cv.pdf", PDF_BYTES, content_type="application/pdf")


SERVICES = "young_people.services"


def coach_b(world):
    return world.personas.coach_b


def coach_a(world):
    return world.personas.coach_a


REFUSALS = {
    # A coach of another partner may not invite P1 nor end their access.
    "youth_invitation_create": Refusal(
        coach_b, lambda w: {"participant": w.p1, "base_url": "http://testserver"}
    ),
    "youth_access_end": Refusal(coach_b, lambda w: {"participant": w.p1}),
    # Only the young person ticks their own step and withdraws their own consent — not even
    # their coach through these services.
    "step_tick_by_young_person": Refusal(
        coach_a, lambda w: {"participant": w.p1, "step_public_id": w.c1.step.public_id}
    ),
    "consent_withdraw_by_young_person": Refusal(
        coach_a, lambda w: {"participant": w.p1, "purpose": Consent.Purpose.PHOTOS}
    ),
    # Only a coach who may manage P1's access shares an item or confirms their outcome.
    "item_share_with_young_person": Refusal(coach_b, lambda w: {"item": w.c1.note}),
    "outcome_confirm": Refusal(coach_b, lambda w: {"participant": w.p1}),
    # The young person uploads to their own record only: not their coach through this door.
    "document_upload_by_young_person": Refusal(
        coach_a, lambda w: {"participant": w.p1, "file": pdf_upload()}
    ),
    # Their calendar link and their CV are theirs alone: not even their coach writes them.
    "calendar_feed_renew": Refusal(coach_a, lambda w: {"participant": w.p1}),
    "calendar_feed_stop": Refusal(coach_a, lambda w: {"participant": w.p1}),
    "cv_profile_save": Refusal(coach_a, lambda w: {"participant": w.p1, "statement": "Hi"}),
    "language_self_assessment_save": Refusal(
        coach_a,
        lambda w: {
            "participant": w.p1,
            "language": "de",
            **dict.fromkeys(
                ("listening", "reading", "spoken_interaction", "spoken_production", "writing"),
                "B1",
            ),
        },
    ),
    "language_self_assessment_delete": Refusal(
        coach_a, lambda w: {"participant": w.p1, "language": "de"}
    ),
}

NO_ACTOR = {
    "is_minor": "a read: under 18 on a day",
    "guardian_consent_on_file": "a read: the guardian's consent an invitation names",
    "youth_invitation_send": "the e-mail task of an invitation a permitted coach created",
    "youth_invitation_lookup": "a read of an invitation by its secret token (no login yet)",
    "youth_invitation_accept": "the single-use token is the authority: the young person has no "
    "login yet (as a company contact's invitation)",
    "follow_ups_create_due": "system task: the daily six-month follow-up e-mails (Celery beat)",
    "follow_up_send": "the e-mail task of a follow-up request the daily job created",
    "follow_up_lookup": "a read of a follow-up request by its secret token (no login)",
    "follow_up_language": "a read: the language of the page that says a link no longer works",
    "follow_up_answer": "the single-use token is the authority: the young person answers "
    "without a login (the link was sent to their address only)",
    "youth_access_expire_after_exit": "system task: the daily end of access after the grace "
    "period (Celery beat)",
}
