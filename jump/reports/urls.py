from django.urls import path

from . import views

app_name = "reports"

R = "runs/<uuid:public_id>/"

urlpatterns = [
    # Not at the root of reports/: the navigation marks an entry active by path prefix.
    path("dashboard/", views.dashboard, name="dashboard"),
    path("indicators/<str:code>/", views.evidence, name="evidence"),
    path("data-quality/", views.data_quality, name="data_quality"),
    path("targets/", views.target_list, name="target_list"),
    path("targets/<str:code>/", views.target_edit, name="target_edit"),
    path("submitted/", views.submission_list, name="submission_list"),
    path("runs/", views.run_list, name="run_list"),
    path("runs/new/", views.run_create, name="run_create"),
    path(R, views.run_detail, name="run_detail"),
    path(R + "status/", views.run_status, name="run_status"),
    path(R + "retry/", views.run_retry, name="run_retry"),
    path(R + "download/", views.run_download, name="run_download"),
]
