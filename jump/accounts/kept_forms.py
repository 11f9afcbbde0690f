"""Never lose a form to the idle timeout (WCAG 2.2.1, SECURITY 6).

A POST that arrives after the user's session ended idle is not handled: after the CSRF check
has passed (CsrfViewMiddleware runs first), its fields (no files) are kept server-side in the
cache for KEPT_FORM_SECONDS, bound to the user whose expired session the browser still names
and to a random token in an HttpOnly cookie of that browser, and the browser goes to the login
page. After logging in as that same user, the page offers the kept fields again
(`kept_form` in the context of base.html); nothing is written until the user sends them again,
then with the new session and a new CSRF token. Any other user logging in on that browser never
sees them: the entry is deleted. Logging out, a password change or a deactivation delete the
session row, so nothing is kept after those.
"""

import secrets
import time
from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.urls import Resolver404, resolve
from django.utils import formats, timezone
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .middleware import SESSION_STARTED_KEY

COOKIE = "jump_kept_form"
FIELD = "_kept_form"
MAX_FIELDS = 200
MAX_CHARACTERS = 100_000


def _seconds() -> int:
    return getattr(settings, "KEPT_FORM_SECONDS", 15 * 60)


def _key(token: str) -> str:
    return f"jump:kept-form:{token}"


def expired_session_user(request):
    """The active user whose session this browser's cookie names and which ended idle, or None.

    Only a session row that still exists and has expired counts: logout, a password change and
    a deactivation delete the row, and the 12-hour limit is checked from the row's own start.
    """
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key or len(key) > 64:
        return None
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    model = store_class.get_model_class()
    now = timezone.now()
    row = model.objects.filter(session_key=key, expire_date__lte=now).first()
    if row is None:
        return None
    data = store_class().decode(row.session_data)
    started = data.get(SESSION_STARTED_KEY)
    if started is None or time.time() - started > settings.SESSION_ABSOLUTE_LIFETIME:
        return None
    user = get_user_model().objects.filter(pk=data.get("_auth_user_id"), is_active=True).first()
    if user is None:
        return None
    if not constant_time_compare(data.get("_auth_user_hash", ""), user.get_session_auth_hash()):
        return None
    return user


def _page(request) -> str:
    """The page the form was on (the Referer of the same site), else the form's own URL."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        from urllib.parse import urlsplit

        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return request.get_full_path()


def keep(request, user) -> str | None:
    """Keep the POST's fields for `user`; the token, or None when there is nothing to keep."""
    data = [
        (name, value)
        for name in request.POST
        if name not in ("csrfmiddlewaretoken", FIELD)
        for value in request.POST.getlist(name)
    ]
    if not data or len(data) > MAX_FIELDS:
        return None
    if sum(len(name) + len(value) for name, value in data) > MAX_CHARACTERS:
        return None
    old = request.COOKIES.get(COOKIE)
    if old:
        cache.delete(_key(old))
    token = secrets.token_urlsafe(32)
    cache.set(
        _key(token),
        {
            "user": user.pk,
            "action": request.path,
            "page": _page(request),
            "data": data,
            "files": bool(request.FILES),
            "until": time.time() + _seconds(),
        },
        _seconds(),
    )
    return token


def kept_for(request) -> dict | None:
    """The entry kept for this browser and its logged-in user; another user's entry is deleted."""
    token = request.COOKIES.get(COOKIE)
    user = getattr(request, "user", None)
    if not token or user is None or not user.is_authenticated:
        return None
    entry = cache.get(_key(token))
    if entry is None:
        return None
    if entry["user"] != user.pk:
        cache.delete(_key(token))
        return None
    return {**entry, "token": token}


def discard(request) -> None:
    token = request.COOKIES.get(COOKIE)
    if token:
        cache.delete(_key(token))


def _set_cookie(response, token):
    response.set_cookie(
        COOKIE,
        token,
        max_age=_seconds(),
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


class KeptFormMiddleware:
    """Between CsrfViewMiddleware and LoginRequiredMiddleware (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "_kept_form_done", False):
            discard(request)
            response.delete_cookie(COOKIE, samesite="Lax")
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST":
            return None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # The kept fields sent again (or typed again into the page's form): done with them.
            token = request.POST.get(FIELD)
            if token and constant_time_compare(token, request.COOKIES.get(COOKIE, "")):
                request._kept_form_done = True
            return None
        if not getattr(view_func, "login_required", True) or getattr(
            view_func, "csrf_exempt", False
        ):
            return None
        if request.headers.get("HX-Request") or _is_account_url(request):
            return None
        expired_user = expired_session_user(request)
        if expired_user is None:
            return None
        token = keep(request, expired_user)
        if token is None:
            return None
        messages.warning(
            request,
            _(
                "Your session had ended, so what you sent was not saved. Log in again: it is "
                "kept for you until %(time)s and offered to you again."
            )
            % {"time": _until_text(time.time() + _seconds())},
        )
        response = redirect_to_login(_page(request))
        _set_cookie(response, token)
        return response


def _until_text(timestamp: float) -> str:
    import datetime

    moment = datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)
    return formats.time_format(timezone.localtime(moment), "TIME_FORMAT")


def _is_account_url(request) -> bool:
    try:
        name = resolve(request.path_info).url_name or ""
    except Resolver404:
        return True
    return name.startswith(("account_", "mfa_")) or name == "set_language"
