"""Pilot tests of the second round of reader habits: keys, help, narrow and reading layouts,
copying, remembered state on the first frame, the timeline's year filter, NO_COLOR and themes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.containers import VerticalScroll
from textual.widgets import Static
from ui_helpers import SIZE, details_head, main_screen

from mudu_tui.app import MuduApp, create_app
from mudu_tui.screens.help import HelpScreen
from mudu_tui.state import ReadingState, StateStore
from mudu_tui.widgets.article_view import ArticleView
from mudu_tui.widgets.details import Details
from mudu_tui.widgets.key_bar import KeyBar
from mudu_tui.widgets.pane_tabs import PaneTabs
from mudu_tui.widgets.sections import SectionList
from mudu_tui.widgets.timeline import Timeline

# -- keys ----------------------------------------------------------------------------------


async def test_half_pages_and_immediate_ends(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article = main_screen(app).query_one(ArticleView)
        half = article.scrollable_content_region.height // 2
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert article.scroll_y == half
        await pilot.press("ctrl+d", "ctrl+u")
        await pilot.pause()
        assert article.scroll_y == half
        # G and g move at once: one pause, no animation to wait out.
        await pilot.press("G")
        await pilot.pause()
        assert article.scroll_y == article.max_scroll_y > 0
        await pilot.press("g")
        await pilot.pause()
        assert article.scroll_y == 0
        await pilot.press("space")
        await pilot.pause()
        assert article.scroll_y > half


async def test_colon_opens_the_palette(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("colon")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_help_scrolls_with_the_keys_it_lists(app: MuduApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        box = app.screen.query_one("#help-box", VerticalScroll)
        await pilot.press("j", "j")
        await pilot.pause()
        assert box.scroll_y == 2
        await pilot.press("k")
        await pilot.pause()
        assert box.scroll_y == 1
        await pilot.press("G")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y > 0
        await pilot.press("g")
        await pilot.pause()
        assert box.scroll_y == 0
        text = str(app.screen.query_one("#help-text", Static).content)
        # No line runs past the box: none wraps back to column 0 on screen.
        width = app.screen.query_one("#help-text").content_region.width
        from mudu_tui.model.layout import text_width

        assert all(text_width(line) <= width for line in text.splitlines())


async def test_details_stop_at_the_last_row(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        screen.select("hefei")
        await pilot.pause()
        details = screen.query_one(Details)
        details.focus()
        await pilot.pause()
        await pilot.press("G")
        last = details.highlighted
        await pilot.press("j")
        await pilot.pause()
        assert details.highlighted == last
        await pilot.press("g", "k")
        await pilot.pause()
        assert details.highlighted is not None and details.highlighted > 0  # the head stays out


# -- the first screen ----------------------------------------------------------------------


async def test_first_screen_hint_names_the_keys_that_work(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        assert screen.focused is screen.query_one(ArticleView)
        assert "j/k" in details_head(app)
        await pilot.press("j")
        await pilot.pause()
        assert screen.query_one(ArticleView).scroll_y == 1
        sections = screen.query_one(SectionList)
        assert str(sections.get_option_at_index(0).prompt).endswith("段")
        regions = screen.query_one("#regions")
        assert str(regions.get_option_at_index(0).prompt).endswith("次")  # type: ignore[attr-defined]


# -- narrow and reading layouts --------------------------------------------------------------


def widest_article_line(app: MuduApp) -> int:
    """The widest laid-out line, in Chinese characters (two cells each)."""
    from mudu_tui.model.layout import text_width

    article = main_screen(app).query_one(ArticleView)
    return max(text_width(article.line_text(i)) for i in range(len(article.rows))) // 2


@pytest.mark.parametrize("size", [(60, 20), (40, 15)])
async def test_narrow_is_one_column_with_panes_as_a_layer(app: MuduApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        article = screen.query_one(ArticleView)
        assert screen.has_class("single")
        assert article.display and not screen.query_one("#details").display
        assert widest_article_line(app) >= (14 if size[0] >= 60 else 10)
        keys = [key.display for key in screen.query_one(KeyBar).keys()[0]]
        placed = [key.display for key in screen.query_one(KeyBar)._keys]  # noqa: SLF001
        assert "?" in keys and "?" in placed and "q" in placed
        await pilot.press("3")
        await pilot.pause()
        assert screen.has_class("side") and not screen.query_one("#centre").display
        assert screen.query_one("#companies").display and screen.query_one(Details).display
        await pilot.press("enter")
        await pilot.pause()
        assert screen.selection.item is not None
        await pilot.press("0")
        await pilot.pause()
        assert not screen.has_class("side") and article.display and screen.focused is article
        await pilot.press("4", "escape")
        await pilot.pause()
        assert not screen.has_class("side") and screen.selection.item is not None


async def test_reading_mode_is_the_article_alone_at_a_measure(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        await pilot.press("z")
        await pilot.pause()
        assert screen.has_class("reading")
        for hidden in ("#sections", "#tabs", "#details", "#regions"):
            assert not screen.query_one(hidden).display, hidden
        article = screen.query_one(ArticleView)
        assert 30 <= widest_article_line(app) <= 40
        assert article.region.x > 10  # centred
        await pilot.press("z")
        await pilot.pause()
        assert not screen.has_class("reading") and screen.query_one("#details").display


# -- copying -------------------------------------------------------------------------------


async def test_card_reading_is_tone_marked(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main_screen(app).select("hefei")
        await pilot.press("y")
        await pilot.pause()
        assert "hé féi" in app.clipboard and "pinyin he fei" not in app.clipboard


async def test_Y_copies_the_current_sentence_with_a_citation(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        screen.select("hefei")
        await pilot.pause()
        await pilot.press("Y")
        await pilot.pause()
        m = app.pack.mentions_of("hefei")[0]
        sentence = app.pack.article.sentence_at(m.paragraph, m.start, m.end)
        quote, cite = app.clipboard.rstrip("\n").split("\n")
        assert quote == f"「{sentence}」"
        assert m.paragraph in cite and app.pack.index.source in cite
        await pilot.press("t", "Y")  # in the script on screen
        await pilot.pause()
        assert "合肥" in app.clipboard and app.clipboard != f"{quote}\n{cite}\n"


# -- remembered state ------------------------------------------------------------------------


async def test_the_first_frame_shows_the_remembered_pane(tmp_path: Path) -> None:
    store = StateStore(tmp_path)
    app = create_app(state=store)
    key = StateStore.key(app.pack.folder, app.pack.digest)
    store.save(key, ReadingState(selected="iflytek", focused="details"))
    again = create_app(state=StateStore(tmp_path))
    async with again.run_test(size=(80, 24)) as pilot:
        screen = main_screen(again)
        # Before any pause: composed as it will be shown.
        assert screen.query_one(PaneTabs).active == "companies"
        assert screen.query(".pane").first().id == "companies"
        assert screen.selection.item == "iflytek"
        await pilot.pause()
        await pilot.pause()
        details = screen.query_one(Details)
        assert screen.focused is details
        assert details.scroll_y == 0  # the name stays in view at 80×24
        assert details.highlighted is not None


# -- timeline --------------------------------------------------------------------------------


async def test_timeline_filters_by_year(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("7")
        await pilot.pause()
        timeline = main_screen(app).query_one(Timeline)
        years = timeline.years()
        assert len(years) > 1
        await pilot.press("right_square_bracket")
        await pilot.pause()
        shown = [row.id for row in timeline.rows if row.id]
        assert shown and all(app.pack.events[i].date.startswith(years[0]) for i in shown)
        assert timeline.highlighted_id == shown[0]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert len([row for row in timeline.rows if row.id]) == len(app.pack.index.events)


# -- colour ----------------------------------------------------------------------------------


async def test_no_color_still_marks_mentions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article = main_screen(app).query_one(ArticleView)
        assert main_screen(app).has_class("no-color")
        for component in ("article--regions", "article--companies", "article--selected"):
            assert article.get_component_rich_style(component, partial=True).underline, component


async def test_light_theme_has_its_own_mention_colours(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article = main_screen(app).query_one(ArticleView)
        dark = article.get_component_rich_style("article--regions", partial=True).color
        app.theme = "textual-light"
        await pilot.pause()
        light = article.get_component_rich_style("article--regions", partial=True).color
        assert dark != light and light is not None


async def test_narrowing_under_a_focused_pane_brings_up_the_layer(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        await pilot.press("3")
        await pilot.pause()
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert screen.has_class("single") and screen.has_class("side")
        assert screen.query_one("#companies").display
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not screen.has_class("side") and screen.query_one(ArticleView).display


def test_every_binding_is_described_in_chinese_and_english() -> None:
    from mudu_tui.screens.help import help_rows

    rows = help_rows()
    assert len(rows) > 40
    for where, keys, chinese, english in rows:
        assert chinese and not chinese.isascii(), (where, keys, chinese)
        assert english and english != chinese, (where, keys, english)
        # An English description never says its name twice ("Companies: Companies", "Map: Map").
        head, _, rest = english.partition(": ")
        assert not (rest and rest.startswith(head)), (where, keys, english)


async def test_help_keeps_room_for_descriptions_on_a_narrow_screen(app: MuduApp) -> None:
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = app.screen.query_one("#help-text", Static)
        width = help_text.content_region.width
        lines = str(help_text.content).split("\n")
        # The keys' column gives way: a description starts within the first third.
        row = next(line for line in lines if line.lstrip().startswith("2 "))
        assert row.index("城市") <= width // 3 + 1, row
        # Keys wider than the column stand on their own line, the text under the column.
        wide = lines.index(next(line for line in lines if "space, pagedown, ctrl+d" in line))
        assert lines[wide].strip() == "space, pagedown, ctrl+d"
        assert lines[wide + 1].startswith(" " * (row.index("城市") - 1))
        # Bracket keys are shown as the characters on the keyboard.
        assert "square_bracket" not in "\n".join(lines)
        assert any(line.strip().startswith("]") for line in lines)
