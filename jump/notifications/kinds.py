"""What each kind of notification says and who can receive it.

The e-mail subject is a translated string with named placeholders; the body is
`templates/emails/notifications/<kind>.txt` and `.html`.
"""

from django.utils.translation import gettext_lazy as _

from jump.accounts.roles import Role

from .models import Kind

# Reminders made by the daily run; the others are events that other apps report as they happen.
DAILY_KINDS = (
    Kind.CONTACT_FOLLOW_UP,
    Kind.STEP_DUE_SOON,
    Kind.STEP_OVERDUE,
    Kind.SIX_MONTH_FOLLOW_UP,
    Kind.PLACEMENT_FEEDBACK_REQUEST,
    Kind.PLACEMENT_FEEDBACK_REMINDER,
    Kind.CONSENT_REVIEW,
    Kind.SESSION_SOON,
)
EVENT_KINDS = (
    Kind.WAITLIST_PROMOTED,
    Kind.REPORT_READY,
    Kind.STEP_TICKED,
    Kind.CONSENT_WITHDRAWN,
)

SUBJECTS = {
    Kind.CONTACT_FOLLOW_UP: _("Follow-up due today on a case note"),
    Kind.STEP_DUE_SOON: _("An action-plan step is due on %(date)s"),
    Kind.STEP_OVERDUE: _("An action-plan step is overdue"),
    Kind.SIX_MONTH_FOLLOW_UP: _("Six-month follow-up due: record where the young person is now"),
    Kind.PLACEMENT_FEEDBACK_REQUEST: _("A placement ends on %(date)s: please give feedback"),
    Kind.PLACEMENT_FEEDBACK_REMINDER: _("Reminder: feedback on a placement is still missing"),
    Kind.CONSENT_REVIEW: _("Consent review: a consent was given a year ago or more"),
    Kind.SESSION_SOON: _("Your training session starts on %(date)s"),
    Kind.WAITLIST_PROMOTED: _("A place is free for you in a training session"),
    Kind.REPORT_READY: _("Your report is ready"),
    Kind.STEP_TICKED: _("A young person ticked a step of their plan done"),
    Kind.CONSENT_WITHDRAWN: _("A young person withdrew a consent"),
}

# Who can receive each kind: the preferences page offers only the kinds of the user's roles.
KIND_ROLES = {
    Kind.CONTACT_FOLLOW_UP: (Role.COACH, Role.ADMIN),
    Kind.STEP_DUE_SOON: (Role.COACH,),
    Kind.STEP_OVERDUE: (Role.COACH,),
    Kind.SIX_MONTH_FOLLOW_UP: (Role.COACH,),
    Kind.PLACEMENT_FEEDBACK_REQUEST: (Role.COMPANY_CONTACT,),
    Kind.PLACEMENT_FEEDBACK_REMINDER: (Role.COMPANY_CONTACT,),
    Kind.CONSENT_REVIEW: (Role.COACH,),
    Kind.SESSION_SOON: (
        Role.TRAINER,
        Role.STAFF_LEARNER,
        Role.COACH,
        Role.PROGRAMME_MANAGER,
        Role.ADMIN,
    ),
    Kind.WAITLIST_PROMOTED: (
        Role.TRAINER,
        Role.STAFF_LEARNER,
        Role.COACH,
        Role.PROGRAMME_MANAGER,
        Role.ADMIN,
    ),
    Kind.REPORT_READY: (Role.PROGRAMME_MANAGER, Role.ADMIN, Role.COACH),
    Kind.STEP_TICKED: (Role.COACH,),
    Kind.CONSENT_WITHDRAWN: (Role.COACH,),
}


def kinds_for(user) -> list[str]:
    """The kinds `user` can receive, in the order of `Kind`."""
    return [kind for kind in Kind.values if user.has_role(*KIND_ROLES[kind])]
