"""What erasure does to a young person's own login (jump.audit.registry; SECURITY 22), and
their invitations in their subject access export (SECURITY 21).

Erasing the participant ends their login for good: it is deactivated, logged out everywhere,
its address and name replaced and its password made unusable, its e-mail addresses removed; the
link to the record is cut and their invitations and six-month follow-up requests (which hold
the address) are deleted. Their CV texts, their own language ratings and their calendar feed are
deleted too. Nothing of it counts in any indicator (the proposed or confirmed outcome stays, as
every outcome does).

Subject access (SECURITY 21): their follow-up answers, the CV texts and the language ratings are
exported; the calendar feed is a setting (a version number), excluded with its reason.
"""

from allauth.account.models import EmailAddress
from django.utils.translation import gettext_lazy as _

from jump.accounts.signals import end_sessions
from jump.audit.registry import Section, register_erasure, register_excluded, register_export

from .models import (
    CalendarFeed,
    CvProfile,
    FollowUpRequest,
    LanguageSelfAssessment,
    YouthInvitation,
)


def scrub(participant) -> list[tuple]:
    YouthInvitation.objects.filter(participant_id=participant.pk).delete()
    FollowUpRequest.objects.filter(participant_id=participant.pk).delete()
    CvProfile.objects.filter(participant_id=participant.pk).delete()
    LanguageSelfAssessment.objects.filter(participant_id=participant.pk).delete()
    CalendarFeed.objects.filter(participant_id=participant.pk).delete()
    user = participant.user
    if user is None:
        return []
    participant.user = None
    participant.save(update_fields=["user", "updated_at"])
    user.is_active = False
    user.email = f"erased-{user.pk}@erased.invalid"
    user.first_name = user.last_name = ""
    user.set_unusable_password()
    user.save(update_fields=["is_active", "email", "first_name", "last_name", "password"])
    EmailAddress.objects.filter(user=user).delete()
    end_sessions(user)
    return []


SECTIONS = (
    Section(
        "own_page_invitations",
        _("Invitations to their own page"),
        "young_people.YouthInvitation",
        lambda p: p.youth_invitations.order_by("created_at", "pk"),
    ),
    Section(
        "six_month_follow_up",
        _("Six-month follow-up: your own answer"),
        "young_people.FollowUpRequest",
        lambda p: p.follow_up_requests.order_by("created_at", "pk"),
    ),
    Section(
        "own_cv_text",
        _("Their own CV text"),
        "young_people.CvProfile",
        lambda p: CvProfile.objects.filter(participant=p),
    ),
    Section(
        "own_language_ratings",
        _("Their own language ratings"),
        "young_people.LanguageSelfAssessment",
        lambda p: p.language_self_assessments.order_by("language", "pk"),
    ),
)


def register() -> None:
    register_erasure("young_people", scrub)
    register_export(*SECTIONS)
    register_excluded(
        "young_people.CalendarFeed",
        "a setting, not data about the person: the version number of their calendar link",
    )
