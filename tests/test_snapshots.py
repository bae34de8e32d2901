"""Snapshots of the main screen: both terminal sizes, an entity selected, and Simplified.

Regenerate after a deliberate change with `pytest tests/test_snapshots.py --snapshot-update`
and look at the SVGs under tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mudu_tui.app import MuduApp

SnapCompare = Callable[..., bool]


def test_main_screen_120x40(app: MuduApp, snap_compare: SnapCompare) -> None:
    assert snap_compare(app, terminal_size=(120, 40))


def test_main_screen_80x24(app: MuduApp, snap_compare: SnapCompare) -> None:
    assert snap_compare(app, terminal_size=(80, 24))


def test_first_city_selected_120x40(app: MuduApp, snap_compare: SnapCompare) -> None:
    """`2` then `enter`: 中國's mentions highlighted, details with the counter 1/3."""
    assert snap_compare(app, press=["2", "enter"], terminal_size=(120, 40))


def test_entity_selected_80x24(app: MuduApp, snap_compare: SnapCompare) -> None:
    async def select_hefei(pilot: Any) -> None:
        await pilot.pause()  # the article is laid out after the first resize
        pilot.app.screen.select("hefei")
        await pilot.pause()

    assert snap_compare(app, run_before=select_hefei, terminal_size=(80, 24))


def test_simplified_with_entity_selected_120x40(app: MuduApp, snap_compare: SnapCompare) -> None:
    """The same selection after `t`: everything Simplified, highlights on the same characters."""
    assert snap_compare(app, press=["2", "enter", "t"], terminal_size=(120, 40))


def test_map_with_a_province_selected_120x40(app: MuduApp, snap_compare: SnapCompare) -> None:
    """`9`: the map; 安徽 selected, so its province is shaded and its places marked."""

    async def select_anhui(pilot: Any) -> None:
        await pilot.pause()
        pilot.app.screen.select("anhui")
        await pilot.pause()

    assert snap_compare(app, press=["9"], run_before=select_anhui, terminal_size=(120, 40))


def test_map_80x24(app: MuduApp, snap_compare: SnapCompare) -> None:
    """`9` at 80×24: a smaller map, labels that do not fit dropped, every marker kept."""
    assert snap_compare(app, press=["9"], terminal_size=(80, 24))


def test_help_80x24(app: MuduApp, snap_compare: SnapCompare) -> None:
    """Help in both languages, its keys column and the legend (● ○ 段 次)."""
    assert snap_compare(app, press=["question_mark"], terminal_size=(80, 24))


def test_search_entities_120x40(app: MuduApp, snap_compare: SnapCompare) -> None:
    """`/ ai`: entities ranked across kinds, each naming its kind, then text hits."""
    assert snap_compare(app, press=["slash", "a", "i"], terminal_size=(120, 40))


def test_search_text_hits_120x40(app: MuduApp, snap_compare: SnapCompare) -> None:
    """`/ 密度`: no entity is named so; the article's text hits, each in its context."""

    async def type_query(pilot: Any) -> None:
        await pilot.press("slash")
        await pilot.pause()
        pilot.app.screen.query_one("#search-input").insert_text_at_cursor("密度")
        await pilot.pause()

    assert snap_compare(app, run_before=type_query, terminal_size=(120, 40))


def test_figures_120x40(app: MuduApp, snap_compare: SnapCompare) -> None:
    """Key 8: the legend, bars with unit, year and 約, and the targets chart as a list."""
    assert snap_compare(app, press=["8"], terminal_size=(120, 40))


def test_narrow_60x20(app: MuduApp, snap_compare: SnapCompare) -> None:
    """One column: the article at full width; ? and q stay on the key bar."""
    assert snap_compare(app, terminal_size=(60, 20))


def test_narrow_side_layer_60x20(app: MuduApp, snap_compare: SnapCompare) -> None:
    """Key 3 brings the panes and details up over the article's place."""
    assert snap_compare(app, press=["3", "enter"], terminal_size=(60, 20))


def test_reading_mode_120x40(app: MuduApp, snap_compare: SnapCompare) -> None:
    """z: the article alone, centred, about 36 characters a line."""
    assert snap_compare(app, press=["z"], terminal_size=(120, 40))
