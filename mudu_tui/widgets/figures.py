"""The figures pane (數據): the article's numbers as bar charts, one chart per `chart` key.

Bars are drawn here with Content rather than with textual-plotext: plotext measures labels
with ``len()``, so Chinese labels (two cells a character) push its bars out of line, and its
canvas cannot be converted between scripts. Each bar is an option, so choosing one selects
its figure like any other entry.
"""

from __future__ import annotations

from collections import defaultdict

from textual.content import Content

from ..model.charts import chart_title, comparable, hedged
from ..model.index import Figure
from ..model.layout import text_width
from ..model.reading import VariantText
from ..model.safety import visible
from ..model.script import convert
from .item_list import Row
from .lists import LinkedList

BAR = "█"
DISPUTED = "⚠"
NOTE = "ℹ"

#: The pane's first lines: what its marks mean.
LEGEND = (
    "⚠ 存疑 disputed  ℹ 註記 note  約 approximate",
    "預測 forecast  （推定） inferred date",
)


class FiguresPane(LinkedList):
    """Bar charts of the figures; disputed numbers carry ⚠ and their note in details."""

    #: Labels (and so the bars' alignment) change with the variant: always re-list.
    RELIST_ON_SHOW = True

    HELP = "The article's numbers as bars. `enter` selects a figure and shows its sentence."

    def __init__(self, text: VariantText, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text
        self.bar_width = 14

    def _charts(self) -> dict[str, list[Figure]]:
        charts: dict[str, list[Figure]] = defaultdict(list)
        for fig in self.text.pack.index.figures:
            if not self.visible_item(fig.id):
                continue
            charts[fig.chart or "_other"].append(fig)
        for key, figures in charts.items():
            if (
                key != "_other"
                and len({f.year for f in figures}) > 1
                and len({f.region for f in figures}) > 1
            ):
                # Several years of several places: each place's years side by side.
                first: dict[str | None, int] = {}
                for f in figures:
                    first.setdefault(f.region, len(first))
                figures.sort(key=lambda f: (first[f.region], f.year or 0))
        return charts

    def _label(self, fig: Figure, charted: bool = True) -> str:
        if not charted:
            # Outside a chart a place and a year say too little ("深圳 2023" of what?).
            return convert(fig.metric, self.variant)
        if fig.label:
            return convert(fig.label, self.variant)
        if fig.region and fig.region in self.text.pack.entities:
            name = self.text.name(self.text.pack.entities[fig.region], self.variant)
            return f"{name} {fig.year}" if fig.year else name
        return convert(fig.metric, self.variant)

    def item_rows(self) -> list[Row]:
        """A heading, then one row per bar, for each chart; a separator between charts."""
        rows: list[Row] = []
        self._headings: dict[int, Content] = {}
        self._layout: dict[str, tuple[str, int, float, bool]] = {}
        for line in LEGEND:
            self._headings[len(rows)] = Content.styled(convert(line, self.variant), "dim")
            rows.append(Row(None, heading=True))
        for key, figures in self._charts().items():
            if key == "_other":
                title = convert("其他數字 Other numbers", self.variant)
            else:
                title = convert(chart_title(key, figures), self.variant)
            rows.append(Row(None, separator=True))
            self._headings[len(rows)] = Content.styled(visible(title), "bold")
            rows.append(Row(None, heading=True))
            # Figures that bars cannot compare (other units, 1 against 500) are listed.
            charted = key != "_other" and comparable(figures)
            labels = [visible(self._label(f, charted)) for f in figures]
            label_width = max(text_width(label) for label in labels)
            top = max((abs(float(f.value)) for f in figures), default=1.0) or 1.0
            for fig, label in zip(figures, labels, strict=True):
                self._layout[fig.id] = (label, label_width, top, charted)
                rows.append(Row(fig.id))
        return rows

    def heading(self, row: int) -> Content:
        """A chart's title."""
        return self._headings.get(row, Content(""))

    def prompt(self, item_id: str) -> Content:
        """One bar: mark, label, bar, value and unit, forecast and ⚠ marks."""
        label, label_width, top, charted = self._layout[item_id]
        return self._bar(self.text.pack.figures[item_id], label, label_width, top, charted)

    def _bar(self, fig: Figure, label: str, label_width: int, top: float, charted: bool) -> Content:
        unit = visible(convert(fig.unit, self.variant))
        about = convert("約", self.variant) if hedged(fig) else ""
        value: list[tuple[str, str] | str] = [(f"{about}{fig.value_text}{unit}", "bold")]
        if fig.year and str(fig.year) not in label:
            value.append((f" {fig.year}", "dim"))
        if fig.forecast and "預測" not in (fig.label or ""):
            value.append((convert(" 預測", self.variant), "italic dim"))
        if fig.disputed:
            value.append((f" {DISPUTED}", "bold $warning"))
        elif fig.draft:
            value.append(self.draft_mark(fig.id))
        elif fig.note:
            value.append((f" {NOTE}", "dim"))
        if not charted:
            # The number first: a long metric is what gets cut at the pane's edge.
            return Content.assemble((self.mark(fig.id), "bold"), *value, "  ", label)
        pad = " " * (label_width - text_width(label))
        length = max(1, round(abs(float(fig.value)) / top * self.bar_width))
        style = "$warning" if fig.disputed else "$accent"
        bar: list[tuple[str, str] | str] = [(BAR * length, style), " " * (self.bar_width - length + 1)]
        return Content.assemble((self.mark(fig.id), "bold"), label, pad, " ", *bar, *value)
