import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from participants import services
from participants.models import (
    Attendance,
    Document,
    Outcome,
    Participant,
    ParticipantShare,
    Step,
)
from tests.factories.accounts import PartnerFactory, UserFactory
from tests.factories.participants import (
    PDF_BYTES,
    ActionPlanFactory,
    ActivityFactory,
    AttendanceFactory,
    GoalFactory,
    ParticipantFactory,
    StepFactory,
)

pytestmark = pytest.mark.django_db

S = Participant.Status
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)

PROFILE = {
    "first_name": "Freja",
    "last_name": "Nielsen",
    "date_of_birth": datetime.date(2006, 4, 2),
    "gender": "female",
    "email": "freja@example.org",
    "phone": "",
    "street": "",
    "postcode": "6400",
    "municipality": "Sønderborg",
    "country_of_residence": "DK",
    "education_level": "isced_0_2",
    "labour_market_status": "unemployed",
    "preferred_language": "da",
    "entry_date": None,
}


# --- intake and profile -------------------------------------------------------------------------


def test_intake_sets_partner_and_coach_from_the_actor(personas):
    participant = services.participant_create(actor=personas.coach_a, **PROFILE)
    assert participant.partner == personas.coach_a.partner
    assert participant.coach == personas.coach_a
    assert participant.status == S.INTERESTED


def test_intake_may_pick_another_coach_of_the_same_partner(personas, partner_a):
    colleague = UserFactory(roles=["coach"], partner=partner_a)
    participant = services.participant_create(actor=personas.coach_a, coach=colleague, **PROFILE)
    assert participant.coach == colleague


def test_intake_refuses_a_coach_of_another_partner(personas):
    with pytest.raises(ValidationError) as exc:
        services.participant_create(actor=personas.coach_a, coach=personas.coach_b, **PROFILE)
    assert "coach" in exc.value.error_dict
    assert not Participant.objects.exists()


def test_intake_refuses_a_non_coach_as_coach(personas, partner_a):
    trainer = UserFactory(roles=["trainer"], partner=partner_a)
    with pytest.raises(ValidationError):
        services.participant_create(actor=personas.coach_a, coach=trainer, **PROFILE)


@pytest.mark.parametrize("actor", ["manager", "admin", "trainer"])
def test_intake_is_for_coaches_only(personas, actor):
    with pytest.raises(PermissionDenied):
        services.participant_create(actor=getattr(personas, actor), **PROFILE)


def test_intake_refuses_a_birth_date_in_the_future(personas):
    with pytest.raises(ValidationError) as exc:
        services.participant_create(
            actor=personas.coach_a, **{**PROFILE, "date_of_birth": TODAY + DAY}
        )
    assert "date_of_birth" in exc.value.error_dict
    assert not Participant.objects.exists()


def test_intake_does_not_accept_ownership_fields(personas, partner_b):
    with pytest.raises(TypeError):
        services.participant_create(actor=personas.coach_a, partner=partner_b, **PROFILE)


def test_profile_update_can_change_the_coach_within_the_partner(personas, partner_a):
    participant = ParticipantFactory(partner=partner_a, coach=personas.coach_a)
    colleague = UserFactory(roles=["coach"], partner=partner_a)
    services.participant_update(
        actor=personas.coach_a, participant=participant, coach=colleague, municipality="Nordborg"
    )
    participant.refresh_from_db()
    assert participant.coach == colleague
    assert participant.municipality == "Nordborg"


# --- the status flow ----------------------------------------------------------------------------

ALLOWED = [
    (S.INTERESTED, S.ENROLLED),
    (S.ENROLLED, S.ACTIVE),
    (S.ENROLLED, S.DROPPED_OUT),
    (S.ACTIVE, S.COMPLETED),
    (S.ACTIVE, S.DROPPED_OUT),
]
ALL_PAIRS = [(a, b) for a in S.values for b in S.values if a != b]


def _leaving_data(status, participant):
    if status in (S.COMPLETED, S.DROPPED_OUT):
        return {"exit_date": participant.entry_date + 30 * DAY, "exit_reason": "Apprenticeship"}
    return {}


@pytest.mark.parametrize(("current", "new"), ALLOWED)
def test_allowed_status_transitions(personas, current, new):
    participant = ParticipantFactory(
        partner=personas.coach_a.partner,
        status=current,
        entry_date=TODAY - 100 * DAY,
        coach=personas.coach_a,
    )
    result = services.participant_change_status(
        actor=personas.coach_a,
        participant=participant,
        status=new,
        **_leaving_data(new, participant),
    )
    participant.refresh_from_db()
    assert result.status == participant.status == new


@pytest.mark.parametrize(("current", "new"), [p for p in ALL_PAIRS if p not in ALLOWED])
def test_other_status_transitions_are_refused(personas, current, new):
    participant = ParticipantFactory(
        partner=personas.coach_a.partner,
        status=current,
        entry_date=TODAY - 100 * DAY,
        exit_date=TODAY - 10 * DAY if current in (S.COMPLETED, S.DROPPED_OUT) else None,
    )
    with pytest.raises(ValidationError) as exc:
        services.participant_change_status(
            actor=personas.coach_a,
            participant=participant,
            status=new,
            **_leaving_data(new, participant),
        )
    assert "status" in exc.value.error_dict
    participant.refresh_from_db()
    assert participant.status == current


def test_enrolling_needs_an_entry_date(personas):
    participant = ParticipantFactory(
        partner=personas.coach_a.partner, status=S.INTERESTED, entry_date=None
    )
    with pytest.raises(ValidationError) as exc:
        services.participant_change_status(
            actor=personas.coach_a, participant=participant, status=S.ENROLLED
        )
    assert "entry_date" in exc.value.error_dict
    services.participant_change_status(
        actor=personas.coach_a, participant=participant, status=S.ENROLLED, entry_date=TODAY
    )
    participant.refresh_from_db()
    assert participant.entry_date == TODAY


@pytest.mark.parametrize("status", [S.COMPLETED, S.DROPPED_OUT])
def test_leaving_needs_an_exit_date_and_a_reason(personas, status):
    participant = ParticipantFactory(
        partner=personas.coach_a.partner, status=S.ACTIVE, entry_date=TODAY - 50 * DAY
    )
    with pytest.raises(ValidationError) as exc:
        services.participant_change_status(
            actor=personas.coach_a, participant=participant, status=status
        )
    assert set(exc.value.error_dict) == {"exit_date", "exit_reason"}
    participant.refresh_from_db()
    assert participant.status == S.ACTIVE
    assert participant.exit_date is None


def test_exit_before_entry_is_refused_and_nothing_is_saved(personas):
    participant = ParticipantFactory(
        partner=personas.coach_a.partner, status=S.ACTIVE, entry_date=TODAY - 50 * DAY
    )
    with pytest.raises(ValidationError) as exc:
        services.participant_change_status(
            actor=personas.coach_a,
            participant=participant,
            status=S.COMPLETED,
            exit_date=TODAY - 51 * DAY,
            exit_reason="Done",
        )
    assert "exit_date" in exc.value.error_dict
    participant.refresh_from_db()
    assert (participant.status, participant.exit_date, participant.exit_reason) == (
        S.ACTIVE,
        None,
        "",
    )


def test_exit_in_the_future_is_refused(personas):
    participant = ParticipantFactory(
        partner=personas.coach_a.partner, status=S.ACTIVE, entry_date=TODAY - 50 * DAY
    )
    with pytest.raises(ValidationError) as exc:
        services.participant_change_status(
            actor=personas.coach_a,
            participant=participant,
            status=S.COMPLETED,
            exit_date=TODAY + DAY,
            exit_reason="Done",
        )
    assert "exit_date" in exc.value.error_dict


def test_the_database_refuses_an_exit_before_the_entry():
    from django.db import IntegrityError, transaction

    participant = ParticipantFactory(entry_date=TODAY)
    participant.exit_date = TODAY - DAY
    with pytest.raises(IntegrityError), transaction.atomic():
        participant.save()


# --- consent ledger -----------------------------------------------------------------------------


# --- languages ----------------------------------------------------------------------------------


def test_language_level_outside_cefr_is_refused(personas):
    participant = ParticipantFactory(partner=personas.coach_a.partner)
    with pytest.raises(ValidationError) as exc:
        services.language_skill_add(
            actor=personas.coach_a,
            participant=participant,
            language="de",
            level="D1",
            assessed_on=TODAY,
        )
    assert "level" in exc.value.error_dict
    assert not participant.language_skills.exists()


def test_other_language_needs_a_name(personas):
    with pytest.raises(ValidationError) as exc:
        services.language_skill_add(
            actor=personas.coach_a,
            participant=ParticipantFactory(partner=personas.coach_a.partner),
            language="other",
            level="B1",
            assessed_on=TODAY,
        )
    assert "other_language" in exc.value.error_dict


# --- assessments --------------------------------------------------------------------------------

RATINGS = {
    "mobility_readiness": 2,
    "intercultural_competence": 3,
    "vocational_orientation": 3,
    "language_confidence": 1,
    "social_skills": 4,
}


@pytest.mark.parametrize("bad", [0, 6, -1])
def test_ratings_outside_one_to_five_are_refused(personas, bad):
    participant = ParticipantFactory(partner=personas.coach_a.partner)
    with pytest.raises(ValidationError) as exc:
        services.assessment_create(
            actor=personas.coach_a,
            participant=participant,
            kind="entry",
            rater="coach",
            date=TODAY,
            **{**RATINGS, "social_skills": bad},
        )
    assert "social_skills" in exc.value.error_dict
    assert not participant.assessments.exists()


def test_one_entry_assessment_per_rater(personas):
    participant = ParticipantFactory(partner=personas.coach_a.partner)
    data = {"kind": "entry", "rater": "self", "date": TODAY, **RATINGS}
    services.assessment_create(actor=personas.coach_a, participant=participant, **data)
    with pytest.raises(ValidationError):
        services.assessment_create(actor=personas.coach_a, participant=participant, **data)
    services.assessment_create(
        actor=personas.coach_a, participant=participant, **{**data, "rater": "coach"}
    )
    for _ in range(2):
        services.assessment_create(
            actor=personas.coach_a, participant=participant, **{**data, "kind": "interim"}
        )
    assert participant.assessments.count() == 4


def test_the_database_refuses_a_rating_outside_one_to_five(personas):
    from django.db import IntegrityError, transaction

    from tests.factories.participants import AssessmentFactory

    with pytest.raises(IntegrityError), transaction.atomic():
        AssessmentFactory(mobility_readiness=9, recorded_by=personas.coach_a)


# --- action plans -------------------------------------------------------------------------------


def test_step_due_before_the_plan_starts_is_refused(personas):
    goal = GoalFactory(
        plan=ActionPlanFactory(
            participant__partner=personas.coach_a.partner,
            starts_on=TODAY,
            created_by=personas.coach_a,
        )
    )
    with pytest.raises(ValidationError) as exc:
        services.step_create(actor=personas.coach_a, goal=goal, title="Apply", due_on=TODAY - DAY)
    assert "due_on" in exc.value.error_dict
    assert not Step.objects.exists()
    step = services.step_create(actor=personas.coach_a, goal=goal, title="Apply", due_on=TODAY)
    assert step.due_on == TODAY


def test_goal_due_before_the_plan_starts_is_refused(personas):
    plan = ActionPlanFactory(
        participant__partner=personas.coach_a.partner, starts_on=TODAY, created_by=personas.coach_a
    )
    with pytest.raises(ValidationError) as exc:
        services.goal_create(actor=personas.coach_a, plan=plan, title="x", due_on=TODAY - DAY)
    assert "due_on" in exc.value.error_dict


def test_plan_cannot_start_after_its_first_due_step(personas):
    plan = ActionPlanFactory(
        participant__partner=personas.coach_a.partner,
        starts_on=TODAY - 10 * DAY,
        created_by=personas.coach_a,
    )
    StepFactory(goal=GoalFactory(plan=plan), due_on=TODAY - 5 * DAY)
    with pytest.raises(ValidationError) as exc:
        services.action_plan_update(
            actor=personas.coach_a, plan=plan, title=plan.title, starts_on=TODAY
        )
    assert "starts_on" in exc.value.error_dict
    plan.refresh_from_db()
    assert plan.starts_on == TODAY - 10 * DAY


def test_marking_a_step_done_sets_today(personas):
    step = StepFactory(goal__plan__participant__partner=personas.coach_a.partner)
    services.step_mark_done(actor=personas.coach_a, step=step)
    step.refresh_from_db()
    assert step.done_on == TODAY


def test_done_date_in_the_future_is_refused(personas):
    step = StepFactory(goal__plan__participant__partner=personas.coach_a.partner)
    with pytest.raises(ValidationError) as exc:
        services.step_update(
            actor=personas.coach_a,
            step=step,
            title=step.title,
            due_on=step.due_on,
            done_on=TODAY + DAY,
        )
    assert "done_on" in exc.value.error_dict


# --- case notes ---------------------------------------------------------------------------------


def test_case_note_author_is_the_actor_and_follow_up_can_be_closed(personas):
    participant = ParticipantFactory(partner=personas.coach_a.partner)
    note = services.contact_create(
        actor=personas.coach_a,
        participant=participant,
        date=TODAY,
        channel="phone",
        summary="Called about the visit.",
        follow_up_on=TODAY + 7 * DAY,
    )
    assert note.author == personas.coach_a
    assert note.follow_up_open
    services.contact_close_follow_up(actor=personas.coach_a, contact=note)
    note.refresh_from_db()
    assert note.follow_up_done_on == TODAY and not note.follow_up_open


def test_follow_up_before_the_note_is_refused(personas):
    with pytest.raises(ValidationError) as exc:
        services.contact_create(
            actor=personas.coach_a,
            participant=ParticipantFactory(partner=personas.coach_a.partner),
            date=TODAY,
            channel="phone",
            summary="x",
            follow_up_on=TODAY - DAY,
        )
    assert "follow_up_on" in exc.value.error_dict


# --- outcomes -----------------------------------------------------------------------------------


def _left(personas):
    return ParticipantFactory(
        partner=personas.coach_a.partner,
        status=S.COMPLETED,
        entry_date=TODAY - 300 * DAY,
        exit_date=TODAY - 200 * DAY,
        exit_reason="Completed",
        coach=personas.coach_a,
    )


def test_outcomes_at_exit_and_six_months_are_one_each(personas):
    participant = _left(personas)
    for timing, date in (("exit", TODAY - 200 * DAY), ("six_months", TODAY - 18 * DAY)):
        services.outcome_record(
            actor=personas.coach_a,
            participant=participant,
            timing=timing,
            kind="employed",
            date=date,
            cross_border=True,
        )
    services.outcome_record(
        actor=personas.coach_a,
        participant=participant,
        timing="exit",
        kind="in_vocational_training",
        date=TODAY - 200 * DAY,
    )
    outcomes = {o.timing: o for o in Outcome.objects.filter(participant=participant)}
    assert len(outcomes) == 2
    assert outcomes["exit"].kind == "in_vocational_training"
    assert outcomes["six_months"].cross_border


def test_outcome_only_after_exit(personas):
    with pytest.raises(ValidationError):
        services.outcome_record(
            actor=personas.coach_a,
            participant=ParticipantFactory(partner=personas.coach_a.partner, status=S.ACTIVE),
            timing="exit",
            kind="employed",
            date=TODAY,
        )


def test_six_month_outcome_not_before_exit(personas):
    with pytest.raises(ValidationError) as exc:
        services.outcome_record(
            actor=personas.coach_a,
            participant=_left(personas),
            timing="six_months",
            kind="employed",
            date=TODAY - 250 * DAY,
        )
    assert "date" in exc.value.error_dict


def test_seeking_work_cannot_be_across_the_border(personas):
    with pytest.raises(ValidationError) as exc:
        services.outcome_record(
            actor=personas.coach_a,
            participant=_left(personas),
            timing="exit",
            kind="seeking_work",
            date=TODAY - 200 * DAY,
            cross_border=True,
        )
    assert "cross_border" in exc.value.error_dict


# --- activities and attendance ------------------------------------------------------------------


def test_activity_belongs_to_the_coachs_partner(personas):
    activity = services.activity_create(
        actor=personas.coach_a,
        kind="camp",
        title="Summer camp",
        description="",
        date=TODAY,
        hours=40,
        country="DE",
        cross_border=True,
    )
    assert activity.partner == personas.coach_a.partner
    assert activity.created_by == personas.coach_a


def test_attendance_for_many_at_once_and_removal(personas, partner_a):
    activity = ActivityFactory(partner=partner_a, date=TODAY - DAY)
    p1, p2, p3 = (ParticipantFactory(partner=partner_a) for _ in range(3))
    AttendanceFactory(activity=activity, participant=p3, recorded_by=personas.coach_a)
    changed = services.attendance_register(
        actor=personas.coach_a,
        activity=activity,
        statuses={p1: "attended", p2: "excused", p3: None},
    )
    assert changed == 3
    assert dict(Attendance.objects.values_list("participant_id", "status")) == {
        p1.pk: "attended",
        p2.pk: "excused",
    }


def test_attendance_of_a_participant_the_coach_cannot_see_is_refused(personas, partner_b):
    activity = ActivityFactory(date=TODAY)
    stranger = ParticipantFactory(partner=partner_b)
    with pytest.raises(PermissionDenied):
        services.attendance_register(
            actor=personas.coach_a, activity=activity, statuses={stranger: "attended"}
        )
    assert not Attendance.objects.exists()


def test_attendance_is_registered_from_the_day_of_the_activity(personas, partner_a):
    activity = ActivityFactory(partner=partner_a, date=TODAY + DAY)
    with pytest.raises(ValidationError):
        services.attendance_register(
            actor=personas.coach_a,
            activity=activity,
            statuses={ParticipantFactory(partner=partner_a): "attended"},
        )


# --- co-coaching --------------------------------------------------------------------------------


def test_sharing_is_with_a_coach_in_the_other_country(personas, partner_a):
    participant = ParticipantFactory(partner=partner_a, coach=personas.coach_a)
    share = services.share_grant(
        actor=personas.coach_a, participant=participant, coach=personas.coach_b
    )
    assert share.granted_by == personas.coach_a
    assert participant in Participant.objects.case_visible_to(personas.coach_b)


def test_sharing_with_a_coach_in_the_same_country_is_refused(personas, partner_a):
    danish_coach = UserFactory(roles=["coach"], partner=PartnerFactory(country="DK"))
    participant = ParticipantFactory(partner=partner_a)
    with pytest.raises(ValidationError) as exc:
        services.share_grant(actor=personas.coach_a, participant=participant, coach=danish_coach)
    assert "coach" in exc.value.error_dict
    assert not ParticipantShare.objects.exists()


def test_sharing_with_someone_who_is_not_a_coach_is_refused(personas, partner_a, partner_b):
    learner = UserFactory(roles=["staff_learner"], partner=partner_b)
    with pytest.raises(ValidationError):
        services.share_grant(
            actor=personas.coach_a,
            participant=ParticipantFactory(partner=partner_a),
            coach=learner,
        )


def test_sharing_twice_is_refused_and_revoking_ends_access(personas, partner_a):
    participant = ParticipantFactory(partner=partner_a)
    services.share_grant(actor=personas.coach_a, participant=participant, coach=personas.coach_b)
    with pytest.raises(ValidationError):
        services.share_grant(
            actor=personas.coach_a, participant=participant, coach=personas.coach_b
        )
    share = services.share_revoke(
        actor=personas.coach_a, participant=participant, coach=personas.coach_b
    )
    assert share.revoked_at is not None
    assert participant not in Participant.objects.case_visible_to(personas.coach_b)
    # and it can be shared again later
    services.share_grant(actor=personas.coach_a, participant=participant, coach=personas.coach_b)
    assert ParticipantShare.objects.filter(participant=participant).count() == 2


# --- documents ----------------------------------------------------------------------------------


def test_document_is_stored_privately_under_a_random_name(personas, settings):
    participant = ParticipantFactory(partner=personas.coach_a.partner)
    upload = SimpleUploadedFile("Mein Lebenslauf.pdf", PDF_BYTES, content_type="text/html")
    document = services.document_upload(
        actor=personas.coach_a, participant=participant, kind="cv", file=upload
    )
    assert document.original_name == "Mein Lebenslauf.pdf"
    assert document.content_type == "application/pdf"  # by content, not the browser's claim
    assert "Lebenslauf" not in document.file.name
    assert document.file.path.startswith(str(settings.PRIVATE_ROOT))
    assert document.file.read() == PDF_BYTES


def test_document_that_is_not_pdf_png_or_jpeg_is_refused(personas):
    participant = ParticipantFactory(partner=personas.coach_a.partner)
    upload = SimpleUploadedFile("cv.pdf", b"<html><script>alert(1)</script></html>")
    with pytest.raises(ValidationError) as exc:
        services.document_upload(
            actor=personas.coach_a, participant=participant, kind="cv", file=upload
        )
    assert "file" in exc.value.error_dict
    assert not Document.objects.exists()


def test_deleting_a_document_removes_the_file(personas, django_capture_on_commit_callbacks):
    participant = ParticipantFactory(partner=personas.coach_a.partner)
    document = services.document_upload(
        actor=personas.coach_a,
        participant=participant,
        kind="cv",
        file=SimpleUploadedFile("cv.pdf", PDF_BYTES),
    )
    storage, name = document.file.storage, document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.document_delete(actor=personas.coach_a, document=document)
    assert not Document.objects.exists()
    assert not storage.exists(name)
