"""Settings of the benchmark server: production settings, plain HTTP on the loopback.

`make bench` starts gunicorn with these. Everything production has stays on (DEBUG off, every
middleware, the database cache, CSP, sessions in the database); only what plain HTTP on
127.0.0.1 needs is changed: no SSL redirect, no HSTS, cookies without `Secure`. Static files
are not served through the manifest (the benchmark requests pages, not assets). One middleware
is added in front of all others: it reports the server time and the queries of each request
in a `Server-Timing` header.
"""

import os
import warnings

os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-" + "x" * 40)
os.environ.setdefault("ERASURE_LEDGER_KEY", "bench-only-erasure-ledger-key")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

from jump.settings.base import POSTGRESQL_ENGINES, allow_audit_truncate  # noqa: E402
from jump.settings.production import *  # noqa: E402, F403
from jump.settings.production import (  # noqa: E402
    DATABASES,
    INSTALLED_APPS,
    MIDDLEWARE,
    STORAGES,
)

# The benchmark is an app here only, for its `seed_scale` command: the product never installs it.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]

# The planner settings docs/performance.md recommends for production (no JIT for page
# queries; random reads priced as on SSD or cache). Applied here unless the settings already
# pass options to PostgreSQL; BENCH_PG_OPTIONS="" measures PostgreSQL's defaults instead.
PG_OPTIONS = os.environ.get("BENCH_PG_OPTIONS", "-c jit=off -c random_page_cost=1.1")
if DATABASES["default"]["ENGINE"] in POSTGRESQL_ENGINES:
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    if PG_OPTIONS and "options" not in _options:
        _options["options"] = PG_OPTIONS
    PG_OPTIONS = _options.get("options", "")
# The benchmark's databases are reset with TRUNCATE, audit tables included (SECURITY 34).
allow_audit_truncate(DATABASES["default"])

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MIDDLEWARE = ["bench.timing.ServerTimingMiddleware", *MIDDLEWARE]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Static files are not part of the benchmark; whitenoise need not warn that none are collected.
warnings.filterwarnings("ignore", message="No directory at")
