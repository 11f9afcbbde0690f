"""The caseload's keyset pages (issue 20): first, next (?after=), previous (?before=), last
(?page=last); in the order next_due_on (NULLs last), last name, first name, id; a cursor the
viewer may not see, or a malformed one, gives the first page."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from participants import selectors
from participants.models import Participant
from tests.factories.accounts import UserFactory
from tests.factories.participants import (
    ActionPlanFactory,
    ContactFactory,
    GoalFactory,
    ParticipantFactory,
    StepFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
CASELOAD = reverse("participants:caseload")
SIZE = selectors.CASELOAD_PAGE_SIZE


def due(participant: Participant, offset: int) -> None:
    plan = ActionPlanFactory(participant=participant, starts_on=TODAY - 400 * DAY)
    StepFactory(goal=GoalFactory(plan=plan), due_on=TODAY + offset * DAY)


@pytest.fixture
def many(personas, partner_a):
    """61 participants of partner A: 30 with a due date (ties on the date and the name), 31 with
    nothing open; the expected order computed here, in Python."""
    people = []
    for n in range(61):
        person = ParticipantFactory(
            partner=partner_a, last_name=f"Name{n % 7}", first_name=f"First{n % 3}"
        )
        if n < 30:
            due(person, n % 5 - 2)  # some overdue, some due soon; several on the same day
        people.append(person)
    stored = {p.pk: p.next_due_on for p in Participant.objects.filter(partner=partner_a)}

    def key(p):
        return (stored[p.pk] is None, stored[p.pk] or TODAY, p.last_name, p.first_name, p.pk)

    return sorted(people, key=key)


def ids(response) -> list[int]:
    return [p.pk for p in response.context["page"].rows]


def link(response, rel: str) -> str:
    match = re.search(rf'rel="{rel}" href="\?([^"]*)"', response.text)
    assert match, rel
    return "?" + match.group(1).replace("&amp;", "&")


def test_next_links_walk_the_whole_caseload_in_order_and_previous_walks_back(client_for, many):
    client = client_for("coach_a")
    expected = [p.pk for p in many]
    response = client.get(CASELOAD)
    pages = [ids(response)]
    while response.context["page"].has_next:
        response = client.get(CASELOAD + link(response, "next"))
        pages.append(ids(response))
    assert [pk for page in pages for pk in page] == expected
    assert [len(page) for page in pages] == [25, 25, 11]
    assert 'rel="next"' not in response.text
    back = []
    while response.context["page"].has_previous:
        response = client.get(CASELOAD + link(response, "prev"))
        back.append(ids(response))
    assert back == [pages[1], pages[0]]
    assert 'rel="prev"' not in response.text


def test_the_last_page_is_the_last_25_in_order(client_for, many):
    response = client_for("coach_a").get(CASELOAD, {"page": "last"})
    assert ids(response) == [p.pk for p in many][-SIZE:]
    page = response.context["page"]
    assert page.has_previous and not page.has_next
    previous = client_for("coach_a").get(CASELOAD + link(response, "prev"))
    assert ids(previous) == [p.pk for p in many][-2 * SIZE : -SIZE]


def test_overdue_come_first_and_the_overdue_flag_is_shown(client_for, personas, partner_a):
    calm = ParticipantFactory(partner=partner_a, last_name="Aaberg")
    nothing = ParticipantFactory(partner=partner_a, last_name="Aaa")
    late = ParticipantFactory(partner=partner_a, last_name="Zander")
    due(calm, 5)
    ContactFactory(participant=late, date=TODAY - 9 * DAY, follow_up_on=TODAY - 2 * DAY)
    response = client_for("coach_a").get(CASELOAD)
    rows = response.context["page"].rows
    assert [p.pk for p in rows] == [late.pk, calm.pk, nothing.pk]
    assert [p.is_overdue for p in rows] == [1, 0, 0]
    assert rows[0].next_follow_up == TODAY - 2 * DAY and rows[0].open_follow_ups == 1
    assert rows[1].next_step_due == TODAY + 5 * DAY


def test_the_count_is_shown_with_grouping(client_for, many):
    response = client_for("coach_a").get(CASELOAD)
    assert response.context["page"].count == 61
    assert "61 participants" in response.text


@pytest.mark.parametrize(
    "bad", ["nonsense", "", "00000000-0000-0000-0000-000000000000", "'; select 1", "%00"]
)
@pytest.mark.parametrize("param", ["after", "before"])
def test_a_bad_cursor_gives_the_first_page(client_for, many, param, bad):
    response = client_for("coach_a").get(CASELOAD, {param: bad})
    assert response.status_code == 200
    assert ids(response) == [p.pk for p in many][:SIZE]


@pytest.mark.parametrize("param", ["after", "before"])
def test_an_invisible_participant_as_cursor_does_not_move_the_page(
    client_for, many, partner_b, param
):
    """Another partner's participant, placed in the middle of partner A's order: used as a
    cursor by coach A it is the first page, as any unknown id (its position is not revealed)."""
    hidden = ParticipantFactory(partner=partner_b, last_name="Name3", first_name="First1")
    due(hidden, 0)
    response = client_for("coach_a").get(CASELOAD, {param: str(hidden.public_id)})
    assert response.status_code == 200
    assert ids(response) == [p.pk for p in many][:SIZE]
    assert hidden.pk not in ids(response)


def test_a_cursor_outside_the_filter_gives_the_first_page_of_the_filter(client_for, many):
    status = many[0].status
    inactive = many[3]
    Participant.objects.filter(pk=inactive.pk).update(status="completed")
    assert status != "completed"
    response = client_for("coach_a").get(CASELOAD, {"status": status, "after": inactive.public_id})
    assert response.status_code == 200
    assert inactive.pk not in ids(response)
    assert ids(response) == [p.pk for p in many if p.pk != inactive.pk][:SIZE]


def test_the_links_keep_the_filters_and_are_accessible(client_for, many):
    status = many[0].status
    response = client_for("coach_a").get(CASELOAD, {"status": status, "q": "Name"})
    text = response.text
    assert 'aria-label="Caseload pages"' in text
    assert f"status={status}&amp;q=Name&amp;after={response.context['page'].last_id}" in text
    assert f"status={status}&amp;q=Name&amp;page=last" in text
    assert 'aria-current="page"' in text  # the first page
    last = client_for("coach_a").get(CASELOAD, {"status": status, "page": "last"})
    assert f"status={status}&amp;before={last.context['page'].first_id}" in last.text


@pytest.mark.parametrize(
    "language, texts",
    [
        ("da", ["Sider i sagsoversigten", "Første side", "Forrige", "Næste", "Sidste side"]),
        ("de", ["Seiten der Fallübersicht", "Erste Seite", "Zurück", "Weiter", "Letzte Seite"]),
    ],
)
def test_the_links_are_translated(client_for, many, language, texts):
    client = client_for("coach_a")
    with translation.override(language):
        caseload = reverse("participants:caseload")
    middle = client.get(caseload + link(client.get(caseload), "next"))
    assert middle.status_code == 200
    for text in texts:
        assert text in middle.text


def test_the_page_queries_do_not_grow_with_the_caseload(
    client_for, personas, partner_a, count_queries
):
    client = client_for("coach_a")
    for n in range(30):
        ParticipantFactory(partner=partner_a, last_name=f"Few{n:02}")
    few = count_queries(client, CASELOAD + "?page=last")
    for n in range(60):
        person = ParticipantFactory(partner=partner_a, last_name=f"More{n:02}")
        due(person, n % 4)
    assert count_queries(client, CASELOAD + "?page=last") == few


def test_the_selector_reads_a_page_in_few_queries(django_assert_max_num_queries, personas, many):
    # cursor, ids (one or two index reads), rich rows for 25 ids, count (uncached in a test's
    # transaction): at most five.
    cursor = str(many[20].public_id)  # the page crosses from dated rows to undated ones
    personas.coach_a.has_role("coach")  # the roles, read once per request by the middleware
    with django_assert_max_num_queries(5):
        page = selectors.caseload_page(personas.coach_a, after=cursor)
    assert [p.pk for p in page.rows] == [p.pk for p in many][21 : 21 + SIZE]


def test_a_manager_sees_every_partner_in_the_same_order(personas, many, partner_b):
    other = ParticipantFactory(partner=partner_b, last_name="Aardvark")
    due(other, -30)
    page = selectors.caseload_page(personas.manager)
    assert page.rows[0].pk == other.pk
    assert page.count == 62
    assert selectors.caseload_page(personas.coach_a).count == 61


def test_the_cached_count_is_keyed_by_viewer_and_filters(monkeypatch, personas, partner_a):
    """Shares are per coach: two coaches of one partner never share a cached count; managers
    (who see everyone) do; the filters are part of the key."""
    keys = []

    def record(kind, parts, compute):
        keys.append((kind, parts))
        return compute()

    monkeypatch.setattr(selectors, "cached_per_version", record)
    colleague = UserFactory(roles=["coach"], partner=partner_a)
    selectors.caseload_page(personas.coach_a)
    selectors.caseload_page(colleague)
    selectors.caseload_page(personas.manager, status="active")
    selectors.caseload_page(personas.admin, status="active")
    assert keys[0][0] == "caseload-count"
    assert keys[0][1] != keys[1][1]
    assert keys[0][1][0] == f"user:{personas.coach_a.pk}"
    assert keys[2][1] == keys[3][1] and "status=active" in keys[2][1]
