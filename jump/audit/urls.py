from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("access-log/", views.access_log_list, name="log"),
    path(
        "participants/<uuid:public_id>/subject-access/",
        views.subject_access,
        name="subject_access",
    ),
    path(
        "participants/<uuid:public_id>/subject-access.json",
        views.subject_access_download,
        name="subject_access_download",
    ),
    path("participants/<uuid:public_id>/erase/", views.participant_erase, name="erase"),
]
