"""Every URL pattern must have a declared access policy (SECURITY 7)."""

from importlib import import_module

MATRIX_MODULES = [
    "tests.accounts.matrix",
    "tests.participants.matrix",
    "tests.companies.matrix",
    "tests.training_modules.matrix",
    "tests.notifications.matrix",
    "tests.reports.matrix",
    "tests.imports.matrix",
    "tests.audit.matrix",
    "tests.young_people.matrix",
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
