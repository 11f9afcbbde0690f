"""The participant table of an export straight from PostgreSQL (issue 20): every cell computed
in SQL and the rows streamed by `COPY (…) TO STDOUT (FORMAT csv)`, so that no model instance
and no Python cell function is made per row.

The output is byte for byte what the Python path (`ReportContent.participant_lines` through
`csv_cell` and `csv.writer`) writes, checked by tests/reports/test_pgcopy.py:

- the rows are the table's own participants (`participants_in_table`, which the Python
  path's queryset starts from: scope, partner, country, status and dates), compiled by
  Django and wrapped; the confirmed outcomes joined;
- the pseudonym is the same HMAC-SHA256 (`privacy.pseudonym`), made with PostgreSQL's own
  `sha256()`: the key padded and XOR-ed with ipad / opad here, passed as bytea parameters;
- labels are the translated choice labels of the active language, passed as parameters;
- dates are written `YYYY-MM-DD`, the age band is the same completed-years rule;
- text a spreadsheet would run as a formula gets the same leading apostrophe as cells.py;
- an empty text is written as NULL (nothing), as csv.writer writes "" (COPY would write `""`);
- COPY ends a line with LF, csv.writer with CRLF: every row arrives as one message from the
  server (libpq returns one row per call), so the row's last byte is its line end.

SQLite (make run, most tests) keeps the Python path: `copy_available()` says which applies.
"""

import hashlib
from collections.abc import Generator
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import F, FilteredRelation, Q
from django.utils.encoding import force_bytes

from ..privacy import AGE_BAND_LIMITS, FORMULA_PREFIXES, PSEUDONYM_LENGTH, PSEUDONYM_SALT
from ..privacy import neutralise_cell as neutralise

# What is written to the file at a time: rows are gathered up to about this many bytes.
BLOCK_BYTES = 64 * 1024
# SHA-256 works on blocks of 64 bytes: an HMAC key is padded to that length.
SHA256_BLOCK = 64


@dataclass
class CopySource:
    """A SELECT whose rows are a table's rows, cell for cell as the csv writer writes them."""

    sql: str
    params: list
    # The columns that hold dates (YYYY-MM-DD), typed as dates in a spreadsheet.
    date_columns: frozenset[int]


def copy_available() -> bool:
    return connection.vendor == "postgresql"


def hmac_pads(secret: str | bytes | None = None) -> tuple[bytes, bytes]:
    """The pseudonym's HMAC key XOR ipad and XOR opad (RFC 2104), the key derived as Django's
    `salted_hmac(PSEUDONYM_SALT, …, algorithm="sha256")` derives it."""
    secret = settings.SECRET_KEY if secret is None else secret
    key = hashlib.sha256(force_bytes(PSEUDONYM_SALT) + force_bytes(secret)).digest()
    key = key.ljust(SHA256_BLOCK, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)


def _neutralised(column: str, neutralised: bool = True) -> str:
    """SQL: the text with an apostrophe in front when a spreadsheet would run it (cells.py);
    empty text as NULL (csv.writer writes nothing for both)."""
    if not neutralised:
        return f"NULLIF({column}, '')"
    # PostgreSQL text cannot hold NUL, the one prefix without an SQL literal here.
    prefixes = ", ".join(
        "E'\\t'" if p == "\t" else "E'\\r'" if p == "\r" else f"'{p}'"
        for p in FORMULA_PREFIXES
        if p != "\0"
    )
    return (
        f"NULLIF(CASE WHEN left({column}, 1) IN ({prefixes}) THEN '''' || {column} "
        f"ELSE {column} END, '')"
    )


def _label(column: str, choices, params: list, neutral, *, fallback: bool = True) -> str:
    """SQL: a choice value as its translated label (a parameter each); an unknown value as
    itself (or as nothing: `fallback=False`), as `dict.get` does in the Python path."""
    whens = []
    for value, label in choices:
        whens.append("WHEN %s THEN %s")
        params += [value, neutral(str(label)) or None]
    otherwise = _neutralised(column, neutral is neutralise) if fallback else "NULL"
    return f"CASE {column} {' '.join(whens)} ELSE {otherwise} END"


def _yes_no(condition: str, params: list, neutral) -> str:
    from django.utils.translation import gettext as _

    params += [neutral(_("yes")), neutral(_("no"))]
    return f"CASE WHEN {condition} THEN %s WHEN NOT ({condition}) THEN %s END"


def _iso_date(column: str) -> str:
    return f"to_char({column}, 'YYYY-MM-DD')"


def _age_band(params: list, neutral) -> str:
    """SQL: `privacy.age_band(date_of_birth, entry_date)`: completed years on the entry day
    (a 29 February birthday reached on 1 March), as the band's translated label."""
    age = (
        "(date_part('year', q.c_entry) - date_part('year', q.c_birth)"
        " - CASE WHEN (date_part('month', q.c_entry), date_part('day', q.c_entry))"
        " < (date_part('month', q.c_birth), date_part('day', q.c_birth)) THEN 1 ELSE 0 END)"
    )
    whens = []
    for band, low, high in AGE_BAND_LIMITS:
        limits = []
        if low is not None:
            limits.append(f"{age} >= {int(low)}")
        if high is not None:
            limits.append(f"{age} <= {int(high)}")
        whens.append(f"WHEN {' AND '.join(limits)} THEN %s")
        params.append(neutral(str(band.label)))
    return f"CASE WHEN q.c_birth IS NULL OR q.c_entry IS NULL THEN NULL {' '.join(whens)} END"


def _as_is(text: str) -> str:
    return text


def participants_sql(queryset, *, with_names: bool, neutralised: bool = True) -> CopySource:
    """The participant table's rows (`ReportContent.participant_lines`) as one SELECT over
    `queryset` (`ReportContent.participants_in_table()`: the table's participants).

    The outcomes are joined (the confirmed one of each timing: at most one, a unique
    constraint), not read by a subquery per row and column as the Python path's queryset does:
    the same values at half the database's time.

    `neutralised=False` leaves text as it is (formulas too) for a writer that neutralises its
    cells itself (the XLSX writer, which measures its column widths on the text as it is)."""
    from participants.models import Outcome, Participant

    P = Participant
    confirmed = Outcome.Status.CONFIRMED  # as Outcome.objects.confirmed()
    inner = (
        queryset.order_by()
        .annotate(
            exit_outcome=FilteredRelation(
                "outcomes",
                condition=Q(outcomes__timing=Outcome.Timing.EXIT, outcomes__status=confirmed),
            ),
            six_outcome=FilteredRelation(
                "outcomes",
                condition=Q(outcomes__timing=Outcome.Timing.SIX_MONTHS, outcomes__status=confirmed),
            ),
        )
        .values(
            c_id=F("pk"),
            c_public_id=F("public_id"),
            c_first=F("first_name"),
            c_last=F("last_name"),
            c_birth=F("date_of_birth"),
            c_partner=F("partner__name"),
            c_partner_country=F("partner__country"),
            c_status=F("status"),
            c_gender=F("gender"),
            c_entry=F("entry_date"),
            c_residence=F("country_of_residence"),
            c_isced=F("education_level"),
            c_lms=F("labour_market_status"),
            c_exit=F("exit_date"),
            c_exit_kind=F("exit_outcome__kind"),
            c_exit_cross=F("exit_outcome__cross_border"),
            c_six_kind=F("six_outcome__kind"),
            c_six_cross=F("six_outcome__cross_border"),
            c_erased=F("erased_at"),
        )
    )
    inner_sql, inner_params = inner.query.sql_with_params()
    ipad, opad = hmac_pads()
    params: list = [opad, ipad]
    columns = [
        "substr(encode(sha256(%s::bytea || sha256(%s::bytea"
        " || convert_to(q.c_public_id::text, 'UTF8'))), 'hex'),"
        f" 1, {int(PSEUDONYM_LENGTH)})"
    ]
    neutral = neutralise if neutralised else _as_is
    date_columns = set()
    if with_names:
        columns += [
            _neutralised("q.c_first", neutralised),
            _neutralised("q.c_last", neutralised),
            _iso_date("q.c_birth"),
        ]
        date_columns.add(len(columns) - 1)
    columns += [
        _neutralised("q.c_partner", neutralised),
        _neutralised("q.c_partner_country", neutralised),
        _label("q.c_status", P.Status.choices, params, neutral),
        _label("q.c_gender", P.Gender.choices, params, neutral),
        _age_band(params, neutral),
        _neutralised("q.c_residence", neutralised),
        _label("q.c_isced", P.Isced.choices, params, neutral),
        _label("q.c_lms", P.LabourMarketStatus.choices, params, neutral),
        _iso_date("q.c_entry"),
        _iso_date("q.c_exit"),
    ]
    date_columns |= {len(columns) - 2, len(columns) - 1}
    columns += [
        _label("q.c_exit_kind", Outcome.Kind.choices, params, neutral, fallback=False),
        _yes_no("q.c_exit_cross", params, neutral),
        _label("q.c_six_kind", Outcome.Kind.choices, params, neutral, fallback=False),
        _yes_no("q.c_six_cross", params, neutral),
        _yes_no("q.c_erased IS NOT NULL", params, neutral),
    ]
    # The SELECT list's parameters come before the inner query's.
    sql = f"SELECT {', '.join(columns)} FROM ({inner_sql}) q ORDER BY q.c_entry, q.c_id"  # noqa: S608
    return CopySource(
        sql=sql, params=[*params, *inner_params], date_columns=frozenset(date_columns)
    )


def copy_statement(source: CopySource, delimiter: str = ",") -> str:
    if len(delimiter) != 1 or delimiter in "'\"\\\r\n":
        raise ValueError(f"Unusable CSV delimiter {delimiter!r}")
    # UTF-8 whatever the connection's client encoding: the file is written as UTF-8.
    return f"COPY ({source.sql}) TO STDOUT (FORMAT csv, DELIMITER '{delimiter}', ENCODING 'UTF8')"


def copy_chunks(
    source: CopySource, delimiter: str = ","
) -> Generator[tuple[bytes, int], None, None]:
    """The rows as csv.writer writes them (CRLF line ends), UTF-8, in blocks of about
    BLOCK_BYTES: (block, rows in it).

    The connection is busy until the last block: use nothing else on it meanwhile (psycopg
    would wait for the COPY to end, forever), and close the generator when stopping early
    (`contextlib.closing`): the COPY is then cancelled and the connection usable again."""
    connection.ensure_connection()
    block = bytearray()
    rows = 0
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(copy_statement(source, delimiter), source.params) as copy,
    ):
        for row in copy:
            # One row per message: its last byte is the LF that ends it.
            block += row[:-1]
            block += b"\r\n"
            rows += 1
            if len(block) >= BLOCK_BYTES:
                yield bytes(block), rows
                block.clear()
                rows = 0
    if block:
        yield bytes(block), rows
