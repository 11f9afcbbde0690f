"""Single-use invitations by e-mail, the one way in for people who are not staff (SECURITY 4):
company contacts (companies/services/invitations.py) and young people
(young_people/services/invitations.py).

A token is 32 random bytes sent by e-mail; only its SHA-256 is stored, so a database leak does
not reveal usable links. The token is minted by the e-mail task (`mint_token`), so it never
passes through the broker or sits in the database in clear. The invitation models share the
fields `token_hash`, `expires_at`, `used_at`, `accepted_by`.
"""

import hashlib
import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth import password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import User


class InvitationInvalid(Exception):
    """The token is unknown, used or expired; `reason` says which (for the page shown)."""

    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def placeholder_token_hash() -> str:
    """The hash of a token nobody knows, until the e-mail task mints the real one."""
    return hash_token(secrets.token_urlsafe(32))


def mint_token(queryset, invitation_id: int):
    """(invitation, token) with a fresh token stored as its hash, or None when the invitation is
    gone, used or expired. A retried e-mail mints a new token: a link never delivered never
    works."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = queryset.select_for_update(of=("self",)).filter(pk=invitation_id).first()
        if (
            invitation is None
            or invitation.used_at is not None
            or invitation.expires_at <= timezone.now()
        ):
            return None
        invitation.token_hash = hash_token(token)
        invitation.save(update_fields=["token_hash", "updated_at"])
    return invitation, token


def lookup(queryset, token: str, *, for_update: bool = False):
    """The invitation of `queryset` a token opens, or InvitationInvalid."""
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    invitation = queryset.filter(token_hash=hash_token(token)).first()
    if invitation is None:
        raise InvitationInvalid(InvitationInvalid.UNKNOWN)
    if invitation.used_at is not None:
        raise InvitationInvalid(InvitationInvalid.USED)
    if invitation.expires_at <= timezone.now():
        raise InvitationInvalid(InvitationInvalid.EXPIRED)
    return invitation


def ensure_email_free(email: str, field: str | None = "email") -> None:
    if User.objects.filter(email__iexact=email).exists():
        message = _("There is already an account with this e-mail address.")
        raise ValidationError({field: message} if field else message)


def create_invited_user(
    *,
    email: str,
    password: str,
    role: str,
    language: str,
    first_name: str,
    last_name: str,
    **fields,
) -> User:
    """The account an invitation creates: password checked by SECURITY 3's rules, the e-mail
    verified (it received the link), the role given. Called inside the accepting transaction."""
    ensure_email_free(email, field=None)
    user = User(
        email=email,
        first_name=first_name,
        last_name=last_name,
        preferred_language=language,
        **fields,
    )
    password_validation.validate_password(password, user=user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def mark_used(invitation, user: User) -> None:
    invitation.used_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["used_at", "accepted_by", "updated_at"])
