"""The young person's pages and the coach's side of their access. Thin: resolve through
access.py, bind a form, call one service, message and redirect."""

from allauth.account.internal.flows.login import perform_password_login
from allauth.account.models import Login
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from jump.audit.decorators import logs_access
from jump.audit.models import AccessLog
from participants import access as participants_access
from participants.models import Consent

from . import access, selectors, services
from .forms import ConsentWithdrawForm, PasswordChoiceForm, YouthInvitationForm

INVALID_STATUS = {
    services.InvitationInvalid.UNKNOWN: 404,
    services.InvitationInvalid.USED: 410,
    services.InvitationInvalid.EXPIRED: 410,
}


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# --- the young person's pages --------------------------------------------------------------


@access.young_person_required
def home(request, participant):
    return render(
        request,
        "young_people/home.html",
        {"participant": participant, "items": selectors.home_items(participant)},
    )


@access.young_person_required
def plan(request, participant):
    return render(
        request,
        "young_people/plan.html",
        {"participant": participant, "plans": selectors.plans(participant)},
    )


@require_POST
@access.young_person_required
def step_tick(request, participant, step_id):
    try:
        services.step_tick_by_young_person(
            actor=request.user, participant=participant, step_public_id=step_id
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Well done! Your coach can see it now."))
    return redirect("young_people:plan")


@access.young_person_required
def placements(request, participant):
    return render(
        request,
        "young_people/placements.html",
        {"participant": participant, "cards": selectors.placement_cards(participant)},
    )


@access.young_person_required
def consents(request, participant):
    return render(
        request,
        "young_people/consents.html",
        {"participant": participant, "consents": selectors.consents(participant)},
    )


@access.young_person_required
def consent_withdraw(request, participant):
    """GET: the confirmation page for one purpose; POST: withdraw it."""
    data = request.POST if request.method == "POST" else None
    form = ConsentWithdrawForm(data, initial={"purpose": request.GET.get("purpose")})
    purpose = request.POST.get("purpose") or request.GET.get("purpose")
    labels = {**dict(Consent.Purpose.choices), **selectors.PLAIN_PURPOSE}
    if purpose not in labels:
        raise Http404
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw_by_young_person(
                actor=request.user, participant=participant, purpose=form.cleaned_data["purpose"]
            )
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("Done. From now on it is a no. Your coach is told."))
        return redirect("young_people:consents")
    return render(
        request,
        "young_people/consent_withdraw.html",
        {"participant": participant, "form": form, "label": labels[purpose]},
    )


# --- the invitation ------------------------------------------------------------------------


def _invalid(request, exc):
    return render(
        request,
        "young_people/invitation_invalid.html",
        {"reason": exc.reason},
        status=INVALID_STATUS[exc.reason],
    )


@login_not_required
@never_cache
@sensitive_post_parameters("password1", "password2")
def invitation_accept(request, token):
    """Public: the token is the authorisation. Unknown, used or expired → a clear page in the
    invitation's language (or the visitor's), nothing written."""
    try:
        invitation = services.youth_invitation_lookup(token)
    except services.InvitationInvalid as exc:
        return _invalid(request, exc)
    translation.activate(invitation.language)
    request.LANGUAGE_CODE = invitation.language
    if request.user.is_authenticated:
        return render(request, "young_people/invitation_logged_in.html")
    form = PasswordChoiceForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.youth_invitation_accept(
                token=token, password=form.cleaned_data["password1"]
            )
        except services.InvitationInvalid as exc:
            return _invalid(request, exc)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            with translation.override(user.preferred_language):
                messages.success(request, _("Welcome! This is your page in JUMP."))
                home_url = reverse("young_people:home")
            return perform_password_login(
                request,
                {"email": user.email},
                Login(user=user, email=user.email, redirect_url=home_url),
            )
    return render(
        request,
        "young_people/invitation_accept.html",
        {"form": form, "invitation": invitation},
    )


# --- the coach's side ----------------------------------------------------------------------


def _coach_participant(request, public_id):
    """The case through the participants access rules (404 for everyone else), then the rule of
    who manages a young person's access (403)."""
    participant = participants_access.get_participant_for_user(request.user, public_id)
    return participant


@logs_access(
    AccessLog.Action.VIEW,
    what="own page access",
    resolve=lambda request, public_id: _coach_participant(request, public_id),
)
def coach_access(request, public_id, participant):
    may_manage = access.may_manage_access(request.user, participant)
    pending = selectors.recent_invitations(participant)
    form = YouthInvitationForm(
        initial={"email": participant.email, "language": participant.preferred_language}
    )
    return render(
        request,
        "young_people/coach_access.html",
        {
            "participant": participant,
            "may_manage": may_manage,
            "invitations": pending,
            "form": form,
            "is_minor": services.is_minor(participant),
            "guardian_consent": services.guardian_consent_on_file(participant),
        },
    )


@require_POST
def coach_invite(request, public_id):
    participant = _coach_participant(request, public_id)
    access.check_manage_access(request.user, participant)
    form = YouthInvitationForm(request.POST)
    if form.is_valid():
        try:
            services.youth_invitation_create(
                actor=request.user,
                participant=participant,
                base_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("The invitation is on its way."))
    else:
        messages.error(request, _("Check the e-mail address and the language."))
    return redirect("young_people:coach_access", public_id=participant.public_id)


@require_POST
def coach_end_access(request, public_id):
    participant = _coach_participant(request, public_id)
    access.check_manage_access(request.user, participant)
    try:
        services.youth_access_end(actor=request.user, participant=participant)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("The young person's access has ended."))
    return redirect("young_people:coach_access", public_id=participant.public_id)
