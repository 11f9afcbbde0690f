"""Every write of the training app (docs/style.md "Writes: services"), split by sub-domain.

Views, admin actions and the demo call these; none re-implements one.
"""

from jump.lib.mail import site_url

from .certificates import certificate_issue
from .content import good_practice_create, good_practice_update, module_create, module_update
from .learners import calendar_feed_renew, calendar_feed_revoke, feedback_create
from .sessions import (
    attendance_record,
    enrolment_cancel,
    enrolment_complete,
    enrolment_create,
    session_create,
    session_update,
)

__all__ = [
    "attendance_record",
    "calendar_feed_renew",
    "calendar_feed_revoke",
    "certificate_issue",
    "enrolment_cancel",
    "enrolment_complete",
    "enrolment_create",
    "feedback_create",
    "good_practice_create",
    "good_practice_update",
    "module_create",
    "module_update",
    "session_create",
    "session_update",
    "site_url",
]
