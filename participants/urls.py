from django.urls import path

from . import views

app_name = "participants"

P = "<uuid:public_id>/"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("new/", views.participant_create, name="create"),
    # activities (before the participant patterns for readability; a UUID never matches them)
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/<uuid:public_id>/", views.activity_detail, name="activity_detail"),
    path("activities/<uuid:public_id>/edit/", views.activity_edit, name="activity_edit"),
    path(
        "activities/<uuid:public_id>/attendance/",
        views.attendance_edit,
        name="attendance_edit",
    ),
    path(
        "activities/<uuid:public_id>/registrations/",
        views.activity_registration_add,
        name="activity_registration_add",
    ),
    path(
        "activities/<uuid:public_id>/registrations/<uuid:participant_id>/remove/",
        views.activity_registration_remove,
        name="activity_registration_remove",
    ),
    # one participant
    path(P, views.participant_detail, name="detail"),
    path(P + "edit/", views.participant_edit, name="edit"),
    path(P + "status/", views.participant_status, name="status"),
    path(P + "leave/", views.participant_leave, name="leave"),
    path(P + "special-category/", views.special_category_edit, name="special_category"),
    path(P + "cv/", views.participant_cv, name="cv"),
    path(P + "cv.pdf", views.participant_cv_pdf, name="cv_pdf"),
    path(P + "consents/", views.consent_record, name="consent_record"),
    path(P + "languages/add/", views.language_add, name="language_add"),
    path(P + "languages/<uuid:item_id>/delete/", views.language_delete, name="language_delete"),
    path(P + "assessments/add/", views.assessment_create, name="assessment_create"),
    path(P + "assessments/<uuid:item_id>/edit/", views.assessment_edit, name="assessment_edit"),
    path(P + "plans/add/", views.plan_create, name="plan_create"),
    path(P + "plans/<uuid:item_id>/edit/", views.plan_edit, name="plan_edit"),
    path(P + "plans/<uuid:item_id>/goals/add/", views.goal_create, name="goal_create"),
    path(P + "goals/<uuid:item_id>/edit/", views.goal_edit, name="goal_edit"),
    path(P + "goals/<uuid:item_id>/steps/add/", views.step_create, name="step_create"),
    path(P + "steps/<uuid:item_id>/edit/", views.step_edit, name="step_edit"),
    path(P + "steps/<uuid:item_id>/done/", views.step_done, name="step_done"),
    path(P + "notes/add/", views.contact_create, name="contact_create"),
    path(P + "notes/<uuid:item_id>/edit/", views.contact_edit, name="contact_edit"),
    path(
        P + "notes/<uuid:item_id>/follow-up-done/",
        views.contact_follow_up_done,
        name="contact_follow_up_done",
    ),
    path(P + "outcomes/<str:timing>/", views.outcome_edit, name="outcome_edit"),
    path(P + "documents/upload/", views.document_upload, name="document_upload"),
    path(P + "documents/<uuid:item_id>/", views.document_download, name="document_download"),
    path(P + "documents/<uuid:item_id>/delete/", views.document_delete, name="document_delete"),
    path(P + "shares/add/", views.share_create, name="share_create"),
    path(P + "shares/<uuid:coach_id>/revoke/", views.share_revoke, name="share_revoke"),
]
