"""`python -m jump.healthcheck`: the web container's health check (docker-compose.yml).

Asks the local gunicorn for /healthz with a Host header from ALLOWED_HOSTS (so the check works
for whatever host the site is configured for) and exits 0 only on 200.
"""

import os
import sys
import urllib.error
import urllib.request


def host_header() -> str:
    for host in os.environ.get("ALLOWED_HOSTS", "").split(","):
        host = host.strip().lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def main() -> int:
    port = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").rsplit(":", 1)[-1]
    request = urllib.request.Request(  # noqa: S310 - a fixed http URL on this container
        f"http://127.0.0.1:{port}/healthz", headers={"Host": host_header()}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as exc:
        print(f"healthz: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
