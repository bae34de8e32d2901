"""List panes: vi keys and a first entry on focus for all; marks, filter and selection
for the panes that follow the selection (entities, timeline, figures)."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..model.script import Variant


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


class LinkedList(PaneList):
    """A pane of items that follows the selection: marks what relates to it and can be
    filtered to it. Subclasses draw their options in :meth:`rebuild`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.variant: Variant = "original"
        self.related: set[str] = set()
        self.only: set[str] | None = None
        self.selected: str | None = None

    def on_mount(self) -> None:
        self.rebuild()

    def rebuild(self) -> None:
        """Redraw every option for the current variant, marks and filter."""
        raise NotImplementedError

    def mark(self, item_id: str) -> str:
        """The mark before an item: ▶ selected, ● related, blank otherwise."""
        return "▶ " if item_id == self.selected else "● " if item_id in self.related else "  "

    def visible_item(self, item_id: str) -> bool:
        """Whether the filter lets ``item_id`` through."""
        return self.only is None or item_id in self.only or item_id == self.selected

    def replace_options(self, options: list[Option | None]) -> None:
        """Swap in new options quietly, keeping the cursor on the same item if it stays."""
        keep = self.highlighted_option.id if self.highlighted_option else None
        with self.prevent(PaneList.OptionHighlighted):
            self.set_options(options)
            ids = {o.id for o in options if o is not None}
            if keep is not None and keep in ids:
                self.highlighted = self.get_option_index(keep)

    def show(self, variant: Variant, selected: str | None, related: set[str], only: set[str] | None) -> None:
        """Update marks, filter and script in one redraw."""
        self.variant = variant
        self.selected = selected
        self.related = related
        self.only = only
        self.rebuild()

    def highlight_id(self, item_id: str) -> None:
        """Move the cursor to ``item_id`` without posting a highlight message."""
        ids = [self.get_option_at_index(i).id for i in range(self.option_count)]
        if item_id in ids:
            with self.prevent(PaneList.OptionHighlighted):
                self.highlighted = ids.index(item_id)

    def on_option_list_option_selected(self, event: PaneList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(ItemChosen(event.option.id))
