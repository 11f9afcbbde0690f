"""Invitations: the only way in for company contacts (SECURITY 4).

The flow (hashed single-use tokens, minted by the e-mail task) is jump/accounts/invitations.py,
shared with the young people's invitations. A company invitation expires after 72 hours.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jump.accounts import invitations as flow
from jump.accounts.models import User
from jump.accounts.roles import Role
from jump.lib.mail import message_headers, site_url

from .. import access
from ..models import Company, CompanyContact, Invitation

INVITATION_LIFETIME = timedelta(hours=72)
# Re-exported: the views and tests of this app name them from here.
InvitationInvalid = flow.InvitationInvalid
hash_token = flow.hash_token


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
    minted = flow.mint_token(Invitation.objects.select_related("company"), invitation_id)
    if minted is None:
        return False
    invitation, token = minted
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
    flow.ensure_email_free(email)
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
        token_hash=flow.placeholder_token_hash(),
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
    invitation: Invitation = flow.lookup(
        Invitation.objects.select_related("company"), token, for_update=for_update
    )
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
    user = flow.create_invited_user(
        email=invitation.email,
        password=password,
        role=Role.COMPANY_CONTACT,
        language=language,
        first_name=first_name,
        last_name=last_name,
        company=invitation.company,
    )
    contact = CompanyContact(user=user, job_title=job_title, phone=phone)
    contact.full_clean()
    contact.save()
    flow.mark_used(invitation, user)
    return user
