"""The strip of pane names over the side panes: one widget that draws every name itself.

Textual's TabbedContent builds a widget per tab plus an underline and lays them out again
whenever a label changes (each script toggle, each narrow/wide switch), so the names reached
the screen two frames after the article. This strip is one widget: its names are on the first
frame, a label change is a repaint, and it picks the widest form of the names that fits.
Like Textual's Tabs it takes the keyboard (left/right show the neighbouring pane, enter or
down goes into it) and the mouse; a strip too narrow for every name scrolls to keep the shown
one in view and marks the cut sides with …
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from textual.binding import Binding
from textual.content import Content
from textual.events import Blur, Click, Focus
from textual.message import Message
from textual.reactive import reactive
from textual.style import Style

from ..model.layout import text_width
from .span_strip import SpanStrip


class TabSpan(NamedTuple):
    """Where one pane's name is drawn: cells ``start`` to ``end`` (exclusive), and the text."""

    start: int
    end: int
    label: str


def tab_layout(labels: Sequence[str], width: int) -> list[TabSpan]:
    """Place the names in ``width`` cells, in the roomiest form that fits.

    Forms, roomiest first: each name padded by a space on both sides (as Textual's tabs);
    bare names one space apart; then each name cut to its first character (城 企 機 …), padded,
    then bare. The last form is used even if it does not fit (a tiny terminal crops it).
    """
    short = [label[:1] for label in labels]
    forms = ((labels, 1, 0), (labels, 0, 1), (short, 1, 0), (short, 0, 1))
    for number, (names, pad, gap) in enumerate(forms, 1):
        # A bare name keeps one cell from the left edge, where a padded one has its padding.
        total = (1 - pad) + sum(text_width(name) + 2 * pad for name in names) + gap * (len(names) - 1)
        if total <= width or number == len(forms):
            break
    spans: list[TabSpan] = []
    x = 1 - pad
    for name in names:
        end = x + text_width(name) + 2 * pad
        spans.append(TabSpan(x, end, name))
        x = end + gap
    return spans


class PaneTabs(SpanStrip, can_focus=True):
    """The side panes' names; the shown one is lit and underlined. Click a name, or focus the
    strip and use the arrows, to show a pane."""

    BINDINGS = [
        Binding("left,h", "step(-1)", "上一窗格", show=False, id="tabs.previous", tooltip="Previous pane"),
        Binding("right,l", "step(1)", "下一窗格", show=False, id="tabs.next", tooltip="Next pane"),
        Binding("enter,down", "enter", "進入窗格", show=False, id="tabs.enter", tooltip="Into the pane"),
    ]

    DEFAULT_CSS = """
    PaneTabs { height: 2; }
    PaneTabs > .pane-tabs--name { color: $foreground 60%; }
    PaneTabs > .pane-tabs--active { color: $foreground; text-style: bold; }
    PaneTabs > .pane-tabs--hover { color: $foreground; background: $block-hover-background; }
    PaneTabs:focus > .pane-tabs--active {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
    }
    PaneTabs > .pane-tabs--rule { color: $foreground 12%; }
    PaneTabs > .pane-tabs--rule-active { color: $block-cursor-background; }
    """

    COMPONENT_CLASSES = {
        "pane-tabs--name",
        "pane-tabs--active",
        "pane-tabs--hover",
        "pane-tabs--rule",
        "pane-tabs--rule-active",
    }

    class Chosen(Message):
        """The user chose a pane: clicked its name (``focus``: go into it) or stepped to it
        with an arrow key (the keyboard stays on the strip)."""

        def __init__(self, pane: str, focus: bool = True) -> None:
            super().__init__()
            self.pane = pane
            self.focus = focus

    #: The id of the pane shown under the strip.
    active: reactive[str] = reactive("")

    def __init__(
        self,
        labels: dict[str, str],
        *,
        active: str,
        tooltips: dict[str, str] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.panes = list(labels)  # in strip order
        self.labels = dict(labels)
        self.tooltips = tooltips or {}
        self.set_reactive(PaneTabs.active, active)

    def set_labels(self, labels: dict[str, str]) -> None:
        """New names for the panes (a script toggle); only a repaint."""
        self.labels.update(labels)
        self.refresh()

    def spans(self) -> list[TabSpan]:
        """Where each pane's name is drawn at the current width (cells past the right edge when
        even the shortest form does not fit: see :meth:`shift`)."""
        return tab_layout([self.labels[pane] for pane in self.panes], self.size.width)

    def shift(self, spans: Sequence[TabSpan]) -> int:
        """How many cells the names are scrolled left so the shown one is in view (0 when
        they all fit); one cell at each cut side is left for the … mark."""
        width = self.size.width
        if not spans or spans[-1].end <= width or self.active not in self.panes:
            return 0
        active = spans[self.panes.index(self.active)]
        return max(0, min(active.end - (width - 1), spans[-1].end - (width - 1)))

    def _shown(self) -> list[tuple[int, TabSpan]]:
        """The names wholly in view after the shift, by pane index, at their on-screen cells."""
        spans = self.spans()
        shift = self.shift(spans)
        width = self.size.width
        left = 1 if shift else 0
        right = width - 1 if spans and spans[-1].end - shift > width else width
        shown = []
        for index, span in enumerate(spans):
            start, end = span.start - shift, span.end - shift
            if start >= left and end <= right:
                shown.append((index, TabSpan(start, end, span.label)))
        return shown

    def content_lines(self) -> list[Content]:
        width = self.size.width
        shown = self._shown()
        cut_left = bool(shown) and self.shift(self.spans()) > 0
        cut_right = bool(shown) and len(shown) < len(self.panes) and shown[-1][0] < len(self.panes) - 1
        names: list[Content | tuple[str, Style]] = []
        rule: list[tuple[str, Style]] = []
        x = 0
        styles = {name: self.get_visual_style(f"pane-tabs--{name}") for name in ("name", "active", "hover")}
        rule_style = self.get_visual_style("pane-tabs--rule")
        active_rule = self.get_visual_style("pane-tabs--rule-active")
        if cut_left:
            names.append(("…", styles["name"]))
            rule.append(("━", rule_style))
            x = 1
        for position, (index, span) in enumerate(shown):
            pane = self.panes[index]
            pad = " " * ((span.end - span.start - text_width(span.label)) // 2)
            kind = "active" if pane == self.active else "hover" if position == self.hover else "name"
            names += [(" " * (span.start - x), styles["name"]), (pad + span.label + pad, styles[kind])]
            if span.start > x:
                rule.append(("━" * (span.start - x), rule_style))
            rule.append(("━" * (span.end - span.start), active_rule if pane == self.active else rule_style))
            x = span.end
        if cut_right:
            names += [(" " * (width - 1 - x), styles["name"]), ("…", styles["name"])]
        if width > x:
            rule.append(("━" * (width - x), rule_style))
        return [Content.assemble(*names), Content.assemble(*rule)]

    def span_ranges(self) -> list[tuple[int, int]]:
        # Spans in view only: a name scrolled out of view cannot be pointed at.
        return [(span.start, span.end) for _, span in self._shown()]

    def _pane_at(self, index: int) -> str:
        return self.panes[self._shown()[index][0]]

    def span_tooltip(self, index: int) -> str | None:
        return self.tooltips.get(self._pane_at(index))

    def on_click(self, event: Click) -> None:
        index = self.span_at(event.x)
        if index is not None:
            self.post_message(self.Chosen(self._pane_at(index)))

    def action_step(self, step: int) -> None:
        """Show the pane ``step`` names to the right (left if negative), round the ends."""
        index = self.panes.index(self.active) if self.active in self.panes else 0
        self.post_message(self.Chosen(self.panes[(index + step) % len(self.panes)], focus=False))

    def action_enter(self) -> None:
        """Go into the shown pane."""
        self.post_message(self.Chosen(self.active))

    def on_focus(self, event: Focus) -> None:
        self.refresh()

    def on_blur(self, event: Blur) -> None:
        self.refresh()
