"""HTCDS export and bulk import figures, run by bench/run.py on the benchmark's database.

`python bench/exchange.py export FILE [LIMIT]` records every synthetic person's agreement to their
record being passed on (once, in bulk), then writes the HTCDS export as the benchmark supervisor
to FILE, the first LIMIT rows only if given. It prints, as JSON, the rows, the seconds and the
process's peak resident memory before and after: run with a tenth of the rows and with all of
them, the two peaks show whether memory grows with the rows.
`python bench/exchange.py import FILE` checks FILE and imports it into an empty organisation, as
its supervisor, and prints the rows per second of the check, of the writing and of both.
"""

from __future__ import annotations

import json
import os
import resource
import sys
from datetime import timedelta
from itertools import islice
from pathlib import Path
from time import perf_counter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reintegra.settings")

import django

django.setup()

from django.utils import timezone  # noqa: E402

from reintegra.accounts.models import Role, RoleGrant, User  # noqa: E402
from reintegra.cases.models import Case  # noqa: E402
from reintegra.consents.models import Consent, ConsentScope, ConsentStatus  # noqa: E402
from reintegra.exchange import bulk, export  # noqa: E402
from reintegra.exchange.spreadsheets import read_table  # noqa: E402
from reintegra.orgs.models import Organisation, OrganisationType  # noqa: E402

MANAGER = "synth.manager1"
BATCH = 2000


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def agree_everyone(manager: User) -> None:
    """Benchmark data only: the consent each exported case needs, written in bulk without audit."""
    done = set(Consent.objects.filter(scope=ConsentScope.RECORD_TRANSFER).values_list("case_id", flat=True))
    today = timezone.localdate()
    waiting = Case.objects.filter(organisation_id=manager.organisation_pk).exclude(pk__in=done)
    ids = list(waiting.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        Consent.objects.bulk_create(
            Consent(
                case_id=case_id,
                scope=ConsentScope.RECORD_TRANSFER,
                subject="Synthetic: passing the record on",
                status=ConsentStatus.GIVEN,
                decided_on=today,
                information_given="Synthetic consent for the benchmark.",
                language="en",
                understood=True,
                review_on=today + timedelta(days=365),
                recorded_by=manager,
            )
            for case_id in ids[start : start + BATCH]
        )


def export_to(path: str, limit: int | None) -> dict[str, object]:
    manager = User.objects.get(username=MANAGER)
    agree_everyone(manager)
    before = peak_mb()
    started = perf_counter()
    rows = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        lines = export.csv_lines(export.htcds_rows(manager, on=timezone.localdate()))
        for line in islice(lines, None if limit is None else limit + 2):  # the mark and the header
            out.write(line)
            rows += 1
    seconds = perf_counter() - started
    rows -= 2
    return {
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_second": round(rows / seconds, 1) if seconds else None,
        "rss_before_mb": before,
        "peak_rss_mb": peak_mb(),
    }


def import_from(path: str) -> dict[str, object]:
    organisation, _created = Organisation.objects.get_or_create(
        code="benchin", defaults={"name": "Bench import", "org_type": OrganisationType.NGO, "country": "TH"}
    )
    supervisor, created = User.objects.get_or_create(username="benchin.supervisor", organisation=organisation)
    if created:
        RoleGrant.objects.create(user=supervisor, role=Role.SUPERVISOR)
    data = Path(path).read_bytes()
    started = perf_counter()
    result = bulk.check(read_table(data, path), organisation_id=organisation.pk)
    checked = perf_counter()
    if not result.valid:
        raise SystemExit(f"The exported file does not import: {result.problems[:5]}")
    case_ids = bulk.write(actor=supervisor, imported=bulk.read_records(read_table(data, path)), source=path)
    written = perf_counter()
    rows = len(case_ids)
    return {
        "rows": rows,
        "check_rows_per_second": round(rows / (checked - started), 1),
        "write_rows_per_second": round(rows / (written - checked), 1),
        "rows_per_second": round(rows / (written - started), 1),
    }


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "export" and len(sys.argv) in (3, 4):
        print(json.dumps(export_to(sys.argv[2], int(sys.argv[3]) if len(sys.argv) == 4 else None)))
    elif command == "import" and len(sys.argv) == 3:
        print(json.dumps(import_from(sys.argv[2])))
    else:
        raise SystemExit(__doc__)
