"""The HTCDS export: the cases a supervisor may see whose person agreed to their record being
passed on, one row each (exchange.records), as a CSV stream. Rows are read and written a
thousand at a time, so memory stays flat however many there are; each thousand is logged,
naming its cases, before a byte of it is sent."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date

from django.db import transaction

from reintegra.accounts.models import User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.cases.access import export_sections
from reintegra.cases.models import Case
from reintegra.exchange import access, records
from reintegra.exchange.spreadsheets import Echo, neutralise

CHUNK = 1000
# Excel reads a CSV file as UTF-8 only when it begins with the byte-order mark; without it,
# names in Thai or Cyrillic come out garbled. Our import takes the mark.
BOM = "\ufeff"


def htcds_rows(user: User, *, on: date) -> Iterator[list[str]]:
    """The header, then one row per case the user may export on `on`."""
    agreed, _not_agreed = access.cases_to_export(user, on=on)
    yield records.header()
    chunk: list[Case] = []
    for case in agreed.select_related("supervisor", "organisation").order_by("pk").iterator(chunk_size=CHUNK):
        chunk.append(case)
        if len(chunk) == CHUNK:
            yield from _logged_rows(user, chunk)
            chunk = []
    yield from _logged_rows(user, chunk)


def _logged_rows(user: User, cases: list[Case]) -> Iterator[list[str]]:
    if not cases:
        return
    with transaction.atomic():
        log.log_search(
            actor=user,
            action=AuditAction.EXPORT_HTCDS,
            terms={"exported": ",".join(str(case.pk) for case in cases)},
            result_count=len(cases),
        )
    sections = {case.pk: export_sections(user, case) for case in cases}
    access.attach_export_related(cases, sections)
    for case in cases:
        yield [neutralise(cell) for cell in records.row_for(case, sections[case.pk])]


def csv_lines(rows: Iterator[list[str]]) -> Iterator[str]:
    writer = csv.writer(Echo())
    yield BOM
    for row in rows:
        yield writer.writerow(row)
