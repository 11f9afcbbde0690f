"""`python -m tests.reliability.slow_worker <celery worker options>`: a real Celery worker
whose report build stops, after writing part of its file, for SLOW_BUILD_SECONDS (default 60)
— long enough for a test to kill it in the middle of a build (SECURITY 25).

Only the tests start it; the application has no test hook of its own.
"""

import os
import sys
import time
from pathlib import Path

import django

django.setup()

from celery.__main__ import main  # noqa: E402

from jump.reports import services  # noqa: E402

original_write_report = services.write_report


def slow_write_report(*, path, report_progress, **kwargs):
    report_progress(5)
    Path(path).write_bytes(b"the first half of a report")
    deadline = time.monotonic() + float(os.environ.get("SLOW_BUILD_SECONDS", "60"))
    while time.monotonic() < deadline:
        time.sleep(0.2)
    original_write_report(path=path, report_progress=report_progress, **kwargs)


services.write_report = slow_write_report

if __name__ == "__main__":
    sys.argv = ["celery", "-A", "jump", *sys.argv[1:]]
    sys.exit(main())
