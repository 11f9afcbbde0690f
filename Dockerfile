# The production image: runtime packages only (requirements/runtime.txt, hash-checked; no test or
# lint tools), running as an unprivileged user. docker-compose.yml runs web, worker, beat from it.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=jump.settings.production
RUN apt-get update && apt-get install -y --no-install-recommends \
      gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libfontconfig1 fonts-dejavu-core \
      postgresql-client \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements/runtime.txt requirements/runtime.txt
RUN pip install --no-cache-dir --require-hashes -r requirements/runtime.txt
COPY . .
RUN SECRET_KEY=build-only ERASURE_LEDGER_KEY=build-only ALLOWED_HOSTS=build DATABASE_URL=sqlite:////tmp/build.sqlite3 \
      python manage.py compilemessages --ignore=.venv -v0 \
 && SECRET_KEY=build-only ERASURE_LEDGER_KEY=build-only ALLOWED_HOSTS=build DATABASE_URL=sqlite:////tmp/build.sqlite3 \
      python manage.py collectstatic --no-input -v0 \
 && rm -f /tmp/build.sqlite3
RUN useradd --system --uid 1000 --no-create-home jump && mkdir -p /data/private && chown jump /data/private
USER jump
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py"]
