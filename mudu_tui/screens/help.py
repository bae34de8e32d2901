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
from ..widgets.pane_tabs import PaneTabs
from .bindings import APP_BINDINGS, READER_BINDINGS, Describe, described
from .search import SearchScreen


def help_rows(describe: Describe | None = None) -> list[tuple[str, str, str]]:
    """(where, keys, description) for every binding of the reader."""
    from ..widgets.map import MapPane  # the map's module loads when the map is first shown

    groups = (
        ("全局 Global", APP_BINDINGS),
        ("閱讀 Reader", READER_BINDINGS),
        ("文章 Article", ArticleView.BINDINGS),
        ("列表 Lists", ItemList.BINDINGS),
        ("地圖 Map", MapPane.BINDINGS),
        ("窗格名 Pane names", PaneTabs.BINDINGS),
        ("搜索 Search", SearchScreen.BINDINGS),
    )
    return [
        (where, keys, text) for where, bindings in groups for keys, text in described(bindings, describe)
    ]


class HelpScreen(ModalScreen[None]):
    """Every binding, grouped by where it works; any key closes."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close")]

    def __init__(self, variant: Variant) -> None:
        super().__init__()
        self.variant = variant

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(id="help-text")

    def on_resize(self) -> None:
        width = self.query_one("#help-text").content_region.width or 80
        self.query_one("#help-text", Static).update(self._content(width))

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = convert("幫助 Help — 按鍵 Keys", self.variant)

    def _content(self, width: int) -> Content:
        parts: list[Content | str | tuple[str, str]] = []
        group = ""
        indent = 24
        # The app says what the script keys do for the open pack.
        for where, keys, description in help_rows(getattr(self.app, "binding_tooltip", None)):
            if where != group:
                group = where
                parts += ["\n" if parts else "", (convert(where, self.variant), "bold underline"), "\n"]
            text = convert(description, self.variant)
            # Descriptions wrap under themselves, not under the keys.
            lines = [text[a:b] for a, b in wrap(text, max(width - indent - 2, 20))]
            parts += [(f"  {keys:<{indent - 2}}", "bold"), ("\n" + " " * indent).join(lines), "\n"]
        parts += ["\n", (convert("圖例 Legend", self.variant), "bold underline"), "\n"]
        indent = 24
        for kind in NAMED_KINDS.values():
            # The registry's colour is the one mudu.tcss gives the article's mentions (a test
            # holds them equal), so help need not look into another screen for it.
            name = Content.styled(convert(kind.chinese, self.variant), kind.colour)
            parts += ["  ", name, f" {kind.english}"]
        parts += ["\n"]
        for mark, meaning in LEGEND:
            parts += [
                ("  " + mark + " " * (indent - 2 - text_width(mark)), "bold"),
                convert(meaning, self.variant),
                "\n",
            ]
        parts += [
            "\n",
            (convert("點擊文中的提及可選中其實體。Esc 關閉。", self.variant), "dim"),
            "\n",
            ("Click a mention in the text to select its entity. Esc closes.", "dim"),
        ]
        return Content.assemble(*parts)


#: What the marks in the panes mean.
LEGEND = (
    ("▶", "the selection 選中項"),
    ("●", "related to the selection 相關（關係、事件、數據；篩選時另含同段共現）"),
    ("[i/N]", "which mention of the selection is current 當前提及"),
    ("（推定）", "a date worked out from 今年, 4天後, 七八月份 推定日期"),
    ("⚠", "a number the article gets wrong or leaves inconsistent 存疑數字; an entry still a draft 草稿"),
    ("ℹ", "a note on the article: slips, vagueness 註記"),
)
