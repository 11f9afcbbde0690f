from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.job_list, name="job_list"),
    path("new/<slug:kind>/", views.job_create, name="job_create"),
    path("template/<slug:kind>.xlsx", views.template_download, name="template"),
    path("<uuid:public_id>/", views.job_detail, name="job_detail"),
    path("<uuid:public_id>/progress/", views.job_progress, name="job_progress"),
    path("<uuid:public_id>/commit/", views.job_commit, name="job_commit"),
    path("<uuid:public_id>/file/", views.job_file, name="job_file"),
]
