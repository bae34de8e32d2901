"""The article view: the whole article, CJK-wrapped, with mentions highlighted by kind.

It renders only the lines in view (a ScrollView with ``render_line``), and a long article is
converted and laid out only where it is looked at (model/rows.py), so a book costs no more per
key than a page: toggling the script converts and wraps the paragraphs on screen, not the book.
"""

from __future__ import annotations

from bisect import bisect_right

from rich.segment import Segment
from rich.style import Style
from textual.events import Click, Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from ..model.kinds import NAMED_KINDS
from ..model.layout import char_width, wrap
from ..model.reading import VariantText
from ..model.rows import EAGER_BLOCKS, EAGER_CHARS, ArticleBlocks, Block, LazyRows, Row
from ..model.safety import visible
from ..model.script import Variant, convert
from .pager_keys import PagerKeys


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
        self._layout = ArticleBlocks(self.pack.article)
        self._blocks = self._layout.blocks
        self._para_block = self._layout.paragraph_block
        self._section_block = self._layout.section_block
        self._eager = len(self._blocks) <= EAGER_BLOCKS and sum(self._layout.chars) <= EAGER_CHARS
        # Empty until the first layout (the first Resize, or the first frame).
        self.rows = LazyRows([], self._lay_out_block, [], eager=False)
        self._layout_key: tuple[int, Variant] | None = None
        self._view_width = 0  # the scrollable width at the last layout
        self._pending_top: int | None = None
        self._style_cache: dict[int, list[tuple[int, int, Style]]] = {}
        self._chosen_section: tuple[int, int] | None = None
        self._top_section = -1
        # Highlight state, in original offsets (paragraph index, start, end). The selected
        # entity's mentions are picked out paragraph by paragraph as they are drawn (an
        # entity of a book has thousands; selecting it must not visit them all).
        self._selected: str | None = None
        self._current: tuple[int, int, int] | None = None
        self._quote: tuple[int, int, int] | None = None
        self._find: list[tuple[int, int, int]] = []  # in variant offsets
        self._find_current = -1
        self._entity_kind = {k: e.kind for k, e in self.pack.entities.items()}

    # -- layout ---------------------------------------------------------------------------

    def _wrap_width(self, view_width: int | None = None) -> int:
        # Two cells spare on the right for hanging punctuation.
        if view_width is None:
            view_width = self.scrollable_content_region.width
        return max(view_width - 2, 8)

    def _lay_out_block(self, block: Block) -> list[Row]:
        """One block's rows at the current width and variant (converting its text now)."""
        # The width of the layout these rows join (blocks are laid out lazily, as drawn).
        width = self._layout_key[0] if self._layout_key else self._wrap_width()
        article = self.pack.article
        if block.kind == "title":
            return [
                Row("title", start=a, end=b) for a, b in wrap(convert(article.title, self.variant), width)
            ]
        if block.kind == "section":
            rows = [Row("blank")]
            section = article.sections[block.number]
            if not section.is_opening:
                heading = convert(section.title, self.variant)
                rows += [
                    Row("heading", section=block.number, start=a, end=b) for a, b in wrap(heading, width)
                ]
                rows.append(Row("blank"))
            return rows
        kind = article.paragraphs[block.number].kind
        shown, _ = self.text.paragraph(self.variant, block.number)
        shown_width = width - 2 if kind == "reference" else width
        rows = [
            Row(kind, paragraph=block.number, start=a, end=b) for a, b in wrap(visible(shown), shown_width)
        ]
        if kind != "reference":
            rows.append(Row("blank"))
        return rows

    def relayout(self, force: bool = False) -> None:
        """Lay the article out for the current width and variant (cached per both). A long
        article keeps the heights it had as estimates, and lays out only what is drawn."""
        self._view_width = self.scrollable_content_region.width
        width = self._wrap_width(self._view_width)
        key = (width, self.variant)
        if key == self._layout_key and not force:
            return
        same_width = self._layout_key is not None and self._layout_key[0] == width
        self._layout_key = key
        # Conversion keeps a paragraph's length almost always, so its height in the variant
        # shown before is the best guess at its height in this one.
        if same_width and len(self.rows.blocks) == len(self._blocks):
            heights = self.rows.heights()
        else:
            heights = self._layout.estimates(width)
        self.rows = LazyRows(self._blocks, self._lay_out_block, heights, eager=self._eager)
        self.virtual_size = Size(self._view_width, len(self.rows))
        self._restyle()
        if self._pending_top is not None and self.rows:
            # A place asked for before the first layout (a restored reading position): taken at
            # once, so the first frame already shows it.
            pending, self._pending_top = self._pending_top, None
            self.scroll_to(y=self._paragraph_row(pending), animate=False, immediate=True)

    def _paragraph_row(self, index: int) -> int:
        """First row of paragraph ``index``."""
        return self.rows.start(self._para_block[index])

    def _sync_size(self) -> None:
        """Blocks laid out while drawing changed the article's height: scroll range follows."""
        if self.rows.changed:
            self.rows.changed = False
            self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))
            self.refresh()

    def on_resize(self, event: Resize) -> None:
        if not self.rows:
            self.relayout()
            return
        at_top = self.scroll_y == 0
        top = self.top_paragraph()
        offset = self._row_offset_in_paragraph()
        self.relayout()
        if not at_top:
            self.scroll_to(y=max(self._paragraph_row(top) + offset, 0), animate=False)

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
        self.scroll_to(y=max(self._paragraph_row(top) + offset, 0) if self.rows else 0, animate=False)

    # -- positions -------------------------------------------------------------------------

    def top_paragraph(self) -> int:
        """Index of the paragraph at (or just below) the top of the view."""
        y = int(self.scroll_y)
        if y < len(self.rows):
            b = self.rows.block_at(y)
            rows = self.rows.rows_of(b)
            # The row at the top, or else the first paragraph after it (a blank or a heading).
            for row in rows[y - self.rows.start(b) :]:
                if row.paragraph >= 0:
                    return row.paragraph
            for block in self._blocks[b + 1 :]:
                if block.kind == "paragraph":
                    return block.number
        return max(len(self._para_block) - 1, 0)

    def _row_offset_in_paragraph(self) -> int:
        """Rows from the first row of `top_paragraph()` to the top of the view: negative when a
        heading or a blank line above that paragraph is at the top, so a relayout keeps the
        heading (the title, at the very top) in view instead of scrolling past it."""
        if not self.rows or not self._para_block:
            return 0
        return int(self.scroll_y) - self._paragraph_row(self.top_paragraph())

    def section_at_top(self) -> int:
        """Index of the section whose heading is at or above the top of the view (or the one
        just chosen, while the view stays where choosing it sent it)."""
        if self._chosen_section is not None:
            index, y = self._chosen_section
            if int(self.scroll_y) == y:
                return index
            self._chosen_section = None
        # Headings stand in reading order: a bisection, not a pass over a book's sections
        # on every scroll.
        y = int(self.scroll_y) + 1
        starts = self.rows.start
        above = bisect_right(self._section_block, y, key=starts)
        return max(above - 1, 0)

    def scroll_to_paragraph(self, index: int, *, animate: bool = False, center: bool = False) -> None:
        """Bring paragraph ``index`` to the top (or the middle) of the view (once laid out)."""
        if not self.rows:
            self._pending_top = index
            return
        y = self._paragraph_row(index)
        if center:
            y -= self.scrollable_content_region.height // 3
        self.scroll_to(y=max(y, 0), animate=animate)

    def scroll_to_section(self, index: int) -> None:
        """Bring section ``index``'s heading to the top."""
        if self.rows and 0 <= index < len(self._section_block):
            target = self.rows.start(self._section_block[index])
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
        rows = self.rows.rows_of(self._para_block[paragraph])
        y = self._paragraph_row(paragraph)
        y += max(sum(1 for row in rows if row.paragraph == paragraph and row.start <= start) - 1, 0)
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
        self._selected = entity or None
        self._current = None
        self._quote = None
        mentions = self.pack.mentions_of(entity) if entity else []
        if 0 <= current < len(mentions):
            m = mentions[current]
            self._current = (self.pack.article.position(m.paragraph), m.start, m.end)
        self._restyle()

    def show_quote(self, paragraph: int, start: int, end: int) -> None:
        """Highlight a quote (original offsets) and scroll to it."""
        self._selected = None
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
        chosen: list[tuple[int, int]] = []
        for entity, _, start, end, _ in self.pack.mentions_in(index):
            component = NAMED_KINDS[self._entity_kind[entity]].component
            style = self.get_component_rich_style(component, partial=True)
            spans.append((mapping(start), mapping(end), style))
            if entity == self._selected:
                chosen.append((start, end))
        selected = self.get_component_rich_style("article--selected", partial=True)
        for start, end in chosen:
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

    def render_lines(self, crop: Region) -> list[Strip]:
        if not self.rows and self.scrollable_content_region.width:
            # The first frame is drawn before the first Resize arrives: lay out now, so the
            # text is on that frame rather than the next.
            self.relayout()
        # Lay out what this frame shows before drawing it (a long article is laid out only
        # where it is looked at); the scroll range follows on the next frame if it changed.
        top = int(self.scroll_y) + crop.y
        self.rows.settle(top, top + crop.height)
        if self.rows.changed:
            self.call_later(self._sync_size)
        return super().render_lines(crop)

    def action_scroll_home(self) -> None:
        """To the top at once (Textual animates it for a second)."""
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        """To the end at once: the last screenful is laid out first, so the end is exact."""
        self.rows.settle_end(self.scrollable_content_region.height)
        self._sync_size()
        self.scroll_end(animate=False)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        row_index = y + scroll_y
        # As at the last layout (every resize lays out again): asking the compositor for the
        # region on each line cost about 10 µs a line.
        width = self._view_width
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
        for entity, _, start, end, _ in self.pack.mentions_in(row.paragraph):
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
