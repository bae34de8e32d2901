"""Rows laid out on demand: only what is asked for is laid out, and row numbers stay true."""

from __future__ import annotations

from mudu_tui.model.rows import Block, LazyRows, Row, estimate_height


def _blocks(heights: list[int]) -> tuple[list[Block], list[int]]:
    """Blocks whose exact heights are ``heights``, and a log of which were laid out."""
    return [Block("paragraph", i, 10) for i in range(len(heights))], []


def _rows(heights: list[int], estimate: int, eager: bool = False) -> tuple[LazyRows, list[int]]:
    blocks, laid_out = _blocks(heights)

    def lay_out(block: Block) -> list[Row]:
        laid_out.append(block.number)
        return [Row("text", paragraph=block.number, start=n, end=n + 1) for n in range(heights[block.number])]

    return LazyRows(blocks, lay_out, [estimate] * len(heights), eager=eager), laid_out


def test_nothing_is_laid_out_until_asked_for() -> None:
    rows, laid_out = _rows([2, 3, 1, 4] * 250, estimate=2)
    assert len(rows) == 2000 and laid_out == []
    assert rows[0] == Row("text", paragraph=0, start=0, end=1)
    assert laid_out == [0]


def test_rows_asked_for_top_down_are_the_exact_rows() -> None:
    heights = [2, 3, 1, 4, 5, 1, 2]
    rows, _ = _rows(heights, estimate=3)
    exact = [(p, n) for p, h in enumerate(heights) for n in range(h)]
    got = []
    y = 0
    while y < len(rows):
        row = rows[y]
        got.append((row.paragraph, row.start))
        y += 1
    assert got == exact
    assert len(rows) == sum(heights)


def test_settle_makes_a_range_exact_and_reports_the_change() -> None:
    heights = [1, 5, 1, 5, 1, 5] * 100
    rows, laid_out = _rows(heights, estimate=3)
    rows.settle(0, 10)
    assert laid_out == [0, 1, 2, 3]
    assert rows.changed
    assert [rows.start(b) for b in range(5)] == [0, 1, 6, 7, 12]
    assert all(not rows.is_laid_out(b) for b in range(5, len(heights)))


def test_settle_end_lays_out_the_last_screen() -> None:
    heights = [2] * 1000
    rows, laid_out = _rows(heights, estimate=7)
    rows.settle_end(9)
    assert laid_out == [999, 998, 997, 996, 995]
    assert rows[len(rows) - 1].paragraph == 999


def test_eager_rows_are_exact_from_the_start() -> None:
    heights = [2, 3, 1]
    rows, laid_out = _rows(heights, estimate=9, eager=True)
    assert laid_out == [0, 1, 2] and len(rows) == 6 and not rows.changed
    assert [r.paragraph for r in rows] == [0, 0, 1, 1, 1, 2]
    assert rows.block_at(5) == 2 and rows.start(2) == 5


def test_estimate_counts_han_characters_as_two_cells() -> None:
    assert estimate_height(10, 20, 1) == 2
    assert estimate_height(11, 20, 0) == 2
    assert estimate_height(0, 20, 1) == 2  # an empty paragraph still takes a line
