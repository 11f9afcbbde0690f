"""SECURITY 18 — headers: `check --deploy` clean with production settings; CSP with no inline
script, object-src/base-uri/frame-ancestors 'none'; HSTS, Referrer-Policy, nosniff."""

import pytest
from django.urls import reverse

from tests.test_settings import run_django

pytestmark = pytest.mark.django_db

PRODUCTION_HEADERS = {
    "SECURE_HSTS_SECONDS": 31_536_000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SECURE_SSL_REDIRECT": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
}


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


@pytest.fixture
def production_headers(settings):
    for name, value in PRODUCTION_HEADERS.items():
        setattr(settings, name, value)


@pytest.mark.parametrize("persona", ["anon", "coach_a", "contact_x"])
def test_sec_18_every_page_carries_the_security_headers(production_headers, client_for, persona):
    client = client_for(persona)
    for url in (reverse("account_login"), reverse("home"), reverse("accounts:profile")):
        response = client.get(url, secure=True)
        assert response["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        csp = directives(response["Content-Security-Policy"])
        assert csp["object-src"] == ["'none'"]
        assert csp["base-uri"] == ["'none'"]
        assert csp["frame-ancestors"] == ["'none'"]
        scripts = csp.get("script-src", csp["default-src"])
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts


def test_sec_18_plain_http_is_redirected_to_https(production_headers, client):
    response = client.get(reverse("account_login"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_sec_18_no_template_has_an_inline_script():
    """CSP forbids inline scripts, so none may be written: every <script> has a src."""
    import re
    from pathlib import Path

    from django.conf import settings

    roots = [Path(settings.BASE_DIR)]
    inline = []
    for root in roots:
        for path in root.glob("**/templates/**/*.html"):
            if ".venv" in path.parts or "node_modules" in path.parts:
                continue
            for tag in re.findall(r"<script\b[^>]*>", path.read_text(encoding="utf-8")):
                if "src=" not in tag and "application/json" not in tag:
                    inline.append(f"{path}: {tag}")
    assert inline == []


@pytest.mark.parametrize("flag", ["--deploy"])
def test_sec_18_check_deploy_is_clean_with_production_settings(flag):
    result = run_django(
        {
            "DJANGO_SETTINGS_MODULE": "jump.settings.production",
            "SECRET_KEY": "a-long-random-production-key-" + "q8Zr!" * 10,
            "ERASURE_LEDGER_KEY": "a-long-random-ledger-key-" + "k7Wq!" * 10,
            "ALLOWED_HOSTS": "jump.example.org",
            "DATABASE_URL": "sqlite:///:memory:",
        },
        "import sys; from django.core.management import execute_from_command_line; "
        f"execute_from_command_line(['manage.py', 'check', '{flag}', '--fail-level', 'WARNING'])",
    )
    assert result.returncode == 0, result.stdout + result.stderr
