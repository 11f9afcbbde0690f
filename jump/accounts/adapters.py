import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal.ratelimit import respond_429
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from jump.lib.mail import message_headers, site_url

# allauth's e-mails written as JUMP's own (template under emails/account/, subject).
ACCOUNT_EMAILS = {
    "account/email/password_reset_key": (
        "password_reset_key",
        gettext_lazy("Reset your JUMP password"),
    ),
    "account/email/unknown_account": (
        "unknown_account",
        gettext_lazy("Password reset requested for JUMP"),
    ),
    "account/email/email_confirmation": (
        "email_confirmation",
        gettext_lazy("Confirm your e-mail address for JUMP"),
    ),
    "account/email/email_confirmation_signup": (
        "email_confirmation",
        gettext_lazy("Confirm your e-mail address for JUMP"),
    ),
}


def _link(context: dict, language: str) -> str:
    """The message's link from JUMP_SITE_URL in the recipient's language, never from the
    request's host (a forged Host header must not receive a reset key)."""
    with translation.override(language):
        if "password_reset_url" in context:
            return site_url() + reverse(
                "account_reset_password_from_key",
                kwargs={"uidb36": context["uid"], "key": context["key"]},
            )
        if "activate_url" in context:
            return site_url() + reverse("account_confirm_email", args=[context["key"]])
    return ""


class AccountAdapter(DefaultAccountAdapter):
    """No open sign-up: staff are created by admins, company contacts by invitation."""

    def is_open_for_signup(self, request):
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Account e-mails as JUMP's own messages: text and HTML in the layout of the other
        notifications, in the recipient's language (the page's when no account is known), no
        host in the subject, links from JUMP_SITE_URL, no sign-up link (sign-up is closed)."""
        if template_prefix not in ACCOUNT_EMAILS:
            return super().send_mail(template_prefix, email, context)
        template, subject = ACCOUNT_EMAILS[template_prefix]
        user = context.get("user")
        language = user.preferred_language if user is not None else translation.get_language()
        with translation.override(language):
            values = {
                "subject": str(subject),
                "name": (user.first_name if user is not None else "") or email,
                "url": _link(context, language),
            }
            message = EmailMultiAlternatives(
                subject=values["subject"],
                body=render_to_string(f"emails/account/{template}.txt", values),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[email],
                headers=message_headers(language),
            )
            message.attach_alternative(
                render_to_string(f"emails/account/{template}.html", values), "text/html"
            )
        message.send()
        return None

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
