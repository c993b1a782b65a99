"""Outcome trajectories as SVG drawn on the server: readable without JavaScript, printable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reintegra.outcomes.rules import numeric

WIDTH, HEIGHT, LEFT, TOP, BOTTOM, RIGHT = 420, 120, 28, 10, 22, 10


@dataclass(frozen=True)
class Series:
    points: list[tuple[float, float]]
    path: str


@dataclass(frozen=True)
class Chart:
    worker: Series
    person: Series
    ticks: list[tuple[float, str, str]]  # x, date label, text anchor
    width: int = WIDTH
    height: int = HEIGHT


def _y(score: int) -> float:
    return TOP + (5 - score) * (HEIGHT - TOP - BOTTOM) / 4


def _x(day: date, first: date, last: date) -> float:
    span = max((last - first).days, 1)
    return LEFT + (day - first).days * (WIDTH - LEFT - RIGHT) / span


def _series(points: list[tuple[float, float]]) -> Series:
    path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(points))
    return Series(points, path)


def trajectory(history: list[tuple[date, str, str]]) -> Chart | None:
    """One outcome over time: (review date, worker score, person score). Reviews without a
    numeric score leave a gap rather than a false zero."""
    dated = sorted(history)
    if not dated:
        return None
    first, last = dated[0][0], dated[-1][0]
    worker = [(_x(d, first, last), _y(v)) for d, w, _p in dated if (v := numeric(w)) is not None]
    person = [(_x(d, first, last), _y(v)) for d, _w, p in dated if (v := numeric(p)) is not None]
    # The end labels are anchored inwards so they are never cut off at the edges.
    ticks = [(_x(first, first, last), first.isoformat(), "start")]
    if last != first:
        ticks.append((_x(last, first, last), last.isoformat(), "end"))
    return Chart(_series(worker), _series(person), ticks)


GRID = [(score, _y(score)) for score in range(1, 6)]
