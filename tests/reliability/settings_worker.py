"""Settings of the workers the reliability tests start: e-mail over real SMTP (EMAIL_HOST /
EMAIL_PORT from the environment point at an aiosmtpd sink on loopback), and a report run
counts as abandoned after 2 s without a sign of life instead of 2 minutes, so that a test can
let the sweeper take over from a killed worker without waiting."""

from tests.integration.settings_smtp import *  # noqa: F403

REPORTS_STALE_AFTER_SECONDS = 2

# Tasks the worker itself sends (a report's "ready" e-mail) go to the test's own queue, not to
# the shared default one no worker of this test listens to.
CELERY_TASK_DEFAULT_QUEUE = env.str("TEST_CELERY_QUEUE", default="celery")  # noqa: F405
