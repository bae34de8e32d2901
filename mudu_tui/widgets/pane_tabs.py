"""The strip of pane names over the side panes: one widget that draws every name itself.

Textual's TabbedContent builds a widget per tab plus an underline and lays them out again
whenever a label changes (each script toggle, each narrow/wide switch), so the names reached
the screen two frames after the article. This strip is one widget: its names are on the first
frame, a label change is a repaint, and it picks the widest form of the names that fits.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from textual.content import Content
from textual.events import Click
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


class PaneTabs(SpanStrip):
    """The side panes' names; the shown one is lit and underlined. Click a name to show it."""

    DEFAULT_CSS = """
    PaneTabs { height: 2; }
    PaneTabs > .pane-tabs--name { color: $foreground 60%; }
    PaneTabs > .pane-tabs--active { color: $foreground; text-style: bold; }
    PaneTabs > .pane-tabs--hover { color: $foreground; background: $block-hover-background; }
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
        """The user clicked a pane's name."""

        def __init__(self, pane: str) -> None:
            super().__init__()
            self.pane = pane

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
        """Where each pane's name is drawn at the current width."""
        return tab_layout([self.labels[pane] for pane in self.panes], self.size.width)

    def content_lines(self) -> list[Content]:
        width = self.size.width
        spans = self.spans()
        names: list[Content | tuple[str, Style]] = []
        rule: list[tuple[str, Style]] = []
        x = 0
        styles = {name: self.get_visual_style(f"pane-tabs--{name}") for name in ("name", "active", "hover")}
        rule_style = self.get_visual_style("pane-tabs--rule")
        active_rule = self.get_visual_style("pane-tabs--rule-active")
        for index, (pane, span) in enumerate(zip(self.panes, spans, strict=True)):
            pad = " " * ((span.end - span.start - text_width(span.label)) // 2)
            kind = "active" if pane == self.active else "hover" if index == self.hover else "name"
            names += [(" " * (span.start - x), styles["name"]), (pad + span.label + pad, styles[kind])]
            if span.start > x:
                rule.append(("━" * (span.start - x), rule_style))
            rule.append(("━" * (span.end - span.start), active_rule if pane == self.active else rule_style))
            x = span.end
        if width > x:
            rule.append(("━" * (width - x), rule_style))
        return [Content.assemble(*names), Content.assemble(*rule)]

    def span_ranges(self) -> list[tuple[int, int]]:
        return [(span.start, span.end) for span in self.spans()]

    def span_tooltip(self, index: int) -> str | None:
        return self.tooltips.get(self.panes[index])

    def on_click(self, event: Click) -> None:
        index = self.span_at(event.x)
        if index is not None:
            self.post_message(self.Chosen(self.panes[index]))
