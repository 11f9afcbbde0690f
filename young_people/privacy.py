"""What erasure does to a young person's own login (jump.audit.registry; SECURITY 22), and
their invitations in their subject access export (SECURITY 21).

Erasing the participant ends their login for good: it is deactivated, logged out everywhere,
its address and name replaced and its password made unusable, its e-mail addresses removed; the
link to the record is cut and their invitations (which hold the address) are deleted. Nothing of
it counts in any indicator.
"""

from allauth.account.models import EmailAddress
from django.utils.translation import gettext_lazy as _

from jump.accounts.signals import end_sessions
from jump.audit.registry import Section, register_erasure, register_export

from .models import YouthInvitation


def scrub(participant) -> list[tuple]:
    YouthInvitation.objects.filter(participant_id=participant.pk).delete()
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


INVITATIONS = Section(
    "own_page_invitations",
    _("Invitations to their own page"),
    "young_people.YouthInvitation",
    lambda p: p.youth_invitations.order_by("created_at", "pk"),
)


def register() -> None:
    register_erasure("young_people", scrub)
    register_export(INVITATIONS)
