"""gunicorn's settings for JUMP: `gunicorn -c gunicorn.conf.py` (docker-compose.yml, the
Dockerfile, `make prod-smoke`, README "Running in production").

Environment: GUNICORN_BIND (default 0.0.0.0:8000), GUNICORN_WORKERS (default 2 × CPUs + 1, at
most 8), GUNICORN_TIMEOUT (default 30 s: below the 60 s a reverse proxy usually waits, so a stuck
request is ended by gunicorn and logged, not cut off by the proxy). Long work (reports, imports,
e-mails) runs in Celery, never in a request.
"""

import multiprocessing
import os

wsgi_app = "jump.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8)))
# Load Django once in the master, then fork: faster start, less memory; no database connection
# is opened at import time, so none is shared between workers.
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Each worker is replaced after about a thousand requests (memory growth stays bounded).
max_requests = 1000
max_requests_jitter = 100
# Access and error log on stdout/stderr: the container's log.
accesslog = "-"
errorlog = "-"
# No control socket (gunicornc is not used): in the image the user has no home folder for it, and
# two instances on one machine would share $HOME/.gunicorn/gunicorn.ctl.
control_socket_disable = True
