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
