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
from .calendar import calendar_feed_renew, calendar_feed_stop
from .cv import cv_profile_save, language_self_assessment_delete, language_self_assessment_save
from .follow_up import (
    FOLLOW_UP_LINK_LIFETIME,
    FollowUpInvalid,
    follow_up_answer,
    follow_up_language,
    follow_up_lookup,
    follow_up_send,
    follow_ups_create_due,
    outcome_confirm,
)
from .own import consent_withdraw_by_young_person, step_tick_by_young_person
from .sharing import document_upload_by_young_person, item_share_with_young_person

__all__ = [
    "FOLLOW_UP_LINK_LIFETIME",
    "FollowUpInvalid",
    "InvitationInvalid",
    "YOUTH_INVITATION_LIFETIME",
    "calendar_feed_renew",
    "calendar_feed_stop",
    "consent_withdraw_by_young_person",
    "cv_profile_save",
    "document_upload_by_young_person",
    "follow_up_answer",
    "follow_up_language",
    "follow_up_lookup",
    "follow_up_send",
    "follow_ups_create_due",
    "guardian_consent_on_file",
    "is_minor",
    "item_share_with_young_person",
    "language_self_assessment_delete",
    "language_self_assessment_save",
    "outcome_confirm",
    "step_tick_by_young_person",
    "youth_access_end",
    "youth_access_expire_after_exit",
    "youth_invitation_accept",
    "youth_invitation_create",
    "youth_invitation_lookup",
    "youth_invitation_send",
]
