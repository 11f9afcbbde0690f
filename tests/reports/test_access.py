"""The reports access matrix: every URL × every persona (SECURITY 7, 8, 12)."""

import pytest
from django.urls import reverse

from tests.access_matrix import PERSONAS, check

from .matrix import MATRIX

POST_ONLY = [name for name, rule in MATRIX.items() if rule.method == "post"]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url_name", list(MATRIX))
def test_reports_access_matrix(client_for, world, url_name, persona):
    check(client_for, world, url_name, MATRIX[url_name], persona)


@pytest.mark.parametrize("url_name", POST_ONLY)
def test_state_changes_refuse_get(client_for, world, url_name):
    rule = MATRIX[url_name]
    response = client_for("manager").get(reverse(url_name, kwargs=rule.kwargs(world)))
    assert response.status_code == 405
