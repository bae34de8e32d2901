"""The timeline pane (時間線): events in date order at the precision the article gives,
filtered to one year with `[` and `]`."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content

from ..model.layout import wrap
from ..model.reading import VariantText
from ..model.safety import visible
from ..model.script import convert
from .item_list import Row
from .lists import LinkedList

#: Shown after an inferred date: the article gives the date only in part (its note says how).
INFERRED = "（推定）"


class Timeline(LinkedList):
    """Dated events; those related to the selection are marked ●. The summary wraps onto a
    second line (details show it whole, should it need a third)."""

    HELP = "Events by date. （推定） marks dates the article gives only in part, worked out."
    ROW_HEIGHT = 3

    BINDINGS = [
        Binding(
            "right_square_bracket",
            "year(1)",
            "下一年",
            show=False,
            id="timeline.next_year",
            tooltip="Only the next year",
        ),
        Binding(
            "left_square_bracket",
            "year(-1)",
            "上一年",
            show=False,
            id="timeline.previous_year",
            tooltip="Only the previous year",
        ),
    ]

    def __init__(self, text: VariantText, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text
        #: The year shown alone (None: every year).
        self.year: str | None = None

    def years(self) -> list[str]:
        """The years the events fall in, in order."""
        return sorted({e.date[:4] for e in self.text.pack.index.events})

    def action_year(self, step: int) -> None:
        """Show only the next (1) or previous (-1) year; past either end, every year again."""
        years = [None, *self.years()]
        at = years.index(self.year) if self.year in years else 0
        self.year = years[(at + step) % len(years)]
        self.rebuild()
        self.action_first()

    def prompt(self, item_id: str) -> Content:
        """The date at its precision (inferred ones marked) over the event's summary."""
        event = self.text.pack.events[item_id]
        label = convert(event.label, self.variant)
        inferred = self.text.ui(INFERRED, self.variant) if event.inferred else ""
        summary = visible(self.text.prose(event.summary, self.variant))
        width = self.scrollable_content_region.width - 2
        # A pane not laid out yet (hidden) has no width: the summary stays one line.
        lines = [summary[a:b] for a, b in wrap(summary, width)] if width > 8 else [summary]
        shown = lines[:1] + ["".join(lines[1:])] if len(lines) > 1 else lines
        return Content.assemble(
            (self.mark(event.id), "bold"),
            (label, "bold"),
            (inferred, "italic dim"),
            self.draft_mark(event.id),
            *(f"\n  {line}" for line in shown),
        )

    def heading(self, row: int) -> Content:
        """The year filter, and how to change it."""
        text = f"{self.year}年  [ ] 換年份，再按至全部" if self.year else ""
        shown = self.text.ui(text, self.variant)
        return Content.assemble((shown, "bold"), ("\nFiltered by year: [ and ]", "dim"))

    def item_rows(self) -> list[Row]:
        """One row per event the filter lets through, in date order (a heading first when
        one year is shown)."""
        ids = [
            e.id
            for e in self.text.pack.index.events
            if self.visible_item(e.id) and (self.year is None or e.date.startswith(self.year))
        ]
        rows = [Row(i) for i in self.relations_first(ids)]
        return [Row(None, heading=True), *rows] if self.year else rows
