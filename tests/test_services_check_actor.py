"""Every public service checks its actor through its app's access.py (docs: the authorization
contract): each is in its app's table of refusals (tests/<app>/refusals.py), called by that
app's test_refusals.py, or listed there as taking no actor, with the reason."""

import inspect
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.conf import settings

from tests.service_refusals import public_services

REFUSAL_TABLES = [
    "tests.participants.refusals",
    "tests.companies.refusals",
    "tests.training_modules.refusals",
    "tests.accounts.refusals",
    "tests.notifications.refusals",
    "tests.audit.refusals",
    "tests.reports.refusals",
    "tests.imports.refusals",
    "tests.young_people.refusals",
]


def _tables():
    return [import_module(name) for name in REFUSAL_TABLES]


def _records_only(table) -> dict[str, str]:
    """Services that take an actor only to write down who did something (the access log)."""
    return getattr(table, "RECORDS_ONLY", {})


def _table_file(table) -> str:
    return table.__name__.replace(".", "/") + ".py"


def test_every_app_with_services_has_a_table_of_refusals():
    covered = {table.SERVICES for table in _tables()}
    base = Path(settings.BASE_DIR).resolve()
    missing = []
    for config in apps.get_app_configs():
        if base not in Path(config.path).resolve().parents:
            continue
        module = f"{config.name}.services"
        if find_spec(module) is not None and module not in covered:
            missing.append(module)
    assert not missing, (
        f"{missing}: write tests/<app>/refusals.py (see tests/service_refusals.py), a "
        "test_refusals.py calling assert_refused, and add the table to REFUSAL_TABLES here"
    )


def test_every_public_service_has_an_entry():
    missing = []
    for table in _tables():
        for name, service in sorted(public_services(table.SERVICES).items()):
            if name in table.REFUSALS or name in table.NO_ACTOR or name in _records_only(table):
                continue
            if "actor" in inspect.signature(service).parameters:
                missing.append(
                    f"{table.SERVICES}.{name}: check the actor through the app's access.py, then "
                    f'add to {_table_file(table)}: REFUSALS[{name!r}] = Refusal("<a persona '
                    'who may not act>", lambda w: {<the other arguments>})'
                )
            else:
                missing.append(
                    f"{table.SERVICES}.{name} takes no actor: add to {_table_file(table)}: "
                    f'NO_ACTOR[{name!r}] = "<why: a system task, a read, …>" (or give it an '
                    "actor and a refusal)"
                )
    assert not missing, "Services without an entry:\n" + "\n".join(missing)


def test_entries_name_services_that_exist_and_no_actor_means_no_actor():
    problems = []
    for table in _tables():
        services = public_services(table.SERVICES)
        for name in [*table.REFUSALS, *table.NO_ACTOR, *_records_only(table)]:
            if name not in services:
                problems.append(
                    f"{_table_file(table)}: {name} is not a service of {table.SERVICES}"
                )
        both = set(table.REFUSALS) & set(table.NO_ACTOR)
        problems += [f"{_table_file(table)}: {name} is in both tables" for name in sorted(both)]
        for name, reason in {**table.NO_ACTOR, **_records_only(table)}.items():
            if not reason.strip():
                problems.append(f"{_table_file(table)}: {name} needs a reason")
        for name in table.NO_ACTOR:
            service = services.get(name)
            if service is not None and "actor" in inspect.signature(service).parameters:
                problems.append(
                    f"{table.SERVICES}.{name} takes an actor: it needs a REFUSALS entry"
                )
    assert not problems, "\n".join(problems)
