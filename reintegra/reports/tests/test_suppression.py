"""Small-cell suppression, proved on random small tables by listing every table an attacker could
believe: all tables of non-negative counts that agree with every published figure and with what
each mark says ("<k" is 1 to k-1, "x" is k or more, a withheld cell anything). Each hidden small
count must take at least two values among them, and the hidden part of a line whose total is
published must not itself be small."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reintegra.reports.suppression import Figure, Mark, OneWay, TwoWay, suppress_one_way, suppress_two_way

SETTINGS = settings(deadline=None, max_examples=150, derandomize=True)


def bounds(figure: Figure, k: int, cap: int) -> tuple[int, int]:
    if figure.mark == Mark.SHOWN:
        assert figure.value is not None
        return figure.value, figure.value
    if figure.mark == Mark.SMALL:
        return 1, k - 1
    if figure.mark == Mark.COMPLEMENTARY:
        return k, cap
    return 0, cap


def within(value: int, figure: Figure, k: int) -> bool:
    low, high = bounds(figure, k, 10**9)
    return low <= value <= high


def believable_tables(
    cells: Sequence[Sequence[Figure]],
    row_totals: Sequence[Figure],
    column_totals: Sequence[Figure] | None,
    total: Figure,
    *,
    k: int,
    cap: int,
) -> Iterator[list[list[int]]]:
    """Every table of counts agreeing with the published figures. Hidden cells with no published
    bound are capped at `cap`, which only leaves tables out: the check is stricter for it."""
    rows, columns = len(cells), len(cells[0])
    order = [(i, j) for i in range(rows) for j in range(columns)]
    table = [[0] * columns for _ in range(rows)]

    def last_open(position: int, same) -> bool:
        return not any(same(order[p]) for p in range(position + 1, len(order)))

    def go(position: int) -> Iterator[list[list[int]]]:
        if position == len(order):
            rows_hold = all(within(sum(table[i]), row_totals[i], k) for i in range(rows))
            columns_hold = column_totals is None or all(
                within(sum(table[i][j] for i in range(rows)), column_totals[j], k) for j in range(columns)
            )
            if rows_hold and columns_hold and within(sum(map(sum, table)), total, k):
                yield [row[:] for row in table]
            return
        i, j = order[position]
        low, high = bounds(cells[i][j], k, cap)
        row_shown = row_totals[i].mark == Mark.SHOWN
        column_shown = column_totals is not None and column_totals[j].mark == Mark.SHOWN
        row_partial = sum(table[i][:j])
        column_partial = sum(table[p][j] for p in range(i))
        if row_shown:
            high = min(high, row_totals[i].value - row_partial)
        if column_shown:
            high = min(high, column_totals[j].value - column_partial)
        if row_shown and last_open(position, lambda e: e[0] == i):
            low = high = row_totals[i].value - row_partial
        elif column_shown and last_open(position, lambda e: e[1] == j):
            low = high = column_totals[j].value - column_partial
        for value in range(max(low, bounds(cells[i][j], k, cap)[0]), min(high, bounds(cells[i][j], k, cap)[1]) + 1):
            table[i][j] = value
            yield from go(position + 1)
        table[i][j] = 0

    yield from go(0)


def assert_protected(counts: list[list[int]], cells, row_totals, column_totals, total, *, k: int) -> None:
    cap = max(max(map(max, counts)), 0) + k
    # Every published figure is true.
    for i, row in enumerate(counts):
        for j, value in enumerate(row):
            assert within(value, cells[i][j], k)
        assert within(sum(row), row_totals[i], k)
    # Small counts are never shown.
    for i, row in enumerate(counts):
        for j, value in enumerate(row):
            if 0 < value < k:
                assert cells[i][j].mark in (Mark.SMALL, Mark.WITHHELD)
    small = [(i, j) for i, row in enumerate(cells) for j, figure in enumerate(row) if figure.mark == Mark.SMALL]
    small_rows = [i for i, figure in enumerate(row_totals) if figure.mark == Mark.SMALL]
    small_columns = [j for j, figure in enumerate(column_totals or []) if figure.mark == Mark.SMALL]
    seen_cells: dict[tuple[int, int], set[int]] = {entry: set() for entry in small}
    seen_rows: dict[int, set[int]] = {i: set() for i in small_rows}
    seen_columns: dict[int, set[int]] = {j: set() for j in small_columns}

    def done() -> bool:
        return all(len(v) >= 2 for v in [*seen_cells.values(), *seen_rows.values(), *seen_columns.values()])

    if not done():
        for table in believable_tables(cells, row_totals, column_totals, total, k=k, cap=cap):
            for i, j in small:
                seen_cells[(i, j)].add(table[i][j])
            for i in small_rows:
                seen_rows[i].add(sum(table[i]))
            for j in small_columns:
                seen_columns[j].add(sum(row[j] for row in table))
            if done():
                break
    pinned = {entry: values for entry, values in seen_cells.items() if len(values) < 2}
    assert not pinned, f"hidden small cells worked out: {pinned}"
    assert all(len(v) >= 2 for v in seen_rows.values()), seen_rows
    assert all(len(v) >= 2 for v in seen_columns.values()), seen_columns


def assert_lines_hold(values: list[int], figures: list[Figure], total: Figure, *, k: int) -> None:
    """A line with hidden figures holds two or more, and where its total is published, they add up
    to k or more."""
    hidden = [value for value, figure in zip(values, figures, strict=True) if figure.hidden]
    if total.hidden:
        hidden.append(sum(values))
    assert len(hidden) != 1
    if not total.hidden and hidden:
        assert sum(hidden) >= k or all(f.mark == Mark.WITHHELD for f in figures)


counts = st.integers(min_value=0, max_value=14)


@st.composite
def two_way_tables(draw) -> tuple[list[list[int]], int]:
    k = draw(st.integers(min_value=3, max_value=5))
    rows = draw(st.integers(min_value=1, max_value=3))
    columns = draw(st.integers(min_value=2, max_value=3))
    # Lean towards small values, where suppression has work to do.
    value = st.one_of(st.integers(min_value=0, max_value=k), counts)
    return [[draw(value) for _ in range(columns)] for _ in range(rows)], k


@given(two_way_tables())
@SETTINGS
def test_no_hidden_small_count_of_a_two_way_table_can_be_worked_out(case):
    table, k = case
    published = suppress_two_way(table, k=k)
    assert_protected(table, published.cells, published.row_totals, published.column_totals, published.total, k=k)
    for i, row in enumerate(table):
        assert_lines_hold(row, published.cells[i], published.row_totals[i], k=k)
    for j in range(len(table[0])):
        column = [row[j] for row in table]
        assert_lines_hold(column, [r[j] for r in published.cells], published.column_totals[j], k=k)


@given(
    st.integers(min_value=3, max_value=6).flatmap(
        lambda k: st.tuples(st.lists(counts, min_size=1, max_size=6), st.just(k))
    )
)
@SETTINGS
def test_no_hidden_small_count_of_a_one_way_table_can_be_worked_out(case):
    values, k = case
    published = suppress_one_way(values, k=k)
    assert_protected([values], [published.cells], [published.total], None, published.total, k=k)
    assert_lines_hold(values, published.cells, published.total, k=k)


def test_a_small_count_shows_as_below_k_and_its_partners_are_hidden():
    published = suppress_two_way([[12, 3, 20], [15, 14, 0], [30, 25, 11]], k=10)
    texts = [[figure.text for figure in row] for row in published.cells]
    assert texts[0][1] == "<10"
    assert texts[0][0] == "x" and texts[1][0] == "x" and texts[1][1] == "x"
    assert texts[2] == ["30", "25", "11"] and texts[1][2] == "0"
    assert published.total.text == "130"
    # Nothing hidden keeps its value.
    assert all(figure.value is None for row in published.cells for figure in row if figure.hidden)


def test_a_table_that_cannot_be_protected_is_withheld_but_for_its_total():
    published: OneWay = suppress_one_way([1, 10, 0], k=10)
    assert [figure.text for figure in published.cells] == ["x", "x", "x"]
    assert published.total.text == "11"


def test_zeros_are_published_and_never_hidden_for_another():
    published = suppress_one_way([0, 4, 25, 30], k=10)
    assert [figure.text for figure in published.cells] == ["0", "<10", "x", "30"]
    assert published.total.text == "59"


def test_a_small_grand_total_is_hidden_with_every_small_cell():
    published: TwoWay = suppress_two_way([[1, 2], [0, 3]], k=10)
    assert published.total.text == "<10"
    assert [[f.text for f in row] for row in published.cells] == [["<10", "<10"], ["0", "<10"]]


def test_k_below_three_is_refused():
    with pytest.raises(ValueError):
        suppress_one_way([1, 2], k=2)
