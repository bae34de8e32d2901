"""The figures pane (key 8): charts with values, selection of a bar, script toggle."""

from __future__ import annotations

from ui_helpers import marks

from mudu_tui.app import create_app
from mudu_tui.widgets.article_view import ArticleView
from mudu_tui.widgets.figures import FiguresPane


def _pane_text(pane: FiguresPane) -> str:
    return "\n".join(str(pane.get_option_at_index(i).prompt) for i in range(pane.option_count))


async def test_key_8_shows_figures_with_values() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("8")
        await pilot.pause()
        pane = app.screen.query_one(FiguresPane)
        assert app.focused is pane
        text = _pane_text(pane)
        assert "3821億元" in text and "2270億元" in text and "2488億元" in text
        assert "6.38萬家" in text and "3.98萬家" in text
        assert "⚠" in text  # the disputed 4.26萬 increment


async def test_selecting_a_bar_highlights_its_sentence_and_marks_region() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("8")
        await pilot.pause()
        pane = app.screen.query_one(FiguresPane)
        fig_id = pane.highlighted_option.id
        fig = app.pack.figures[fig_id]
        await pilot.press("enter")
        await pilot.pause()
        article = app.screen.query_one(ArticleView)
        assert "".join(m.text for m in marks(article, "article--quote")) == fig.quote
        if fig.region:
            regions = app.screen.query_one("#regions")
            assert fig.region in regions.related  # type: ignore[attr-defined]


async def test_toggle_converts_the_pane() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("8", "t")
        await pilot.pause()
        text = _pane_text(app.screen.query_one(FiguresPane))
        assert "亿元" in text and "億元" not in text
