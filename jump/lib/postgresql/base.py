"""Django's PostgreSQL backend with a health check that costs no round trip.

With CONN_HEALTH_CHECKS, Django asks a persistent connection `is_usable()` once per request
before its first query; the stock backend answers with a `SELECT 1` to the server — one round
trip on every request. A connection that sits idle between requests has nothing to read; when
PostgreSQL ends it (a restart, `pg_terminate_backend`, an idle timeout) the server writes its
error and closes the socket, so the socket becomes readable. Looking at the socket without
waiting tells the two apart: readable (or closed, or in a transaction left open) means unusable,
and Django opens a new connection before the request's first query (SECURITY 26).
"""

import select

from django.db.backends.postgresql import base
from psycopg import pq


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed:
            return False
        if connection.pgconn.transaction_status != pq.TransactionStatus.IDLE:
            return False
        try:
            readable, _, _ = select.select([connection.fileno()], [], [], 0)
        except (OSError, ValueError):
            return False
        # Anything the server sent to an idle connection is its goodbye (or a notice we do not
        # use): either way a new connection is the safe answer.
        return not readable
