"""The monitoring report's figures, run by bench/run.py on the benchmark's database.

`python bench/report.py` builds the synthetic organisation's report for the last twelve months
(reintegra.reports.queries.build_report: every query and the suppression) several times, then
runs the same aggregates as SQL written by hand, kept below, as many times. It prints, as JSON,
the best time of each and their ratio. The hand-written figures are compared with every figure
the report publishes first, so that the two measure the same work: a difference stops the bench.
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from time import perf_counter
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reintegra.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from reintegra.cases.vocabularies import ExploitationType  # noqa: E402
from reintegra.orgs.models import Organisation  # noqa: E402
from reintegra.reports.forms import default_period  # noqa: E402
from reintegra.reports.queries import UNKNOWN, Report, build_report  # noqa: E402

RUNS = 5

# The cases open at any time in the period, as reports.queries.cases_in_period says. The start
# is compared as an aware datetime, which is what the ORM's __date lookup means in local time.
OPEN_IN_PERIOD = """
    FROM reports_casestatistics s JOIN cases_case c ON c.id = s.case_id
    WHERE s.organisation_id = %(organisation)s AND c.opened_on <= %(end)s
      AND (c.status <> 'closed' OR c.status_changed_at >= %(start_moment)s)
"""
PERSONS = (
    "SELECT s.sex, s.age_band, s.nationality, c.identification_status, COUNT(*)"
    + OPEN_IN_PERIOD
    + "GROUP BY s.sex, s.age_band, s.nationality, c.identification_status"
)
EXPLOITATION = (
    "SELECT "
    + ", ".join(
        f"SUM(CASE WHEN CAST(c.exploitation_types AS TEXT) LIKE %(code_{n})s THEN 1 ELSE 0 END)"
        for n in range(len(ExploitationType.values))
    )
    + OPEN_IN_PERIOD
)
SUPPORT = """
    SELECT a.area, i.currency, COUNT(DISTINCT p.case_id), SUM(i.amount)
    FROM plans_supportitem i
      JOIN plans_action a ON a.id = i.action_id
      JOIN plans_plan p ON p.id = a.plan_id
      JOIN cases_case c ON c.id = p.case_id
    WHERE c.organisation_id = %(organisation)s AND i.given_on >= %(start)s AND i.given_on <= %(end)s
    GROUP BY a.area, i.currency
"""


def by_hand(organisation_id: int, start: date, end: date) -> dict[str, dict[Any, Any]]:
    """The report's aggregates with the hand-written SQL above, summed up as the report does."""
    params: dict[str, Any] = {
        "organisation": organisation_id,
        "start": start,
        "end": end,
        "start_moment": timezone.make_aware(datetime.combine(start, time.min)),
        **{f"code_{n}": f'%"{code}"%' for n, code in enumerate(ExploitationType.values)},
    }
    figures: dict[str, dict[Any, Any]] = defaultdict(lambda: defaultdict(int))
    with connection.cursor() as cursor:
        cursor.execute(PERSONS, params)
        for sex, band, nationality, identification, n in cursor.fetchall():
            figures["persons_by_age_and_sex"][(band, sex)] += n
            figures["persons_by_nationality"][nationality or UNKNOWN] += n
            figures["persons_by_identification"][identification] += n
        cursor.execute(EXPLOITATION, params)
        counts = cursor.fetchone()
        figures["persons_by_exploitation"] = dict(zip(ExploitationType.values, (n or 0 for n in counts), strict=True))
        cursor.execute(SUPPORT, params)
        for area, currency, persons, amount in cursor.fetchall():
            figures[f"support_persons_{currency}"][area] = persons
            figures[f"support_amount_{currency}"][area] = amount
    return figures


def compare(report: Report, hand: dict[str, dict[Any, Any]]) -> int:
    """Every figure the report shows must be the hand-written one; returns how many were compared."""
    compared = 0
    for table in report.tables:
        if table.key not in hand:
            raise SystemExit(f"No hand-written SQL for the report's table {table.key}: add it to bench/report.py.")
        expected = hand[table.key]
        for row_code, row in zip(table.row_codes, table.cells, strict=True):
            for column_code, figure in zip(table.column_codes, row, strict=True):
                if figure.value is None:
                    continue
                key = (row_code, column_code) if table.is_two_way else row_code
                # SQLite hands sums of money back as floats: compared as the report's Decimal.
                value = expected.get(key, 0)
                if isinstance(figure.value, Decimal):
                    value = Decimal(str(value)).quantize(figure.value)
                if figure.value != value:
                    raise SystemExit(f"{table.key} {key}: the report says {figure.value}, SQL {value}")
                compared += 1
    return compared


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _run in range(runs):
        started = perf_counter()
        work()
        times.append(perf_counter() - started)
    return min(times)


def measure() -> dict[str, object]:
    organisation = Organisation.objects.get(code="synth")
    start, end = default_period(timezone.localdate())
    ids = (organisation.pk,)
    compared = compare(build_report(ids, start, end), by_hand(organisation.pk, start, end))
    report_seconds = best_of(RUNS, lambda: build_report(ids, start, end))
    sql_seconds = best_of(RUNS, lambda: by_hand(organisation.pk, start, end))
    return {
        "seconds": round(report_seconds, 3),
        "sql_seconds": round(sql_seconds, 3),
        "ratio_to_sql": round(report_seconds / sql_seconds, 2) if sql_seconds else None,
        "figures_compared": compared,
        "runs": RUNS,
    }


if __name__ == "__main__":
    print(json.dumps(measure()))
