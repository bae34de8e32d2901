"""Rows laid out on demand: only what is asked for is laid out, and row numbers stay true."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mudu_tui.model.article import Article, parse_article
from mudu_tui.model.rows import ArticleBlocks, Block, LazyRows, Row, estimate_height, estimate_heights


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


@given(st.lists(st.tuples(st.integers(0, 5000), st.integers(0, 3))), st.integers(-3, 300))
def test_estimates_in_one_pass_are_each_blocks_estimate(blocks: list[tuple[int, int]], width: int) -> None:
    chars, extras = [c for c, _ in blocks], [e for _, e in blocks]
    assert estimate_heights(chars, width, extras) == [estimate_height(c, width, e) for c, e in blocks]


def _blocks_one_by_one(article: Article, width: int) -> tuple[list[Block], list[int], list[int], list[int]]:
    """Blocks, paragraph and section blocks, and estimates, worked out block by block."""
    blocks, para_block, section_block, heights = [Block("title", 0, len(article.title))], [], [], []
    heights.append(estimate_height(len(article.title), width, 0))
    for number, section in enumerate(article.sections):
        section_block.append(len(blocks))
        blocks.append(Block("section", number, len(section.title)))
        heights.append(1 if section.is_opening else estimate_height(len(section.title), width, 2))
        for pid in section.paragraphs:
            paragraph = article.paragraph(pid)
            para_block.append(len(blocks))
            blocks.append(Block("paragraph", article.position(pid), len(paragraph.text)))
            reference = paragraph.kind == "reference"
            heights.append(estimate_height(len(paragraph.text), width - 2 * reference, int(not reference)))
    return blocks, para_block, section_block, heights


def test_an_articles_blocks_and_estimates_are_worked_out_block_by_block() -> None:
    md = (
        "# 標題\n\n開頭一段。\n\n*(資料圖)*\n\n## 第一節\n\n" + "甲" * 130 + "\n\n乙。\n\n"
        "## 參考資料：\n\n- 甲：" + "一" * 70 + "\n- 乙：二\n\n## 關鍵詞：\n\n模都\n\n## 空節\n"
    )
    for article in (parse_article(md), parse_article(md.split("## 第一節")[1].join(["# T\n\n## 一", ""]))):
        laid_out = ArticleBlocks(article)
        for width in (1, 2, 20, 57, 118):
            blocks, para_block, section_block, heights = _blocks_one_by_one(article, width)
            assert laid_out.blocks == blocks and laid_out.chars == [b.chars for b in blocks]
            assert laid_out.paragraph_block == para_block and laid_out.section_block == section_block
            assert laid_out.estimates(width) == heights
