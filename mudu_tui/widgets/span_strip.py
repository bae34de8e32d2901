"""A strip drawn as a row of clickable spans (pane names, keys): which one is under the pointer."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.events import Leave, MouseMove
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget


class SpanStrip(Widget):
    """Base for one-widget strips of clickable spans; subclasses give the lines
    (:meth:`content_lines`), say where the spans are and draw the one under the pointer
    (``hover``) in its hover style."""

    #: The index of the span under the pointer, if any.
    hover: reactive[int | None] = reactive(None)

    def content_lines(self) -> list[Content]:
        """The strip's lines, one Content each, never wider than the widget."""
        raise NotImplementedError

    def render_line(self, y: int) -> Strip:
        # Each line straight from its segments: Textual's general path (wrap, align, pad a
        # Visual) cost more than all the rest of drawing these one- and two-line strips.
        width = self.size.width
        base = self.visual_style
        lines = self.content_lines()
        if y >= len(lines):
            return Strip.blank(width, base.rich_style)
        line = lines[y]
        strip = Strip(line.render_segments(base), line.cell_length)
        return strip.extend_cell_length(width, base.rich_style).crop(0, width)

    def span_ranges(self) -> Sequence[tuple[int, int]]:
        """Each span's cells, ``(start, end)`` with ``end`` exclusive, left to right."""
        raise NotImplementedError

    def span_tooltip(self, index: int) -> str | None:
        """What the span at ``index`` does, shown while the pointer rests on it."""
        return None

    def span_at(self, x: int) -> int | None:
        """The index of the span at cell ``x``, if any."""
        for index, (start, end) in enumerate(self.span_ranges()):
            if start <= x < end:
                return index
        return None

    def on_mouse_move(self, event: MouseMove) -> None:
        self.hover = self.span_at(event.x)

    def on_leave(self, event: Leave) -> None:
        self.hover = None

    def watch_hover(self, hover: int | None) -> None:
        self.tooltip = None if hover is None else self.span_tooltip(hover)
