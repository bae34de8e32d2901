"""The article view: the whole article, CJK-wrapped, with mentions highlighted by kind.

It renders only the lines in view (a ScrollView with ``render_line``), so a 100× longer
article costs no more per frame. Lines are laid out per width and variant and cached.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual.events import Click, Resize
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from ..model.kinds import NAMED_KINDS
from ..model.layout import char_width, wrap
from ..model.reading import VariantText
from ..model.safety import visible
from ..model.script import Variant, convert
from .pager_keys import PagerKeys


class Row(NamedTuple):
    """One screen line: what it shows and which characters of it (a tuple: a 100× article
    has 30,000 of them, built on every re-layout)."""

    kind: str  # title | heading | text | photo | reference | blank
    paragraph: int = -1  # paragraph index for text rows
    section: int = -1  # section index for heading rows
    start: int = 0
    end: int = 0


class ArticleView(PagerKeys, can_focus=True):
    """Scrollable article with entity highlights, quote highlights and find hits."""

    COMPONENT_CLASSES = {
        "article--title",
        "article--heading",
        "article--photo",
        "article--reference",
        "article--selected",
        "article--current",
        "article--quote",
        "article--find",
        "article--find-current",
        *(kind.component for kind in NAMED_KINDS.values()),
    }

    HELP = "The article. Mentions are coloured by kind; click one to select its entity."

    class TopSectionChanged(Message):
        """The section at the top of the view changed (scrolling)."""

        def __init__(self, section: int) -> None:
            super().__init__()
            self.section = section

    class MentionClicked(Message):
        """The user clicked an entity's mention in the text."""

        def __init__(self, entity: str, mention: int) -> None:
            super().__init__()
            self.entity = entity
            self.mention = mention  # which of the entity's mentions, in reading order

    def __init__(self, text: VariantText, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text
        self.pack = text.pack
        self.variant: Variant = "original"
        self.rows: list[Row] = []
        self._para_row: list[int] = []
        self._section_row: list[int] = []
        self._layout_key: tuple[int, Variant] | None = None
        self._pending_top: int | None = None
        self._style_cache: dict[int, list[tuple[int, int, Style]]] = {}
        self._chosen_section: tuple[int, int] | None = None
        self._top_section = -1
        # Highlight state, all in original offsets keyed by paragraph index.
        self._kind_spans: dict[int, list[tuple[int, int, str]]] = {}
        self._selected: dict[int, list[tuple[int, int]]] = {}
        self._current: tuple[int, int, int] | None = None
        self._quote: tuple[int, int, int] | None = None
        self._find: list[tuple[int, int, int]] = []  # in variant offsets
        self._find_current = -1
        for m in self.pack.mentions:
            self._kind_spans.setdefault(self.pack.article.position(m.paragraph), []).append(
                (m.start, m.end, m.entity)
            )
        self._entity_kind = {k: e.kind for k, e in self.pack.entities.items()}

    # -- layout ---------------------------------------------------------------------------

    def _wrap_width(self) -> int:
        # Two cells spare on the right for hanging punctuation.
        return max(self.scrollable_content_region.width - 2, 8)

    def relayout(self, force: bool = False) -> None:
        """Lay the article out for the current width and variant (cached per both)."""
        width = self._wrap_width()
        key = (width, self.variant)
        if key == self._layout_key and not force:
            return
        self._layout_key = key
        rows: list[Row] = []
        para_row: list[int] = [0] * len(self.pack.article.paragraphs)
        section_row: list[int] = []
        article = self.pack.article
        title = convert(article.title, self.variant)
        for start, end in wrap(title, width):
            rows.append(Row("title", start=start, end=end))
        for s_index, section in enumerate(article.sections):
            section_row.append(len(rows))
            rows.append(Row("blank"))
            if not section.is_opening:
                heading = convert(section.title, self.variant)
                for start, end in wrap(heading, width):
                    rows.append(Row("heading", section=s_index, start=start, end=end))
                rows.append(Row("blank"))
            for pid in section.paragraphs:
                index = article.position(pid)
                kind = article.paragraphs[index].kind
                para_row[index] = len(rows)
                shown, _ = self.text.paragraph(self.variant, index)
                shown_width = width - 2 if kind == "reference" else width
                for start, end in wrap(visible(shown), shown_width):
                    rows.append(Row(kind, paragraph=index, start=start, end=end))
                if kind != "reference":
                    rows.append(Row("blank"))
        self.rows = rows
        self._para_row = para_row
        self._section_row = section_row
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows))
        self._restyle()
        if self._pending_top is not None and rows:
            # A place asked for before the first layout (a restored reading position).
            pending, self._pending_top = self._pending_top, None
            self.call_after_refresh(self.scroll_to, y=para_row[pending], animate=False)

    def on_resize(self, event: Resize) -> None:
        if not self.rows:
            self.relayout()
            return
        at_top = self.scroll_y == 0
        top = self.top_paragraph()
        offset = self._row_offset_in_paragraph()
        self.relayout()
        if not at_top:
            self.scroll_to(y=self._para_row[top] + offset, animate=False)

    def set_variant(self, variant: Variant) -> None:
        """Show the article in ``variant`` keeping the same paragraph at the top."""
        if not self.rows:  # not laid out yet: the first resize lays it out in this variant
            self.variant = variant
            return
        top = self.top_paragraph()
        offset = self._row_offset_in_paragraph()
        self.variant = variant
        if self._find:
            self._find = []
        self.relayout()
        self.scroll_to(y=self._para_row[top] + offset if self.rows else 0, animate=False)

    # -- positions -------------------------------------------------------------------------

    def top_paragraph(self) -> int:
        """Index of the paragraph at (or just below) the top of the view."""
        y = int(self.scroll_y)
        for row in self.rows[y:]:
            if row.paragraph >= 0:
                return row.paragraph
        return max(len(self._para_row) - 1, 0)

    def _row_offset_in_paragraph(self) -> int:
        y = int(self.scroll_y)
        if y < len(self.rows) and self.rows[y].paragraph >= 0:
            return y - self._para_row[self.rows[y].paragraph]
        return 0

    def section_at_top(self) -> int:
        """Index of the section whose heading is at or above the top of the view (or the one
        just chosen, while the view stays where choosing it sent it)."""
        if self._chosen_section is not None:
            index, y = self._chosen_section
            if int(self.scroll_y) == y:
                return index
            self._chosen_section = None
        y = int(self.scroll_y) + 1
        current = 0
        for index, row in enumerate(self._section_row):
            if row <= y:
                current = index
        return current

    def scroll_to_paragraph(self, index: int, *, animate: bool = False, center: bool = False) -> None:
        """Bring paragraph ``index`` to the top (or the middle) of the view (once laid out)."""
        if not self.rows:
            self._pending_top = index
            return
        y = self._para_row[index]
        if center:
            y -= self.scrollable_content_region.height // 3
        self.scroll_to(y=max(y, 0), animate=animate)

    def scroll_to_section(self, index: int) -> None:
        """Bring section ``index``'s heading to the top."""
        if self.rows and 0 <= index < len(self._section_row):
            target = self._section_row[index]
            # The last sections cannot reach the top: remember the choice while the view
            # stays where it was sent, so the sections pane shows what was chosen.
            self._chosen_section = (index, min(target, int(self.max_scroll_y)))
            self.scroll_to(y=target, animate=False)
            self._top_section = index

    def scroll_to_span(self, paragraph: int, start: int) -> None:
        """Scroll so the line holding character ``start`` of paragraph ``paragraph`` is in view,
        a third of the way down."""
        if not self.rows:
            return
        y = self._para_row[paragraph]
        while (
            y + 1 < len(self.rows)
            and self.rows[y + 1].paragraph == paragraph
            and self.rows[y + 1].start <= start
        ):
            y += 1
        target = max(y - self.scrollable_content_region.height // 3, 0)
        self.scroll_to(y=target, animate=False)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        section = self.section_at_top()
        if section != self._top_section:
            self._top_section = section
            self.post_message(self.TopSectionChanged(section))

    # -- highlights ------------------------------------------------------------------------

    def show_entity(self, entity: str | None, current: int = 0) -> None:
        """Highlight every mention of ``entity`` (None clears) and mark mention ``current``."""
        self._selected = {}
        self._current = None
        self._quote = None
        if entity:
            for n, m in enumerate(self.pack.mentions_of(entity)):
                index = self.pack.article.position(m.paragraph)
                self._selected.setdefault(index, []).append((m.start, m.end))
                if n == current:
                    self._current = (index, m.start, m.end)
        self._restyle()

    def show_quote(self, paragraph: int, start: int, end: int) -> None:
        """Highlight a quote (original offsets) and scroll to it."""
        self._selected = {}
        self._current = None
        self._quote = (paragraph, start, end)
        _, mapping = self.text.paragraph(self.variant, paragraph)
        self.scroll_to_span(paragraph, mapping(start))
        self._restyle()

    def go_to_current(self) -> None:
        """Scroll to the current mention."""
        if self._current:
            index, start, _ = self._current
            _, mapping = self.text.paragraph(self.variant, index)
            self.scroll_to_span(index, mapping(start))

    def show_find(self, hits: list[tuple[int, int, int]], current: int) -> None:
        """Highlight find hits (variant offsets) and scroll to hit ``current``."""
        self._find = hits
        self._find_current = current
        if hits and 0 <= current < len(hits):
            index, start, _ = hits[current]
            self.scroll_to_span(index, start)
        self._restyle()

    def current_place(self) -> tuple[int, int, int]:
        """Where the reader is: the current find hit, mention or quote, else the top
        paragraph's start (paragraph index, start, end in the shown variant's text)."""
        if 0 <= self._find_current < len(self._find):
            return self._find[self._find_current]
        place = self._current or self._quote
        if place is None:
            return self.top_paragraph(), 0, 0
        _, mapping = self.text.paragraph(self.variant, place[0])
        return place[0], mapping(place[1]), mapping(place[2])

    # -- rendering -------------------------------------------------------------------------

    def _styles_for(self, index: int) -> list[tuple[int, int, Style]]:
        """Styled spans of paragraph ``index`` in the current variant's offsets, weakest first
        (computed once per paragraph for each state of the highlights)."""
        cached = self._style_cache.get(index)
        if cached is None:
            cached = self._style_cache[index] = self._compute_styles(index)
        return cached

    def _compute_styles(self, index: int) -> list[tuple[int, int, Style]]:
        _, mapping = self.text.paragraph(self.variant, index)
        spans: list[tuple[int, int, Style]] = []
        for start, end, entity in self._kind_spans.get(index, ()):
            component = NAMED_KINDS[self._entity_kind[entity]].component
            style = self.get_component_rich_style(component, partial=True)
            spans.append((mapping(start), mapping(end), style))
        selected = self.get_component_rich_style("article--selected", partial=True)
        for start, end in self._selected.get(index, ()):
            spans.append((mapping(start), mapping(end), selected))
        if self._current and self._current[0] == index:
            current = self.get_component_rich_style("article--current", partial=True)
            spans.append((mapping(self._current[1]), mapping(self._current[2]), current))
        if self._quote and self._quote[0] == index:
            quote = self.get_component_rich_style("article--quote", partial=True)
            spans.append((mapping(self._quote[1]), mapping(self._quote[2]), quote))
        find = self.get_component_rich_style("article--find", partial=True)
        find_current = self.get_component_rich_style("article--find-current", partial=True)
        for n, (hit_index, start, end) in enumerate(self._find):
            if hit_index == index:
                spans.append((start, end, find_current if n == self._find_current else find))
        return spans

    def _restyle(self) -> None:
        """Highlights, variant or layout changed: styles are computed afresh, then drawn."""
        self._style_cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        self._style_cache.clear()
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        if not self.rows and self.scrollable_content_region.width:
            # The first frame is drawn before the first Resize arrives: lay out now, so the
            # text is on that frame rather than the next.
            self.relayout()
        scroll_x, scroll_y = self.scroll_offset
        row_index = y + scroll_y
        width = self.scrollable_content_region.width
        base = self.visual_style.rich_style  # cached; rich_style walks the ancestors each time
        if row_index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[row_index]
        if row.kind == "blank":
            return Strip.blank(width, base)
        if row.kind == "title":
            text = convert(self.pack.article.title, self.variant)[row.start : row.end]
            style = base + self.get_component_rich_style("article--title", partial=True)
            return Strip([Segment(visible(text), style)]).extend_cell_length(width, base)
        if row.kind == "heading":
            title = self.pack.article.sections[row.section].title
            text = convert(title, self.variant)[row.start : row.end]
            style = base + self.get_component_rich_style("article--heading", partial=True)
            return Strip([Segment(visible(text), style)]).extend_cell_length(width, base)
        shown, _ = self.text.paragraph(self.variant, row.paragraph)
        shown = visible(shown)
        line_style = base
        prefix: list[Segment] = []
        if row.kind == "photo":
            line_style = base + self.get_component_rich_style("article--photo", partial=True)
        elif row.kind == "reference":
            line_style = base + self.get_component_rich_style("article--reference", partial=True)
            first = row.start == 0
            prefix = [Segment("• " if first else "  ", line_style)]
        segments = prefix + self._segments(row, shown, line_style)
        return Strip(segments).extend_cell_length(width, base).crop(scroll_x, scroll_x + width)

    def _segments(self, row: Row, shown: str, line_style: Style) -> list[Segment]:
        spans = [s for s in self._styles_for(row.paragraph) if s[0] < row.end and s[1] > row.start]
        if not spans:
            return [Segment(shown[row.start : row.end], line_style)]
        cuts = {row.start, row.end}
        for start, end, _ in spans:
            cuts.add(min(max(start, row.start), row.end))
            cuts.add(min(max(end, row.start), row.end))
        points = sorted(cuts)
        segments: list[Segment] = []
        for a, b in zip(points, points[1:], strict=False):
            style = line_style
            for start, end, span_style in spans:
                if start <= a and b <= end:
                    style = style + span_style
            segments.append(Segment(shown[a:b], style))
        return segments

    # -- mouse -----------------------------------------------------------------------------

    def on_click(self, event: Click) -> None:
        # event.x/y count from the widget's border; the rows start inside border and padding.
        where = event.get_content_offset(self)
        if where is None:
            return
        row_index = where.y + int(self.scroll_y)
        if not 0 <= row_index < len(self.rows):
            return
        row = self.rows[row_index]
        if row.paragraph < 0:
            return
        shown, mapping = self.text.paragraph(self.variant, row.paragraph)
        x = where.x + int(self.scroll_x) - (2 if row.kind == "reference" else 0)
        offset = row.start
        used = 0
        while offset < row.end and used + char_width(shown[offset]) <= x:
            used += char_width(shown[offset])
            offset += 1
        for start, end, entity in self._kind_spans.get(row.paragraph, ()):
            if mapping(start) <= offset < mapping(end):
                pid = self.pack.article.paragraphs[row.paragraph].id
                mention = next(
                    (
                        n
                        for n, m in enumerate(self.pack.mentions_of(entity))
                        if m.paragraph == pid and m.start == start
                    ),
                    0,
                )
                self.post_message(self.MentionClicked(entity, mention))
                return

    def line_text(self, row_index: int) -> str:
        """The plain text of one laid-out line, in the variant shown (what a reader sees there)."""
        row = self.rows[row_index]
        if row.paragraph >= 0:
            shown, _ = self.text.paragraph(self.variant, row.paragraph)
            return shown[row.start : row.end]
        return ""


__all__ = ["ArticleView", "Row"]
