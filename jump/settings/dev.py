"""Local development: `make run`. DEBUG on, SQLite, eager tasks, console e-mail."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-never-used-in-production")
ERASURE_LEDGER_KEY = env.str("ERASURE_LEDGER_KEY", default="dev-only-erasure-ledger-key")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Serve static files from the app folders without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A passkey from a dev host other than localhost over plain http (never in production).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
