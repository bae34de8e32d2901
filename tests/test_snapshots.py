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
