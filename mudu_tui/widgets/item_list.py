"""A virtual list for the panes that follow the selection (entities, timeline, figures).

OptionList measures and caches every option and throws that away on each change; with 5,000
companies a selection (which re-marks them) or a script toggle (which renames them) then
costs hundreds of milliseconds. Here rows have a fixed height and a prompt is built only
when its row is drawn, so a change costs the rows on screen. It keeps the small part of
OptionList's interface the app and its tests use (``highlighted``, ``option_count``,
``get_option_at_index`` and friends), so the panes read like the other lists.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.segment import Segment
from textual.binding import Binding
from textual.content import Content
from textual.events import Click, Focus
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual
from textual.widgets.option_list import Option


class Row(NamedTuple):
    """One entry: an item id, a heading (no id, not selectable) or a separator."""

    id: str | None
    heading: bool = False
    separator: bool = False


class ItemList(ScrollView, can_focus=True):
    """Fixed-height rows whose prompts are drawn on demand by :meth:`prompt`."""

    ROW_HEIGHT = 1

    DEFAULT_CSS = """
    ItemList {
        height: 1fr;
        padding: 0 0 0 1;
        background: $surface;
        scrollbar-size-vertical: 1;
    }
    ItemList > .item-list--highlighted { background: $block-cursor-blurred-background; }
    ItemList:focus > .item-list--highlighted {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    ItemList > .item-list--separator { color: $foreground 20%; }
    """

    COMPONENT_CLASSES = {"item-list--highlighted", "item-list--separator"}

    BINDINGS = [
        Binding("down,j", "cursor_down", "下移", show=False, id="items.down", tooltip="Next entry"),
        Binding("up,k", "cursor_up", "上移", show=False, id="items.up", tooltip="Previous entry"),
        Binding("home,g", "first", "第一項", show=False, id="items.first", tooltip="First entry"),
        Binding("end,G", "last", "最後一項", show=False, id="items.last", tooltip="Last entry"),
        Binding(
            "pagedown,ctrl+d", "page_down", "下頁", show=False, id="items.page_down", tooltip="A page down"
        ),
        Binding("pageup,ctrl+u", "page_up", "上頁", show=False, id="items.page_up", tooltip="A page up"),
        Binding("enter", "select", "選擇", show=False, id="items.select", tooltip="Select the entry"),
    ]

    highlighted: reactive[int | None] = reactive(None, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self._index: dict[str, int] = {}
        self._strips: dict[tuple[object, ...], Strip] = {}

    # -- content ---------------------------------------------------------------------------

    def prompt(self, item_id: str) -> Content:
        """The prompt of one item (subclasses draw it)."""
        raise NotImplementedError

    def empty(self) -> Content:
        """What an empty list shows (a filter that leaves nothing, say)."""
        return Content("")

    def heading(self, row: int) -> Content:
        """The text of a heading row (subclasses that have headings draw it)."""
        return Content("")

    def set_rows(self, rows: list[Row]) -> None:
        """Replace the rows, keeping the cursor on the same item when it stays."""
        keep = self.highlighted_id
        self.rows = rows
        self._strips.clear()
        self._index = {r.id: i for i, r in enumerate(rows) if r.id is not None}
        # Rows are cut to the pane's width, so only the height scrolls; a width here would
        # change (and lay the screen out again) on every resize.
        self.virtual_size = Size(0, len(rows) * self.ROW_HEIGHT)
        self.set_reactive(ItemList.highlighted, self._index.get(keep) if keep is not None else None)
        self.refresh()

    @property
    def highlighted_id(self) -> str | None:
        """The id of the item under the cursor."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self.rows):
            return None
        return self.rows[index].id

    # -- the part of OptionList's interface the app and tests use --------------------------

    @property
    def option_count(self) -> int:
        """How many rows (headings and separators included)."""
        return len(self.rows)

    def get_option_at_index(self, index: int) -> Option:
        """Row ``index`` as an Option (prompt drawn now)."""
        row = self.rows[index]
        if row.id is None:
            return Option(self.heading(index), disabled=True)
        return Option(self.prompt(row.id), id=row.id)

    def get_option_index(self, option_id: str) -> int:
        """The row of an item id (KeyError if it is not listed)."""
        return self._index[option_id]

    def get_option(self, option_id: str) -> Option:
        """The item with ``option_id`` as an Option."""
        return self.get_option_at_index(self._index[option_id])

    @property
    def highlighted_option(self) -> Option | None:
        """The item under the cursor as an Option."""
        highlighted = self.highlighted
        if highlighted is None or self.highlighted_id is None:
            return None
        return self.get_option_at_index(highlighted)

    def highlight_quietly(self, item_id: str) -> None:
        """Put the cursor on ``item_id`` if it is listed."""
        if item_id in self._index:
            self.highlighted = self._index[item_id]

    # -- cursor ----------------------------------------------------------------------------

    def _step(self, start: int, step: int) -> int | None:
        index = start
        while 0 <= index < len(self.rows):
            if self.rows[index].id is not None:
                return index
            index += step
        return None

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        if new is not None:
            y = new * self.ROW_HEIGHT
            self.scroll_to_region(Region(0, y, 1, self.ROW_HEIGHT), animate=False, immediate=True)
        self.refresh()

    def action_cursor_down(self) -> None:
        """Next item."""
        start = 0 if self.highlighted is None else self.highlighted + 1
        found = self._step(start, 1)
        if found is not None:
            self.highlighted = found

    def action_cursor_up(self) -> None:
        """Previous item."""
        start = len(self.rows) - 1 if self.highlighted is None else self.highlighted - 1
        found = self._step(start, -1)
        if found is not None:
            self.highlighted = found

    def action_first(self) -> None:
        """First item."""
        self.highlighted = self._step(0, 1)

    def action_last(self) -> None:
        """Last item."""
        self.highlighted = self._step(len(self.rows) - 1, -1)

    def _page(self) -> int:
        return max(self.scrollable_content_region.height // self.ROW_HEIGHT - 1, 1)

    def action_page_down(self) -> None:
        """A page down."""
        start = min((self.highlighted or 0) + self._page(), len(self.rows) - 1)
        found = self._step(start, 1) if start >= 0 else None
        self.highlighted = found if found is not None else self._step(len(self.rows) - 1, -1)

    def action_page_up(self) -> None:
        """A page up."""
        start = max((self.highlighted or 0) - self._page(), 0)
        found = self._step(start, -1)
        self.highlighted = found if found is not None else self._step(0, 1)

    def action_select(self) -> None:
        """Choose the item under the cursor (the first one if none is yet: an `enter` typed
        in the same burst as the key that focused this list arrives before focus has)."""
        if self.highlighted_id is None:
            self.action_first()
        item = self.highlighted_id
        if item is not None:
            self.chosen(item)

    def chosen(self, item_id: str) -> None:
        """An item was chosen (subclasses post their message)."""

    def on_focus(self, event: Focus) -> None:
        if self.highlighted_id is None:
            self.action_first()

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (offset.y + int(self.scroll_y)) // self.ROW_HEIGHT
        if 0 <= index < len(self.rows) and self.rows[index].id is not None:
            self.highlighted = index
            self.chosen(self.rows[index].id or "")

    # -- rendering -------------------------------------------------------------------------

    def prompt_key(self, item_id: str) -> object:
        """What an item's prompt depends on besides its id (subclasses: variant, mark): drawn
        rows are cached under it, so a change redraws only the rows it touches."""
        return None

    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        scroll_y = int(self.scroll_y)
        width = self.scrollable_content_region.width
        index, line = divmod(y + scroll_y, self.ROW_HEIGHT)
        base = self.visual_style.rich_style  # cached; rich_style walks the ancestors each time
        if not self.rows and y + scroll_y == 0:
            empty = Visual.to_strips(self, self.empty(), width, 1, self.visual_style)
            return (empty[0] if empty else Strip.blank(width, base)).extend_cell_length(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        if row.separator:
            style = base + self.get_component_rich_style("item-list--separator", partial=True)
            return Strip([Segment("─" * width, style)], width) if line == 0 else Strip.blank(width, base)
        highlighted = index == self.highlighted and row.id is not None
        key = (
            row.id or index,
            line,
            width,
            highlighted and (self.has_focus or None),
            self.prompt_key(row.id) if row.id else self.prompt_key(""),
        )
        cached = self._strips.get(key)
        if cached is not None:
            return cached
        content = self.heading(index) if row.id is None else self.prompt(row.id)
        lines = content.split("\n")
        text = lines[line] if line < len(lines) else Content("")
        if text.cell_length > width:
            text = text.truncate(width, ellipsis=True)
        visual_style = self.visual_style
        if highlighted:
            visual_style = visual_style + self.get_visual_style("item-list--highlighted")
        # One line of text, never wrapped: its segments make the strip directly (Visual.to_strips
        # would wrap, align and pad it first, several times the cost on every drawn row).
        strip = Strip(text.render_segments(visual_style), text.cell_length)
        strip = strip.extend_cell_length(width, visual_style.rich_style).crop(0, width)
        if len(self._strips) > 4096:
            self._strips.clear()
        self._strips[key] = strip
        return strip
