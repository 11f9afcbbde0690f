import pytest

from tests.access_matrix import PERSONAS, check

from .matrix import MATRIX


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url_name", list(MATRIX))
def test_young_people_access_matrix(client_for, world, url_name, persona):
    check(client_for, world, url_name, MATRIX[url_name], persona)
