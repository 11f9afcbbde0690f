"""Session lifetime, the user's language and MFA enforcement."""

import time

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control

from .roles import (
    YOUNG_PERSON_NAMESPACES,
    YOUNG_PERSON_URL_NAMES,
    YOUNG_PERSON_URL_PREFIXES,
    Role,
)

SESSION_STARTED_KEY = "jump_session_started"
# When the session was last written: it is written again (and its idle expiry renewed) at most
# once a minute, not on every request (a write is a commit that waits for the disk).
SESSION_TOUCHED_KEY = "jump_session_touched"
# [user id, access_version, role names, TOTP set up] as last read (load_roles_and_mfa).
ROLES_KEY = "jump_roles"

# URL names a user who still has to set up MFA may reach.
MFA_SETUP_ALLOWED = {
    "account_logout",
    "account_login",
    "account_reauthenticate",
    "account_email_verification_sent",
    "account_confirm_email",
    "mfa_index",
    "mfa_activate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_reauthenticate",
    "set_language",
    "healthz",
}


class SessionLifetimeMiddleware:
    """End a session 12 hours after login, whatever the activity; renew the idle expiry.

    The idle expiry (SESSION_COOKIE_AGE, 30 minutes) is counted from the session's last write.
    A session with data is written again when SESSION_TOUCH_SECONDS (60) have passed since its
    last write, so it ends between 29 and 30 minutes after the last request — to the minute —
    at one write a minute instead of one per request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        now = time.time()
        started = session.get(SESSION_STARTED_KEY)
        if started is not None and now - started > settings.SESSION_ABSOLUTE_LIFETIME:
            session.flush()
        response = self.get_response(request)
        touch_session(session, now)
        return response


def touch_session(session, now: float | None = None, *, force: bool = False) -> None:
    """Mark the session for saving when its last write is a minute old (or `force`)."""
    if session.is_empty():
        return  # anonymous without data, or ended by logout: nothing to renew
    now = time.time() if now is None else now
    touched = session.get(SESSION_TOUCHED_KEY)
    if force or touched is None or now - touched >= settings.SESSION_TOUCH_SECONDS:
        session[SESSION_TOUCHED_KEY] = int(now)


class UserLanguageMiddleware:
    """Keep the language cookie on the user's preferred language once they are logged in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            preferred = user.preferred_language
            if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != preferred:
                response.set_cookie(
                    settings.LANGUAGE_COOKIE_NAME,
                    preferred,
                    max_age=settings.LANGUAGE_COOKIE_AGE,
                    samesite="Lax",
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                )
        return response


class RequireMFAMiddleware:
    """Coaches, managers and admins see nothing but MFA set-up until TOTP is active."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            totp = load_roles_and_mfa(user, request.session)
            if user.requires_mfa and not self._allowed(request) and not totp:
                return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _allowed(request) -> bool:
        if request.path.startswith(settings.STATIC_URL):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True  # a 404 shows nothing
        return match.url_name in MFA_SETUP_ALLOWED


def load_roles_and_mfa(user, session=None) -> bool:
    """The user's roles (kept as `user.role_names` for the request) and whether TOTP is set up.

    Read in one query, and kept in the session while the user's `access_version` (raised by
    every change of their roles or second factors, jump.accounts.signals) stays the same — so a
    page costs no query for them, and a change holds from the user's next request.
    """
    kept = session.get(ROLES_KEY) if session is not None else None
    if kept and kept[0] == user.pk and kept[1] == user.access_version:
        names, totp = frozenset(kept[2]), bool(kept[3])
    else:
        names, totp = _read_roles_and_mfa(user)
        if session is not None:
            session[ROLES_KEY] = [user.pk, user.access_version, sorted(names), totp]
    # request.user is a SimpleLazyObject: the cached property belongs on the user it wraps.
    target = getattr(user, "_wrapped", user)
    target.__dict__["role_names"] = names if user.is_active else frozenset()
    return totp


def _read_roles_and_mfa(user) -> tuple[frozenset[str], bool]:
    from allauth.mfa.models import Authenticator
    from django.contrib.auth.models import Group
    from django.db.models import Exists

    totp = Exists(Authenticator.objects.filter(user=user.pk, type=Authenticator.Type.TOTP))
    rows = list(Group.objects.filter(user=user.pk).annotate(totp=totp).values_list("name", "totp"))
    # Without a role there is no row to carry the flag, and no MFA is required either.
    return frozenset(name for name, _totp in rows), bool(rows) and rows[0][1]


def has_mfa(user) -> bool:
    """Whether the user has any second factor (TOTP, a passkey, recovery codes)."""
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user).exists()


class NoStoreForSignedInMiddleware:
    """SECURITY 30: what a signed-in user is shown is never kept by a browser or proxy cache.

    Every response to a signed-in user (pages, htmx fragments, downloads) gets
    `Cache-Control: no-store, private`; public pages keep whatever caching they allow.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


class YoungPersonScopeMiddleware:
    """A young person's session opens only their own pages, their account and MFA settings and
    public pages; every staff URL is a 404 for them (SECURITY 35), whatever that page's own
    checks would answer. Runs after RequireMFAMiddleware, which loaded the roles."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.has_role(Role.YOUNG_PERSON)
            and not self._allowed(request)
        ):
            raise Http404
        return self.get_response(request)

    @staticmethod
    def _allowed(request) -> bool:
        if request.path.startswith(settings.STATIC_URL):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True  # a 404 anyway
        if getattr(match.func, "login_required", True) is False:
            return True  # a public page answers everyone alike
        name = match.view_name
        return (
            name in YOUNG_PERSON_URL_NAMES
            or name.startswith(YOUNG_PERSON_URL_PREFIXES)
            or any(namespace in YOUNG_PERSON_NAMESPACES for namespace in match.namespaces)
        )
