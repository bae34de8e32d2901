"""The figures pane (數據): the article's numbers as bar charts, one chart per `chart` key.

Bars are drawn here with Content rather than with textual-plotext: plotext measures labels
with ``len()``, so Chinese labels (two cells a character) push its bars out of line, and its
canvas cannot be converted between scripts. Each bar is an option, so choosing one selects
its figure like any other entry.
"""

from __future__ import annotations

from collections import defaultdict

from textual.content import Content
from textual.events import Resize

from ..model.charts import Drawn, chart_of, comparable, hedged, in_unit
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
#: Fewest cells a label keeps when the pane is narrow (the rest is cut with …).
MIN_LABEL = 6

#: The pane's first lines: what its marks mean, packed into lines as wide as the pane.
LEGEND = ("⚠ 存疑 disputed", "ℹ 註記 note", "約 approximate", "預測 forecast", "（推定） inferred date")
#: The width the legend is packed to while the pane has none yet (hidden, not laid out).
LEGEND_WIDTH = 44


def legend_lines(width: int) -> list[str]:
    """The legend's items, two spaces apart, in as few lines of at most ``width`` cells as
    they go (an item wider than that keeps a line of its own rather than being cut)."""
    lines: list[str] = []
    for item in LEGEND:
        if lines and text_width(lines[-1]) + 2 + text_width(item) <= width:
            lines[-1] += "  " + item
        else:
            lines.append(item)
    return lines


class FiguresPane(LinkedList):
    """Bar charts of the figures; disputed numbers carry ⚠ and their note in details."""

    #: Labels (and so the bars' alignment) change with the variant: always re-list.
    RELIST_ON_SHOW = True

    HELP = "The article's numbers as bars. `enter` selects a figure and shows its sentence."

    def __init__(self, text: VariantText, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text
        self.bar_width = 14
        self._legend_width = LEGEND_WIDTH  # the width the listed legend was packed to

    def _width_for_legend(self) -> int:
        width = self.scrollable_content_region.width
        return width if width > 0 else LEGEND_WIDTH

    def on_resize(self, event: Resize) -> None:
        """A new width may fit the legend in other lines: re-list if it does."""
        width = self._width_for_legend()
        if legend_lines(width) != legend_lines(self._legend_width):
            self.rebuild()

    def _charts(self) -> list[Drawn]:
        grouped: dict[str, list[Figure]] = defaultdict(list)
        for fig in self.text.pack.index.figures:
            if self.visible_item(fig.id):
                grouped[fig.chart or ""].append(fig)
        charts = []
        declared = self.text.pack.index.charts
        for key, figures in grouped.items():
            if not key:
                charts.append(Drawn("", "其他數字 Other numbers", "", "list", figures))
                continue
            chart = chart_of(key, declared, figures)
            if key not in declared and not comparable(figures):
                # An undeclared chart (schema 1) whose bars would compare nothing is listed.
                chart = chart._replace(kind="list")
            several = len({f.year for f in figures}) > 1 and len({f.region for f in figures}) > 1
            if chart.kind == "bars" and several:
                # Several years of several places: each place's years side by side.
                first: dict[str | None, int] = {}
                for f in figures:
                    first.setdefault(f.region, len(first))
                chart.figures.sort(key=lambda f: (first[f.region], f.year or 0))
            charts.append(chart)
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
        """The legend, then a heading and one row per bar for each chart, with separators."""
        rows: list[Row] = []
        self._headings: dict[int, Content] = {}
        self._layout: dict[str, tuple[str, int, float, bool, str]] = {}
        self._legend_width = self._width_for_legend()
        for line in legend_lines(self._legend_width):
            self._headings[len(rows)] = Content.styled(self.text.ui(line, self.variant), "dim")
            rows.append(Row(None, heading=True))
        for chart in self._charts():
            charted = chart.kind != "list"
            title = chart.title + (f"（{chart.unit}）" if charted and chart.unit else "")
            rows.append(Row(None, separator=True))
            self._headings[len(rows)] = Content.styled(visible(convert(title, self.variant)), "bold")
            rows.append(Row(None, heading=True))
            labels = [visible(self._label(f, charted)) for f in chart.figures]
            label_width = max(text_width(label) for label in labels)
            # Bars compare like with like: every value in the chart's unit (3萬億 in 億 is 30000).
            top = max((abs(in_unit(f, chart.unit)) for f in chart.figures), default=1.0) if charted else 1.0
            for fig, label in zip(chart.figures, labels, strict=True):
                self._layout[fig.id] = (label, label_width, top or 1.0, charted, chart.unit)
                rows.append(Row(fig.id))
        return rows

    def heading(self, row: int) -> Content:
        """A chart's title."""
        return self._headings.get(row, Content(""))

    def prompt(self, item_id: str) -> Content:
        """One bar: marks, label, bar, value and unit, year, forecast and note marks."""
        label, label_width, top, charted, unit = self._layout[item_id]
        fig = self.text.pack.figures[item_id]
        return self._bar(fig, label, label_width, in_unit(fig, unit) / top if charted else 0.0, charted)

    def _bar(self, fig: Figure, label: str, label_width: int, share: float, charted: bool) -> Content:
        unit = visible(convert(fig.unit, self.variant))
        about = self.text.ui("約", self.variant) if hedged(fig) else ""
        value_text = f"{about}{fig.value_text}{unit}"
        value: list[tuple[str, str] | str] = [(value_text, "bold")]
        if fig.year and str(fig.year) not in label:
            value.append((f" {fig.year}", "dim"))
        if fig.forecast and "預測" not in (fig.label or ""):
            value.append((self.text.ui(" 預測", self.variant), "italic dim"))
        if fig.note and not fig.disputed and not fig.draft:
            value.append((f" {NOTE}", "dim"))
        # ⚠ stands first, beside the mark: a long label or unit can never push it off the pane.
        # It marks a disputed number, or one still a draft of `mudu-tui init`.
        warn = (f"{DISPUTED} ", "bold $warning") if fig.disputed or fig.draft else "  "
        head: list[tuple[str, str] | str] = [(self.mark(fig.id), "bold"), warn]
        if not charted:
            # The number first: a long metric is what gets cut at the pane's edge.
            return Content.assemble(*head, *value, "  ", label)
        width = self.scrollable_content_region.width or 40
        fixed = 4 + 2 + text_width(value_text)  # marks, spaces around the bar, the value
        shown_width = min(label_width, max(MIN_LABEL, (width - fixed) // 2))
        bar_width = max(3, min(self.bar_width, width - fixed - shown_width))
        if text_width(label) > shown_width:
            label = _cut(label, shown_width)
        pad = " " * (shown_width - text_width(label))
        length = max(1, round(abs(share) * bar_width))
        style = "$warning" if fig.disputed else "$accent"
        bar: list[tuple[str, str] | str] = [(BAR * length, style), " " * (bar_width - length + 1)]
        return Content.assemble(*head, label, pad, " ", *bar, *value)


def _cut(label: str, width: int) -> str:
    """``label`` cut to ``width`` cells, ending in …."""
    out = ""
    for char in label:
        if text_width(out + char) > width - 1:
            break
        out += char
    return out + "…"
