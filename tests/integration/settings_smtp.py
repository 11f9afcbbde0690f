"""Test settings for a worker that sends e-mail over real SMTP (EMAIL_HOST / EMAIL_PORT from
the environment, as in base.py): the notifications integration test points them at an aiosmtpd
server on loopback. jump/settings/test.py forces the locmem backend, hence this module."""

from jump.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
