"""The reference for the indicator engine: every figure of docs/indicators.md for a period
(all partners, both countries) as hand-written PostgreSQL, one statement per indicator.

`figures(start, end)` returns {code: (value, {part key: value})} in the keys the engine uses,
so that the benchmark can check the engine's numbers against these before it compares times.
"""

# The statements interpolate only the constants of this module (status lists, shared WHERE
# clauses); every value is a query parameter.
# ruff: noqa: S608

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection

from jump.reports.periods import Scope

STARTED = "('active', 'completed', 'aborted')"
EDUCATION = "('in_education', 'in_vocational_training')"
EMPLOYMENT = "('employed', 'self_employed')"
ENTERED = """
    FROM participants_participant p
    WHERE p.entry_date BETWEEN %(start)s AND %(end)s AND p.status <> 'interested'
"""
ACTIVE_PLACEMENT = f"""
    pl.status IN {STARTED} AND pl.started_on IS NOT NULL AND pl.started_on <= %(end)s
    AND (pl.end_date IS NULL OR pl.end_date >= %(start)s)
"""

SQL = {
    "P-TOTAL": f"SELECT count(*) {ENTERED}",
    "P-GENDER": f"""
        SELECT count(*),
               count(*) FILTER (WHERE gender = 'female') AS female,
               count(*) FILTER (WHERE gender = 'male') AS male,
               count(*) FILTER (WHERE gender = 'diverse') AS diverse,
               count(*) FILTER (WHERE gender = 'not_stated') AS not_stated
        {ENTERED}""",
    "P-AGE": f"""
        SELECT count(*),
               count(*) FILTER (WHERE age <= 17) AS under_18,
               count(*) FILTER (WHERE age BETWEEN 18 AND 24) AS "18_24",
               count(*) FILTER (WHERE age BETWEEN 25 AND 29) AS "25_29",
               count(*) FILTER (WHERE age >= 30) AS "30_plus"
        FROM (SELECT extract(year FROM age(p.entry_date, p.date_of_birth)) AS age {ENTERED}) a""",
    "P-COUNTRY": f"""
        SELECT count(*),
               count(*) FILTER (WHERE country_of_residence = 'DK') AS "DK",
               count(*) FILTER (WHERE country_of_residence = 'DE') AS "DE",
               count(*) FILTER (WHERE country_of_residence NOT IN ('DK', 'DE')) AS other
        {ENTERED}""",
    "P-ISCED": f"""
        SELECT count(*),
               count(*) FILTER (WHERE education_level = 'isced_0_2') AS isced_0_2,
               count(*) FILTER (WHERE education_level = 'isced_3_4') AS isced_3_4,
               count(*) FILTER (WHERE education_level = 'isced_5_8') AS isced_5_8
        {ENTERED}""",
    "P-LMS": f"""
        SELECT count(*),
               count(*) FILTER (WHERE labour_market_status IN ('unemployed',
                                                               'long_term_unemployed'))
                   AS unemployed,
               count(*) FILTER (WHERE labour_market_status = 'long_term_unemployed')
                   AS long_term_unemployed,
               count(*) FILTER (WHERE labour_market_status = 'inactive') AS inactive,
               count(*) FILTER (WHERE labour_market_status = 'in_education') AS in_education,
               count(*) FILTER (WHERE labour_market_status = 'employed') AS employed
        {ENTERED}""",
    "R-EDU-LEAVE": f"""
        SELECT count(*) FROM participants_participant p
        WHERE p.exit_date BETWEEN %(start)s AND %(end)s
          AND EXISTS (SELECT 1 FROM participants_outcome o WHERE o.participant_id = p.id
                      AND o.timing = 'exit' AND o.kind IN {EDUCATION})""",
    "R-EMP-LEAVE": f"""
        SELECT count(*) FROM participants_participant p
        WHERE p.exit_date BETWEEN %(start)s AND %(end)s
          AND EXISTS (SELECT 1 FROM participants_outcome o WHERE o.participant_id = p.id
                      AND o.timing = 'exit' AND o.kind IN {EMPLOYMENT})""",
    "R-EMP-6M": f"""
        SELECT count(*) FROM participants_participant p
        WHERE p.exit_date BETWEEN %(start_6m)s AND %(end_6m)s
          AND EXISTS (SELECT 1 FROM participants_outcome o WHERE o.participant_id = p.id
                      AND o.timing = 'six_months' AND o.kind IN {EMPLOYMENT})""",
    "R-XB-OUTCOME": """
        SELECT count(*) FROM participants_participant p
        WHERE (p.exit_date BETWEEN %(start)s AND %(end)s
               AND EXISTS (SELECT 1 FROM participants_outcome o WHERE o.participant_id = p.id
                           AND o.timing = 'exit' AND o.cross_border))
           OR (p.exit_date BETWEEN %(start_6m)s AND %(end_6m)s
               AND EXISTS (SELECT 1 FROM participants_outcome o WHERE o.participant_id = p.id
                           AND o.timing = 'six_months' AND o.cross_border))""",
    "R-COMPETENCE": """
        WITH means AS (
            SELECT a.participant_id,
                   avg(a.mobility_readiness + a.intercultural_competence
                       + a.vocational_orientation + a.language_confidence + a.social_skills)
                       FILTER (WHERE a.kind = 'entry') AS entry_mean,
                   avg(a.mobility_readiness + a.intercultural_competence
                       + a.vocational_orientation + a.language_confidence + a.social_skills)
                       FILTER (WHERE a.kind = 'exit') AS exit_mean
            FROM participants_assessment a
            JOIN participants_participant p ON p.id = a.participant_id
            WHERE p.exit_date BETWEEN %(start)s AND %(end)s AND a.kind IN ('entry', 'exit')
            GROUP BY a.participant_id
        )
        SELECT count(*) FROM means WHERE exit_mean > entry_mean""",
    "RCO81": f"""
        SELECT (SELECT count(*) FROM participants_attendance at
                JOIN participants_activity ac ON ac.id = at.activity_id
                WHERE at.status = 'attended' AND ac.cross_border
                  AND ac.date BETWEEN %(start)s AND %(end)s) AS activities,
               (SELECT count(*) FROM (SELECT DISTINCT pl.participant_id, pl.offer_id
                    FROM companies_placement pl
                    WHERE pl.cross_border AND pl.status IN {STARTED}
                      AND pl.started_on BETWEEN %(start)s AND %(end)s) d) AS placements""",
    "RCO87": f"""
        SELECT
          (SELECT count(*) FROM accounts_partner pa
           WHERE EXISTS (SELECT 1 FROM participants_attendance at
                         JOIN participants_activity ac ON ac.id = at.activity_id
                         JOIN participants_participant p ON p.id = at.participant_id
                         WHERE p.partner_id = pa.id AND at.status = 'attended'
                           AND ac.cross_border AND ac.date BETWEEN %(start)s AND %(end)s)
              OR EXISTS (SELECT 1 FROM companies_placement pl
                         JOIN participants_participant p ON p.id = pl.participant_id
                         WHERE p.partner_id = pa.id AND pl.cross_border AND {ACTIVE_PLACEMENT}))
              AS partners,
          (SELECT count(DISTINCT o.company_id) FROM companies_placement pl
           JOIN companies_offer o ON o.id = pl.offer_id
           WHERE pl.cross_border AND {ACTIVE_PLACEMENT}) AS companies""",
    "RCO85": """
        SELECT count(*) FROM training_modules_enrolment e
        JOIN training_modules_session s ON s.id = e.session_id
        WHERE e.status IN ('attended', 'completed')
          AND s.starts_at >= %(after)s AND s.starts_at < %(before)s""",
    "RCR81": """
        SELECT count(*) FROM training_modules_enrolment e
        WHERE e.status = 'completed' AND e.completed_at >= %(after)s
          AND e.completed_at < %(before)s""",
    "C-ENGAGED": f"""
        SELECT c.country, c.sector, count(*) FROM companies_company c
        WHERE EXISTS (SELECT 1 FROM companies_offer o WHERE o.company_id = c.id
                      AND o.published_at >= %(after)s AND o.published_at < %(before)s)
           OR EXISTS (SELECT 1 FROM companies_placement pl
                      JOIN companies_offer o ON o.id = pl.offer_id
                      WHERE o.company_id = c.id AND {ACTIVE_PLACEMENT})
        GROUP BY c.country, c.sector""",
    "C-SUPPORTED": """
        SELECT count(*) FROM companies_company c
        WHERE EXISTS (SELECT 1 FROM companies_supportaction sa
                      JOIN companies_supportneed sn ON sn.id = sa.need_id
                      WHERE sn.company_id = c.id AND sa.date BETWEEN %(start)s AND %(end)s)""",
    "C-PLACEMENTS": f"""
        SELECT count(*) FILTER (WHERE started) AS started,
               count(*) FILTER (WHERE started AND cross_border) AS started_xb,
               count(*) FILTER (WHERE status = 'completed' AND ended) AS completed,
               count(*) FILTER (WHERE status = 'completed' AND ended AND cross_border)
                   AS completed_xb,
               count(*) FILTER (WHERE status = 'aborted' AND ended) AS aborted,
               count(*) FILTER (WHERE status = 'aborted' AND ended AND cross_border) AS aborted_xb
        FROM (SELECT status, cross_border,
                     status IN {STARTED} AND started_on BETWEEN %(start)s AND %(end)s AS started,
                     end_date BETWEEN %(start)s AND %(end)s AS ended
              FROM companies_placement) pl""",
    "C-HIRE": """
        SELECT count(*) AS completed,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM companies_placementfeedback f
                   WHERE f.placement_id = pl.id AND f.side = 'company')) AS answered,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM companies_placementfeedback f
                   WHERE f.placement_id = pl.id AND f.side = 'company' AND f.would_hire))
                   AS would_hire
        FROM companies_placement pl
        WHERE pl.status = 'completed' AND pl.end_date BETWEEN %(start)s AND %(end)s""",
    "S-TRAINED": """
        SELECT pa.country, pa.name, count(DISTINCT e.person_id),
               (SELECT count(DISTINCT person_id) FROM training_modules_enrolment
                WHERE status = 'completed' AND completed_at >= %(after)s
                  AND completed_at < %(before)s)
        FROM training_modules_enrolment e
        JOIN accounts_user u ON u.id = e.person_id
        LEFT JOIN accounts_partner pa ON pa.id = u.partner_id
        WHERE e.status = 'completed' AND e.completed_at >= %(after)s
          AND e.completed_at < %(before)s
        GROUP BY pa.country, pa.name""",
    "S-MODULES": """
        SELECT count(*) FROM training_modules_module m
        WHERE EXISTS (SELECT 1 FROM training_modules_session s WHERE s.module_id = m.id
                      AND s.status <> 'cancelled' AND s.starts_at < %(before)s
                      AND s.ends_at >= %(after)s)""",
    "S-PRACTICES": """
        SELECT count(*) FROM training_modules_goodpractice g
        WHERE g.status = 'published' AND g.published_at >= %(after)s
          AND g.published_at < %(before)s""",
}


def _params(start: datetime.date, end: datetime.date) -> dict:
    scope = Scope(start=start, end=end)
    after, before = scope.day_bounds()
    start_6m, end_6m = scope.shifted_back(182)
    return {
        "start": start,
        "end": end,
        "after": after,
        "before": before,
        "start_6m": start_6m,
        "end_6m": end_6m,
    }


def _percent(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    share = Decimal(numerator) * 100 / Decimal(denominator)
    return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def figures(start: datetime.date, end: datetime.date) -> dict[str, tuple]:
    """{code: (value, {part key: value})} for the period, one statement per indicator."""
    params = _params(start, end)
    result = {}
    with connection.cursor() as cursor:
        for code, sql in SQL.items():
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            names = [column.name for column in cursor.description]
            result[code] = _shape(code, rows, names)
    return result


def _shape(code: str, rows: list, names: list[str]) -> tuple:
    if code == "C-ENGAGED":
        parts = {f"{country}:{sector}": n for country, sector, n in rows}
        return sum(parts.values()), parts
    if code == "S-TRAINED":
        parts = {f"{country or '-'}:{name or '-'}": n for country, name, n, _total in rows}
        return (rows[0][3] if rows else 0), parts
    row = rows[0]
    if code in ("RCO81", "RCO87"):
        parts = dict(zip(names, row, strict=True))
        return sum(parts.values()), parts
    if code == "C-PLACEMENTS":
        parts = dict(zip(names, row, strict=True))
        return parts["started"], parts
    if code == "C-HIRE":
        parts = dict(zip(names, row, strict=True))
        return _percent(parts["would_hire"], parts["answered"]), parts
    parts = dict(zip(names[1:], row[1:], strict=True))
    return row[0], parts


def engine_figures(start: datetime.date, end: datetime.date) -> dict[str, tuple]:
    """The same figures through jump.reports' indicator engine."""
    from jump.reports.indicators import INDICATORS

    scope = Scope(start=start, end=end)
    result = {}
    for code, indicator in INDICATORS.items():
        figure = indicator.compute(scope)
        result[code] = (figure.value, {part.key: part.value for part in figure.parts})
    return result


def differences(engine: dict, reference: dict) -> list[str]:
    """Where the engine and the hand-written SQL disagree (empty when they agree)."""
    found = []
    for code in sorted(set(engine) | set(reference)):
        if code not in engine or code not in reference:
            found.append(f"{code}: missing on one side")
            continue
        value, parts = engine[code]
        ref_value, ref_parts = reference[code]
        if value != ref_value:
            found.append(f"{code}: engine {value} vs SQL {ref_value}")
        for key in sorted(set(parts) | set(ref_parts)):
            if parts.get(key, 0) != ref_parts.get(key, 0):
                found.append(f"{code}/{key}: engine {parts.get(key)} vs SQL {ref_parts.get(key)}")
    return found
