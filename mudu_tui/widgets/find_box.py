"""The find box under the article: a query, its hits in the article and which one is current.

It finds as the query changes and tells the screen (``HitsChanged``); the screen shows the
hits in the article and the status line. Hits are in the shown variant's offsets, and a query
in either script finds both (the model folds scripts).
"""

from __future__ import annotations

from textual import on
from textual.message import Message
from textual.widgets import Input

from ..model.reading import VariantText
from ..model.script import Variant

#: A find hit: paragraph index, start and end in the shown variant's text.
Hit = tuple[int, int, int]


class FindBox(Input):
    """Find in the article; hidden (class ``hidden``) until opened."""

    class HitsChanged(Message):
        """The hits or the current hit changed (the query was edited)."""

    def __init__(self, text: VariantText, *, id: str | None = None) -> None:
        super().__init__(placeholder="在文中查找 Find in article (繁/简)", id=id, classes="hidden")
        self.text = text
        self.variant: Variant = "original"
        self.hits: list[Hit] = []
        self.current = -1

    @property
    def is_open(self) -> bool:
        """Whether the box is on screen."""
        return not self.has_class("hidden")

    def open(self) -> None:
        """Show the box and give it the keyboard."""
        self.remove_class("hidden")
        self.focus()

    def close(self) -> None:
        """Hide the box and drop its hits (the query stays for next time)."""
        self.add_class("hidden")
        self.hits = []
        self.current = -1

    def find(self, variant: Variant | None = None) -> None:
        """Find the query again (in ``variant`` if given: offsets follow the shown text)."""
        if variant is not None:
            self.variant = variant
        self.hits = self.text.find(self.variant, self.value.strip()) if self.value.strip() else []
        self.current = 0 if self.hits else -1

    def counter(self) -> str:
        """Which hit is current, of how many: ``2/23`` (``0/0`` without hits)."""
        return f"{self.current + 1}/{len(self.hits)}" if self.hits else "0/0"

    def start(self, query: str, current: int) -> None:
        """Open on ``query`` with hit ``current`` current, the keyboard left where it is."""
        self.remove_class("hidden")
        with self.prevent(Input.Changed):
            self.value = query
        self.find()
        if 0 <= current < len(self.hits):
            self.current = current

    def step(self, step: int) -> bool:
        """Make the next (``step`` 1) or previous (-1) hit current, round the end; whether
        it went round."""
        if not self.hits:
            return False
        moved = self.current + step
        self.current = moved % len(self.hits)
        return not 0 <= moved < len(self.hits)

    @on(Input.Changed)
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.find()
        self.post_message(self.HitsChanged())
