# JUMP — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV := DJANGO_SETTINGS_MODULE=jump.settings.dev
PROD_CHECK := DJANGO_SETTINGS_MODULE=jump.settings.production SECRET_KEY=check-deploy-only-$$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n') ERASURE_LEDGER_KEY=check-deploy-only ALLOWED_HOSTS=jump.example.org DATABASE_URL=sqlite:///:memory:

.PHONY: run test lint e2e screenshots bench install messages makemessages clean lock prod-smoke lint-django lint-messages backup restore-drill soak lint-types

# requirements/dev.txt pins (with hashes) everything requirements/runtime.txt does, plus the
# development tools; the Docker image installs runtime.txt only.
$(STAMP): requirements/runtime.txt requirements/dev.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.txt
	@touch $(STAMP)

install: $(STAMP)

# Regenerate both locks from pyproject.toml with pip-tools (keeps the current pins unless
# pyproject.toml needs others; `make lock LOCK_ARGS=--upgrade` moves to the newest allowed).
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile pyproject.toml --quiet \
	--generate-hashes --allow-unsafe --no-strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_ARGS)
lock: install
	$(PIP_COMPILE) -o requirements/runtime.txt
	$(PIP_COMPILE) --extra dev -o requirements/dev.txt

messages: install
	$(DEV) $(PY) manage.py compilemessages --ignore=.venv -v0

run: install messages
	$(DEV) $(PY) manage.py migrate --no-input -v0
	$(DEV) $(PY) manage.py seed_demo
	$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

test: install messages
	$(PY) -m pytest -n auto -m "not e2e" --ignore=tests/e2e $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MAKE) --no-print-directory lint-types lint-django lint-messages

# Types: mypy with django-stubs over the product packages ([tool.mypy] in pyproject.toml):
# strict on access.py, selectors and services, mypy's default level elsewhere.
lint-types: install
	$(VENV)/bin/mypy

# The parts of `make lint` that look at the whole project (pre-commit runs them when a commit
# touches what they check; .pre-commit-config.yaml).
lint-django: install
	$(PROD_CHECK) $(PY) manage.py makemigrations --check --dry-run
	$(PROD_CHECK) $(PY) manage.py check --deploy --fail-level WARNING

lint-messages: install
	$(DEV) $(PY) manage.py compilemessages --ignore=.venv -v0
	$(DEV) $(PY) scripts/check_translations.py

makemessages: install
	$(DEV) $(PY) manage.py makemessages -l da -l de --ignore=.venv --ignore=tests --ignore=node_modules --no-obsolete --add-location=file

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $@

# Browser tests: Debian's Chromium (apt install chromium) driven by Playwright; axe-core from npm.
e2e: install messages node_modules/.installed
	$(PY) -m pytest tests/e2e -m e2e -p no:xdist $(PYTEST_ARGS)

# The same browser tests, writing their screenshots into docs/screenshots (the README shows them).
screenshots: install messages node_modules/.installed
	E2E_SCREENSHOTS_DIR=$(CURDIR)/docs/screenshots $(PY) -m pytest tests/e2e -m e2e -p no:xdist $(PYTEST_ARGS)

# Benchmark at programme scale on PostgreSQL (docs/performance.md): one database per size,
# <DATABASE_URL>_<N>, seeded by `manage.py seed_scale` and reused while it holds N participants.
# BENCH_SIZES chooses the sizes; the import and the load test run at the largest one.
DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/jump_bench
BENCH_SIZES ?= 1000 10000 100000
bench: install
	DATABASE_URL=$(DATABASE_URL) BENCH_SIZES="$(BENCH_SIZES)" $(PY) -m bench.run

# Backup and restore drill (README "Operations"): DATABASE_URL and PRIVATE_ROOT as the app uses
# them; backups in var/backups/<timestamp>/ (BACKUP_DIR to change).
OPS_SETTINGS = DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-jump.settings.dev}
backup: install
	$(OPS_SETTINGS) $(PY) scripts/backup_restore.py backup

restore-drill: install
	$(OPS_SETTINGS) $(PY) scripts/backup_restore.py drill

# Soak (docs/operations.md): the benchmark's load for SOAK_SECONDS (600) with SOAK_USERS (20),
# a worker and beat running; fails on any error or memory growth of 15 % or more. Not in `make test`.
SOAK_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/jump_soak
soak: install
	DATABASE_URL=$(SOAK_DATABASE_URL) $(PY) -m bench.soak

# The production install from an empty database, driven over HTTP (README "Running in
# production"): PostgreSQL of DATABASE_URL (own database jump_prod_smoke), Redis db 14.
prod-smoke: install messages
	$(PY) scripts/prod_smoke.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles var
