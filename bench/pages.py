"""The pages the benchmark requests, as whom, and how their time is measured.

Server time is the `Server-Timing` header of bench.timing (Django's time for the request,
every middleware included, as gunicorn's worker sees it); the client's time on the loopback is
recorded beside it. Pages and their references are requested in interleaved rounds, so that
the machine's other load falls on all of them alike.
"""

import http.client
import math
import statistics
import time
from dataclasses import dataclass
from urllib.parse import quote_plus

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .cpu import InProcessMeter, Usage
from .timing import parse


@dataclass(frozen=True)
class Page:
    name: str
    label: str
    role: str
    path: str
    kind: str = "page"  # "page", "reference" (the admin), "extra" (informative, no goal), "floor"
    status: int = 200  # the answer expected (the floor is a logged-in 404)


def build_pages(personas) -> list[Page]:
    """The pages of issue 12 with the data they need (a name, a last page, a participant)."""
    from django.contrib.auth import get_user_model

    from participants.models import Participant
    from participants.selectors import CASELOAD_PAGE_SIZE

    User = get_user_model()
    coach = User.objects.get(pk=personas["coach"].user_id)
    visible = Participant.objects.case_visible_to(coach)
    caseload_pages = max(1, math.ceil(visible.count() / CASELOAD_PAGE_SIZE))
    # An active participant in the middle of the coach's caseload: a full case file.
    sample = visible.filter(status="active").order_by("pk")
    person = sample[sample.count() // 2]
    name = f"{person.first_name} {person.last_name}"
    query = quote_plus(name)
    total = Participant.objects.count()
    admin_pages = max(1, math.ceil(total / 100))
    manager_pages = max(1, math.ceil(total / CASELOAD_PAGE_SIZE))
    return [
        Page("caseload_first", "Coach caseload, first page", "coach", "/en/participants/"),
        Page(
            "caseload_last",
            f"Coach caseload, last page ({caseload_pages})",
            "coach",
            "/en/participants/?page=last",  # keyset pages (issue 20): the last 25, no OFFSET
        ),
        Page(
            "caseload_filter",
            "Coach caseload, status filter",
            "coach",
            "/en/participants/?status=active",
        ),
        Page(
            "caseload_search",
            "Coach caseload, name search",
            "coach",
            f"/en/participants/?q={query}",
        ),
        Page("participant", "Participant page", "coach", f"/en/participants/{person.public_id}/"),
        Page("portal_offers", "Company portal: offers", "contact", "/en/companies/offers/"),
        Page(
            "portal_proposals", "Company portal: proposals", "contact", "/en/companies/proposals/"
        ),
        Page("dashboard", "Manager dashboard", "manager", "/en/reports/dashboard/"),
        Page("catalogue", "Training catalogue", "learner", "/en/training/"),
        Page(
            "admin_changelist",
            "Admin changelist of Participant",
            "admin",
            "/en/admin/participants/participant/",
            "reference",
        ),
        Page(
            "admin_search",
            "Admin changelist, name search",
            "admin",
            f"/en/admin/participants/participant/?q={query}",
            "reference",
        ),
        Page(
            "admin_last",
            f"Admin changelist, last page ({admin_pages})",
            "admin",
            f"/en/admin/participants/participant/?p={admin_pages}",
            "reference",
        ),
        Page(
            "manager_caseload_first",
            "Manager caseload (all participants), first page",
            "manager",
            "/en/participants/",
            "extra",
        ),
        Page(
            "manager_caseload_last",
            f"Manager caseload, last page ({manager_pages})",
            "manager",
            "/en/participants/?page=last",
            "extra",
        ),
        # What every logged-in request pays before its view: session, user, roles, the bell, the
        # 404 page in the site's frame (issue 20's floor).
        Page(
            "floor_404",
            "Logged-in 404 (the floor of every page)",
            "coach",
            "/en/no-such-page/",
            "floor",
            status=404,
        ),
    ]


def get(port: int, path: str, cookie: str, timeout: float = 120) -> tuple[int, float, dict, int]:
    """GET on the loopback: (status, client ms, Server-Timing fields, body bytes)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    started = time.perf_counter()
    try:
        conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
        response = conn.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        timing = parse(response.getheader("Server-Timing") or "")
        return response.status, elapsed, timing, len(body)
    finally:
        conn.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))
    return ordered[index]


def measure_pages(
    port: int,
    pages: list[Page],
    personas,
    *,
    repeats: int,
    warmup: int,
    budget_s: float = 60,
    minimum: int = 5,
    meter=None,
) -> dict:
    """Median and p95 of the server time per page over `repeats` interleaved rounds.

    With a `meter` (bench.cpu.ServerMeter of the gunicorn), the CPU time of its workers and of
    their PostgreSQL backends is read before and after each request: per page the median CPU
    ms per request (and its worker and backend parts), and the mean (Δ over all the page's
    requests / requests).

    A page that has used up `budget_s` of server time (and has `minimum` samples) sits out the
    remaining rounds, so that a page taking seconds at 100,000 keeps the run bounded; the number
    of samples is reported with each page."""
    samples = {page.name: [] for page in pages}
    client = {page.name: [] for page in pages}
    database = {page.name: [] for page in pages}
    cpu = {page.name: [] for page in pages}
    info = {}
    for round_number in range(warmup + repeats):
        for page in pages:
            taken = samples[page.name]
            if len(taken) >= minimum and sum(taken) / 1000 > budget_s:
                continue
            before = meter.snapshot() if meter else None
            status, elapsed, timing, size = get(port, page.path, personas[page.role].cookie)
            if meter:
                time.sleep(SETTLE_S)  # the worker's last steps after the response is sent
                usage = Usage.between(before, meter.snapshot())
            if status != page.status:
                raise RuntimeError(f"{page.name}: HTTP {status} for {page.path}")
            info[page.name] = {"queries_header": timing.get("queries"), "bytes": size}
            if round_number >= warmup:
                samples[page.name].append(timing["app"])
                client[page.name].append(elapsed)
                database[page.name].append(timing.get("db", 0.0))
                if meter:
                    cpu[page.name].append(usage)
    return {
        page.name: {
            "label": page.label,
            "kind": page.kind,
            "path": page.path,
            "median_ms": round(statistics.median(samples[page.name]), 2),
            "p95_ms": round(percentile(samples[page.name], 0.95), 2),
            "client_median_ms": round(statistics.median(client[page.name]), 2),
            "db_median_ms": round(statistics.median(database[page.name]), 2),
            "n": len(samples[page.name]),
            **info[page.name],
            **cpu_figures(cpu[page.name]),
        }
        for page in pages
    }


SETTLE_S = 0.005


def cpu_figures(usages: list) -> dict:
    """Median CPU ms per request (all, worker, backend) and the mean over the batch."""
    if not usages:
        return {}
    return {
        "cpu_ms": round(statistics.median(u.total_ms for u in usages), 2),
        "app_cpu_ms": round(statistics.median(u.app_ms for u in usages), 2),
        "db_cpu_ms": round(statistics.median(u.db_ms for u in usages), 2),
        "cpu_mean_ms": round(sum(u.total_ms for u in usages) / len(usages), 2),
    }


def count_queries(pages: list[Page], personas, cpu: dict | None = None) -> dict[str, int]:
    """Queries per page through the test client (same settings, same middleware): the second
    request of each, so a per-process first-use cache (content types) does not count.

    With a `cpu` dict, a third request of each page (queries not captured) is measured with
    bench.cpu.InProcessMeter: this process's CPU and its own backend's, in `cpu[page.name]`."""
    counts = {}
    meter = InProcessMeter(connection) if cpu is not None else None
    for page in pages:
        browser = Client(HTTP_HOST="127.0.0.1")
        browser.cookies.load(personas[page.role].cookie)
        browser.get(page.path)
        with CaptureQueriesContext(connection) as queries:
            response = browser.get(page.path)
        if response.status_code != page.status:
            raise RuntimeError(f"{page.name}: HTTP {response.status_code} in the test client")
        counts[page.name] = sum(1 for query in queries.captured_queries if is_statement(query))
        if meter:
            before = meter.snapshot()
            browser.get(page.path)
            usage = Usage.between(before, meter.snapshot())
            cpu[page.name] = {
                "cpu_ms": round(usage.total_ms, 2),
                "db_cpu_ms": round(usage.db_ms, 2),
            }
    return counts


TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def is_statement(query: dict) -> bool:
    """A statement of the page's own (not the BEGIN/COMMIT Django logs around a transaction)."""
    return not query["sql"].upper().startswith(TRANSACTION_CONTROL)
