"""The report's tables as CSV and XLSX: the same suppressed figures as the page, each table under
its title with a header row, then a row of HXL hashtags (hxl.tags) so that humanitarian tools can
read the columns, then its rows and totals.

Labels can come from what people typed (a country's name, a category added later): any text cell
that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return)
gets a leading apostrophe, so it stays text."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook

from reintegra.reports.queries import Report
from reintegra.reports.suppression import Figure
from reintegra.reports.tables import Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


Cell = str | int | Decimal


def _figure(figure: Figure) -> Cell:
    return figure.value if figure.value is not None else figure.text


def table_rows(table: Table) -> Iterator[list[Cell]]:
    """Title, header, hashtags, rows, totals; text neutralised, numbers left as numbers."""
    yield [neutralise(table.title)]
    total_column = [_("Total")] if table.is_two_way else []
    yield [neutralise(text) for text in [table.row_heading, *table.column_labels, *total_column]]
    yield list(table.hxl)
    for label, cells, row_total in table.rows:
        figures = [*cells, *([row_total] if row_total is not None else [])]
        yield [neutralise(label), *(_figure(f) for f in figures)]
    totals = [*table.column_totals, *([table.total] if table.is_two_way else [])]
    yield [neutralise(table.total_label), *(_figure(f) for f in totals)]


def _preamble(report: Report, name: str) -> list[list[Cell]]:
    return [
        [neutralise(name)],
        [_("Period"), report.start.isoformat(), report.end.isoformat()],
        [
            neutralise(
                _(
                    'Counts of 1 to %(below)s are shown as "<%(k)s"; "x" marks a figure hidden so that they cannot be worked out.'
                )
                % {"below": report.min_cell - 1, "k": report.min_cell}
            )
        ],
    ]


def as_csv(report: Report, name: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in _preamble(report, name):
        writer.writerow(row)
    for table in report.tables:
        writer.writerow([])
        for row in table_rows(table):
            writer.writerow(row)
    # With a byte-order mark, spreadsheet programs read the file as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(report: Report, name: str) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = _("Report")[:31]
    for row in _preamble(report, name):
        summary.append(row)
    for index, table in enumerate(report.tables, start=1):
        # Sheet names: 31 characters at most and none of []:*?/\ ; the table's number is enough.
        sheet = book.create_sheet(title=f"{index}")
        for row in table_rows(table):
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
