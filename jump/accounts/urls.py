from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("session/keep-alive/", views.keep_alive, name="keep_alive"),
    path("session/kept-form/discard/", views.kept_form_discard, name="kept_form_discard"),
]
