"""`python -m tests.reliability.fast_retry_worker <celery worker options>`: a real Celery worker
whose e-mail retries come after 1, 2, 4 … seconds instead of minutes, so that a test sees the
retry schedule run through. Only the tests start it."""

import sys

import django

django.setup()

from celery.__main__ import main  # noqa: E402

from jump.notifications import tasks  # noqa: E402

tasks.EMAIL_RETRY_BASE = 1

if __name__ == "__main__":
    sys.argv = ["celery", "-A", "jump", *sys.argv[1:]]
    sys.exit(main())
