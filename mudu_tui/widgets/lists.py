"""List panes: vi keys and a first entry on focus for all; marks, filter and selection
for the panes that follow the selection (entities, timeline, figures)."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList

from ..model.reading import VariantText
from ..model.script import Variant
from .item_list import ItemList, Row

#: Marks an entry still marked ``draft`` in the index.
DRAFT = "⚠"


class PaneList(OptionList):
    """An OptionList that moves with j/k/g/G and highlights its first entry on focus,
    so `2` then `enter` selects the first city."""

    BINDINGS = [
        Binding("j", "cursor_down", "下移", show=False, id="list.down", tooltip="Next entry"),
        Binding("k", "cursor_up", "上移", show=False, id="list.up", tooltip="Previous entry"),
        Binding("g", "first", "第一項", show=False, id="list.first", tooltip="First entry"),
        Binding("G", "last", "最後一項", show=False, id="list.last", tooltip="Last entry"),
    ]

    # The cursor stops at either end, as in the entity panes (OptionList would wrap round).
    def action_cursor_down(self) -> None:
        start = -1 if self.highlighted is None else self.highlighted
        self._move_to_enabled(range(start + 1, self.option_count))

    def action_cursor_up(self) -> None:
        start = self.option_count if self.highlighted is None else self.highlighted
        self._move_to_enabled(range(start - 1, -1, -1))

    def _move_to_enabled(self, indexes: range) -> None:
        for index in indexes:
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return

    def on_focus(self) -> None:
        if self.highlighted is None and self.option_count:
            self.action_first()  # the first enabled entry: headings in the details list are not

    def action_select(self) -> None:
        """Select the highlighted entry; the first if none is yet (an `enter` typed in the same
        burst as the key that focused this list arrives before ``on_focus`` has run)."""
        if self.highlighted is None:
            self.action_first()
        super().action_select()


class ItemChosen(Message):
    """The user chose an entity, event or figure (by id) in some pane."""

    def __init__(self, item_id: str) -> None:
        super().__init__()
        self.item_id = item_id


class LinkedList(ItemList):
    """A pane of items that follows the selection: marks what relates to it and can be
    filtered to it. Subclasses list their rows in :meth:`item_rows` and draw each item in
    :meth:`prompt`; prompts are drawn only for the rows on screen."""

    text: VariantText

    #: Re-list the rows on every change, not only a changed filter (rows that depend on it).
    RELIST_ON_SHOW = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.variant: Variant = "original"
        self.related: set[str] = set()
        #: Entries that only share a paragraph with the selection (marked while filtering).
        self.nearby: set[str] = set()
        self.only: set[str] | None = None
        self.selected: str | None = None

    def on_mount(self) -> None:
        self.rebuild()
        if self.selected is not None:  # mounted after a selection was made (see MainScreen)
            self.highlight_quietly(self.selected)

    def item_rows(self) -> list[Row]:
        """The rows to show for the current filter."""
        raise NotImplementedError

    def rebuild(self) -> None:
        """Re-list the rows; their prompts follow the current variant and marks."""
        self.set_rows(self.item_rows())

    def empty(self) -> Content:
        """An empty pane says why."""
        text = "（篩選後沒有相關條目 f 取消）" if self.only is not None else "（沒有條目）"
        return Content.styled(self.text.ui(text, self.variant), "dim italic")

    def prompt_key(self, item_id: str) -> object:
        return (self.variant, self.mark(item_id) if item_id else "")

    def mark(self, item_id: str) -> str:
        """The mark before an item: ▶ selected, ● a direct relation, ○ only in the same
        paragraph, blank otherwise."""
        if item_id == self.selected:
            return "▶ "
        if item_id in self.related:
            return "● "
        return "○ " if item_id in self.nearby else "  "

    def relations_first(self, ids: list[str]) -> list[str]:
        """``ids`` with the selection and its relations before what is only nearby (while
        filtering; otherwise the pane's own order stands)."""
        if self.only is None:
            return ids
        return sorted(ids, key=lambda i: 0 if i == self.selected or i in self.related else 1)

    def draft_mark(self, item_id: str) -> tuple[str, str]:
        """⚠ after an entry `mudu-tui init` drafted and its author has not yet checked."""
        return (f" {DRAFT}", "bold $warning") if self.text.pack.is_draft(item_id) else ("", "")

    def visible_item(self, item_id: str) -> bool:
        """Whether the filter lets ``item_id`` through."""
        return self.only is None or item_id in self.only or item_id == self.selected

    def show(
        self,
        variant: Variant,
        selected: str | None,
        related: set[str],
        only: set[str] | None,
        nearby: set[str] | None = None,
    ) -> None:
        """Update marks, filter and script; only a changed filter re-lists the rows."""
        relist = only != self.only or selected != self.selected and only is not None
        self.variant = variant
        self.selected = selected
        self.related = related
        self.nearby = nearby or set()
        self.only = only
        if relist or self.RELIST_ON_SHOW:
            self.rebuild()
        else:
            self.refresh()

    def highlight_id(self, item_id: str) -> None:
        """Move the cursor to ``item_id`` (no message is posted)."""
        self.highlight_quietly(item_id)

    def chosen(self, item_id: str) -> None:
        self.post_message(ItemChosen(item_id))
