"""SECURITY 12 — CSRF on every state change; GET never changes state (405)."""

from importlib import import_module

import pytest
from django.apps import apps
from django.http import HttpResponseForbidden
from django.test import Client
from django.urls import reverse

from tests.access_matrix import REDIRECT
from tests.test_access_matrix_complete import MATRIX_MODULES

from .urls import sample_url, url_patterns

pytestmark = pytest.mark.django_db

CSRF_REFUSED = "csrf-refused-by-the-middleware"


def csrf_failure(request, reason=""):
    """The CSRF failure view of these tests: a 403 that says where it came from."""
    return HttpResponseForbidden(CSRF_REFUSED)


@pytest.fixture
def csrf_client(settings, personas):
    settings.CSRF_FAILURE_VIEW = f"{__name__}.csrf_failure"

    def make(persona):
        client = Client(enforce_csrf_checks=True)
        user = getattr(personas, persona)
        if user is not None:
            client.force_login(user)
        return client

    return make


def matrix_post_rules():
    """(url name, rule) of every POST rule in the access matrix."""
    rules = []
    for module_name in MATRIX_MODULES:
        try:
            module = import_module(module_name)
        except ModuleNotFoundError:
            continue
        rules += [(name, rule) for name, rule in module.MATRIX.items() if rule.method == "post"]
    return rules


# POST endpoints that take no CSRF token by design, and why.
CSRF_EXEMPT = {
    "notifications:unsubscribe": "RFC 8058 one-click unsubscribe: the mail program posts without "
    "a token; the signed token in the address is the authority and can only mute one kind",
}


@pytest.mark.parametrize("persona", ["anon", "coach_a", "contact_x", "manager", "admin"])
def test_sec_12_every_url_refuses_a_post_without_the_csrf_token(csrf_client, persona):
    client = csrf_client(persona)
    accepted = {}
    for name, kwargs in url_patterns():
        if name in CSRF_EXEMPT:
            continue
        url = sample_url(name, kwargs)
        response = client.post(url, {"anything": "x"})
        if not (response.status_code == 403 and response.content.decode() == CSRF_REFUSED):
            accepted[name] = response.status_code
    assert accepted == {}


def test_sec_12_a_post_with_the_token_passes_the_csrf_check(csrf_client, personas):
    client = csrf_client("anon")
    client.get(reverse("account_login"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("account_login"),
        {"login": personas.trainer.email, "password": "wrong", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 200
    assert response.content.decode() != CSRF_REFUSED
    assert response.context["form"].errors


def test_sec_12_the_matrix_has_post_endpoints_to_check():
    assert len(matrix_post_rules()) > 20


def world_of(request, module_name):
    """The world an app's matrix rules take their arguments from."""
    app = module_name.split(".")[1]
    if app == "accounts":
        return request.getfixturevalue("personas")
    try:
        return request.getfixturevalue(f"{app}_world")
    except pytest.FixtureLookupError:
        pytest.fail(f"tests/security/conftest.py: add {app}_world (the world of {module_name})")


def allowed_persona(rule, fallback=None) -> str:
    """A persona the rule lets through (so that the method check is what answers)."""

    def lets_through(expected):
        return expected == REDIRECT or (isinstance(expected, int) and expected < 400)

    for persona, expected in rule.expect.items():
        if lets_through(expected):
            return persona
    if lets_through(rule.default):
        return "coach_a"
    if lets_through(rule.youth):
        return "youth_p1"  # the young person's own pages
    if fallback:
        return fallback
    raise AssertionError(f"no persona may use {rule}")


@pytest.mark.parametrize("module_name", MATRIX_MODULES)
def test_sec_12_post_only_endpoints_refuse_get_with_405(request, client_for, module_name):
    module = import_module(module_name)
    rules = {
        name: rule
        for name, rule in module.MATRIX.items()
        if rule.method == "post" and not name.endswith(":*")
    }
    if not rules:
        return
    world = world_of(request, module_name)
    answers = {}
    for name, rule in rules.items():
        url = reverse(name, kwargs=rule.kwargs(world) if rule.kwargs else None)
        answers[name] = client_for(allowed_persona(rule)).get(url).status_code
    assert answers == dict.fromkeys(rules, 405)


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


# Reads that are recorded by design: the access log (SECURITY 19), the session and the cache.
RECORDS_OF_READS = {"audit.AccessLog", "sessions.Session", "django_celery_beat.PeriodicTask"}


@pytest.mark.parametrize("module_name", MATRIX_MODULES)
def test_sec_12_no_get_adds_or_removes_a_row(request, client_for, module_name):
    """Every URL of the matrix, read with GET by a persona it lets through, with the real
    objects of the app's world: no row appears or disappears (reads are only logged)."""
    module = import_module(module_name)
    world = world_of(request, module_name)
    before = row_counts()
    for name, rule in module.MATRIX.items():
        if name.endswith(":*") or name == "account_logout":
            continue
        url = reverse(name, kwargs=rule.kwargs(world) if rule.kwargs else None)
        client_for(allowed_persona(rule, fallback="admin")).get(url)
    after = row_counts()
    changed = {
        label: (before[label], after[label])
        for label in before
        if before[label] != after[label] and label not in RECORDS_OF_READS
    }
    assert changed == {}
