"""Help: every key binding, gathered from the bindings themselves so it never drifts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..model.kinds import NAMED_KINDS
from ..model.layout import text_width, wrap
from ..model.script import Variant, convert
from ..widgets.article_view import ArticleView
from ..widgets.item_list import ItemList
from ..widgets.lists import PaneList
from ..widgets.pane_tabs import PaneTabs
from ..widgets.timeline import Timeline
from .bindings import APP_BINDINGS, READER_BINDINGS, Describe, described
from .search import SearchScreen


def help_rows(describe: Describe | None = None) -> list[tuple[str, str, str, str]]:
    """(where, keys, Chinese, English) for every binding of the reader."""
    from ..widgets.map import MapPane  # the map's module loads when the map is first shown

    groups = (
        ("全局 Global", APP_BINDINGS),
        ("閱讀 Reader", READER_BINDINGS),
        ("文章 Article", ArticleView.BINDINGS),
        ("列表 Lists", ItemList.BINDINGS),
        ("地圖 Map", MapPane.BINDINGS),
        ("窗格名 Pane names", PaneTabs.BINDINGS),
        ("時間線 Timeline", Timeline.BINDINGS),
        ("詳情與章節 Details, sections", PaneList.BINDINGS),
        ("搜索 Search", SearchScreen.BINDINGS),
        ("幫助 Help", HelpScreen.BINDINGS),
    )
    return [(where, *row) for where, bindings in groups for row in described(bindings, describe)]


class HelpScreen(ModalScreen[None]):
    """Every binding, grouped by where it works, in Chinese and English; it scrolls with the
    keys it lists."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "關閉", id="help.close", tooltip="Close help"),
        Binding("j,down", "scroll(1)", "下滾", show=False, id="help.down", tooltip="Scroll down"),
        Binding("k,up", "scroll(-1)", "上滾", show=False, id="help.up", tooltip="Scroll up"),
        Binding(
            "space,pagedown,ctrl+d", "page(1)", "下頁", show=False, id="help.page_down", tooltip="Page down"
        ),
        Binding("b,pageup,ctrl+u", "page(-1)", "上頁", show=False, id="help.page_up", tooltip="Page up"),
        Binding("g,home", "edge(0)", "開頭", show=False, id="help.top", tooltip="Top"),
        Binding("G,end", "edge(1)", "結尾", show=False, id="help.end", tooltip="End"),
    ]

    def __init__(self, variant: Variant, examples: str = "") -> None:
        """``examples``: what to type in search, from the pack (help quotes no one article)."""
        super().__init__()
        self.variant = variant
        self.examples = examples

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(id="help-text")

    def _box(self) -> VerticalScroll:
        return self.query_one("#help-box", VerticalScroll)

    def action_scroll(self, lines: int) -> None:
        """A line down (1) or up (-1)."""
        self._box().scroll_relative(y=lines, animate=False)

    def action_page(self, direction: int) -> None:
        """A page down (1) or up (-1)."""
        box = self._box()
        box.scroll_relative(y=direction * max(box.scrollable_content_region.height - 1, 1), animate=False)

    def action_edge(self, end: int) -> None:
        """The top (0) or the end (1)."""
        box = self._box()
        if end:
            box.scroll_end(animate=False)
        else:
            box.scroll_home(animate=False)

    def on_resize(self) -> None:
        width = self.query_one("#help-text").content_region.width or 80
        # Two cells spare: a line that filled the width exactly would wrap again to column 0.
        self.query_one("#help-text", Static).update(self._content(width - 2))

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = convert("幫助 Help — 按鍵 Keys", self.variant)

    def _content(self, width: int) -> Content:
        parts: list[Content | str | tuple[str, str]] = []
        group = ""
        # The app says what the script keys do for the open pack.
        rows = help_rows(getattr(self.app, "binding_tooltip", None))
        # The keys' column is as wide as the widest keys, and a space more; on a narrow screen
        # it gives way so descriptions keep 36 cells, down to a third of the width (keys
        # wider than the column then stand on a line of their own).
        widest = max(text_width(keys) for _, keys, _, _ in rows) + 3
        indent = min(widest, max(width - 36, width // 3, 12))
        for where, keys, chinese, english in rows:
            if where != group:
                group = where
                parts += ["\n" if parts else "", (convert(where, self.variant), "bold underline"), "\n"]
            parts += _row(keys, f"{convert(chinese, self.variant)}  {english}".strip(), indent, width)
        parts += ["\n", (convert("圖例 Legend", self.variant), "bold underline"), "\n"]
        x = 0
        for kind in NAMED_KINDS.values():
            # The registry's colour is the one mudu.tcss gives the article's mentions (a test
            # holds them equal), so help need not look into another screen for it.
            name = Content.styled(convert(kind.chinese, self.variant), kind.colour)
            cells = 2 + name.cell_length + 1 + len(kind.english)
            if x and x + cells > width:  # the kinds wrap as whole entries
                parts.append("\n")
                x = 0
            parts += ["  ", name, f" {kind.english}"]
            x += cells
        parts += ["\n"]
        for mark, meaning in LEGEND:
            parts += _row(mark, convert(meaning, self.variant), indent, width)
        if self.examples:
            parts += ["\n", (convert("搜索示例 Search, e.g. ", self.variant), "bold"), self.examples, "\n"]
        parts += [
            "\n",
            (convert("點擊文中的提及可選中其實體。Esc 關閉。", self.variant), "dim"),
            "\n",
            ("Click a mention in the text to select its entity. Esc closes.", "dim"),
        ]
        return Content.assemble(*parts)


def _row(left: str, text: str, indent: int, width: int) -> list[str | tuple[str, str]]:
    """One help line: ``left`` (keys or a mark) in bold, then ``text`` wrapped under itself."""
    lines = [text[a:b] for a, b in wrap(text, max(width - indent, 20))]
    pad = " " * (indent - 2 - text_width(left))
    if len(pad) < 1:  # keys wider than their column: the text starts under them
        pad = "\n" + " " * indent
    return [(f"  {left}{pad}", "bold"), ("\n" + " " * indent).join(lines), "\n"]


#: What the marks in the panes mean.
LEGEND = (
    ("▶", "the selection 選中項"),
    ("●", "a direct relation of the selection, its events and figures 直接關係（列在前面）"),
    ("○", "only shares a paragraph with it (shown with f) 同段共現，無直接關係"),
    ("N段", "a section's paragraphs 章節的段落數"),
    ("N次", "an entity's mentions in the article 實體在文中被提及的次數"),
    ("[i/N]", "which mention of the selection is current 當前提及"),
    ("（推定）", "a date the article does not give in full, worked out (its note says how) 推定日期"),
    ("⚠", "a number the article gets wrong or leaves inconsistent 存疑數字; an entry still a draft 草稿"),
    ("ℹ", "a note on the article: slips, vagueness 註記"),
)
