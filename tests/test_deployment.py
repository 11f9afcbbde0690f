"""The production install files (issue 15): docker-compose.yml starts itself in order, the image
holds the runtime packages only and runs as a non-root user, gunicorn's config, .env.example
works as copied, and the two hashed locks agree. No Docker engine is needed: the files are read."""

import os
import re
import runpy
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web", "worker", "beat")
LONG_RUNNING = ("db", "redis", *APP_SERVICES)


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def command_text(value) -> str:
    return " ".join(value) if isinstance(value, list) else str(value)


def test_every_app_service_waits_for_healthy_db_and_redis_and_a_finished_migrate(compose):
    services = compose["services"]
    assert services["migrate"]["depends_on"] == {"db": {"condition": "service_healthy"}}
    for name in APP_SERVICES:
        assert services[name]["depends_on"] == {
            "db": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
            "migrate": {"condition": "service_completed_successfully"},
        }, name


def test_migrate_is_a_one_shot_that_runs_migrate_only(compose):
    migrate = compose["services"]["migrate"]
    assert command_text(migrate["command"]) == "python manage.py migrate --no-input"
    assert migrate["restart"] == "no"  # a one-shot restarted forever would never "complete"
    for name in APP_SERVICES:
        assert "migrate" not in command_text(compose["services"][name]["command"])


def test_long_running_services_restart_unless_stopped(compose):
    for name in LONG_RUNNING:
        assert compose["services"][name]["restart"] == "unless-stopped", name


def test_health_checks_of_db_redis_and_web(compose):
    services = compose["services"]
    assert "pg_isready" in command_text(services["db"]["healthcheck"]["test"])
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    assert services["web"]["healthcheck"]["test"] == ["CMD", "python", "-m", "jump.healthcheck"]
    source = (ROOT / "jump" / "healthcheck.py").read_text()
    assert "/healthz" in source


def test_redis_keeps_queued_tasks_across_a_restart(compose):
    redis = compose["services"]["redis"]
    command = command_text(redis["command"])
    assert re.search(r"--appendonly\s+yes", command)
    mounts = {volume.split(":")[0]: volume.split(":")[1] for volume in redis["volumes"]}
    assert mounts.get("redisdata") == "/data"
    assert "redisdata" in compose["volumes"]


def test_web_and_the_image_run_gunicorn_with_its_config_file(compose):
    assert command_text(compose["services"]["web"]["command"]) == "gunicorn -c gunicorn.conf.py"
    assert 'CMD ["gunicorn", "-c", "gunicorn.conf.py"]' in (ROOT / "Dockerfile").read_text()


def test_worker_and_beat_are_separate_celery_processes(compose):
    assert "celery -A jump worker" in command_text(compose["services"]["worker"]["command"])
    assert "celery -A jump beat" in command_text(compose["services"]["beat"]["command"])


def test_the_image_installs_the_runtime_lock_only_and_runs_as_a_non_root_user():
    dockerfile = (ROOT / "Dockerfile").read_text()
    installs = [line for line in dockerfile.splitlines() if "pip install" in line]
    assert installs == [
        "RUN pip install --no-cache-dir --require-hashes -r requirements/runtime.txt"
    ]
    assert "dev.txt" not in dockerfile
    users = re.findall(r"^USER\s+(\S+)", dockerfile, flags=re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    assert ".venv" in (ROOT / ".dockerignore").read_text().split()
    assert ".env" in (ROOT / ".dockerignore").read_text().split()
    # The benchmark harness is not part of the product: the image does not carry it.
    assert {"bench", "tests"} <= set((ROOT / ".dockerignore").read_text().split())


def pins(name: str) -> dict[str, str]:
    text = (ROOT / "requirements" / name).read_text()
    found = re.findall(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==(\S+)", text, flags=re.MULTILINE)
    return {package.lower().replace("_", "-"): version for package, version in found}


def test_runtime_lock_has_no_development_tools_and_dev_lock_includes_runtime():
    runtime, dev = pins("runtime.txt"), pins("dev.txt")
    assert "django" in runtime and "gunicorn" in runtime and "celery" in runtime
    for tool in ("pytest", "ruff", "playwright", "hypothesis", "factory-boy", "pre-commit"):
        assert tool not in runtime, tool
        assert tool in dev, tool
    assert {name: dev.get(name) for name in runtime} == runtime


def test_locks_are_hashed_and_name_no_index():
    for name in ("runtime.txt", "dev.txt"):
        text = (ROOT / "requirements" / name).read_text()
        requirements = re.findall(r"^\S+==\S+ \\\n((?:\s+--hash=sha256:\w+ ?\\?\n?)+)", text, re.M)
        assert len(requirements) == len(pins(name)), name
        assert not re.search(r"--(extra-)?index-url|--find-links|file://|https?://", text), name


def test_gunicorn_config(monkeypatch):
    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)
    monkeypatch.delenv("GUNICORN_TIMEOUT", raising=False)
    monkeypatch.setattr("multiprocessing.cpu_count", lambda: 3)
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["workers"] == 7
    assert config["preload_app"] is True
    assert config["timeout"] < 60  # below a reverse proxy's usual 60 s
    assert config["accesslog"] == "-"
    assert config["wsgi_app"] == "jump.wsgi:application"
    assert config["control_socket_disable"] is True


def read_env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _sep, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def test_env_example_works_as_copied_on_localhost_with_production_settings(tmp_path):
    values = read_env_file(ROOT / ".env.example")
    assert values["JUMP_SITE_URL"] == "http://localhost:8000"
    assert "localhost" in values["ALLOWED_HOSTS"].split(",")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECURE_", "PYTEST_"))
        and key
        not in {"SECRET_KEY", "ERASURE_LEDGER_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"}
    }
    # As compose gives them (DATABASE_URL points at the compose db; a file here).
    env.update(values)
    env.update(
        DJANGO_SETTINGS_MODULE="jump.settings.production",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PRIVATE_ROOT=str(tmp_path / "private"),
    )
    code = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "call_command('check')\n"
        "from django.conf import settings\n"
        "print(settings.SECURE_SSL_REDIRECT, settings.DEBUG, settings.ALLOWED_HOSTS)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False False ['localhost', '127.0.0.1']"


def test_every_real_host_line_is_marked_in_env_example():
    text = (ROOT / ".env.example").read_text()
    for name in (
        "SECRET_KEY",
        "ERASURE_LEDGER_KEY",
        "ALLOWED_HOSTS",
        "CSRF_TRUSTED_ORIGINS",
        "JUMP_SITE_URL",
    ):
        assert re.search(rf"# REAL HOST:.*\n{name}=", text), name
    assert re.search(r"# REAL HOST: delete this line\..*\n.*\nSECURE_SSL_REDIRECT=false", text)


def test_healthcheck_host_header_comes_from_allowed_hosts(monkeypatch):
    from jump import healthcheck

    monkeypatch.setenv("ALLOWED_HOSTS", ".example.org,other.org")
    assert healthcheck.host_header() == "example.org"
    monkeypatch.setenv("ALLOWED_HOSTS", "*")
    assert healthcheck.host_header() == "localhost"
    assert shlex.split("python -m jump.healthcheck")[-1] == "jump.healthcheck"
