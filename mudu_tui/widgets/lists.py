"""Keyboard behaviour shared by every list pane: vi keys, and a first entry on focus."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList


class PaneList(OptionList):
    """An OptionList that moves with j/k/g/G and highlights its first entry on focus,
    so `2` then `enter` selects the first city."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g", "first", "First", show=False, id="list.first"),
        Binding("G", "last", "Last", show=False, id="list.last"),
    ]

    def on_focus(self) -> None:
        if self.highlighted is None and self.option_count:
            self.highlighted = 0
