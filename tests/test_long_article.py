"""A long article (a book) is converted and laid out only where it is read.

The bundled article is laid out whole (it is short); here the threshold is set to nothing, so
it takes the path a book takes, and what the reader sees must be exactly the same.
"""

from __future__ import annotations

import pytest
from ui_helpers import assert_at_true_end, main_screen

from mudu_tui.app import create_app
from mudu_tui.widgets import article_view, find_box, sections
from mudu_tui.widgets.article_view import ArticleView
from mudu_tui.widgets.find_box import FindBox
from mudu_tui.widgets.sections import SectionList

SIZE = (120, 40)


def _laid_out(view: ArticleView) -> int:
    return sum(view.rows.is_laid_out(b) for b in range(len(view.rows.blocks)))


async def _lines(lazy: bool, monkeypatch: pytest.MonkeyPatch, keys: list[str]) -> tuple[list[str], int, int]:
    """Every line of the article after ``keys``, how many blocks were laid out before they
    were all asked for, and how many there are."""
    if lazy:
        monkeypatch.setattr(article_view, "EAGER_CHARS", 0)
        monkeypatch.setattr(sections, "EAGER_CHARS", 0)
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        view = main_screen(app).query_one(ArticleView)
        laid_out = _laid_out(view)
        list(view.rows)  # lay out the rest
        return [view.line_text(i) for i in range(len(view.rows))], laid_out, len(view.rows.blocks)


async def test_toggling_a_long_article_lays_out_only_the_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    lazy, laid_out, blocks = await _lines(True, monkeypatch, ["t"])
    # A 40-line screen holds a handful of paragraphs; the article has many more.
    assert 0 < laid_out <= blocks // 3
    monkeypatch.undo()
    eager, eager_laid_out, _ = await _lines(False, monkeypatch, ["t"])
    assert eager_laid_out == blocks
    assert lazy == eager  # the same lines, in Simplified, once all are laid out
    assert any("国家数据局" in line for line in lazy)


async def test_the_end_of_a_long_article_is_its_true_end(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(article_view, "EAGER_CHARS", 0)
    monkeypatch.setattr(sections, "EAGER_CHARS", 0)
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("0", "G")
        await pilot.pause()
        view = main_screen(app).query_one(ArticleView)
        assert_at_true_end(view)
        assert _laid_out(view) < len(view.rows.blocks)
        await pilot.press("g")
        await pilot.pause()
        assert view.scroll_y == 0


async def test_the_sections_pane_of_a_long_article_chooses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sections, "EAGER_CHARS", 0)
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = main_screen(app).query_one(SectionList)
        await pilot.press("1", "G", "enter")
        await pilot.pause()
        assert pane.highlighted == pane.option_count - 1
        assert main_screen(app).query_one(ArticleView).section_at_top() == pane.option_count - 1


async def test_find_in_a_long_article_runs_in_the_background(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(find_box, "EAGER_CHARS", 0)
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.press(*"安徽")
        box = main_screen(app).query_one(FindBox)
        assert box.in_background
        await app.workers.wait_for_complete()
        await pilot.pause()
        expected = app.text.find("original", "安徽")
        assert expected and box.hits == expected and box.current == 0
        assert main_screen(app).query_one(ArticleView)._find == expected  # noqa: SLF001
        app.action_toggle_script()  # hits follow the variant's text, found again
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert box.hits == app.text.find("simplified", "安徽")


async def test_a_text_hit_chosen_in_search_is_current_once_a_background_find_is_done(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(find_box, "EAGER_CHARS", 0)
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        screen.find_from("安徽", 2)  # what enter on the third text hit in search does
        box = screen.query_one(FindBox)
        assert box.in_background
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(box.hits) > 2 and box.current == 2
        assert screen.query_one(ArticleView)._find_current == 2  # noqa: SLF001
        await pilot.press("ctrl+f", "backspace", "backspace", *"安徽")  # typed anew: the first hit
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert box.current == 0
