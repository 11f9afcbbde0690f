"""Settings shared by every environment; values come from the environment (django-environ).

Zero-setup defaults: SQLite and eager Celery when DATABASE_URL / REDIS_URL are unset.
No insecure value is defaulted here: SECRET_KEY and ALLOWED_HOSTS are set by dev/test or
required by production.
"""

import datetime
from pathlib import Path
from typing import Any

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def env_secret(name, default=environ.Env.NOTSET):
    """Read NAME, or the file named by NAME_FILE (Docker/Kubernetes secrets)."""
    file_name = env.str(f"{name}_FILE", default="")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return env.str(name, default=default)


def allow_audit_truncate(database: dict) -> None:
    """Let this database connection TRUNCATE the audit tables (SECURITY 34).

    For test and benchmark databases only, whose flushes and resets truncate every table: the
    PostgreSQL trigger of jump/audit/migrations/0004 refuses TRUNCATE unless the session sets
    `jump.audit_truncate_allowed`. Production settings never call this.
    """
    if database["ENGINE"] not in POSTGRESQL_ENGINES:
        return
    options = database.setdefault("OPTIONS", {})
    switch = "-c jump.audit_truncate_allowed=on"
    options["options"] = f"{options.get('options', '')} {switch}".strip()


DEBUG = env.bool("DJANGO_DEBUG", default=False)

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin
    "modeltranslation",
    "jump.admin_apps.JumpAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_filters",
    "django_celery_beat",
    "csp",
    "jump.accounts",
    "jump.notifications",
    "jump.reports",
    "jump.audit",
    "jump.imports",
    "participants",
    "companies",
    "training_modules",
    "young_people",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jump.accounts.middleware.SessionLifetimeMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After the CSRF check, before the login redirect: a POST after the idle timeout is kept.
    "jump.accounts.kept_forms.KeptFormMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "jump.accounts.middleware.UserLanguageMiddleware",
    "jump.accounts.middleware.NoStoreForSignedInMiddleware",
    "jump.accounts.middleware.RequireMFAMiddleware",
    "jump.audit.reads.ReadAuditMiddleware",
    "jump.accounts.middleware.YoungPersonScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "jump.urls"
WSGI_APPLICATION = "jump.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "jump.accounts.context_processors.navigation",
                "jump.accounts.context_processors.session_and_kept_form",
                "jump.notifications.context_processors.notifications",
            ],
        },
    },
]

# --- data ---
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
POSTGRESQL_ENGINES = ("django.db.backends.postgresql",)
# Persistent connections with health checks: a restarted PostgreSQL is reconnected transparently.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache lives in the database: rate limits and single-use TOTP codes are shared by every
# process, and login keeps working when Redis is down.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "jump_cache",
    }
}

# --- accounts and login ---
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "jump.accounts.passwords.ProgrammeWordsValidator"},
    {"NAME": "jump.accounts.passwords.MaximumLengthValidator"},
]

ACCOUNT_ADAPTER = "jump.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_RATE_LIMITS = {
    # 5 failed logins per account per 5 minutes; the 6th gets 429.
    "login_failed": "10/m/ip,5/300s/key",
}
# SECURITY 29: behind a TLS proxy every request comes from the proxy's address; allauth takes
# the client's address from X-Forwarded-For, counting this many proxies from the right (entries
# further left are written by the client and are not trusted). 0: no proxy, REMOTE_ADDR.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Passkeys (WebAuthn) are an optional second factor, and a way to log in, for everyone; staff
# still need TOTP (RequireMFAMiddleware counts only TOTP), so a passkey never replaces it.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
# A passkey must be unlocked on the device (PIN, fingerprint, face) — what makes it a factor.
MFA_WEBAUTHN_USER_VERIFICATION = "required"
# WebAuthn only over https (or http://localhost); dev settings relax it while DEBUG is on.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = False
MFA_TOTP_ISSUER = "JUMP"
# Roles that must have MFA before any page with personal data is served.
MFA_REQUIRED_ROLES = ["coach", "programme_manager", "admin"]

# --- sessions (30 min idle, 12 h absolute) ---
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 30 * 60
# Written at most once a minute (jump.accounts.middleware.SessionLifetimeMiddleware), which
# renews the idle expiry: a session ends 29–30 minutes after its last request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_TOUCH_SECONDS = 60
SESSION_ABSOLUTE_LIFETIME = 12 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# The page warns this long before the idle timeout and offers to stay logged in (WCAG 2.2.1).
SESSION_EXPIRY_WARNING_SECONDS = 2 * 60
# A POST arriving after the idle timeout is kept this long for its user (jump.accounts.kept_forms).
KEPT_FORM_SECONDS = 15 * 60
CSRF_COOKIE_SAMESITE = "Lax"

# --- languages ---
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("da", _("Danish")),
    ("de", _("German")),
    ("en", _("English")),
]
# JUMP_LOCALE_DIR lets the translation check extract messages into a scratch copy.
LOCALE_PATHS = [Path(env.str("JUMP_LOCALE_DIR", default=str(BASE_DIR / "locale")))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("da", "de", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "da", "de")}
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# --- static and private files ---
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files served at the site's root by WhiteNoise (the /favicon.ico every browser asks for).
WHITENOISE_ROOT = BASE_DIR / "public"
# Private files (documents, exports, certificates) live outside any public root and are served
# only through views that check access.
PRIVATE_ROOT = Path(env.str("PRIVATE_ROOT", default=str(BASE_DIR / "private")))
STORAGES: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
MAX_UPLOAD_SIZE = 10 * 1024 * 1024

FORMS_URLFIELD_ASSUME_HTTPS = True
# Absolute links in e-mails and calendar files.
JUMP_SITE_URL = env.str("JUMP_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- e-mail ---
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="JUMP <noreply@jump.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where the accessibility statement sends feedback on barriers (the programme secretariat).
ACCESSIBILITY_CONTACT_EMAIL = env.str("ACCESSIBILITY_CONTACT_EMAIL", default="")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 10

# --- Celery ---
REDIS_URL = env.str("REDIS_URL", default="")
# Without Redis, tasks run eagerly; the in-memory transport is named with a host so that kombu
# does not warn "No hostname was supplied" on every task.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Time limits stay well below the broker's visibility timeout, so a task is never handed to a
# second worker while the first is still legitimately running it.
CELERY_TASK_SOFT_TIME_LIMIT = 10 * 60
CELERY_TASK_TIME_LIMIT = 12 * 60
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60 * 60}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE
# Periodic tasks are declared here, in code; beat copies them into its database table.
CELERY_BEAT_SCHEDULE: dict = {
    "worker-heartbeat": {"task": "jump.tasks.worker_heartbeat", "schedule": 60.0},
    # Reminders every morning at 06:00 (CELERY_TIMEZONE); e-mails whose task was lost are
    # queued again every quarter of an hour.
    "send-daily-reminders": {
        "task": "jump.notifications.tasks.send_daily_reminders",
        "schedule": crontab(hour=6, minute=0),
    },
    # The daily digest, after the reminders of the morning run have been created.
    "send-daily-digests": {
        "task": "jump.notifications.tasks.send_daily_digests",
        "schedule": crontab(hour=6, minute=30),
    },
    "requeue-notification-emails": {
        "task": "jump.notifications.tasks.requeue_notification_emails",
        "schedule": 15 * 60.0,
    },
    # Reports: runs stuck in "queued" (lost message) or silent while "running" (dead worker)
    # are queued again; the previous month's report for every manager, hourly on the 1st–3rd
    # (idempotent: one per manager and month, so later ticks only catch up a missed one).
    "sweep-report-runs": {"task": "jump.reports.tasks.sweep_report_runs", "schedule": 120.0},
    "monthly-reports": {
        "task": "jump.reports.tasks.request_monthly_reports",
        "schedule": crontab(minute=30, day_of_month="1-3"),
    },
    # Retention (SECURITY 22): erase participants whose retention end has passed, nightly.
    "apply-retention": {
        "task": "jump.audit.tasks.apply_retention",
        "schedule": crontab(hour=2, minute=15),
    },
    # Report files with names expire (REPORT_FILES_WITH_NAMES_DAYS), nightly.
    "expire-named-report-files": {
        "task": "jump.reports.tasks.expire_named_report_files",
        "schedule": crontab(hour=2, minute=45),
    },
    # Young people who left the programme lose their login after the partner's grace period.
    "end-young-person-access-after-exit": {
        "task": "young_people.tasks.end_access_after_exit",
        "schedule": crontab(hour=3, minute=0),
    },
    # The six-month follow-up e-mail to the young person (a link without login), daily.
    "six-month-follow-up-of-young-people": {
        "task": "young_people.tasks.create_six_month_follow_ups",
        "schedule": crontab(hour=8, minute=0),
    },
}

# --- security headers (django-csp 4) ---
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"forbidden_in_one_line": {"()": "jump.lib.logging.ForbiddenInOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own console handler (DEBUG only) would print every django.* line a second
        # time next to the root's: django.* goes to the root's handler only.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.request": {"filters": ["forbidden_in_one_line"]},
        # WeasyPrint narrates every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Programme settings
# The date the programme's final payment is recorded (ISO date). Participants' data is kept five
# years from 31 December of that year (CPR 2021/1060 Art. 82), then erased by the nightly
# retention job. Unset: no automatic erasure (only per-participant retention ends apply).
# Report files with names (exports a manager asked names for) are deleted this many days after
# they were built; the run stays, marked "file expired" (SECURITY 22).
REPORT_FILES_WITH_NAMES_DAYS = env.int("REPORT_FILES_WITH_NAMES_DAYS", default=30)
_final_payment = env.str("JUMP_FINAL_PAYMENT_DATE", default="").strip()
JUMP_FINAL_PAYMENT_DATE = datetime.date.fromisoformat(_final_payment) if _final_payment else None
