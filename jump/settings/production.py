"""Production: refuses to start without its secrets; secure cookies, HSTS, SSL redirect."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, env_secret


def _required(name, value):
    if not value:
        raise ImproperlyConfigured(
            f"The setting {name} is required in production: set the environment variable "
            f"{name} (or {name}_FILE)."
        )
    return value


DEBUG = False
SECRET_KEY = _required("SECRET_KEY", env_secret("SECRET_KEY", default=""))
ALLOWED_HOSTS = _required("ALLOWED_HOSTS", env.list("ALLOWED_HOSTS", default=[]))
# The erasure ledger's own key (SECURITY 22): not SECRET_KEY, which is rotated after a leak.
ERASURE_LEDGER_KEY = _required("ERASURE_LEDGER_KEY", env_secret("ERASURE_LEDGER_KEY", default=""))
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

SESSION_COOKIE_SECURE = True
# Passkeys only from an https origin (never from the environment).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = False
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# A load balancer's health check speaks plain HTTP and reads a redirect as "down"; /healthz
# carries no personal data and sets no cookie.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
