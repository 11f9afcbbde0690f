"""Production settings refuse to start without their secrets; DEBUG is never on by default."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_django(env_overrides: dict, code: str = "import django; django.setup()"):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "ERASURE_LEDGER_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_DEBUG",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_django(
        {"DJANGO_SETTINGS_MODULE": "jump.settings.production", "ALLOWED_HOSTS": "example.org"}
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is required in production" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_django(
        {"DJANGO_SETTINGS_MODULE": "jump.settings.production", "SECRET_KEY": "x" * 60}
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is required in production" in result.stderr


def test_production_refuses_to_start_without_the_erasure_ledger_key():
    result = run_django(
        {
            "DJANGO_SETTINGS_MODULE": "jump.settings.production",
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "example.org",
        }
    )
    assert result.returncode != 0
    assert "ERASURE_LEDGER_KEY is required in production" in result.stderr


def test_the_erasure_ledger_key_can_come_from_a_file(tmp_path):
    key = tmp_path / "ledger-key"
    key.write_text("l3dg3r-" * 10 + "\n")
    result = run_django(
        {
            "DJANGO_SETTINGS_MODULE": "jump.settings.production",
            "SECRET_KEY": "x" * 60,
            "ERASURE_LEDGER_KEY_FILE": str(key),
            "ALLOWED_HOSTS": "example.org",
        },
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.ERASURE_LEDGER_KEY == 'l3dg3r-' * 10)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_secret_key_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s3cr3t-" * 10 + "\n")
    result = run_django(
        {
            "DJANGO_SETTINGS_MODULE": "jump.settings.production",
            "SECRET_KEY_FILE": str(secret),
            "ERASURE_LEDGER_KEY": "y" * 60,
            "ALLOWED_HOSTS": "example.org",
        },
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SECRET_KEY == 's3cr3t-' * 10, settings.DEBUG)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True False"


def test_what_serves_requests_defaults_to_production_settings_so_debug_is_off():
    for module in ("jump.wsgi", "jump.asgi", "jump.celery"):
        result = run_django(
            {
                "SECRET_KEY": "x" * 60,
                "ERASURE_LEDGER_KEY": "y" * 60,
                "ALLOWED_HOSTS": "example.org",
            },
            f"import {module}; from django.conf import settings; "
            "print(settings.SETTINGS_MODULE, settings.DEBUG, settings.SESSION_COOKIE_SECURE)",
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().splitlines()[-1] == "jump.settings.production False True"


def test_manage_py_works_without_any_environment():
    """A fresh checkout: `manage.py makemigrations --check` needs no variables set."""
    result = run_django(
        {},
        "import runpy, sys; sys.argv = ['manage.py', 'makemigrations', '--check', '--dry-run']; "
        "runpy.run_path('manage.py', run_name='__main__')",
    )
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout
