"""Training for the partners' pedagogical staff: modules, sessions, enrolments, certificates,
feedback and the good-practice library.

Module and GoodPractice texts are translated with django-modeltranslation (`translation.py`):
`title` reads the current language with the fallback of MODELTRANSLATION_FALLBACK_LANGUAGES,
`title_da` / `title_de` / `title_en` are the stored columns.
"""

from ..roles import EDITOR_ROLES, LEARNER_ROLES, MANAGER_ROLES, TRAINING_ROLES
from .catalogue import MAX_SESSION_DAYS, Module, Session
from .enrolment import (
    Attendance,
    CalendarFeed,
    Certificate,
    Enrolment,
    SessionFeedback,
    certificate_path,
)
from .library import GoodPractice, Tag

__all__ = [
    "EDITOR_ROLES",
    "LEARNER_ROLES",
    "MANAGER_ROLES",
    "MAX_SESSION_DAYS",
    "TRAINING_ROLES",
    "Attendance",
    "CalendarFeed",
    "Certificate",
    "Enrolment",
    "GoodPractice",
    "Module",
    "Session",
    "SessionFeedback",
    "Tag",
    "certificate_path",
]
