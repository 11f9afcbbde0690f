from django.urls import path

from .views import certificates, enrolments, good_practices, modules, sessions

app_name = "training_modules"

urlpatterns = [
    # catalogue and modules
    path("", modules.catalogue, name="catalogue"),
    path("modules/new/", modules.module_create, name="module_create"),
    path("modules/<uuid:public_id>/", modules.module_detail, name="module_detail"),
    path("modules/<uuid:public_id>/edit/", modules.module_update, name="module_update"),
    path("modules/<uuid:public_id>/feedback/", modules.module_feedback, name="module_feedback"),
    path("modules/<uuid:public_id>/sessions/new/", sessions.session_create, name="session_create"),
    # sessions
    path("sessions/", sessions.session_list, name="session_list"),
    path("sessions/<uuid:public_id>/", sessions.session_detail, name="session_detail"),
    path("sessions/<uuid:public_id>/edit/", sessions.session_update, name="session_update"),
    path(
        "sessions/<uuid:public_id>/attendance/",
        sessions.session_attendance,
        name="session_attendance",
    ),
    path("sessions/<uuid:public_id>/session.ics", sessions.session_ical, name="session_ical"),
    path("sessions/<uuid:public_id>/enrol/", enrolments.enrolment_create, name="enrolment_create"),
    path(
        "sessions/<uuid:public_id>/enrol-staff/",
        enrolments.enrolment_create_other,
        name="enrolment_create_other",
    ),
    # my training
    path("my/", enrolments.enrolment_list, name="enrolment_list"),
    path("my/calendar.ics", sessions.my_calendar, name="my_calendar"),
    path("my/calendar/", sessions.calendar_subscription, name="calendar_subscription"),
    path("feed/<str:token>.ics", sessions.calendar_feed, name="calendar_feed"),
    path("enrolments/<uuid:public_id>/", enrolments.enrolment_detail, name="enrolment_detail"),
    path(
        "enrolments/<uuid:public_id>/cancel/",
        enrolments.enrolment_cancel,
        name="enrolment_cancel",
    ),
    path(
        "enrolments/<uuid:public_id>/complete/",
        enrolments.enrolment_complete,
        name="enrolment_complete",
    ),
    path(
        "enrolments/<uuid:public_id>/feedback/",
        enrolments.feedback_create,
        name="feedback_create",
    ),
    path(
        "enrolments/<uuid:public_id>/certificate/",
        certificates.certificate_issue,
        name="certificate_issue",
    ),
    path(
        "enrolments/<uuid:public_id>/certificate.pdf",
        certificates.certificate_download,
        name="certificate_download",
    ),
    # public verification of certificates
    path("verify/", certificates.certificate_lookup, name="certificate_lookup"),
    path("verify/<str:code>/", certificates.certificate_verify, name="certificate_verify"),
    # good-practice library
    path("good-practice/", good_practices.good_practice_list, name="good_practice_list"),
    path("good-practice/new/", good_practices.good_practice_create, name="good_practice_create"),
    path(
        "good-practice/<uuid:public_id>/",
        good_practices.good_practice_detail,
        name="good_practice_detail",
    ),
    path(
        "good-practice/<uuid:public_id>/edit/",
        good_practices.good_practice_update,
        name="good_practice_update",
    ),
]
