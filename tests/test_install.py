"""A fresh installation with the production settings (issue 15): `migrate` alone leaves a
working site (the cache table included), `create_admin` works with production settings, and
/healthz answers a plain-HTTP health check directly.

One empty database is migrated once for the module: a SQLite file, or — when DATABASE_URL
points at PostgreSQL — a scratch database on the same server, dropped at the end."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connections

ROOT = Path(__file__).resolve().parent.parent
SECRET = "install-test-" + "k" * 50


def production_env(database_url: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECURE_", "SESSION_", "CSRF_"))
        and key not in {"SECRET_KEY", "ERASURE_LEDGER_KEY", "ALLOWED_HOSTS", "PYTEST_XDIST_WORKER"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="jump.settings.production",
        SECRET_KEY=SECRET,
        ERASURE_LEDGER_KEY=SECRET[::-1],
        ALLOWED_HOSTS="testserver,127.0.0.1",
        DATABASE_URL=database_url,
        REDIS_URL="",
    )
    return env


def manage(env, *args, check=True):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def python(env, code: str):
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def empty_database(tmp_path_factory, django_db_blocker):
    """The URL of an empty database (no table at all), dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path_factory.mktemp('install') / 'empty.sqlite3'}"
        return
    name = f"jump_install_test_{uuid.uuid4().hex[:8]}"
    with django_db_blocker.unblock(), connections["default"]._nodb_cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    base = url.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with django_db_blocker.unblock(), connections["default"]._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def migrated(empty_database):
    """`migrate` and nothing else, with the production settings."""
    env = production_env(empty_database)
    manage(env, "migrate", "--no-input", "-v0")
    return env


def test_migrate_alone_creates_the_cache_table_and_the_cache_works(migrated):
    output = python(
        migrated,
        "from django.core.cache import cache\n"
        "cache.set('install-check', 'works', 60)\n"
        "print(cache.get('install-check'))",
    )
    assert output.strip() == "works"


def test_the_cache_migration_is_idempotent_on_a_database_that_ran_createcachetable(migrated):
    # Existing installations ran createcachetable by hand: running the step again (and the
    # migration on such a database) finds the table and leaves it alone.
    manage(migrated, "createcachetable")
    migration = python(
        migrated,
        "import importlib, types\n"
        "from django.db import connection\n"
        "module = importlib.import_module('jump.accounts.migrations.0004_create_cache_table')\n"
        "module.create_cache_tables(None, types.SimpleNamespace(connection=connection))\n"
        "print('jump_cache' in connection.introspection.table_names())",
    )
    assert migration.strip() == "True"


def test_healthz_answers_plain_http_directly_while_everything_else_is_redirected(migrated):
    output = python(
        migrated,
        "from django.conf import settings\n"
        "from django.test import Client\n"
        "assert settings.SECURE_SSL_REDIRECT is True\n"
        "client = Client()\n"
        "health = client.get('/healthz')\n"
        "login = client.get('/en/accounts/login/')\n"
        "print(health.status_code, health.json()['status'], login.status_code, login['Location'])",
    )
    assert output.split() == ["200", "ok", "301", "https://testserver/en/accounts/login/"]


def test_create_admin_works_with_production_settings_and_fails_with_status_1(migrated):
    result = manage(migrated, "create_admin", "--email", "it@example.org", "--language", "de")
    assert "Password (shown only this once): " in result.stdout

    again = manage(migrated, "create_admin", "--email", "two@example.org", check=False)
    assert again.returncode == 1
    assert "An administrator exists already" in again.stderr

    bad = manage(migrated, "create_admin", "--email", "nope", "--another", check=False)
    assert bad.returncode == 1
    assert "is not a valid e-mail address" in bad.stderr
