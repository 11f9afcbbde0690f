"""Invitations: the only way in for company contacts (SECURITY.md 4).

A token is 32 random bytes sent by e-mail; only its SHA-256 is stored, so a database leak does
not reveal usable links. An invitation is single use and expires after 72 hours.
"""

import hashlib
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jump.accounts.models import User
from jump.accounts.roles import Role
from jump.lib.mail import message_headers, site_url

from .. import access
from ..models import Company, CompanyContact, Invitation

INVITATION_LIFETIME = timedelta(hours=72)


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


def _render_and_send(invitation: Invitation, token: str, base_url: str) -> None:
    with translation.override(invitation.language):
        path = reverse("companies:invitation_accept", kwargs={"token": token})
        context = {
            "invitation": invitation,
            "company": invitation.company,
            # JUMP_SITE_URL, never the host of the request that sent it (a forged Host header
            # must not put its own address into an invitation).
            "accept_url": site_url() + path,
            "expires_at": invitation.expires_at,
            "lifetime_hours": int(INVITATION_LIFETIME.total_seconds() // 3600),
        }
        subject = _("Your invitation to JUMP for %(company)s") % {
            "company": invitation.company.name
        }
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("emails/companies_invitation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[invitation.email],
            headers=message_headers(invitation.language),
        )
        message.attach_alternative(
            render_to_string("emails/companies_invitation.html", context), "text/html"
        )
        message.send()


def invitation_send(*, invitation_id: int, base_url: str) -> bool:
    """Mint the invitation's token, store its hash, and e-mail the link (run by a task).

    The token exists only here and in the e-mail: it never passes through the broker or the
    database. A retry after a failed send mints a new token, so a link that was never
    delivered never works. Used or expired invitations are not sent (returns False).
    """
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("company")
            .filter(pk=invitation_id)
            .first()
        )
        if (
            invitation is None
            or invitation.used_at is not None
            or invitation.expires_at <= timezone.now()
        ):
            return False
        invitation.token_hash = hash_token(token)
        invitation.save(update_fields=["token_hash", "updated_at"])
    # Sent after the commit: the link in the e-mail works as soon as it arrives.
    _render_and_send(invitation, token, base_url)
    return True


@transaction.atomic
def invitation_create(
    *,
    actor: User,
    company: Company,
    email: str,
    language: str,
    base_url: str,
    first_name: str = "",
    last_name: str = "",
) -> Invitation:
    """Invite a company contact (coach or admin); the e-mail is queued after commit.

    `base_url` is no longer used for the link, which comes from JUMP_SITE_URL (kept in the
    signature for the callers and queued tasks).
    Earlier pending invitations of the same address to the same company stop working.
    """
    if not access.can_invite_contact(actor, company):
        raise PermissionDenied
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("There is already an account with this e-mail address.")})
    now = timezone.now()
    Invitation.objects.pending(now).filter(company=company, email__iexact=email).update(
        expires_at=now
    )
    invitation = Invitation(
        email=email,
        first_name=first_name,
        last_name=last_name,
        language=language,
        company=company,
        # A placeholder nobody knows; the e-mail task mints the real token (invitation_send).
        token_hash=hash_token(secrets.token_urlsafe(32)),
        expires_at=now + INVITATION_LIFETIME,
        invited_by=actor,
    )
    invitation.full_clean()
    invitation.save()
    from ..tasks import send_invitation_email

    send_invitation_email.delay_on_commit(invitation.pk, base_url)
    return invitation


def invitation_lookup(token: str, *, for_update: bool = False) -> Invitation:
    """The invitation a token opens, or InvitationInvalid (unknown, used or expired)."""
    queryset = Invitation.objects.select_related("company")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    try:
        invitation = queryset.get(token_hash=hash_token(token))
    except Invitation.DoesNotExist:
        raise InvitationInvalid(InvitationInvalid.UNKNOWN) from None
    if invitation.used_at is not None:
        raise InvitationInvalid(InvitationInvalid.USED)
    if invitation.expires_at <= timezone.now():
        raise InvitationInvalid(InvitationInvalid.EXPIRED)
    return invitation


@transaction.atomic
def invitation_accept(
    *,
    token: str,
    password: str,
    first_name: str,
    last_name: str,
    language: str,
    job_title: str = "",
    phone: str = "",
) -> User:
    """Use an invitation: create the company contact with a verified e-mail, tied to the company.

    Raises InvitationInvalid (the row is locked, so a link used twice at once works once) or
    ValidationError (password rules, e-mail taken). Public: the token is the authorisation.
    """
    invitation = invitation_lookup(token, for_update=True)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(_("There is already an account with this e-mail address."))
    user = User(
        email=invitation.email,
        first_name=first_name,
        last_name=last_name,
        preferred_language=language,
        company=invitation.company,
    )
    password_validation.validate_password(password, user=user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.add(Group.objects.get(name=Role.COMPANY_CONTACT))
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    contact = CompanyContact(user=user, job_title=job_title, phone=phone)
    contact.full_clean()
    contact.save()
    invitation.used_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["used_at", "accepted_by", "updated_at"])
    return user
