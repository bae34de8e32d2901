"""Widths as the terminal draws them (issue 13): what the app counts for a string must be
what tmux gives it, or every cell after it on the row shifts."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from tiny_pack import one_region_pack

from mudu_tui.model.layout import text_width
from mudu_tui.model.safety import visible

#: Columns tmux 3.3a gives each string, read from #{cursor_x} after printing it.
TMUX_COLUMNS = {
    "a\u263a\ufe0fb": 3,  # ☺️: one column, like ☺ alone
    "\u2764\ufe0f": 1,  # ❤️
    "\u00a9\ufe0f": 1,  # ©️
    "1\ufe0f\u20e3": 1,  # 1️⃣
    "\u263a\ufe0e": 1,  # ☺︎ (text presentation asked for)
    "x\u263ay": 3,
    "合肥": 4,
    "a\u0301": 1,
}


def _tmux_columns(text: str) -> int:
    """Columns tmux 3.3a gives ``text``: wide characters two, marks and format characters
    (variation selectors, joiners) none, everything else one (U+263A one, as measured)."""
    import unicodedata

    def columns(ch: str) -> int:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            return 0
        return 2 if unicodedata.east_asian_width(ch) in "WF" else 1

    return sum(columns(ch) for ch in text)


@pytest.mark.parametrize("text", TMUX_COLUMNS)
def test_the_app_counts_what_tmux_draws(text: str) -> None:
    shown = visible(text)
    assert len(shown) == len(text)  # offsets into the text stay valid
    assert cell_len(shown) == TMUX_COLUMNS[text]  # what Textual lays out
    assert text_width(shown) == TMUX_COLUMNS[text]  # what the article's line breaking counts


def test_wide_emoji_keep_their_selector() -> None:
    assert visible("\U0001f600\ufe0f") == "\U0001f600\ufe0f"  # wide everywhere already


async def test_an_entity_row_is_as_wide_as_the_terminal_draws_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from mudu_tui.app import create_app
    from mudu_tui.widgets.entity_list import EntityList

    pack = one_region_pack(tmp_path / "p", "笑☺️城", "笑☺️城。", en="Smile")
    app = create_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        row = app.screen.query_one("#regions", EntityList).prompt("r")
        assert "☺" in row.plain
        # What Textual lays the row out by is what tmux draws it as (☺ one column).
        assert cell_len(row.plain) == _tmux_columns(row.plain)
