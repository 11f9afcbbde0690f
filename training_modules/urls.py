from django.urls import path

from . import views

app_name = "training_modules"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
]
