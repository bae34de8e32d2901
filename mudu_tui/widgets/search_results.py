"""The search screen's result list: rows listed on each keystroke, prompts drawn on demand.

An OptionList measured and laid out all of its up to a hundred options (entities and text
hits) on every keystroke, most of them below the fold. This list takes the rows and a
function that draws one, and draws only the rows on screen (see :class:`ItemList`).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.message import Message

from .item_list import ItemList, Row


class SearchResults(ItemList):
    """Entity hits, then a heading, then text hits; a row's prompt is drawn when it is shown."""

    class Chosen(Message):
        """A result was chosen with `enter` or a click (by its row id)."""

        def __init__(self, option_id: str) -> None:
            super().__init__()
            self.option_id = option_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._draw: Callable[[str], Content] = Content
        self._headings: dict[int, Content] = {}
        self._drawn: dict[str, Content] = {}

    def show(self, rows: list[Row], draw: Callable[[str], Content], headings: dict[int, Content]) -> None:
        """List ``rows`` (``headings`` by row number) with the cursor on the first result;
        ``draw(row_id)`` makes a row's prompt when the row comes into view."""
        self._draw = draw
        self._headings = headings
        self._drawn = {}
        self.set_rows(rows)
        self.highlighted = self._step(0, 1)
        if self.highlighted is None:
            self.scroll_home(animate=False, immediate=True)

    def prompt(self, item_id: str) -> Content:
        # Drawn once per listing: moving the cursor redraws two rows from their prompts.
        drawn = self._drawn.get(item_id)
        if drawn is None:
            drawn = self._drawn[item_id] = self._draw(item_id)
        return drawn

    def heading(self, row: int) -> Content:
        return self._headings.get(row, Content(""))

    def chosen(self, item_id: str) -> None:
        self.post_message(self.Chosen(item_id))
