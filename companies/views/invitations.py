"""Accepting an invitation: the one way a company contact gets an account (SECURITY 4)."""

from allauth.account.internal.flows.login import perform_password_login
from allauth.account.models import Login
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from .. import services
from ..forms import InvitationAcceptForm
from ._errors import add_service_errors

INVALID_STATUS = {
    services.InvitationInvalid.UNKNOWN: 404,
    services.InvitationInvalid.USED: 410,
    services.InvitationInvalid.EXPIRED: 410,
}


def _invalid(request, exc: services.InvitationInvalid):
    return render(
        request,
        "companies/invitation_invalid.html",
        {"reason": exc.reason},
        status=INVALID_STATUS[exc.reason],
    )


@login_not_required
@never_cache
@sensitive_post_parameters("password1", "password2")
def invitation_accept(request, token):
    """Public: the token is the authorisation. Unknown, used or expired → an explanatory page."""
    try:
        invitation = services.invitation_lookup(token)
    except services.InvitationInvalid as exc:
        return _invalid(request, exc)
    if request.user.is_authenticated:
        # Accepting would silently switch accounts; ask to log out first.
        return render(request, "companies/invitation_logged_in.html", {"invitation": invitation})
    form = InvitationAcceptForm(
        request.POST or None,
        invitation=invitation,
        initial={
            "first_name": invitation.first_name,
            "last_name": invitation.last_name,
            "preferred_language": invitation.language,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.invitation_accept(
                token=token,
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                language=data["preferred_language"],
                job_title=data["job_title"],
                phone=data["phone"],
            )
        except services.InvitationInvalid as exc:
            return _invalid(request, exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            with translation.override(user.preferred_language):
                messages.success(
                    request,
                    _(
                        "Welcome to JUMP. Your account for %(company)s is ready. We recommend "
                        "protecting it with two-factor authentication."
                    )
                    % {"company": invitation.company.name},
                )
                portal = reverse("companies:portal")
            # Through allauth, so the session records a fresh password login: setting up
            # two-factor authentication right away needs no second password prompt.
            return perform_password_login(
                request,
                {"email": user.email},
                Login(user=user, email=user.email, redirect_url=portal),
            )
    return render(
        request, "companies/invitation_accept.html", {"form": form, "invitation": invitation}
    )
