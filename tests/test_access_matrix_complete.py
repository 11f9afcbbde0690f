"""Every URL pattern must have a declared access policy (SECURITY.md 7)."""

from importlib import import_module

from tests.access_matrix import all_url_names, matches

MATRIX_MODULES = [
    "tests.accounts.matrix",
    "tests.participants.matrix",
    "tests.companies.matrix",
    "tests.training_modules.matrix",
    "tests.notifications.matrix",
    "tests.reports.matrix",
    "tests.imports.matrix",
    "tests.audit.matrix",
]


def declared_keys() -> list[str]:
    keys: list[str] = []
    for module_name in MATRIX_MODULES:
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as exc:
            if not module_name.startswith(str(exc.name)):
                raise
            continue
        keys.extend(module.MATRIX)
    return keys


def test_every_url_pattern_has_an_entry_in_the_access_matrix():
    keys = declared_keys()
    missing = [name for name in all_url_names() if not any(matches(name, key) for key in keys)]
    assert missing == [], f"URL patterns without an access rule: {missing}"


def test_matrix_has_no_entries_for_urls_that_do_not_exist():
    names = all_url_names()
    stale = [key for key in declared_keys() if not any(matches(name, key) for name in names)]
    assert stale == []
