"""The companies access matrix: every URL × every persona (SECURITY 7, 8, 12)."""

import pytest

from tests.access_matrix import PERSONAS, check

from .matrix import MATRIX


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url_name", [name for name in MATRIX if not name.endswith(":*")])
def test_companies_access_matrix(client_for, world, url_name, persona):
    check(client_for, world, url_name, MATRIX[url_name], persona)
