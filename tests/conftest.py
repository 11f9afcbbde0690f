"""Personas (docs/style.md, docs/security.md) shared by every test.

anon, coach_a (partner A, Denmark), coach_b (partner B, Germany), contact_x (company X),
contact_y (company Y), manager, trainer, staff_learner, admin, outsider (no role), youth_p1 (a
young person's login: every staff URL is a 404 for them).
MFA-required roles have TOTP active so that they pass the MFA gate.
"""

import shutil
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.factories.accounts import PartnerFactory, UserFactory
from tests.factories.companies import CompanyFactory


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in English: a request served in another language leaves that language
    active in the thread, and the next test on the same worker would see translated messages."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    """Every test writes private files into its own folder."""
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }
    yield
    shutil.rmtree(tmp_path / "private", ignore_errors=True)


@pytest.fixture
def partner_a(db):
    return PartnerFactory(name="Partner A (DK)", country="DK")


@pytest.fixture
def partner_b(db):
    return PartnerFactory(name="Partner B (DE)", country="DE")


@pytest.fixture
def company_x(db, partner_a):
    return CompanyFactory(
        name="Company X",
        country="DE",
        responsible_partner=partner_a,
        cvr="",
        register_court="Amtsgericht Flensburg",
        register_number="HRB 1234",
    )


@pytest.fixture
def company_y(db, partner_b):
    return CompanyFactory(name="Company Y", country="DK", responsible_partner=partner_b)


@pytest.fixture
def personas(db, partner_a, partner_b, company_x, company_y):
    return SimpleNamespace(
        anon=None,
        coach_a=UserFactory(
            email="coach.a@example.org", roles=["coach"], partner=partner_a, mfa=True
        ),
        coach_b=UserFactory(
            email="coach.b@example.org", roles=["coach"], partner=partner_b, mfa=True
        ),
        contact_x=UserFactory(
            email="contact.x@example.org", roles=["company_contact"], company=company_x
        ),
        contact_y=UserFactory(
            email="contact.y@example.org", roles=["company_contact"], company=company_y
        ),
        manager=UserFactory(email="manager@example.org", roles=["programme_manager"], mfa=True),
        trainer=UserFactory(email="trainer@example.org", roles=["trainer"], partner=partner_a),
        staff_learner=UserFactory(
            email="learner@example.org", roles=["staff_learner"], partner=partner_b
        ),
        admin=UserFactory(email="admin@example.org", roles=["admin"], mfa=True),
        outsider=UserFactory(email="outsider@example.org"),
        # A young person's login; a world links it to its P1 (Participant.user) where needed.
        youth_p1=UserFactory(email="youth.p1@example.org", roles=["young_person"]),
    )


PERSONA_NAMES = [
    "anon",
    "coach_a",
    "coach_b",
    "contact_x",
    "contact_y",
    "manager",
    "trainer",
    "staff_learner",
    "admin",
    "outsider",
    "youth_p1",
]


@pytest.fixture
def client_for(personas):
    """client_for("coach_a") → a Client logged in as that persona (anon → not logged in)."""

    def make(name: str) -> Client:
        client = Client()
        user = getattr(personas, name)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def count_queries():
    """count_queries(client, url) → the queries of a GET of `url` (asserted 200), after a
    warm-up GET so that per-process caches (content types, sites) are not counted as the
    page's; count_queries(function) → the queries of calling `function()`."""

    def count(target, url=None) -> int:
        if url is None:
            call = target
        else:

            def call():
                response = target.get(url)
                assert response.status_code == 200, f"{url}: {response.status_code}"

            call()  # warm-up
        with CaptureQueriesContext(connection) as context:
            call()
        return len(context.captured_queries)

    return count


@pytest.fixture
def languages():
    return [code for code, _name in settings.LANGUAGES]


def pytest_terminal_summary(terminalreporter):
    """Say loudly when tests that need the real services were skipped (SECURITY 24–28)."""
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if "SERVICES MISSING" in str(getattr(report, "longrepr", ""))
    ]
    if skipped:
        terminalreporter.write_sep(
            "!",
            f"SERVICES MISSING: {len(skipped)} test(s) needing PostgreSQL, Redis and a Celery "
            "worker were NOT run (set DATABASE_URL and REDIS_URL, or run .ci/run)",
            red=True,
            bold=True,
        )
