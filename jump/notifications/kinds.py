"""What each kind of notification says and who can receive it.

The e-mail subject is a translated string with named placeholders; the body is
`templates/emails/notifications/<kind>.txt` and `.html`.
"""

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from jump.accounts.models import User
from jump.accounts.roles import Role

from .models import Delivery, Kind

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

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
    Kind.PLACEMENT_STARTS_TOMORROW,
    Kind.OFFERS_FIT,
)
EVENT_KINDS = (
    Kind.WAITLIST_PROMOTED,
    Kind.REPORT_READY,
    Kind.STEP_TICKED,
    Kind.CONSENT_WITHDRAWN,
    Kind.PLACEMENT_PROPOSED,
    Kind.PLACEMENT_ACCEPTED,
    Kind.PLACEMENT_DECLINED,
    Kind.PLACEMENT_FEEDBACK_GIVEN,
    Kind.SUPPORT_REQUESTED,
    Kind.SUPPORT_ACTION_LOGGED,
)

# What asks for an answer (or for which the person is waiting right now) is e-mailed at once
# unless the person chose otherwise; everything else goes into the daily digest (issue 17).
IMMEDIATE_BY_DEFAULT = (
    Kind.PLACEMENT_PROPOSED,
    Kind.PLACEMENT_FEEDBACK_REQUEST,
    Kind.PLACEMENT_FEEDBACK_REMINDER,
    Kind.SUPPORT_REQUESTED,
    Kind.WAITLIST_PROMOTED,
    Kind.REPORT_READY,
)


def default_delivery(kind: str) -> str:
    """At once for what asks for an answer, the daily digest for the rest."""
    return Delivery.IMMEDIATE if kind in IMMEDIATE_BY_DEFAULT else Delivery.DIGEST


SUBJECTS: "dict[str, StrPromise]" = {
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
    Kind.PLACEMENT_PROPOSED: _("A young person was proposed for “%(offer)s”: please answer"),
    Kind.PLACEMENT_ACCEPTED: _("%(company)s accepted your proposal for “%(offer)s”"),
    Kind.PLACEMENT_DECLINED: _("%(company)s declined your proposal for “%(offer)s”"),
    Kind.PLACEMENT_STARTS_TOMORROW: _("“%(offer)s” at %(company)s starts tomorrow"),
    Kind.PLACEMENT_FEEDBACK_GIVEN: _("%(company)s gave feedback on “%(offer)s”"),
    Kind.SUPPORT_REQUESTED: _("%(company)s asked for support"),
    Kind.SUPPORT_ACTION_LOGGED: _("Support was logged for your request"),
    Kind.OFFERS_FIT: _("New offers fit your young people"),
}

# Who can receive each kind: the preferences page offers only the kinds of the user's roles.
KIND_ROLES: dict[str, tuple[str, ...]] = {
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
    Kind.PLACEMENT_PROPOSED: (Role.COMPANY_CONTACT,),
    Kind.PLACEMENT_ACCEPTED: (Role.COACH, Role.ADMIN),
    Kind.PLACEMENT_DECLINED: (Role.COACH, Role.ADMIN),
    Kind.PLACEMENT_STARTS_TOMORROW: (Role.COACH, Role.COMPANY_CONTACT),
    Kind.PLACEMENT_FEEDBACK_GIVEN: (Role.COACH, Role.ADMIN),
    Kind.SUPPORT_REQUESTED: (Role.COACH,),
    Kind.SUPPORT_ACTION_LOGGED: (Role.COMPANY_CONTACT,),
    Kind.OFFERS_FIT: (Role.COACH,),
}


def kinds_for(user: User) -> list[str]:
    """The kinds `user` can receive, in the order of `Kind`."""
    return [kind for kind in Kind.values if user.has_role(*KIND_ROLES.get(kind, ()))]
