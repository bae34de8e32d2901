"""Block characters on the real screen (what a terminal is sent, read from the compositor):
each one belongs to a scrollbar the user can see, never to a hidden or mis-sized widget.

At 80×24 the bundled cities list shows 9 of its 18 rows, so its scrollbar thumb is half the
track and ends in a half cell (▄) on the fifth row: that mark is the list's own scrollbar.
"""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.scrollbar import ScrollBar
from ui_helpers import main_screen

from mudu_tui.app import MuduApp

#: The glyphs Textual draws a scrollbar thumb's partial ends with (and nothing else here).
BLOCKS = set("▁▂▃▄▅▆▇█")


def block_cells(app: MuduApp) -> list[tuple[int, int, str]]:
    """(x, y, glyph) of every block character the screen shows."""
    compositor = app.screen._compositor
    chops = compositor._render_chops(compositor.size.region, lambda y: True)
    found = []
    for y, line in enumerate(chops):
        for x, strip in line.items():
            if strip is None:
                continue
            col = x
            for segment in strip:
                for char in segment.text:
                    if char in BLOCKS:
                        found.append((col, y, char))
                    col += cell_len(char)
    return found


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (60, 20)])
@pytest.mark.parametrize("keys", [(), ("2",), ("2", "j", "j", "enter", "f")])
async def test_every_block_mark_is_a_visible_scrollbar(
    app: MuduApp, size: tuple[int, int], keys: tuple[str, ...]
) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause(0.1)  # the hidden panes are mounted after the first frame
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        screen = main_screen(app)
        marks = block_cells(app)
        for x, y, glyph in marks:
            widget, _ = screen.get_widget_at(x, y)
            assert isinstance(widget, ScrollBar), f"{glyph} at {x},{y} is drawn by {widget!r}"
            assert widget.parent is not None and widget.parent.display


async def test_the_cities_list_block_mark_is_its_own_scrollbar_at_80x24(app: MuduApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause(0.1)
        screen = main_screen(app)
        cities = screen.query_one("#regions")
        assert cities.display and cities.virtual_size.height > cities.size.height
        ends = [(x, y) for x, y, _ in block_cells(app) if cities.region.contains(x, y)]
        assert ends, "the cities list overflows, so it shows a scrollbar"
        for x, y in ends:
            widget, _ = screen.get_widget_at(x, y)
            assert isinstance(widget, ScrollBar) and widget.parent is cities
