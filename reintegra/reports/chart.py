"""Bar charts of a published table, drawn as SVG on the server: no script, no inline style (the
CSP forbids both); the look comes from classes in static/css/app.css. A hidden figure gets no bar,
only its mark, so a chart never shows more than its table."""

from __future__ import annotations

from dataclasses import dataclass

from reintegra.reports.suppression import Figure
from reintegra.reports.tables import Table

LABEL_WIDTH = 150
BAR_SPACE = 220
ROW_HEIGHT = 18


@dataclass(frozen=True)
class Bar:
    label: str
    text: str
    y: int
    width: int
    hidden: bool

    @property
    def text_x(self) -> int:
        return LABEL_WIDTH + self.width + 4

    @property
    def text_y(self) -> int:
        return self.y + 12


@dataclass(frozen=True)
class Chart:
    title: str
    width: int
    height: int
    bars: list[Bar]
    label_x: int = LABEL_WIDTH - 4
    bar_x: int = LABEL_WIDTH
    bar_height: int = ROW_HEIGHT - 4


def bar_chart(table: Table) -> Chart:
    """One bar a row: the row's figure in a one-way table, its total in a two-way one."""
    figures: list[Figure] = list(table.row_totals) if table.row_totals is not None else [row[0] for row in table.cells]
    shown = [float(figure.value) for figure in figures if figure.value is not None]
    largest = max(shown, default=0.0) or 1.0
    bars = [
        Bar(
            label=label if len(label) <= 24 else label[:23] + "…",
            text=figure.text,
            y=4 + index * ROW_HEIGHT,
            width=0 if figure.value is None else max(1, round(BAR_SPACE * float(figure.value) / largest)),
            hidden=figure.hidden,
        )
        for index, (label, figure) in enumerate(zip(table.row_labels, figures, strict=True))
    ]
    return Chart(title=table.title, width=LABEL_WIDTH + BAR_SPACE + 60, height=8 + len(bars) * ROW_HEIGHT, bars=bars)
