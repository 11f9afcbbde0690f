"""The Celery application: Redis broker from REDIS_URL, eager without it (see settings)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jump.settings.production")

app = Celery("jump")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Programme-wide tasks live in jump/tasks.py (jump itself is not an installed app).
app.autodiscover_tasks(["jump"])
