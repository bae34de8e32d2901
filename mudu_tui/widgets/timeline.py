"""The timeline pane (時間線): events in date order at the precision the article gives."""

from __future__ import annotations

from textual.content import Content

from ..model.reading import VariantText
from ..model.safety import visible
from ..model.script import convert
from .item_list import Row
from .lists import LinkedList

#: Shown after an inferred date: the article gives only "4天後", "今年" or "七八月份".
INFERRED = "（推定）"


class Timeline(LinkedList):
    """Dated events; those related to the selection are marked ●."""

    HELP = "Events by date. （推定） marks dates inferred from 今年, 4天後 and the like."
    ROW_HEIGHT = 2

    def __init__(self, text: VariantText, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text

    def prompt(self, item_id: str) -> Content:
        """The date at its precision (inferred ones marked) over the event's summary."""
        event = self.text.pack.events[item_id]
        label = convert(event.label, self.variant)
        inferred = convert(INFERRED, self.variant) if event.inferred else ""
        return Content.assemble(
            (self.mark(event.id), "bold"),
            (label, "bold"),
            (inferred, "italic dim"),
            self.draft_mark(event.id),
            "\n  ",
            (visible(self.text.prose(event.summary, self.variant)), ""),
        )

    def item_rows(self) -> list[Row]:
        """One row per event the filter lets through, in date order."""
        return [Row(e.id) for e in self.text.pack.index.events if self.visible_item(e.id)]
