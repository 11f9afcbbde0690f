"""Writes of the companies app: keyword-only functions `<entity>_<verb>(*, actor, ...)`.

Each checks the actor's permission with `companies.access`, validates (`full_clean`), owns its
transaction and defers side effects (e-mail) to `transaction.on_commit`.
"""

from .companies import (
    company_create,
    company_create_from_list,
    company_update,
    company_update_profile,
)
from .invitations import (
    InvitationInvalid,
    invitation_accept,
    invitation_create,
    invitation_lookup,
    invitation_send,
)
from .offers import offer_close, offer_create, offer_publish, offer_update
from .placements import (
    derive_cross_border,
    placement_abort,
    placement_accept,
    placement_complete,
    placement_decline,
    placement_feedback_save,
    placement_propose,
    placement_set_mentor,
    placement_start,
    placement_update_checklist,
)
from .sharing import placement_set_sharing
from .support import support_action_create, support_need_create, support_need_set_status

__all__ = [
    "InvitationInvalid",
    "company_create",
    "company_create_from_list",
    "company_update",
    "company_update_profile",
    "derive_cross_border",
    "invitation_accept",
    "invitation_create",
    "invitation_lookup",
    "invitation_send",
    "offer_close",
    "offer_create",
    "offer_publish",
    "offer_update",
    "placement_abort",
    "placement_accept",
    "placement_complete",
    "placement_decline",
    "placement_feedback_save",
    "placement_propose",
    "placement_set_sharing",
    "placement_set_mentor",
    "placement_start",
    "placement_update_checklist",
    "support_action_create",
    "support_need_create",
    "support_need_set_status",
]
