"""`Server-Timing` for the benchmark: the time Django spends on a request, all middleware
included, and the number and time of its SQL queries. Only in bench.settings."""

import time

from django.db import connection


class _QueryClock:
    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.seconds += time.perf_counter() - started


class ServerTimingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        clock = _QueryClock()
        started = time.perf_counter()
        with connection.execute_wrapper(clock):
            response = self.get_response(request)
        elapsed = (time.perf_counter() - started) * 1000
        response["Server-Timing"] = (
            f'app;dur={elapsed:.2f}, db;dur={clock.seconds * 1000:.2f};desc="{clock.count}"'
        )
        return response


def parse(header: str) -> dict:
    """{"app": ms, "db": ms, "queries": n} from a Server-Timing header written above."""
    result = {}
    for part in header.split(","):
        fields = part.strip().split(";")
        name = fields[0]
        for field in fields[1:]:
            key, _sep, value = field.partition("=")
            if key == "dur":
                result[name] = float(value)
            elif key == "desc" and name == "db":
                result["queries"] = int(value.strip('"'))
    return result
