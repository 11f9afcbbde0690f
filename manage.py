#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    # Commands on a developer's machine need no environment (SQLite, eager tasks). What serves
    # requests (wsgi, asgi) and the Celery app default to production, and the Docker image sets
    # DJANGO_SETTINGS_MODULE=jump.settings.production for every command it runs.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jump.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
