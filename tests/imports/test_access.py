import pytest

from tests.access_matrix import PERSONAS, all_url_names, check, matches

from .matrix import MATRIX


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url_name", list(MATRIX))
def test_imports_access_matrix(client_for, world, url_name, persona):
    check(client_for, world, url_name, MATRIX[url_name], persona)


def test_every_imports_url_has_an_access_rule_and_no_rule_is_stale():
    names = [name for name in all_url_names() if name.startswith("imports:")]
    assert names, "the imports URLs are not installed (run with --ds=tests.imports.settings)"
    assert [n for n in names if not any(matches(n, key) for key in MATRIX)] == []
    assert [key for key in MATRIX if not any(matches(n, key) for n in names)] == []
