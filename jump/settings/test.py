"""Test settings: fast hashing, plain static storage, locmem e-mail."""

from pathlib import Path

from .base import *  # noqa: F403
from .base import allow_audit_truncate, env

DEBUG = False
SECRET_KEY = "test-only-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
ERASURE_LEDGER_KEY = "test-only-erasure-ledger-key-not-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# A worker started by the integration tests is given the test's private folder in PRIVATE_ROOT.
PRIVATE_ROOT = Path(env.str("PRIVATE_ROOT", default=str(BASE_DIR / "var" / "test-private")))  # noqa: F405
STORAGES["default"]["OPTIONS"]["location"] = str(PRIVATE_ROOT)  # noqa: F405
# Unit tests run tasks eagerly even when REDIS_URL is set; the integration tests start a worker.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
# Serve static files from the app folders without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Test databases are flushed with TRUNCATE (transactional tests, the browser tests' fast flush):
# the explicit switch the audit tables' TRUNCATE trigger asks for (SECURITY 34).
allow_audit_truncate(DATABASES["default"])  # noqa: F405
# The idle timeout and its warning can be shortened for a test run (the browser tests shorten
# them per test through pytest-django's `settings` fixture, so a test takes seconds).
SESSION_COOKIE_AGE = env.int("JUMP_SESSION_IDLE_SECONDS", default=SESSION_COOKIE_AGE)  # noqa: F405
SESSION_EXPIRY_WARNING_SECONDS = env.int(
    "JUMP_SESSION_WARNING_SECONDS",
    default=SESSION_EXPIRY_WARNING_SECONDS,  # noqa: F405
)
