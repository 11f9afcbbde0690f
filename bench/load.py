"""A small, bounded load generator: threads with http.client on 127.0.0.1 only.

Each virtual user is a logged-in coach, company contact or programme manager who requests the
pages of their role in turn with a think time of 0.5–1.5 s between requests, until the
duration is over. Bounded in time (duration, plus at most one request timeout for requests
still in flight) and in count (`max_requests` for the whole run); it stops by itself.
"""

import random
import statistics
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

from .cpu import Usage
from .pages import get, percentile

THINK_SECONDS = (0.5, 1.5)
REQUEST_TIMEOUT = 30.0
# Of every 10 virtual users: 6 coaches, 3 company contacts, 1 programme manager.
MIX = (("coach", 6), ("contact", 3), ("manager", 1))


@dataclass
class Results:
    latencies: dict = field(default_factory=lambda: defaultdict(list))
    server: dict = field(default_factory=lambda: defaultdict(list))
    errors: dict = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)
    count: int = 0
    answered: int = 0  # responses of any status: the requests the server's CPU went into


def role_paths(persona) -> list[tuple[str, str]]:
    """(page key, path) a persona requests in turn."""
    from participants.models import Participant

    if persona.role == "coach":
        from jump.accounts.models import User
        from participants.selectors import caseload_page

        coach = User.objects.get(pk=persona.user_id)
        # The second page as the first page's "next" link gives it (keyset, issue 20).
        after = caseload_page(coach).last_id
        person = (
            Participant.objects.case_visible_to(coach).filter(status="active").order_by("pk")
        ).first()
        return [
            ("caseload", "/en/participants/"),
            ("caseload_filter", "/en/participants/?status=active"),
            ("participant", f"/en/participants/{person.public_id}/"),
            ("caseload_page_2", f"/en/participants/?after={after}"),
            ("offers", "/en/companies/offers/"),
        ]
    if persona.role == "contact":
        return [
            ("portal", "/en/companies/portal/"),
            ("portal_offers", "/en/companies/offers/"),
            ("portal_proposals", "/en/companies/proposals/"),
            ("portal_placements", "/en/companies/placements/"),
        ]
    return [("dashboard", "/en/reports/dashboard/"), ("caseload_manager", "/en/participants/")]


def choose(crowd_by_role: dict, users: int) -> list:
    """`users` personas in the mix, cycling through the logged-in people of each role."""
    chosen = []
    counters = defaultdict(int)
    while len(chosen) < users:
        for role, weight in MIX:
            for _n in range(weight):
                if len(chosen) >= users:
                    break
                people = crowd_by_role[role]
                chosen.append(people[counters[role] % len(people)])
                counters[role] += 1
    return chosen


def run(
    port: int, personas: list, paths: dict, *, duration: float, max_requests: int, meter=None
) -> dict:
    """The load; with a `meter` (bench.cpu.ServerMeter), the CPU per request over the mix:
    (Δ gunicorn workers + Δ their PostgreSQL backends) / responses."""
    results = Results()
    before = meter.snapshot() if meter else None
    deadline = time.monotonic() + duration
    started = time.monotonic()

    def user(number: int, persona) -> None:
        rng = random.Random(number)
        own = paths[persona.session_key]
        step = rng.randrange(len(own))
        time.sleep(rng.uniform(0, THINK_SECONDS[1]))  # users do not all start at once
        while time.monotonic() < deadline:
            with results.lock:
                if results.count >= max_requests:
                    return
                results.count += 1
            key, path = own[step % len(own)]
            step += 1
            try:
                status, elapsed, timing, _size = get(
                    port, path, persona.cookie, timeout=REQUEST_TIMEOUT
                )
            except OSError as exc:
                with results.lock:
                    results.errors[f"{key}: {type(exc).__name__}"] += 1
                continue
            with results.lock:
                results.answered += 1
                if status != 200:
                    results.errors[f"{key}: HTTP {status}"] += 1
                else:
                    results.latencies[key].append(elapsed)
                    results.server[key].append(timing.get("app", 0.0))
            time.sleep(rng.uniform(*THINK_SECONDS))

    threads = [
        threading.Thread(target=user, args=(n, persona), daemon=True)
        for n, persona in enumerate(personas)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()) + REQUEST_TIMEOUT + 5)
    elapsed = time.monotonic() - started
    cpu = {}
    if meter:
        time.sleep(0.05)  # the workers' last steps after the last response
        usage = Usage.between(before, meter.snapshot())
        cpu = {"cpu_requests": results.answered, **usage.per_request(results.answered)}
    done = sum(len(values) for values in results.latencies.values())
    return {
        "users": len(personas),
        "seconds": round(elapsed, 1),
        "requests": done,
        "errors": sum(results.errors.values()),
        "error_kinds": dict(results.errors),
        "rps": round(done / elapsed, 1) if elapsed else 0.0,
        **cpu,
        "pages": {
            key: {
                "n": len(values),
                "median_ms": round(statistics.median(values), 1),
                "p95_ms": round(percentile(values, 0.95), 1),
                "server_p95_ms": round(percentile(results.server[key], 0.95), 1),
            }
            for key, values in sorted(results.latencies.items())
        },
    }
