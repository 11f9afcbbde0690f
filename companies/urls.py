from django.urls import path

from .views import invitations, offers, placements, portal, propose, register, sharing, support

app_name = "companies"

urlpatterns = [
    # The company register (coaches, programme managers, admins)
    path("register/", register.company_list, name="company_list"),
    path("register/new/", register.company_create, name="company_create"),
    path("register/<uuid:public_id>/", register.company_detail, name="company_detail"),
    path("register/<uuid:public_id>/edit/", register.company_edit, name="company_edit"),
    path("register/<uuid:public_id>/invite/", register.contact_invite, name="contact_invite"),
    path("register/<uuid:public_id>/offers/new/", offers.offer_create, name="offer_create"),
    path(
        "register/<uuid:public_id>/support/new/",
        support.support_need_create,
        name="support_need_create",
    ),
    # The company portal (company contacts)
    path("portal/", portal.portal, name="portal"),
    path("portal/profile/", portal.profile_edit, name="profile_edit"),
    # Offers
    path("offers/", offers.offer_list, name="offer_list"),
    path("offers/<uuid:public_id>/", offers.offer_detail, name="offer_detail"),
    path("offers/<uuid:public_id>/edit/", offers.offer_edit, name="offer_edit"),
    path("offers/<uuid:public_id>/publish/", offers.offer_publish, name="offer_publish"),
    path("offers/<uuid:public_id>/close/", offers.offer_close, name="offer_close"),
    path(
        "offers/<uuid:public_id>/propose/", placements.placement_propose, name="placement_propose"
    ),
    path(
        "propose-for/<uuid:public_id>/",
        propose.propose_for_participant,
        name="propose_for_participant",
    ),
    # Placements
    path("proposals/", placements.proposal_list, name="proposal_list"),
    path("placements/", placements.placement_list, name="placement_list"),
    path("placements/<uuid:public_id>/", placements.placement_detail, name="placement_detail"),
    path(
        "placements/<uuid:public_id>/accept/",
        placements.placement_accept,
        name="placement_accept",
    ),
    path(
        "placements/<uuid:public_id>/decline/",
        placements.placement_decline,
        name="placement_decline",
    ),
    path("placements/<uuid:public_id>/start/", placements.placement_start, name="placement_start"),
    path(
        "placements/<uuid:public_id>/complete/",
        placements.placement_complete,
        name="placement_complete",
    ),
    path("placements/<uuid:public_id>/abort/", placements.placement_abort, name="placement_abort"),
    path(
        "placements/<uuid:public_id>/mentor/",
        placements.placement_mentor,
        name="placement_mentor",
    ),
    path(
        "placements/<uuid:public_id>/checklist/",
        placements.placement_checklist,
        name="placement_checklist",
    ),
    path(
        "placements/<uuid:public_id>/sharing/",
        sharing.placement_sharing,
        name="placement_sharing",
    ),
    path(
        "placements/<uuid:public_id>/cv/",
        sharing.placement_shared_cv,
        name="placement_shared_cv",
    ),
    path(
        "placements/<uuid:public_id>/feedback/",
        placements.placement_feedback,
        name="placement_feedback",
    ),
    # Support
    path("support/", support.support_need_list, name="support_need_list"),
    path("support/<uuid:public_id>/", support.support_need_detail, name="support_need_detail"),
    path(
        "support/<uuid:public_id>/actions/new/",
        support.support_action_create,
        name="support_action_create",
    ),
    path(
        "support/<uuid:public_id>/status/",
        support.support_need_status,
        name="support_need_status",
    ),
    # Invitations (public: the token is the authorisation)
    path("invitations/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
]
