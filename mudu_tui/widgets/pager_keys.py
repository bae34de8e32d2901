"""Pager keys for a scrolling view, as less and vim have them: j/k, space/b, ctrl+d/ctrl+u,
g/G, each moving at once (a 0.6 s glide to the end is a wait, not a help)."""

from __future__ import annotations

from textual.binding import Binding
from textual.scroll_view import ScrollView


class PagerKeys(ScrollView):
    """A ScrollView that pages like less: line, page and half-page keys, top and end."""

    BINDINGS = [
        Binding("j,down", "scroll_down", "下滾", show=False, id="article.down", tooltip="Scroll down a line"),
        Binding("k,up", "scroll_up", "上滾", show=False, id="article.up", tooltip="Scroll up a line"),
        Binding("g,home", "scroll_home", "開頭", show=False, id="article.top", tooltip="Top of the article"),
        Binding("G,end", "scroll_end", "結尾", show=False, id="article.end", tooltip="End of the article"),
        Binding(
            "space,pagedown", "page_down", "下頁", show=False, id="article.page_down", tooltip="Page down"
        ),
        Binding("b,pageup", "page_up", "上頁", show=False, id="article.page_up", tooltip="Page up"),
        Binding(
            "ctrl+d", "half_page(1)", "下半頁", show=False, id="article.half_down", tooltip="Half a page down"
        ),
        Binding(
            "ctrl+u", "half_page(-1)", "上半頁", show=False, id="article.half_up", tooltip="Half a page up"
        ),
    ]

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_half_page(self, direction: int) -> None:
        """Half a page down (1) or up (-1), like ctrl+d and ctrl+u in less."""
        step = max(self.scrollable_content_region.height // 2, 1)
        self.scroll_to(y=self.scroll_y + direction * step, animate=False)
