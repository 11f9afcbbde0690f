"""The navigation and the pages agree (docs: the authorization contract): for every persona,
each entry the menu shows answers 200, and each page with a menu entry that the persona may
open (tests/<app>/matrix.py) is in their menu."""

import pytest
from django.test import RequestFactory

from jump.accounts.context_processors import navigation, navigation_entries
from tests.access_matrix import PERSONAS, matches
from tests.factories.participants import ParticipantFactory
from tests.test_access_matrix_complete import MATRIX_MODULES

# Pages with a menu entry for some people that others open from another page on purpose, with
# the reason. Every other page a persona may open and that has an entry is in their menu.
REACHED_FROM_ANOTHER_PAGE = {
    ("companies:offer_list", "staff"): "staff reach offers from the company register",
    ("companies:support_need_list", "staff"): "staff reach support from the company register",
    ("companies:proposal_list", "staff"): "staff reach proposals from the placements list",
}
STAFF = ("coach_a", "coach_b", "manager", "admin")


def _reached_elsewhere(url_name, persona) -> bool:
    group = "staff" if persona in STAFF else persona
    return (url_name, group) in REACHED_FROM_ANOTHER_PAGE


def _rules():
    from importlib import import_module

    rules = {}
    for name in MATRIX_MODULES:
        rules.update(import_module(name).MATRIX)
    return rules


def _rule_for(url_name, rules):
    return next(rule for key, rule in rules.items() if matches(url_name, key))


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_menu_shows_exactly_the_pages_the_persona_may_open(personas, client_for, persona):
    user = getattr(personas, persona)
    if persona == "youth_p1":
        # A young person's pages exist once their login is linked to their record.
        ParticipantFactory(user=user)
    request = RequestFactory().get("/")
    if user is not None:
        request.user = user
    else:
        from django.contrib.auth.models import AnonymousUser

        request.user = AnonymousUser()
    shown = {item["name"]: item["url"] for item in navigation(request)["nav_items"]}

    client = client_for(persona)
    for name, url in shown.items():
        status = client.get(url).status_code
        assert status == 200, f"{persona}: the menu shows {name}, which answers {status}"

    rules = _rules()
    for url_name, _label, _may_open in navigation_entries():
        rule = _rule_for(url_name, rules)
        if _reached_elsewhere(url_name, persona):
            continue
        if rule.method == "get" and rule.kwargs is None and rule.expected(persona) == 200:
            assert url_name in shown, f"{persona} may open {url_name}, but the menu hides it"
