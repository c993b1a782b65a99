"""Small-cell suppression for published tables of counts. Pure functions over integers: no model,
no request, no label. The report layer attaches labels afterwards.

The rule: a count of 1 to k-1 persons is published as "<k" (primary suppression). Then further
figures are hidden (complementary suppression, shown as "x") until no hidden small count can be
worked out from what is published: the other cells, the totals, and what the marks themselves
say (a "<k" is between 1 and k-1; an "x" is a count of k or more, since it is neither zero nor
small).

Zeros are published and are never hidden to protect another figure. A zero counts nobody, so it
identifies nobody; categories that are empty by nature (no men in a women's shelter) are known
anyway, and hiding them would protect nothing while forcing real figures to be hidden instead.
A hidden zero would also protect nothing under this rule: anyone who knows the rule knows that an
"x" is not zero. The risk zeros leave is that a whole small group shares one category (all "<k"
of one nationality are women); tables here are one or two categories at a time, so that tells
something about a group of k or more, not about a person. The research extract, which crosses
more categories, needs its own rule.

What is guaranteed, and what the property tests in tests/test_suppression.py check by listing
every table an attacker could believe:
- every line (a row or column with its total) holds no hidden figure or at least two;
- where a line's total is published, its hidden figures add up to k or more, so the hidden part
  of a line is not itself a small group;
- every hidden small count can take at least two values among all tables of non-negative counts
  that agree with everything published (checked exactly: `_can_move`);
- the grand total is hidden only when it is small itself: other tables of the same report
  publish it, so hiding it here would protect nothing.
When no choice of further cells achieves this, the whole table is withheld: only its grand total
(when not small) is published.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Mark(StrEnum):
    SHOWN = ""
    SMALL = "small"  # 1 to k-1: primary suppression, shown as "<k"
    COMPLEMENTARY = "complementary"  # k or more, hidden so that a small one cannot be worked out
    WITHHELD = "withheld"  # the table could not be protected cell by cell: every cell is hidden


@dataclass(frozen=True)
class Figure:
    """One published figure: its value, or None when hidden, and why it is hidden. The true value
    of a hidden figure is not kept, so no template or export can print it by mistake."""

    value: int | Decimal | None  # a count, or a sum of money beside one (tables.amounts_like)
    mark: Mark
    min_cell: int

    @property
    def hidden(self) -> bool:
        return self.mark != Mark.SHOWN

    @property
    def text(self) -> str:
        if self.mark == Mark.SHOWN:
            return str(self.value)
        if self.mark == Mark.SMALL:
            return f"<{self.min_cell}"
        return "x"


@dataclass(frozen=True)
class OneWay:
    cells: list[Figure]
    total: Figure


@dataclass(frozen=True)
class TwoWay:
    cells: list[list[Figure]]
    row_totals: list[Figure]
    column_totals: list[Figure]
    total: Figure


def is_small(value: int, k: int) -> bool:
    return 0 < value < k


# --- The general form: entries bound by additive lines ---------------------------------------------
#
# A two-way table with its margins is an (R+1) x (C+1) array. Writing each margin with a minus
# sign (and the grand total with a plus), every row and every column of that array adds up to
# zero. Hidden figures are then the edges of a bipartite graph between its rows and its columns,
# and the published figures stay true under a change of the hidden ones exactly when the change
# goes round cycles of that graph, with alternating signs. A one-way table is the same with one
# row and no column totals (the one row's total is its grand total).


@dataclass
class _Grid:
    values: list[list[int]]  # the extended array's counts (all non-negative)
    signs: list[list[int]]  # +1 for cells and the grand total, -1 for margins
    present: list[list[bool]]  # entries that exist (a one-way table has no column totals)
    grand: tuple[int, int]
    k: int
    one_way: bool = False

    def entries(self) -> list[tuple[int, int]]:
        return [(i, j) for i in range(len(self.values)) for j in range(len(self.values[0])) if self.present[i][j]]

    def row_lines(self) -> list[list[tuple[int, int]]]:
        lines = []
        for i in range(len(self.values)):
            line = [(i, j) for j in range(len(self.values[0])) if self.present[i][j]]
            if len(line) > 1:
                lines.append(line)
        return lines

    def column_lines(self) -> list[list[tuple[int, int]]]:
        lines = []
        for j in range(len(self.values[0])):
            line = [(i, j) for i in range(len(self.values)) if self.present[i][j]]
            if len(line) > 1:
                lines.append(line)
        return lines


def _suppress(grid: _Grid, total_of: dict[int, tuple[int, int]]) -> dict[tuple[int, int], Mark]:
    """Marks for every entry. `total_of` maps a line's index (rows first, then columns) to the
    entry that is that line's total."""
    k = grid.k
    marks = dict.fromkeys(grid.entries(), Mark.SHOWN)
    for entry in marks:
        if is_small(grid.values[entry[0]][entry[1]], k):
            marks[entry] = Mark.SMALL
    lines = grid.row_lines() + grid.column_lines()

    def candidates(among: list[tuple[int, int]]) -> list[tuple[int, int]]:
        # Figures that may be hidden to protect another: not zero (see the module's notes), not
        # the grand total (other tables publish it); inner cells before margins, smaller first.
        found = [
            entry
            for entry in among
            if marks[entry] == Mark.SHOWN and grid.values[entry[0]][entry[1]] > 0 and entry != grid.grand
        ]
        return sorted(found, key=lambda e: (grid.signs[e[0]][e[1]] < 0, grid.values[e[0]][e[1]], e))

    def hide(entry: tuple[int, int]) -> None:
        marks[entry] = Mark.COMPLEMENTARY

    changed = True
    while changed:
        changed = False
        for index, line in enumerate(lines):
            hidden = [entry for entry in line if marks[entry] != Mark.SHOWN]
            if not hidden:
                continue
            total = total_of.get(index)
            hidden_sum = sum(grid.values[i][j] for i, j in hidden if (i, j) != total)
            needs_more = len(hidden) == 1 or (
                total is not None and marks[total] == Mark.SHOWN and is_small(hidden_sum, k)
            )
            if needs_more:
                options = candidates([entry for entry in line if entry != total]) or candidates(line)
                if not options:
                    return _withheld(grid)
                hide(options[0])
                changed = True
        if changed:
            continue
        for entry, mark in list(marks.items()):
            if mark == Mark.SMALL and not _protected(grid, marks, entry):
                i, j = entry
                near = [e for e in grid.entries() if (e[0] == i) != (e[1] == j)]
                options = [o for o in candidates(grid.entries()) if _helps(grid, marks, entry, o)]
                options = options or candidates(near) or candidates(grid.entries())
                if not options:
                    return _withheld(grid)
                hide(options[0])
                changed = True
                break
    return marks


def _withheld(grid: _Grid) -> dict[tuple[int, int], Mark]:
    marks = dict.fromkeys(grid.entries(), Mark.WITHHELD)
    gi, gj = grid.grand
    if not is_small(grid.values[gi][gj], grid.k):
        marks[grid.grand] = Mark.SHOWN
    else:
        marks[grid.grand] = Mark.SMALL
    return marks


def _helps(grid: _Grid, marks: dict[tuple[int, int], Mark], entry: tuple[int, int], option: tuple[int, int]) -> bool:
    trial = dict(marks)
    trial[option] = Mark.COMPLEMENTARY
    return _protected(grid, trial, entry)


def _protected(grid: _Grid, marks: dict[tuple[int, int], Mark], entry: tuple[int, int]) -> bool:
    return _can_move(grid, marks, entry, +1) or _can_move(grid, marks, entry, -1)


def _step_allowed(grid: _Grid, mark: Mark, entry: tuple[int, int], delta: int) -> bool:
    """May this hidden entry's count change by `delta` (in the signed array) and still agree
    with what its mark tells: "<k" is 1..k-1, "x" is k or more, a withheld figure is anything."""
    i, j = entry
    count = grid.values[i][j] + grid.signs[i][j] * delta
    if mark == Mark.SMALL:
        return 1 <= count <= grid.k - 1
    if mark == Mark.COMPLEMENTARY:
        return count >= grid.k
    return count >= 0


def _can_move(grid: _Grid, marks: dict[tuple[int, int], Mark], entry: tuple[int, int], sign: int) -> bool:
    """Is there another table agreeing with everything published in which this entry differs?
    Exactly when a cycle of hidden entries through it admits a change of one, alternating in
    sign: any other such table differs from the true one by a sum of such cycles, each moving in
    the direction of the whole (the conformal decomposition of a circulation), and the bounds
    each mark allows are intervals."""
    r0, c0 = entry
    if not _step_allowed(grid, marks[entry], entry, sign):
        return False
    if grid.one_way:
        # One line: another hidden category moves the other way, or the hidden total (written
        # with a minus sign) moves with it; in the signed array both change by -sign.
        others = [e for e, mark in marks.items() if mark != Mark.SHOWN and e != entry]
        return any(_step_allowed(grid, marks[e], e, -sign) for e in others)
    rows, columns = len(grid.values), len(grid.values[0])
    hidden = [(i, j) for i in range(rows) for j in range(columns) if grid.present[i][j] and marks[(i, j)] != Mark.SHOWN]
    # Nodes: ("r", i) and ("c", j). From a column, step to a row along an entry changed by -sign;
    # from a row, to a column along an entry changed by +sign. Breadth first: the path found is
    # simple, so no entry is changed twice.
    start, goal = ("c", c0), ("r", r0)
    seen = {start}
    queue = deque([start])
    while queue:
        kind, index = queue.popleft()
        for i, j in hidden:
            if (i, j) == entry:
                continue
            if kind == "c" and j == index and _step_allowed(grid, marks[(i, j)], (i, j), -sign):
                node = ("r", i)
            elif kind == "r" and i == index and _step_allowed(grid, marks[(i, j)], (i, j), sign):
                node = ("c", j)
            else:
                continue
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                queue.append(node)
    return False


# --- Public functions -----------------------------------------------------------------------------


def suppress_one_way(counts: Sequence[int], *, k: int) -> OneWay:
    """A list of categories and their total (the sum of the categories)."""
    _check(counts, k)
    values = [[*list(counts), sum(counts)]]
    n = len(counts)
    grid = _Grid(
        values=values,
        signs=[[1] * n + [-1]],
        present=[[True] * (n + 1)],
        grand=(0, n),
        k=k,
        one_way=True,
    )
    marks = _suppress(grid, {0: (0, n)}) if n else {(0, 0): _total_mark(values[0][0], k)}
    figures = [_figure(values[0][j], marks[(0, j)], k) for j in range(n + 1)]
    return OneWay(cells=figures[:n], total=figures[n])


def suppress_two_way(counts: Sequence[Sequence[int]], *, k: int) -> TwoWay:
    """A table of rows by columns with row totals, column totals and the grand total."""
    rows = len(counts)
    columns = len(counts[0]) if rows else 0
    if any(len(row) != columns for row in counts):
        raise ValueError("Every row has as many cells as the first.")
    for row in counts:
        _check(row, k)
    row_totals = [sum(row) for row in counts]
    column_totals = [sum(counts[i][j] for i in range(rows)) for j in range(columns)]
    grand = sum(row_totals)
    if not rows or not columns:
        total = _figure(grand, _total_mark(grand, k), k)
        return TwoWay(
            cells=[[] for _ in range(rows)],
            row_totals=[_figure(v, _total_mark(v, k), k) for v in row_totals],
            column_totals=[_figure(v, _total_mark(v, k), k) for v in column_totals],
            total=total,
        )
    values = [[*list(counts[i]), row_totals[i]] for i in range(rows)] + [[*column_totals, grand]]
    signs = [[1] * columns + [-1] for _ in range(rows)] + [[-1] * columns + [1]]
    present = [[True] * (columns + 1) for _ in range(rows + 1)]
    grid = _Grid(values=values, signs=signs, present=present, grand=(rows, columns), k=k)
    total_of = {i: (i, columns) for i in range(rows + 1)}
    total_of.update({rows + 1 + j: (rows, j) for j in range(columns + 1)})
    marks = _suppress(grid, total_of)
    figure = lambda i, j: _figure(values[i][j], marks[(i, j)], k)  # noqa: E731
    return TwoWay(
        cells=[[figure(i, j) for j in range(columns)] for i in range(rows)],
        row_totals=[figure(i, columns) for i in range(rows)],
        column_totals=[figure(rows, j) for j in range(columns)],
        total=figure(rows, columns),
    )


def _total_mark(value: int, k: int) -> Mark:
    return Mark.SMALL if is_small(value, k) else Mark.SHOWN


def _figure(value: int, mark: Mark, k: int) -> Figure:
    return Figure(value=value if mark == Mark.SHOWN else None, mark=mark, min_cell=k)


def _check(counts: Sequence[int], k: int) -> None:
    if k < 3:
        # With k = 2 a "<2" can only be 1: nothing could protect it.
        raise ValueError("The smallest publishable count is 3 or more.")
    if any(value < 0 for value in counts):
        raise ValueError("Counts are not negative.")
