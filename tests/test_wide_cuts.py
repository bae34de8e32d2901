"""The compositor patch for wide characters at widget edges (mudu_tui/wide_cuts.py).

These tests tell when upstream changes: the first fails when Textual leaves the versions the
patch was written for; the two "upstream still" tests fail when Textual's own methods stop
splitting wide characters (then the patch can go); the others show the patch keeps them whole.
"""

from __future__ import annotations

import textual
from rich.console import Console
from rich.segment import Segment
from textual._compositor import ChopsUpdate
from textual.strip import Strip
from ui_helpers import main_screen

from mudu_tui import wide_cuts
from mudu_tui.app import create_app

NOTICE = "先選擇一個條目 Select something first"


def test_the_patch_is_for_the_installed_textual() -> None:
    assert wide_cuts.applies(textual.__version__), (
        f"Textual {textual.__version__}: check upstream issue #6357 and the compositor, then "
        "update PATCHED_VERSIONS (or drop the patch)"
    )
    assert wide_cuts.apply()
    assert set(wide_cuts.ORIGINALS) == {"render_chops", "render_partial_update", "render_segments"}


def test_the_version_read_from_the_installed_folder_is_textuals_own() -> None:
    # The patch checks the version without importlib.metadata (start-up pays no 10 ms for it).
    assert wide_cuts.textual_version() == textual.__version__


def _partial_write(render_segments: object) -> str:
    """A partial update that ends inside 城 (cells 2–3): what reaches the terminal."""
    update = ChopsUpdate([{0: Strip([Segment("ab城市")])}], [(0, 0, 3)], [[6]])
    console = Console(width=10, color_system=None, force_terminal=True)
    return render_segments(update, console)  # type: ignore[operator,no-any-return]


def test_upstream_still_splits_a_wide_character_in_a_partial_write() -> None:
    wide_cuts.apply()
    assert "城" not in _partial_write(wide_cuts.ORIGINALS["render_segments"])


def test_a_partial_write_keeps_the_wide_character() -> None:
    wide_cuts.apply()
    assert "ab城" in _partial_write(ChopsUpdate.render_segments)
    assert wide_cuts.whole_cells("ab城市", 3) == 4
    assert wide_cuts.whole_cells("ab城市", 4) == 4
    assert wide_cuts.whole_cells("abc", 2) == 2


async def _toast_lines(render_chops: object) -> list[str]:
    app = create_app(None)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("y")  # copy with nothing selected: a notice over the panes' edges
        await pilot.pause(0.3)
        compositor = app.screen._compositor
        region = compositor.size.region
        chops = render_chops(compositor, region, lambda y: True)  # type: ignore[operator]
        lines = ["".join(s.text for s in line.values() if s is not None) for line in chops]
        assert main_screen(app) is app.screen
    return [line for line in lines if "Select something" in line]


async def test_upstream_still_drops_a_character_under_a_toast() -> None:
    wide_cuts.apply()
    (line,) = await _toast_lines(wide_cuts.ORIGINALS["render_chops"])
    assert NOTICE not in line


async def test_a_toast_keeps_every_character() -> None:
    wide_cuts.apply()
    from textual._compositor import Compositor

    (line,) = await _toast_lines(Compositor._render_chops)
    assert NOTICE in line
