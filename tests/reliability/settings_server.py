"""Settings of the gunicorn the reliability tests start: the benchmark's (production settings,
plain HTTP on loopback) plus the test hasher, so that the test users' passwords verify."""

from django.conf import global_settings

from bench.settings import *  # noqa: F403

PASSWORD_HASHERS = [
    *global_settings.PASSWORD_HASHERS,
    "django.contrib.auth.hashers.MD5PasswordHasher",
]
