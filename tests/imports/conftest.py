"""The world of the imports tests: a previewed participant import of coach_a (partner A).

Run with the imports settings until the app is registered: `pytest --ds=tests.imports.settings`.
"""

from types import SimpleNamespace

import pytest

from jump.imports import services

from .files import PARTICIPANT_HEADER_EN, csv_bytes, participant_row, upload


def pytest_configure(config):
    # Until the integrator adds it to pyproject.toml (pytest runs with --strict-markers).
    config.addinivalue_line("markers", "slow: takes more than 20 s (the 10,000-row import)")


@pytest.fixture
def make_job(personas):
    """make_job(data, name=..., actor=..., kind=..., partner=..., activity=...) → an ImportJob."""

    def make(data: bytes, *, name: str = "list.csv", actor=None, kind="participants", **kw):
        return services.import_job_create(
            actor=actor or personas.coach_a, kind=kind, upload=upload(name, data), **kw
        )

    return make


@pytest.fixture
def world(personas, make_job):
    job = make_job(csv_bytes([PARTICIPANT_HEADER_EN, participant_row(1)]))
    assert job.status == "previewed"
    return SimpleNamespace(**vars(personas), job=job)
