"""A young person's way in and out: the coach's invitation, the password they choose, the end of
their access (by the coach at any time, or after leaving the programme and the partner's grace
period)."""

import datetime
from datetime import timedelta
from functools import partial
from typing import cast
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jump.accounts import invitations as flow
from jump.accounts.models import User
from jump.accounts.roles import Role
from participants.models import Consent, Participant

from .. import access
from ..models import YouthInvitation

YOUTH_INVITATION_LIFETIME = timedelta(days=7)
InvitationInvalid = flow.InvitationInvalid


def is_minor(participant: Participant, on: datetime.date | None = None) -> bool:
    """Under 18 on `on` (default today)."""
    on = on or timezone.localdate()
    dob = participant.date_of_birth
    age = on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))
    return age < 18


def guardian_consent_on_file(participant: Participant) -> Consent | None:
    """The participation consent in force, when it was given by a guardian (a minor's)."""
    latest = (
        Consent.objects.filter(participant=participant, purpose=Consent.Purpose.PARTICIPATION)
        .order_by("-recorded_at", "-pk")
        .first()
    )
    if latest is None or not latest.given or not latest.guardian_name:
        return None
    return latest


def _render_and_send(invitation: YouthInvitation, token: str, base_url: str) -> None:
    participant = invitation.participant
    with translation.override(invitation.language):
        path = reverse("young_people:invitation_accept", kwargs={"token": token})
        context = {
            "participant": participant,
            "coach": participant.coach,
            "accept_url": urljoin(base_url, path),
            "lifetime_days": YOUTH_INVITATION_LIFETIME.days,
            "guardian_consent": guardian_consent_on_file(participant)
            if is_minor(participant)
            else None,
        }
        message = EmailMultiAlternatives(
            subject=_("Your own page in JUMP"),
            body=render_to_string("emails/young_people_invitation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[invitation.email],
        )
        message.attach_alternative(
            render_to_string("emails/young_people_invitation.html", context), "text/html"
        )
        message.send()


def youth_invitation_send(*, invitation_id: int, base_url: str) -> bool:
    """Mint the token and e-mail the link (run by a task; the token never reaches the broker)."""
    minted = flow.mint_token(
        YouthInvitation.objects.select_related("participant__coach"), invitation_id
    )
    if minted is None:
        return False
    invitation, token = minted
    _render_and_send(invitation, token, base_url)
    return True


@transaction.atomic
def youth_invitation_create(
    *,
    actor: User,
    participant: Participant,
    base_url: str,
    email: str = "",
    language: str = "",
) -> YouthInvitation:
    """The coach invites the young person to their own pages (e-mail queued after commit).

    Needs an e-mail address, no login yet, and for a minor a guardian's participation consent
    on file (the e-mail names it). Earlier pending invitations of the person stop working.
    """
    access.check_manage_access(actor, participant)
    email = User.objects.normalize_email(email or participant.email).strip().lower()
    if not email:
        raise ValidationError({"email": _("The young person has no e-mail address.")})
    if participant.user_id is not None:
        raise ValidationError(_("The young person already has a login."))
    if participant.erased_at is not None or participant.has_left:
        raise ValidationError(_("Only young people in the programme can be invited."))
    if is_minor(participant) and guardian_consent_on_file(participant) is None:
        raise ValidationError(
            _("The young person is under 18: record the guardian's consent to participation first.")
        )
    flow.ensure_email_free(email)
    now = timezone.now()
    YouthInvitation.objects.pending(now).filter(participant=participant).update(expires_at=now)
    invitation = YouthInvitation(
        participant=participant,
        email=email,
        language=language or participant.preferred_language,
        token_hash=flow.placeholder_token_hash(),
        expires_at=now + YOUTH_INVITATION_LIFETIME,
        invited_by=actor,
    )
    invitation.full_clean()
    invitation.save()
    from ..tasks import send_youth_invitation_email

    send_youth_invitation_email.delay_on_commit(invitation.pk, base_url)
    return invitation


def youth_invitation_lookup(token: str, *, for_update: bool = False) -> YouthInvitation:
    """The invitation a token opens, or InvitationInvalid. Public: the token authorises."""
    invitation: YouthInvitation = flow.lookup(
        YouthInvitation.objects.select_related("participant"), token, for_update=for_update
    )
    return invitation


@transaction.atomic
def youth_invitation_accept(*, token: str, password: str) -> User:
    """Use the invitation: the young person's login (their name and language from the case),
    tied to their participant record. InvitationInvalid or ValidationError (password rules,
    e-mail taken, a login already there); nothing is written then."""
    invitation = youth_invitation_lookup(token, for_update=True)
    participant = Participant.objects.select_for_update().get(pk=invitation.participant_id)
    if participant.user_id is not None or participant.erased_at is not None:
        raise InvitationInvalid(InvitationInvalid.USED)
    user = flow.create_invited_user(
        email=invitation.email,
        password=password,
        role=Role.YOUNG_PERSON,
        language=invitation.language,
        first_name=participant.first_name,
        last_name=participant.last_name,
    )
    participant.user = user
    participant.save(update_fields=["user", "updated_at"])
    flow.mark_used(invitation, user)
    return user


def _end_sessions(user: User) -> None:
    """Log the user out everywhere (database sessions)."""
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()


def _end(participant: Participant) -> None:
    user = participant.user
    participant.user = None
    participant.save(update_fields=["user", "updated_at"])
    if user is not None:
        user.is_active = False
        user.save(update_fields=["is_active"])
        _end_sessions(user)
    YouthInvitation.objects.pending(timezone.now()).filter(participant=participant).update(
        expires_at=timezone.now()
    )


@transaction.atomic
def youth_access_end(*, actor: User, participant: Participant) -> None:
    """The coach ends the young person's access now: the login is deactivated and logged out,
    pending invitations stop working. The record itself is untouched."""
    access.check_manage_access(actor, participant)
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.user_id is None and not (
        YouthInvitation.objects.pending(timezone.now()).filter(participant=participant).exists()
    ):
        raise ValidationError(_("The young person has no access to end."))
    _end(participant)


def _send_access_ended_notice(user: User, participant: Participant) -> None:
    with translation.override(user.preferred_language):
        context = {"participant": participant, "coach": participant.coach}
        message = EmailMultiAlternatives(
            subject=_("Your page in JUMP is closed"),
            body=render_to_string("emails/young_people_access_ended.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[user.email],
        )
        message.send()


def youth_access_expire_after_exit(*, day: datetime.date | None = None) -> int:
    """The daily job: end the access of young people who left the programme longer ago than
    their partner's grace period, with a notice in their language. Idempotent (an ended access
    is no longer found). Returns how many ended."""
    day = day or timezone.localdate()
    candidates = Participant.objects.filter(
        user__isnull=False,
        exit_date__isnull=False,
        status__in=[Participant.Status.COMPLETED, Participant.Status.DROPPED_OUT],
    ).select_related("partner", "user", "coach")
    ended = 0
    for participant in candidates:
        grace = participant.partner.young_person_grace_days
        # exit_date__isnull=False above.
        if participant.exit_date + timedelta(days=grace) > day:  # type: ignore[operator]
            continue
        with transaction.atomic():
            user = cast(User, participant.user)  # user__isnull=False above
            _end(participant)
            transaction.on_commit(partial(_send_access_ended_notice, user, participant))
        ended += 1
    return ended
