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
from datetime import UTC, date, datetime, time, timedelta
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
from reintegra.followups.schedule import OVERDUE_GRACE_DAYS  # noqa: E402
from reintegra.orgs.models import Organisation  # noqa: E402
from reintegra.outcomes.models import NUMERIC  # noqa: E402
from reintegra.reports.forms import default_period  # noqa: E402
from reintegra.reports.queries import (  # noqa: E402
    ANSWER_BANDS,
    REFERRAL_FATES,
    UNKNOWN,
    Report,
    build_report,
)

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

# Referrals sent in the period, with their fate (queries.REFERRAL_FATES) and time to answer in
# whole days (queries.ANSWER_BANDS); persons counted, not referrals. The waiting time is worked
# out in each database's own date arithmetic.
REFERRAL_FATE = (
    "CASE "
    + " ".join(
        "WHEN r.status IN ({}) THEN '{}'".format(", ".join(f"'{status}'" for status in statuses), code)
        for code, statuses in REFERRAL_FATES.items()
    )
    + " ELSE 'unknown' END"
)
WAITED_DAYS = {
    "sqlite": "(julianday(r.answered_at) - julianday(r.sent_at))",
    "postgresql": "(EXTRACT(EPOCH FROM r.answered_at - r.sent_at) / 86400)",
}
ANSWER_BAND = (
    "CASE WHEN r.answered_at IS NULL AND r.status = 'sent' THEN 'waiting' "
    "WHEN r.answered_at IS NULL THEN 'withdrawn' "
    + " ".join(f"WHEN {{waited}} < {days} THEN '{code}'" for code, days in ANSWER_BANDS)
    + " ELSE 'over-10' END"
)
REFERRALS_SENT = """
    FROM referrals_referral r JOIN cases_case c ON c.id = r.case_id
    WHERE c.organisation_id = %(organisation)s AND r.sent_at >= %(start_moment)s AND r.sent_at < %(after_end_moment)s
"""
REFERRALS_BY_FATE = f"SELECT r.area, {REFERRAL_FATE}, COUNT(DISTINCT r.case_id)" + REFERRALS_SENT + "GROUP BY 1, 2"
REFERRALS_BY_ANSWER = "SELECT {band}, COUNT(DISTINCT r.case_id)" + REFERRALS_SENT + "GROUP BY 1"
# Each person's best contact in the period: reached, else tried and missed, else cancelled.
CONTACTS = (
    "SELECT best, COUNT(*) FROM (SELECT s.case_id, "  # noqa: S608 (constants only: nothing from outside)
    "MIN(CASE WHEN k.outcome = 'reached' THEN 0 WHEN k.outcome IN ('no_answer', 'missed') THEN 1 ELSE 2 END) AS best"
    + OPEN_IN_PERIOD.replace("WHERE", "JOIN followups_contact k ON k.case_id = s.case_id WHERE", 1)
    + """ AND k.at >= %(start_moment)s AND k.at < %(after_end_moment)s
      GROUP BY s.case_id
    ) best_contacts GROUP BY best
    """
)
CONTACT_RESULT = {0: "reached", 1: "missed", 2: "cancelled"}
# Where each open case's schedule stands today (only when the period ends today).
FOLLOWUP_TODAY = (
    """
    SELECT CASE WHEN f.id IS NULL THEN 'not_started'
                WHEN f.next_due_on IS NULL THEN 'over'
                WHEN f.next_due_on > %(today)s THEN 'later'
                WHEN f.next_due_on >= %(late_before)s THEN 'due'
                ELSE 'late' END, COUNT(*)
    """
    + OPEN_IN_PERIOD.replace("WHERE", "LEFT JOIN followups_followup f ON f.case_id = c.id WHERE", 1)
    + " AND c.status <> 'closed' GROUP BY 1"
)
# Each case's first review ever and its latest by the end of the period, when they differ; the
# same domain's ratings at both, grouped by the scores, put in order in Python as the report does.
OUTCOME_CHANGES = (
    "WITH pairs AS ("  # noqa: S608 (constants only: nothing from outside)
    """
      SELECT (SELECT v.id FROM outcomes_review v WHERE v.case_id = s.case_id
              ORDER BY v.reviewed_on, v.id LIMIT 1) AS first_id,
             (SELECT v.id FROM outcomes_review v WHERE v.case_id = s.case_id AND v.reviewed_on <= %(end)s
              ORDER BY v.reviewed_on DESC, v.id DESC LIMIT 1) AS latest_id
    """
    + OPEN_IN_PERIOD
    + """
    )
    SELECT a.outcome, b.person_score, a.person_score, b.worker_score, a.worker_score, COUNT(*)
    FROM pairs
      JOIN outcomes_rating a ON a.review_id = pairs.latest_id
      LEFT JOIN outcomes_rating b ON b.review_id = pairs.first_id AND b.outcome = a.outcome
    WHERE pairs.first_id <> pairs.latest_id
    GROUP BY 1, 2, 3, 4, 5
    """
)
COMPLAINTS = """
    SELECT kind, channel, answer_by, answered_at, COUNT(*) FROM complaints_complaint
    WHERE organisation_id = %(organisation)s AND received_at >= %(start_moment)s AND received_at < %(after_end_moment)s
    GROUP BY 1, 2, 3, 4
"""
EMERGENCY_ACCESS = """
    SELECT EXISTS (
             SELECT 1 FROM accounts_rolegrant g WHERE g.user_id = e.user_id AND g.role = 'supervisor'
           ), COUNT(*)
    FROM cases_emergencyaccess e JOIN cases_case c ON c.id = e.case_id
    WHERE c.organisation_id = %(organisation)s
      AND e.granted_at >= %(start_moment)s AND e.granted_at < %(after_end_moment)s
    GROUP BY 1
"""
UNMET_NEEDS = """
    FROM directory_unmetneed u JOIN cases_case c ON c.id = u.case_id
    WHERE c.organisation_id = %(organisation)s AND u.recorded_on >= %(start)s AND u.recorded_on <= %(end)s
"""


SCORES: dict[str | None, int] = {str(score): value for score, value in NUMERIC.items()}


def change(before: str | None, latest: str) -> str | None:
    first_value, latest_value = SCORES.get(before), SCORES.get(latest)
    if first_value is None or latest_value is None:
        return None
    return "improved" if latest_value > first_value else "worse" if latest_value < first_value else "unchanged"


def by_hand(organisation_id: int, start: date, end: date) -> dict[str, dict[Any, Any]]:
    """The report's aggregates with the hand-written SQL above, summed up as the report does."""
    params: dict[str, Any] = {
        "organisation": organisation_id,
        "start": start,
        "end": end,
        "start_moment": timezone.make_aware(datetime.combine(start, time.min)),
        "after_end_moment": timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min)),
        "today": timezone.localdate(),
        "late_before": timezone.localdate() - timedelta(days=OVERDUE_GRACE_DAYS),
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
        cursor.execute(REFERRALS_BY_FATE, params)
        for area, fate, persons in cursor.fetchall():
            figures["referrals_by_area_and_fate"][(area, fate)] = persons
        cursor.execute(
            REFERRALS_BY_ANSWER.format(band=ANSWER_BAND.format(waited=WAITED_DAYS[connection.vendor])), params
        )
        figures["referrals_by_answer_time"] = dict(cursor.fetchall())
        cursor.execute(CONTACTS, params)
        figures["followup_contacts"] = {CONTACT_RESULT[best]: persons for best, persons in cursor.fetchall()}
        if end >= params["today"]:
            cursor.execute(FOLLOWUP_TODAY, params)
            figures["followup_today"] = dict(cursor.fetchall())
        cursor.execute(OUTCOME_CHANGES, params)
        for outcome, person_before, person_latest, worker_before, worker_latest, persons in cursor.fetchall():
            for key, before, latest in (
                ("outcomes_person", person_before, person_latest),
                ("outcomes_worker", worker_before, worker_latest),
            ):
                direction = change(before, latest)
                if direction is not None:
                    figures[key][(outcome, direction)] += persons
        cursor.execute("SELECT u.area, COUNT(DISTINCT u.case_id)" + UNMET_NEEDS + "GROUP BY u.area", params)
        figures["unmet_needs_by_area"] = dict(cursor.fetchall())
        cursor.execute("SELECT u.reason, COUNT(DISTINCT u.case_id)" + UNMET_NEEDS + "GROUP BY u.reason", params)
        figures["unmet_needs_by_reason"] = dict(cursor.fetchall())
        cursor.execute(COMPLAINTS, params)
        zone = Organisation.objects.get(pk=organisation_id).tzinfo
        now = timezone.now()
        for kind, channel, answer_by, answered_at, n in cursor.fetchall():
            figures["complaints_by_kind"][kind] += n
            figures["complaints_by_channel"][channel] += n
            # The days are the office's: which side of the answer date each complaint falls.
            if answered_at is not None:
                answered_at = answered_at if timezone.is_aware(answered_at) else timezone.make_aware(answered_at, UTC)
                where = "in_time" if answered_at.astimezone(zone).date() <= answer_by else "late"
            else:
                where = "waiting" if now.astimezone(zone).date() <= answer_by else "overdue"
            figures["complaints_by_answer"][where] += n
        cursor.execute(EMERGENCY_ACCESS, params)
        for by_supervisor, n in cursor.fetchall():
            figures["emergency_access_by_role"]["supervisor" if by_supervisor else "case_worker"] += n
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
