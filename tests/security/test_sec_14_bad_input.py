"""SECURITY 14 — bad input never gives a 500 or a partial write: hypothesis-generated input
(huge strings, NUL bytes, RTL marks, emoji, impossible dates, negative numbers) against every
form of the project, through the view that renders it. Invalid input → the form again with
errors and no row added or removed.

Every form class found in the apps' `forms` modules must be in FORM_VIEWS (or NOT_RENDERED with
a reason): a new form without a view mapping fails the test.
"""

from importlib import import_module

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from .forms_walk import project_form_classes
from .test_sec_12_csrf import RECORDS_OF_READS, row_counts, world_of

pytestmark = pytest.mark.django_db

P = "tests.participants.matrix"
C = "tests.companies.matrix"
T = "tests.training_modules.matrix"
R = "tests.reports.matrix"
I = "tests.imports.matrix"  # noqa: E741
A = "tests.audit.matrix"
Y = "tests.young_people.matrix"

# form → (matrix module whose world and kwargs the URL takes, URL name, persona, method)
FORM_VIEWS = {
    "jump.accounts.forms.ProfileForm": (
        "tests.accounts.matrix",
        "accounts:profile",
        "trainer",
        "post",
    ),
    "jump.notifications.forms.DeliveryPreferencesForm": (
        "tests.notifications.matrix",
        "notifications:preferences",
        "coach_a",
        "post",
    ),
    "jump.reports.forms.PeriodForm": (R, "reports:dashboard", "manager", "get"),
    "jump.reports.forms.ReportRequestForm": (R, "reports:run_create", "manager", "post"),
    "jump.reports.forms.IndicatorTargetForm": (R, "reports:target_edit", "manager", "post"),
    "jump.reports.forms.ReportSubmissionForm": (R, "reports:submission_list", "manager", "post"),
    "companies.forms.ProposeFromCaseForm": (
        C,
        "companies:propose_for_participant",
        "coach_a",
        "post",
    ),
    "jump.audit.forms.AccessLogFilterForm": (A, "audit:log", "manager", "get"),
    "young_people.forms.ConsentWithdrawForm": (
        Y,
        "young_people:consent_withdraw",
        "youth_p1",
        "post",
    ),
    "young_people.forms.YouthInvitationForm": (Y, "young_people:coach_invite", "coach_a", "post"),
    "young_people.forms.PasswordChoiceForm": (Y, "young_people:invitation_accept", "anon", "post"),
    "young_people.forms.CvProfileForm": (Y, "young_people:cv", "youth_p1", "post"),
    "young_people.forms.LanguageSelfAssessmentForm": (
        Y,
        "young_people:cv_language",
        "youth_p1",
        "post",
    ),
    "jump.audit.forms.ErasureForm": (A, "audit:erase", "admin", "post"),
    "jump.imports.forms.ImportUploadForm": (I, "imports:job_create", "coach_a", "post"),
    "jump.imports.forms.ImportCommitForm": (I, "imports:job_commit", "coach_a", "post"),
    "jump.imports.forms.RowFilterForm": (I, "imports:job_detail", "coach_a", "get"),
    "participants.forms.ParticipantForm": (P, "participants:create", "coach_a", "post"),
    "participants.forms.StatusForm": (P, "participants:status", "coach_a", "post"),
    "participants.forms.LeaveForm": (P, "participants:leave", "coach_a", "post"),
    "participants.forms.SpecialCategoryForm": (
        P,
        "participants:special_category",
        "coach_a",
        "post",
    ),
    "participants.forms.ConsentForm": (P, "participants:consent_record", "coach_a", "post"),
    "participants.forms.LanguageSkillForm": (P, "participants:language_add", "coach_a", "post"),
    "participants.forms.AssessmentForm": (P, "participants:assessment_create", "coach_a", "post"),
    "participants.forms.ActionPlanForm": (P, "participants:plan_edit", "coach_a", "post"),
    "participants.forms.NewActionPlanForm": (P, "participants:plan_create", "coach_a", "post"),
    "participants.forms.GoalForm": (P, "participants:goal_create", "coach_a", "post"),
    "participants.forms.StepForm": (P, "participants:step_create", "coach_a", "post"),
    "participants.forms.ContactForm": (P, "participants:contact_create", "coach_a", "post"),
    "participants.forms.OutcomeForm": (P, "participants:outcome_edit", "coach_a", "post"),
    "participants.forms.DocumentForm": (P, "participants:document_upload", "coach_a", "post"),
    "participants.forms.ShareForm": (P, "participants:share_create", "coach_a", "post"),
    "participants.forms.ActivityForm": (P, "participants:activity_create", "coach_a", "post"),
    "participants.forms.AttendanceForm": (P, "participants:attendance_edit", "coach_a", "post"),
    "participants.forms.ActivityRegistrationForm": (
        P,
        "participants:activity_registration_add",
        "coach_a",
        "post",
    ),
    "participants.forms.CaseloadFilterForm": (P, "participants:caseload", "coach_a", "get"),
    "companies.forms.CompanyForm": (C, "companies:company_create", "coach_a", "post"),
    "companies.forms.CompanyProfileForm": (C, "companies:profile_edit", "contact_x", "post"),
    "companies.forms.CompanyFilterForm": (C, "companies:company_list", "coach_a", "get"),
    "companies.forms.InvitationForm": (C, "companies:contact_invite", "coach_a", "post"),
    "companies.forms.InvitationAcceptForm": (C, "companies:invitation_accept", "anon", "post"),
    "companies.forms.OfferForm": (C, "companies:offer_create", "coach_a", "post"),
    "companies.forms.LanguageRequirementForm": (C, "companies:offer_create", "coach_a", "post"),
    "companies.forms.ProposeForm": (C, "companies:placement_propose", "coach_a", "post"),
    "companies.forms.DeclineForm": (C, "companies:placement_decline", "contact_x", "post"),
    "companies.forms.MentorForm": (C, "companies:placement_mentor", "contact_x", "post"),
    "companies.forms.SharingForm": (C, "companies:placement_sharing", "coach_a", "post"),
    "companies.forms.ChecklistForm": (C, "companies:placement_checklist", "coach_a", "post"),
    "companies.forms.FeedbackForm": (C, "companies:placement_feedback", "contact_x", "post"),
    "companies.forms.DateForm": (C, "companies:placement_start", "coach_a", "post"),
    "companies.forms.SupportNeedForm": (C, "companies:support_need_create", "coach_a", "post"),
    "companies.forms.SupportActionForm": (C, "companies:support_action_create", "coach_a", "post"),
    "companies.forms.SupportStatusForm": (C, "companies:support_need_status", "coach_a", "post"),
    "training_modules.forms.ModuleForm": (T, "training_modules:module_create", "manager", "post"),
    "training_modules.forms.SessionForm": (T, "training_modules:session_create", "manager", "post"),
    "training_modules.forms.EnrolOtherForm": (
        T,
        "training_modules:enrolment_create_other",
        "manager",
        "post",
    ),
    "training_modules.forms.FeedbackForm": (
        T,
        "training_modules:feedback_create",
        "staff_learner",
        "post",
    ),
    "training_modules.forms.GoodPracticeForm": (
        T,
        "training_modules:good_practice_create",
        "trainer",
        "post",
    ),
    "training_modules.forms.CatalogueFilterForm": (
        T,
        "training_modules:catalogue",
        "coach_a",
        "get",
    ),
    "training_modules.forms.SessionFilterForm": (
        T,
        "training_modules:session_list",
        "coach_a",
        "get",
    ),
    "training_modules.forms.GoodPracticeFilterForm": (
        T,
        "training_modules:good_practice_list",
        "coach_a",
        "get",
    ),
}

# Form classes no view renders, and why.
NOT_RENDERED = {
    "training_modules.forms.FilterForm": "the base class of the catalogue's filter forms",
}

NASTY = [
    "",
    " ",
    "x" * 20_000,
    "a\x00b",
    "\x00",
    "\u202eevil\u202c",  # right-to-left override
    "\u200f\u200e",  # RTL / LTR marks
    "😀🏳️‍🌈" * 50,
    "2026-02-30",
    "0000-00-00",
    "9999-99-99",
    "31.02.2026",
    "-1",
    "-99999999999999999999999",
    "1e309",
    "NaN",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "00000000-0000-0000-0000-000000000000",
]
nasty = st.one_of(st.sampled_from(NASTY), st.text(max_size=30))


def changed_rows(before, after):
    return {
        label: (before[label], after[label])
        for label in before
        if before[label] != after[label] and label not in RECORDS_OF_READS
    }


def forms_with_errors(response):
    from django.forms.forms import BaseForm

    found = []
    for context in response.context or []:
        for value in context.dicts if hasattr(context, "dicts") else [context]:
            for item in value.values() if isinstance(value, dict) else []:
                if isinstance(item, BaseForm) and item.is_bound and item.errors:
                    found.append(item)
    return found


def test_sec_14_every_form_is_mapped_to_the_view_that_renders_it():
    unmapped = set(project_form_classes()) - set(FORM_VIEWS) - set(NOT_RENDERED)
    assert unmapped == set(), (
        "add these forms to FORM_VIEWS in tests/security/test_sec_14_bad_input.py"
    )
    stale = (set(FORM_VIEWS) | set(NOT_RENDERED)) - set(project_form_classes())
    assert stale == set()


@pytest.mark.parametrize("form_name", sorted(FORM_VIEWS))
def test_sec_14_bad_input_gives_no_500_and_no_partial_write(request, client_for, form_name):
    module_name, url_name, persona, method = FORM_VIEWS[form_name]
    world = world_of(request, module_name)
    rule = import_module(module_name).MATRIX[url_name]
    url = reverse(url_name, kwargs=rule.kwargs(world) if rule.kwargs else None)
    client = client_for(persona)
    fields = list(project_form_classes()[form_name].base_fields) or ["anything"]

    @settings(
        max_examples=6,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.fixed_dictionaries(dict.fromkeys(fields, nasty)))
    # Always tried: a NUL byte in every field (psycopg refuses it: the form must), and RTL text.
    @example(data=dict.fromkeys(fields, "a\x00b"))
    @example(data=dict.fromkeys(fields, "\u202e" + "x" * 5000))
    def post_bad_input(data):
        before = row_counts()
        response = getattr(client, method)(url, data)
        assert response.status_code < 500
        if method == "post" and response.status_code == 200:
            assert forms_with_errors(response), "a 200 to a POST must show the form's errors"
            assert changed_rows(before, row_counts()) == {}

    post_bad_input()
