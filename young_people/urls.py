from django.urls import path

from . import views

app_name = "young_people"

urlpatterns = [
    # The young person's own pages
    path("", views.home, name="home"),
    path("plan/", views.plan, name="plan"),
    path("plan/steps/<uuid:step_id>/done/", views.step_tick, name="step_tick"),
    path("placement/", views.placements, name="placements"),
    path("consents/", views.consents, name="consents"),
    path("consents/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    # Public: the token is the authorisation
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    # The coach's side, from the case file
    path("coach/<uuid:public_id>/", views.coach_access, name="coach_access"),
    path("coach/<uuid:public_id>/invite/", views.coach_invite, name="coach_invite"),
    path("coach/<uuid:public_id>/end/", views.coach_end_access, name="coach_end_access"),
]

# Documents, what a coach shares, the six-month follow-up (issue 18, SECURITY 35)
from . import views_documents, views_followup  # noqa: E402

urlpatterns += [
    path("documents/", views_documents.documents, name="documents"),
    path(
        "documents/<uuid:document_id>/",
        views_documents.document_download,
        name="document_download",
    ),
    path("from-your-coach/", views_documents.from_coach, name="from_coach"),
    # Public: the token is the authorisation
    path("follow-up/<str:token>/", views_followup.follow_up, name="follow_up"),
    path(
        "coach/<uuid:public_id>/share/<str:kind>/<uuid:item_id>/",
        views_documents.coach_share,
        name="coach_share",
    ),
    path(
        "coach/<uuid:public_id>/outcome/confirm/",
        views_documents.coach_outcome_confirm,
        name="coach_outcome_confirm",
    ),
]

# My appointments and My CV (views in their own modules)
from . import views_appointments, views_cv  # noqa: E402

urlpatterns += [
    path("appointments/", views_appointments.appointments_page, name="appointments"),
    path(
        "appointments/<str:kind>/<uuid:public_id>.ics",
        views_appointments.appointment_ics,
        name="appointment_ics",
    ),
    path(
        "appointments/feed/new/", views_appointments.calendar_feed_renew, name="calendar_feed_renew"
    ),
    path(
        "appointments/feed/stop/", views_appointments.calendar_feed_stop, name="calendar_feed_stop"
    ),
    # Public: the signed token is the authorisation
    path("calendar/<str:token>.ics", views_appointments.calendar_feed, name="calendar_feed"),
    path("cv/", views_cv.cv, name="cv"),
    path("cv/language/", views_cv.cv_language, name="cv_language"),
    path(
        "cv/language/<str:language>/remove/", views_cv.cv_language_delete, name="cv_language_delete"
    ),
    path("cv/pdf/", views_cv.cv_pdf, name="cv_pdf"),
]
