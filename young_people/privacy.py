"""What erasure does to a young person's own login (jump.audit.registry; SECURITY 22).

Erasing the participant ends their login for good: it is deactivated, logged out everywhere,
its address and name replaced and its password made unusable, its e-mail addresses removed; the
link to the record is cut and their invitations (which hold the address) are deleted. Nothing of
it counts in any indicator.
"""

from allauth.account.models import EmailAddress

from jump.accounts.signals import end_sessions
from jump.audit.registry import register_erasure

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


def register() -> None:
    register_erasure("young_people", scrub)
