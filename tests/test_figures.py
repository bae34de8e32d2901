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


async def test_legend_hedges_years_and_incomparable_charts() -> None:
    app = create_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("8")
        await pilot.pause()
        pane = app.screen.query_one(FiguresPane)
        text = _pane_text(pane)
        for mark in ("⚠", "ℹ", "預測", "（推定）", "約"):
            assert mark in text.split("\n", 2)[0] + text.split("\n", 2)[1], mark  # the legend
        assert "約3821億元" in text  # the article says 約…左右
        # A chart of 1 against 500 is a list: no bar characters on its rows.
        targets = [f for f in app.pack.index.figures if f.chart == "sheng_gu_targets"]
        for fig in targets:
            assert "█" not in str(pane.get_option(fig.id).prompt)


def test_comparable_and_hedged_are_model_rules() -> None:
    from mudu_tui.model.charts import comparable, hedged
    from mudu_tui.model.index import Figure

    def fig(value: float, unit: str = "家", quote: str = "500家") -> Figure:
        return Figure(id="x", metric="m", value=value, unit=unit, quote=quote)

    assert comparable([fig(3), fig(4)])
    assert not comparable([fig(1), fig(500)])
    assert not comparable([fig(1), fig(2, "億元")])
    assert hedged(fig(1, quote="約3821億元")) and hedged(fig(1, quote="3821億元左右"))
    assert not hedged(fig(1, quote="近年來500家"))


async def test_the_legend_wraps_to_the_pane_instead_of_being_cut() -> None:
    from mudu_tui.model.layout import text_width
    from mudu_tui.widgets.figures import LEGEND

    app = create_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("8")
        await pilot.pause()
        pane = app.screen.query_one(FiguresPane)
        width = pane.scrollable_content_region.width
        legend = [str(pane.get_option_at_index(i).prompt) for i in range(3)]
        assert all(text_width(line) <= width for line in legend), (width, legend)
        assert all(any(item in line for line in legend) for item in LEGEND)
        # Wider again (the same pane at 120 columns): the legend takes fewer lines.
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        wide = pane.scrollable_content_region.width
        assert wide > width
        assert str(pane.get_option_at_index(1).prompt).endswith("inferred date")
