"""The participants app's models, split by sub-domain; import them from here."""

from .activities import Activity, ActivityRegistration, Attendance
from .case import ActionPlan, Assessment, Contact, Goal, Outcome, Step
from .documents import ALLOWED_CONTENT_TYPES, Document
from .people import Consent, LanguageSkill, Participant, ParticipantQuerySet, ParticipantShare

__all__ = [
    "ALLOWED_CONTENT_TYPES",
    "ActionPlan",
    "Activity",
    "ActivityRegistration",
    "Assessment",
    "Attendance",
    "Consent",
    "Contact",
    "Document",
    "Goal",
    "LanguageSkill",
    "Outcome",
    "Participant",
    "ParticipantQuerySet",
    "ParticipantShare",
    "Step",
]
