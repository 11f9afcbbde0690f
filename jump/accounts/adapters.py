import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal.ratelimit import respond_429
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """No open sign-up: staff are created by admins, company contacts by invitation."""

    def is_open_for_signup(self, request):
        return False

    def get_login_redirect_url(self, request):
        # Land on the role's home page in the user's preferred language.
        with translation.override(request.user.preferred_language):
            return reverse("home")

    def pre_authenticate(self, request, **credentials):
        """Too many failed logins for one account → HTTP 429 (SECURITY 2), not just a form error."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as exc:
            if exc.code == "too_many_login_attempts":
                raise ImmediateHttpResponse(respond_429(request)) from exc
            raise

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Setting up the first second factor right after logging in needs no second password.

        Anything else (deactivating MFA, new recovery codes, …) asks for a fresh login as usual.
        """
        request = context.request
        user = getattr(request, "user", None)
        if app == "allauth.mfa" and user is not None and user.is_authenticated:
            from .middleware import has_mfa

            records = get_authentication_records(request, user)
            recent = (
                records
                and time.time() - records[-1]["at"] < settings.ACCOUNT_REAUTHENTICATION_TIMEOUT
            )
            if recent and not has_mfa(user):
                return False
        return super().is_reauthentication_required(app=app, **kwargs)
