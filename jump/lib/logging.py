"""Logging helpers (settings.LOGGING)."""

import logging


class ForbiddenInOneLine(logging.Filter):
    """A 403 is an answer the access rules give on purpose, not an error: Django's
    "Forbidden (Permission denied): /path" line stays, the traceback goes."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
