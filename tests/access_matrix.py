"""The access matrix: URL name × persona → expected status (SECURITY 7).

Each app declares `MATRIX = {url_name: Rule(...)}` in `tests/<app>/matrix.py`;
`tests/test_access_matrix_complete.py` fails when a URL pattern has no entry anywhere.

Statuses: an int, or LOGIN (redirect to the login page), or REDIRECT (any redirect that is not
the login page — e.g. a logged-in user sent on from the login page).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

LOGIN = "login"
REDIRECT = "redirect"

PERSONAS = (
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
)


@dataclass
class Rule:
    """Expected statuses; `default` applies to every logged-in persona not named in `expect`,
    except the young person (`youth_p1`): staff URLs are invisible to them, so unless named
    their answer is `youth` — a 404 (SECURITY 35)."""

    expect: dict[str, Any] = field(default_factory=dict)
    default: Any = 403
    anon: Any = LOGIN
    youth: Any = 404
    kwargs: Callable[[Any], dict] | None = None
    method: str = "get"
    data: Callable[[Any], dict] | None = None

    def expected(self, persona: str):
        if persona == "anon":
            return self.expect.get("anon", self.anon)
        if persona == "youth_p1":
            return self.expect.get("youth_p1", self.youth)
        return self.expect.get(persona, self.default)


def public(status: Any = 200, **kw) -> Rule:
    """A page anyone may open, logged in or not."""
    default = kw.pop("default", status)
    return Rule(anon=status, default=default, youth=kw.pop("youth", default), **kw)


def all_url_names() -> list[str]:
    names: list[str] = []

    def walk(resolver, namespace=None):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                walk(pattern, f"{namespace}:{ns}" if namespace and ns else ns or namespace)
            elif isinstance(pattern, URLPattern):
                name = pattern.name or f"<unnamed {pattern.pattern}>"
                names.append(f"{namespace}:{name}" if namespace else name)

    walk(get_resolver())
    return sorted(set(names))


def matches(url_name: str, key: str) -> bool:
    return url_name == key or (key.endswith(":*") and url_name.startswith(key[:-1]))


def check(client_for, world, url_name: str, rule: Rule, persona: str) -> None:
    """Request `url_name` as `persona` and assert the status the rule expects."""
    url = reverse(url_name, kwargs=rule.kwargs(world) if rule.kwargs else None)
    client = client_for(persona)
    data = rule.data(world) if rule.data else {}
    response = getattr(client, rule.method)(url, data)
    expected = rule.expected(persona)
    login_url = reverse("account_login")
    if expected == LOGIN:
        assert response.status_code == 302, f"{persona} {url_name}: {response.status_code}"
        assert response["Location"].startswith(login_url), response["Location"]
    elif expected == REDIRECT:
        assert response.status_code == 302, f"{persona} {url_name}: {response.status_code}"
        assert not response["Location"].startswith(login_url), response["Location"]
    else:
        assert response.status_code == expected, (
            f"{persona} {rule.method.upper()} {url_name}: got {response.status_code}, "
            f"expected {expected}"
        )
