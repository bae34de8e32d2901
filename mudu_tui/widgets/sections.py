"""The sections pane (章節): the opening and each headed section; follows the scroll.

A book has thousands of sections. OptionList measures every option whenever its options
change (on every script toggle), so this pane lays titles out with the article's own rows
(model/rows.py): wrapped like the article, and only those on screen are converted and laid
out once the list is long.
"""

from __future__ import annotations

from itertools import repeat

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.content import Content
from textual.events import Click, Focus
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets.option_list import Option

from ..model.article import Article
from ..model.layout import HANG, text_width, wrap
from ..model.rows import EAGER_CHARS, Block, LazyRows, Row, estimate_heights
from ..model.safety import visible
from ..model.script import Variant, convert


class SectionChosen(Message):
    """The user chose a section to read."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index


class SectionList(ScrollView, can_focus=True):
    """Sections in order, with their paragraph counts (段); long titles wrap."""

    DEFAULT_CSS = """
    SectionList {
        height: auto;
        max-height: 100%;
        padding: 0 1;
        background: $surface;
        overflow-x: hidden;
    }
    SectionList > .section-list--highlighted {
        color: $block-cursor-blurred-foreground;
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    SectionList:focus > .section-list--highlighted {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    SectionList > .section-list--count { text-style: dim; }
    """

    COMPONENT_CLASSES = {"section-list--highlighted", "section-list--count"}

    BINDINGS = [
        Binding("down,j", "cursor_down", "下移", show=False, id="sections.down", tooltip="Next section"),
        Binding("up,k", "cursor_up", "上移", show=False, id="sections.up", tooltip="Previous section"),
        Binding("home,g", "first", "第一項", show=False, id="sections.first", tooltip="First section"),
        Binding("end,G", "last", "最後一項", show=False, id="sections.last", tooltip="Last section"),
        Binding("enter", "select", "讀這節", show=False, id="sections.select", tooltip="Read this section"),
    ]

    HELP = "Sections. `enter` scrolls the article there; the cursor follows your reading."

    highlighted: reactive[int] = reactive(0, init=False)

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article = article
        self.variant: Variant = "original"
        self._blocks = [
            Block("section", i, 2 * (s.level - 2) + len(s.title) + 5) for i, s in enumerate(article.sections)
        ]
        self._eager = sum(b.chars for b in self._blocks) <= EAGER_CHARS // 10
        self._key: tuple[int, Variant] | None = None
        self.rows = LazyRows([], self._lay_out, [], eager=False)

    # -- layout ----------------------------------------------------------------------------

    def _label(self, index: int) -> tuple[str, int]:
        """A section's line: its title in the variant shown, then its paragraph count (from
        the returned offset on)."""
        section = self.article.sections[index]
        # A ### heading stands under its ## heading.
        title = "  " * (section.level - 2) + visible(convert(section.title, self.variant))
        count = convert(f" {len(section.paragraphs)}段", self.variant)  # 段: paragraphs
        return title + count, len(title)

    def _lay_out(self, block: Block) -> list[Row]:
        label, _ = self._label(block.number)
        width = self._key[0] if self._key else self._width()
        lines = wrap(label, width)
        if any(text_width(label[a:b]) > width for a, b in lines):
            lines = wrap(label, width - HANG)  # no room here for a closing mark to hang
        return [Row("text", section=block.number, start=a, end=b) for a, b in lines]

    def _width(self) -> int:
        return max(self.scrollable_content_region.width, 8)

    def _relayout(self, width: int | None = None) -> None:
        width = width or self._width()
        key = (width, self.variant)
        if key == self._key:
            return
        same_width = self._key is not None and self._key[0] == width
        self._key = key
        if same_width:
            heights = self.rows.heights()
        else:
            heights = estimate_heights([b.chars for b in self._blocks], width, repeat(0))
        self.rows = LazyRows(self._blocks, self._lay_out, heights, eager=self._eager)
        self.virtual_size = Size(0, len(self.rows))
        self.refresh(layout=True)  # the pane's height follows its titles

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Height is automatic (the pane is as tall as its titles, up to the screen). Laid
        # out once here; a resize lays it out again at the width it really gets.
        if self._key is None:
            self._relayout(max(width, 8))
        return len(self.rows)

    def on_resize(self) -> None:
        self._relayout()

    def on_mount(self) -> None:
        self._relayout()

    def rebuild(self) -> None:
        """Redraw the titles in the current variant."""
        self._relayout()

    def set_variant(self, variant: Variant) -> None:
        """Show titles in ``variant``."""
        self.variant = variant
        self._relayout()

    def _sync_size(self) -> None:
        if self.rows.changed:
            self.rows.changed = False
            self.virtual_size = Size(0, len(self.rows))
            self.refresh()

    # -- the part of OptionList's interface the app and its tests use ----------------------

    @property
    def option_count(self) -> int:
        """How many sections."""
        return len(self._blocks)

    def get_option_at_index(self, index: int) -> Option:
        """Section ``index`` as an Option (its label drawn now)."""
        return Option(Content(self._label(index)[0]), id=self.article.sections[index].id)

    # -- cursor ----------------------------------------------------------------------------

    def follow(self, index: int) -> None:
        """Move the cursor to the section in view."""
        self.highlighted = index

    def watch_highlighted(self) -> None:
        if self._key is not None and self._blocks:
            b = self.highlighted
            rows = self.rows.rows_of(b)
            self._sync_size()
            region = Region(0, self.rows.start(b), 1, len(rows))
            self.scroll_to_region(region, animate=False, immediate=True)
        self.refresh()

    def action_cursor_down(self) -> None:
        """Next section."""
        self.highlighted = min(self.highlighted + 1, len(self._blocks) - 1)

    def action_cursor_up(self) -> None:
        """Previous section."""
        self.highlighted = max(self.highlighted - 1, 0)

    def action_first(self) -> None:
        """First section."""
        self.highlighted = 0

    def action_last(self) -> None:
        """Last section."""
        self.highlighted = max(len(self._blocks) - 1, 0)

    def action_select(self) -> None:
        """Read the section under the cursor."""
        self.post_message(SectionChosen(self.highlighted))

    def on_focus(self, event: Focus) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        y = offset.y + int(self.scroll_y) if offset is not None else -1
        if 0 <= y < len(self.rows):
            self.highlighted = self.rows[y].section
            self.post_message(SectionChosen(self.highlighted))

    # -- rendering -------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._key is None or self._key[0] != self._width():
            # First drawn, or drawn at another width than it was laid out for (a folded pane
            # unfolding over the article).
            self._relayout()
        top = int(self.scroll_y) + crop.y
        self.rows.settle(top, top + crop.height)
        if self.rows.changed:
            self.call_later(self._sync_size)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.visual_style.rich_style
        row_index = y + int(self.scroll_y)
        if row_index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[row_index]
        count_style: Style = base + self.get_component_rich_style("section-list--count", partial=True)
        style = base
        if row.section == self.highlighted:
            # The cursor's style wins over the count's, as in an OptionList.
            cursor = self.get_component_rich_style("section-list--highlighted", partial=True)
            style, count_style = style + cursor, count_style + cursor
        label, count_at = self._label(row.section)
        segments = []
        if row.start < count_at:
            segments.append(Segment(label[row.start : min(row.end, count_at)], style))
        if row.end > count_at:
            segments.append(Segment(label[max(row.start, count_at) : row.end], count_style))
        return Strip(segments).extend_cell_length(width, style).crop(0, width)
