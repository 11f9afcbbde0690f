"""Every write of the young people's pages and of the coach's side of them (docs/style.md)."""

from .access_admin import (
    YOUTH_INVITATION_LIFETIME,
    InvitationInvalid,
    guardian_consent_on_file,
    is_minor,
    youth_access_end,
    youth_access_expire_after_exit,
    youth_invitation_accept,
    youth_invitation_create,
    youth_invitation_lookup,
    youth_invitation_send,
)
from .own import consent_withdraw_by_young_person, step_tick_by_young_person

__all__ = [
    "YOUTH_INVITATION_LIFETIME",
    "InvitationInvalid",
    "consent_withdraw_by_young_person",
    "guardian_consent_on_file",
    "is_minor",
    "step_tick_by_young_person",
    "youth_access_end",
    "youth_access_expire_after_exit",
    "youth_invitation_accept",
    "youth_invitation_create",
    "youth_invitation_lookup",
    "youth_invitation_send",
]
