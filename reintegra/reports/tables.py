"""Published tables: labelled rows and columns of suppressed figures, ready for the page, the
downloads and the API alike, so that all of them show the same figures hidden the same way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from reintegra.reports.suppression import Figure, Mark, suppress_one_way, suppress_two_way


@dataclass(frozen=True)
class Table:
    """Rows by columns of figures. A one-way table has one column; `row_totals` is then None."""

    key: str
    title: str
    row_heading: str
    row_codes: list[str]
    row_labels: list[str]
    column_codes: list[str]
    column_labels: list[str]
    cells: list[list[Figure]]
    row_totals: list[Figure] | None
    column_totals: list[Figure]
    total: Figure
    total_label: str
    note: str = ""
    # HXL hashtags (hxl.tags): one for the row labels, one a column, one for the row totals.
    hxl: list[str] = field(default_factory=list)

    @property
    def rows(self) -> list[tuple[str, list[Figure], Figure | None]]:
        totals: list[Figure | None] = [None] * len(self.cells) if self.row_totals is None else list(self.row_totals)
        return list(zip(self.row_labels, self.cells, totals, strict=True))

    @property
    def is_two_way(self) -> bool:
        return self.row_totals is not None

    def shown_values(self) -> list[int | Decimal]:
        return [figure.value for row in self.cells for figure in row if figure.value is not None]


def one_way(
    *,
    key: str,
    title: str,
    row_heading: str,
    column_label: str,
    categories: Sequence[tuple[str, object]],
    counts: dict[str, int],
    k: int,
    total_label: str,
    hxl: list[str],
    note: str = "",
) -> Table:
    published = suppress_one_way([counts.get(code, 0) for code, _label in categories], k=k)
    return Table(
        key=key,
        title=title,
        row_heading=row_heading,
        row_codes=[code for code, _label in categories],
        row_labels=[str(label) for _code, label in categories],
        column_codes=["count"],
        column_labels=[column_label],
        cells=[[figure] for figure in published.cells],
        row_totals=None,
        column_totals=[published.total],
        total=published.total,
        total_label=total_label,
        note=note,
        hxl=hxl,
    )


def two_way(
    *,
    key: str,
    title: str,
    row_heading: str,
    rows: Sequence[tuple[str, object]],
    columns: Sequence[tuple[str, object]],
    counts: dict[tuple[str, str], int],
    k: int,
    total_label: str,
    hxl: list[str],
    note: str = "",
) -> Table:
    published = suppress_two_way([[counts.get((r, c), 0) for c, _l in columns] for r, _l in rows], k=k)
    return Table(
        key=key,
        title=title,
        row_heading=row_heading,
        row_codes=[code for code, _label in rows],
        row_labels=[str(label) for _code, label in rows],
        column_codes=[code for code, _label in columns],
        column_labels=[str(label) for _code, label in columns],
        cells=published.cells,
        row_totals=published.row_totals,
        column_totals=published.column_totals,
        total=published.total,
        total_label=total_label,
        note=note,
        hxl=hxl,
    )


def amounts_like(
    counts: Table, amounts: dict[str, Decimal], *, key: str, title: str, column_label: str, hxl: list[str]
) -> Table:
    """Sums of money beside a one-way table of persons: a sum is hidden wherever the number of
    persons it adds up is, since a sum over few persons tells about each of them."""
    cells = [
        [_amount(amounts.get(code, Decimal(0)), row[0])]
        for code, row in zip(counts.row_codes, counts.cells, strict=True)
    ]
    total = _amount(sum(amounts.values(), Decimal(0)), counts.total)
    return Table(
        key=key,
        title=title,
        row_heading=counts.row_heading,
        row_codes=counts.row_codes,
        row_labels=counts.row_labels,
        column_codes=["amount"],
        column_labels=[column_label],
        cells=cells,
        row_totals=None,
        column_totals=[total],
        total=total,
        total_label=counts.total_label,
        hxl=hxl,
    )


def _amount(value: Decimal, persons: Figure) -> Figure:
    if persons.hidden:
        return Figure(
            value=None,
            mark=Mark.COMPLEMENTARY if persons.mark != Mark.WITHHELD else Mark.WITHHELD,
            min_cell=persons.min_cell,
        )
    return Figure(value=value, mark=Mark.SHOWN, min_cell=persons.min_cell)  # type: ignore[arg-type]
