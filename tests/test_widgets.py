"""The home-made strips and list do what Textual's Tabs, Footer and OptionList do: keyboard,
mouse, page keys, and overflow that shows rather than drops."""

from __future__ import annotations

from textual.app import App, ComposeResult
from ui_helpers import SIZE, main_screen

from mudu_tui.app import MuduApp
from mudu_tui.model.kinds import PANES
from mudu_tui.widgets.entity_list import EntityList
from mudu_tui.widgets.key_bar import KeyBar
from mudu_tui.widgets.pane_tabs import PaneTabs

LABELS = {pane.id: pane.chinese for pane in PANES}


async def test_item_list_click_selects_the_item_under_the_pointer(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = main_screen(app).query_one("#regions", EntityList)
        third = pane.entities[2].id
        await pilot.click(pane, offset=(4, 2))  # rows start at the top of the content
        await pilot.pause()
        assert main_screen(app).selection.item == third
        assert pane.highlighted_id == third


async def test_item_list_page_keys_move_a_page_and_back(app: MuduApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        pane = main_screen(app).query_one("#regions", EntityList)
        assert len(pane.rows) > pane.scrollable_content_region.height  # there is a page to turn
        assert pane.highlighted == 0
        page = pane.scrollable_content_region.height - 1
        await pilot.press("pagedown")
        await pilot.pause()
        assert pane.highlighted == min(page, len(pane.rows) - 1)
        await pilot.press("pageup")
        assert pane.highlighted == 0
        await pilot.press("end")
        assert pane.highlighted == len(pane.rows) - 1
        await pilot.pause()
        assert pane.scroll_y > 0  # the cursor is kept in view
        await pilot.press("home")
        assert pane.highlighted == 0


async def test_tab_strip_takes_the_keyboard(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        tabs = screen.query_one(PaneTabs)
        tabs.focus()
        await pilot.pause()
        await pilot.press("right", "right")
        await pilot.pause()
        assert tabs.active == PANES[2].id and app.focused is tabs  # shown, keyboard kept
        assert [p.id for p in screen.query(".pane") if p.display] == [PANES[2].id]
        await pilot.press("left", "left", "left")  # round the start to the last pane
        await pilot.pause()
        assert tabs.active == PANES[-1].id
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is screen.query_one(f"#{PANES[-1].id}")


class StripApp(App[None]):
    """The tab strip alone, at a width too small for its names."""

    CSS = "PaneTabs { width: 14; }"

    def compose(self) -> ComposeResult:
        yield PaneTabs(LABELS, active=PANES[0].id, id="tabs")


async def test_tab_strip_overflow_keeps_the_shown_name_in_view_and_marks_the_cut() -> None:
    app = StripApp()
    async with app.run_test(size=(40, 4)) as pilot:
        tabs = app.query_one(PaneTabs)
        tabs.focus()
        await pilot.pause()
        line = str(tabs.content_lines()[0])
        assert line.rstrip().endswith("…") and not line.startswith("…")
        assert LABELS[PANES[0].id][0] in line  # each name cut to its first character
        for pane in PANES[1:]:
            tabs.active = pane.id  # what the screen does when a Chosen arrives
            await pilot.pause()
            line = str(tabs.content_lines()[0])
            assert LABELS[pane.id][0] in line, pane.id  # the shown name (or its first character)
        assert line.startswith("…")
        # Only names in view can be pointed at; each range is inside the strip.
        assert all(0 < start < end <= 14 for start, end in tabs.span_ranges())


async def test_key_bar_shows_what_does_not_fit_as_an_ellipsis(app: MuduApp) -> None:
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        bar = main_screen(app).query_one(KeyBar)
        shown, palette = bar.keys()
        placed = bar.placed
        more = next(key for key in placed if key.display == "…")
        hidden = [key for key in shown if key.display not in {k.display for k in placed}]
        assert hidden, "60 columns should not hold every key"
        for key in hidden:
            assert f"{key.display} {key.description}" in more.tooltip
        await pilot.hover(KeyBar, offset=(more.start + 1, 0))
        await pilot.pause()
        assert bar.tooltip == more.tooltip
        assert palette is not None and placed[-1].display == palette.display  # still on the right
