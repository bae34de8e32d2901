"""The timeline pane (時間線): events in date order at the precision the article gives."""

from __future__ import annotations

from textual.content import Content
from textual.widgets.option_list import Option

from ..model.index import Event
from ..model.reading import VariantText
from ..model.script import Variant, convert
from ..safety import visible
from .entity_list import EntitySelected
from .lists import PaneList

#: Shown after an inferred date: the article gives only "4天後", "今年" or "七八月份".
INFERRED = "（推定）"


class Timeline(PaneList):
    """Dated events; those related to the selection are marked ●."""

    HELP = "Events by date. （推定） marks dates inferred from 今年, 4天後 and the like."

    def __init__(self, text: VariantText, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text
        self.variant: Variant = "original"
        self.related: set[str] = set()
        self.only: set[str] | None = None
        self.selected: str | None = None

    def on_mount(self) -> None:
        self.rebuild()

    def _prompt(self, event: Event) -> Content:
        mark = "▶ " if event.id == self.selected else "● " if event.id in self.related else "  "
        label = convert(event.label, self.variant)
        inferred = convert(INFERRED, self.variant) if event.inferred else ""
        return Content.assemble(
            (mark, "bold"),
            (label, "bold"),
            (inferred, "italic dim"),
            "\n  ",
            (visible(convert(event.summary, self.variant)), ""),
        )

    def rebuild(self) -> None:
        """Redraw for the current variant, marks and filter."""
        keep = self.highlighted_option.id if self.highlighted_option else None
        events = [
            e
            for e in self.text.pack.index.events
            if self.only is None or e.id in self.only or e.id == self.selected
        ]
        with self.prevent(PaneList.OptionHighlighted):
            self.set_options([Option(self._prompt(e), id=e.id) for e in events])
            if keep is not None and keep in {e.id for e in events}:
                self.highlighted = self.get_option_index(keep)

    def show(self, variant: Variant, selected: str | None, related: set[str], only: set[str] | None) -> None:
        """Update marks, filter and script in one redraw."""
        self.variant = variant
        self.selected = selected
        self.related = related
        self.only = only
        self.rebuild()

    def highlight_id(self, item_id: str) -> None:
        """Move the cursor to ``item_id`` quietly."""
        try:
            index = self.get_option_index(item_id)
        except Exception:
            return
        with self.prevent(PaneList.OptionHighlighted):
            self.highlighted = index

    def on_option_list_option_selected(self, event: PaneList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(EntitySelected(event.option.id))
