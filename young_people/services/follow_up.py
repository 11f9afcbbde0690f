"""The six-month follow-up without login (issue 18): on the day the six-month follow-up is due
(exit + 182 days, the day the coach's reminder comes, jump/notifications/reminders.py), the
young person gets an e-mail in their language with a link to three questions. The link works
for 30 days, for this one person, until it is answered. The answer becomes a PROPOSED six-month
outcome; the coach confirms or corrects it, and only confirmed outcomes count in the indicators
(docs/indicators.md)."""

import datetime
from datetime import timedelta
from urllib.parse import urljoin

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jump.accounts import invitations as flow
from jump.accounts.models import User
from jump.lib.countries import Country
from jump.notifications.models import Kind
from jump.notifications.services import notify
from participants.models import Outcome, Participant

from .. import access
from ..models import FollowUpRequest

FOLLOW_UP_LINK_LIFETIME = timedelta(days=30)
# As the coach's reminder (jump/notifications/reminders.py SIX_MONTHS).
SIX_MONTHS = timedelta(days=182)
# A day the beat missed (an outage) is caught up within this many days.
CATCH_UP = timedelta(days=7)
FollowUpInvalid = flow.InvitationInvalid

# The young person's answer → the outcome the coach is asked to confirm.
OUTCOME_OF_ANSWER = {
    FollowUpRequest.Doing.SCHOOL: Outcome.Kind.IN_EDUCATION,
    FollowUpRequest.Doing.WORK: Outcome.Kind.EMPLOYED,
    FollowUpRequest.Doing.LOOKING: Outcome.Kind.SEEKING_WORK,
    FollowUpRequest.Doing.OTHER: Outcome.Kind.UNKNOWN,
}


def _address(participant: Participant) -> str:
    user = participant.user
    if user is not None and user.is_active:
        return user.email
    return participant.email


def follow_ups_create_due(*, day: datetime.date | None = None) -> int:
    """The daily job: a follow-up request for each young person whose six months after exit
    end today (or in the last week, if a day was missed), who has an e-mail address, an active
    coach and no six-month outcome yet; the e-mail is queued after commit. Idempotent (one
    request per person, by a constraint). Returns how many were created."""
    day = day or timezone.localdate()
    six_month_outcome = Outcome.objects.filter(
        participant=OuterRef("pk"), timing=Outcome.Timing.SIX_MONTHS
    )
    asked = FollowUpRequest.objects.filter(participant=OuterRef("pk"))
    due = (
        Participant.objects.filter(
            exit_date__lte=day - SIX_MONTHS,
            exit_date__gt=day - SIX_MONTHS - CATCH_UP,
            coach__is_active=True,
            erased_at__isnull=True,
        )
        .filter(~Exists(six_month_outcome), ~Exists(asked))
        .select_related("user")
    )
    from ..tasks import send_follow_up_email

    created = 0
    for participant in due:
        email = _address(participant)
        if not email:
            continue
        try:
            with transaction.atomic():
                request = FollowUpRequest.objects.create(
                    participant=participant,
                    email=email,
                    language=participant.preferred_language,
                    token_hash=flow.placeholder_token_hash(),
                    expires_at=timezone.now() + FOLLOW_UP_LINK_LIFETIME,
                )
                send_follow_up_email.delay_on_commit(request.pk)
        except IntegrityError:
            continue  # another run made it meanwhile
        created += 1
    return created


def follow_up_send(*, request_id: int, base_url: str | None = None) -> bool:
    """Mint the token and e-mail the link (run by a task; the token never reaches the broker)."""
    minted = flow.mint_token(FollowUpRequest.objects.select_related("participant"), request_id)
    if minted is None:
        return False
    request, token = minted
    base_url = base_url or settings.JUMP_SITE_URL + "/"
    with translation.override(request.language):
        context = {
            "participant": request.participant,
            "answer_url": urljoin(
                base_url, reverse("young_people:follow_up", kwargs={"token": token})
            ),
            "lifetime_days": FOLLOW_UP_LINK_LIFETIME.days,
        }
        message = EmailMultiAlternatives(
            subject=_("How are you doing now?"),
            body=render_to_string("emails/young_people_follow_up.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[request.email],
        )
        message.attach_alternative(
            render_to_string("emails/young_people_follow_up.html", context), "text/html"
        )
        message.send()
    return True


def follow_up_lookup(token: str, *, for_update: bool = False) -> FollowUpRequest:
    """The request a token opens, or FollowUpInvalid (unknown, answered, expired)."""
    request: FollowUpRequest = flow.lookup(
        FollowUpRequest.objects.select_related("participant__coach"),
        token,
        for_update=for_update,
    )
    return request


@transaction.atomic
def follow_up_answer(
    *, token: str, doing: str, country: str, since: datetime.date
) -> FollowUpRequest:
    """Record the young person's answer; it becomes a proposed six-month outcome (unless one is
    recorded already) and their coach is told. The link is used up. FollowUpInvalid or
    ValidationError, and nothing written, otherwise."""
    request = follow_up_lookup(token, for_update=True)
    participant = Participant.objects.select_for_update().get(pk=request.participant_id)
    if participant.erased_at is not None:
        raise FollowUpInvalid(FollowUpInvalid.USED)
    errors = {}
    if doing not in FollowUpRequest.Doing.values:
        errors["doing"] = _("Pick one answer.")
    if country not in (*Country.values, "XX"):
        errors["country"] = _("Pick a country.")
    today = timezone.localdate()
    if since is None or since > today:
        errors["since"] = _("Pick a date that is not in the future.")
    if errors:
        raise ValidationError(errors)
    kind = OUTCOME_OF_ANSWER[FollowUpRequest.Doing(doing)]
    exists = Outcome.objects.filter(participant=participant, timing=Outcome.Timing.SIX_MONTHS)
    coach = participant.coach
    outcome = None
    if not exists.exists() and coach is not None and coach.is_active:
        outcome = Outcome(
            participant=participant,
            timing=Outcome.Timing.SIX_MONTHS,
            kind=kind,
            date=today,
            cross_border=(
                kind in Outcome.CROSS_BORDER_KINDS
                and country in Country.values
                and country != participant.country_of_residence
            ),
            note=_("The young person's own answer: %(doing)s in %(country)s since %(since)s.")
            % {
                "doing": FollowUpRequest.Doing(doing).label,
                "country": dict(Country.choices).get(country, _("another country")),
                "since": since.isoformat(),
            },
            recorded_by=coach,
            status=Outcome.Status.PROPOSED,
        )
        outcome.full_clean()
        outcome.save()
    request.doing, request.country, request.since = doing, country, since
    request.outcome = outcome
    request.used_at = timezone.now()
    request.save(update_fields=["doing", "country", "since", "outcome", "used_at", "updated_at"])
    if coach is not None:
        notify(actor=None, recipient=coach, kind=Kind.SIX_MONTH_FOLLOW_UP, obj=participant)
    return request


@transaction.atomic
def outcome_confirm(*, actor: User, participant: Participant) -> Outcome:
    """The coach confirms the young person's proposed six-month outcome as it is (to correct
    it, they record the outcome on the case file, which confirms it too). Only a coach who may
    manage the young person's case; nothing proposed → ValidationError."""
    access.check_manage_access(actor, participant)
    outcome: Outcome | None = (
        Outcome.objects.select_for_update()
        .filter(
            participant=participant,
            timing=Outcome.Timing.SIX_MONTHS,
            status=Outcome.Status.PROPOSED,
        )
        .first()
    )
    if outcome is None:
        raise ValidationError(_("There is no proposed outcome to confirm."))
    outcome.status = Outcome.Status.CONFIRMED
    outcome.recorded_by = actor
    outcome.save(update_fields=["status", "recorded_by", "updated_at"])
    return outcome


def follow_up_language(token: str) -> str | None:
    """The language of the request a token names, answered or expired alike (for the page that
    says the link no longer works); None for an unknown token."""
    return (
        FollowUpRequest.objects.filter(token_hash=flow.hash_token(token))
        .values_list("language", flat=True)
        .first()
    )
