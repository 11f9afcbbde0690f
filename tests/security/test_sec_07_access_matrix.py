"""SECURITY 7 — every URL has a declared policy: the matrix of URL name × persona in
tests/<app>/matrix.py (checked by each app's test_access.py) covers every URL pattern.
The list of matrix modules stays in tests/test_access_matrix_complete.py."""

from tests.access_matrix import LOGIN, PERSONAS, all_url_names, matches
from tests.test_access_matrix_complete import MATRIX_MODULES, declared_keys


def test_sec_07_matrix_has_no_entries_for_urls_that_do_not_exist():
    names = all_url_names()
    stale = [key for key in declared_keys() if not any(matches(name, key) for name in names)]
    assert stale == []


def test_sec_07_every_url_pattern_has_an_entry_in_the_access_matrix():
    keys = declared_keys()
    missing = [name for name in all_url_names() if not any(matches(name, key) for key in keys)]
    assert missing == [], f"URL patterns without an access rule: {missing}"


# Pages an anonymous visitor gets something other than the login redirect from, and why.
NOT_LOGIN_FOR_ANON = {
    "healthz": "the health check for the load balancer (says only what is up)",
    "set_language": "the language switch of the login page (POST only: 405 on GET)",
    "accessibility_statement": "the accessibility statement (EU Web Accessibility Directive)",
    "accounts:keep_alive": "the session-expiry warning's keep-alive (401 when the session ended)",
    "admin:index": "the admin's login, handed to the rate-limited allauth login",
    "companies:invitation_accept": "the single-use invitation (an unknown token is 404)",
    "training_modules:calendar_feed": "a calendar feed behind its own secret token",
    "training_modules:certificate_lookup": "certificate verification by code, for employers",
    "training_modules:certificate_verify": "certificate verification by code, for employers",
    "notifications:unsubscribe": "one-click unsubscribe from an e-mail (SECURITY 37): a signed "
    "token names the person and the kind, no login",
    "young_people:invitation_accept": "a young person's single-use invitation (unknown → 404)",
    "young_people:follow_up": "the six-month follow-up without login: a single-use link for one "
    "person that expires after 30 days (unknown → 404)",
    "young_people:calendar_feed": "a young person's calendar feed behind a signed, revocable "
    "token (forged or old → 404)",
}


def test_sec_07_anonymous_visitors_are_sent_to_login_unless_a_page_is_public_by_design():
    from importlib import import_module

    public_pages = set()
    for module_name in MATRIX_MODULES:
        for name, rule in import_module(module_name).MATRIX.items():
            if rule.expected("anon") != LOGIN and not name.startswith(("account_", "mfa_")):
                public_pages.add(name)
    assert public_pages == set(NOT_LOGIN_FOR_ANON)
    assert len(PERSONAS) == 11
