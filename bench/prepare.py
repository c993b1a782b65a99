"""Benchmark set-up inside Django, run by bench/run.py with the benchmark's environment.

`python bench/prepare.py users PASSWORD` gives the benchmark worker and supervisor a
password, issues an API token and prints, as JSON, what the load runs need: a case on the
worker's team, its number, and the token.
`python bench/prepare.py measure` prints the database size and the cost of field decryption.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from time import perf_counter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reintegra.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from reintegra.accounts.models import ApiToken, User  # noqa: E402
from reintegra.cases.models import Case, Person  # noqa: E402
from reintegra.demo.management.commands.generate_synthetic import SYNTH_PROVIDER  # noqa: E402

WORKER, MANAGER = "synth.worker1", "synth.manager1"
SAMPLE = 1000


def pick_case(worker: User) -> Case:
    """A case in support with a long history: the case page and the outcome chart at their fullest."""
    case = (
        Case.objects.with_team_member(worker.pk)
        .filter(status__in=["active", "follow_up"])
        .order_by("opened_on", "pk")
        .first()
    )
    if case is None:
        raise SystemExit("The benchmark worker has no case in support; generate more cases.")
    return case


def users(password: str) -> dict[str, object]:
    for username in (WORKER, MANAGER, SYNTH_PROVIDER):
        user = User.objects.get(username=username)
        user.set_password(password)
        user.save(update_fields=["password"])
    worker = User.objects.get(username=WORKER)
    case = pick_case(worker)
    _token, secret = ApiToken.issue(worker)
    return {
        "worker": WORKER,
        "manager": MANAGER,
        "provider": SYNTH_PROVIDER,
        "case_id": case.pk,
        "case_number": case.number,
        "token": secret,
    }


def measure() -> dict[str, object]:
    vendor = connection.vendor
    if vendor == "sqlite":
        db_bytes = Path(connection.settings_dict["NAME"]).stat().st_size
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            db_bytes = cursor.fetchone()[0]
    cases = Case.objects.count()
    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True)[:SAMPLE])
    # The same rows, once as model instances (every identifier decrypted) and once as the raw
    # stored ciphertext: the difference is what decryption costs a page that shows a person.
    started = perf_counter()
    for person in Person.objects.filter(pk__in=ids):
        _ = (person.given_name, person.family_name, person.phones, person.addresses)
    decrypted = perf_counter() - started
    table = connection.ops.quote_name(Person._meta.db_table)
    placeholders = ",".join(["%s"] * len(ids))
    started = perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id IN ({placeholders})", ids)  # noqa: S608
        cursor.fetchall()
    raw = perf_counter() - started
    return {
        "size": {
            "cases": cases,
            "db_mb": round(db_bytes / 1e6, 1),
            "mb_per_1000_cases": round(db_bytes / 1e3 / cases, 2),
        },
        "encryption": {
            "persons": len(ids),
            "decrypted_ms_per_person": round(decrypted * 1000 / max(len(ids), 1), 4),
            "raw_ms_per_person": round(raw * 1000 / max(len(ids), 1), 4),
        },
    }


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "users" and len(sys.argv) == 3:
        print(json.dumps(users(sys.argv[2])))
    elif command == "analyze":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    elif command == "measure":
        print(json.dumps(measure()))
    else:
        raise SystemExit(__doc__)
