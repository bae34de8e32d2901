"""Help: every key binding, gathered from the bindings themselves so it never drifts."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.style import Style
from textual.widgets import Static

from ..model.index import ENTITY_KINDS
from ..model.layout import text_width, wrap
from ..model.script import Variant, convert

_KEY_NAMES = {"question_mark": "?", "slash": "/", "escape": "esc", "backspace": "⌫"}


def display_keys(binding: Binding) -> str:
    """A binding's keys as shown to people: `⌫, alt+left`, `?`, `/`."""
    keys = [k.strip() for k in binding.key.split(",")]
    return ", ".join(_KEY_NAMES.get(k, k) for k in keys)


def _bindings(owner: str, bindings: Iterable[BindingType]) -> list[tuple[str, str, str]]:
    rows = []
    for b in bindings:
        if isinstance(b, Binding):
            rows.append((owner, display_keys(b), b.tooltip or b.description))
    return rows


def help_rows() -> list[tuple[str, str, str]]:
    """(where, keys, description) for every binding of the reader."""
    from ..app import MuduApp
    from ..widgets.article_view import ArticleView
    from ..widgets.item_list import ItemList
    from .main import MainScreen
    from .search import SearchScreen

    return [
        *_bindings("全局 Global", MuduApp.BINDINGS),
        *_bindings("閱讀 Reader", MainScreen.BINDINGS),
        *_bindings("文章 Article", ArticleView.BINDINGS),
        *_bindings("列表 Lists", ItemList.BINDINGS),
        *_bindings("搜索 Search", SearchScreen.BINDINGS),
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

    def _kind_colours(self) -> dict[str, Style | str]:
        """Each kind's mention colour, read from the article below (mudu.tcss sets them)."""
        from ..widgets.article_view import KIND_CLASSES, ArticleView

        articles = [article for screen in self.app.screen_stack for article in screen.query(ArticleView)]
        if not articles:
            return {}
        return {
            kind: Style.from_rich_style(articles[0].get_component_rich_style(name, partial=True))
            for kind, name in KIND_CLASSES.items()
        }

    def _content(self, width: int) -> Content:
        parts: list[Content | str | tuple[str, str]] = []
        group = ""
        indent = 24
        for where, keys, description in help_rows():
            if where != group:
                group = where
                parts += ["\n" if parts else "", (convert(where, self.variant), "bold underline"), "\n"]
            text = convert(description, self.variant)
            # Descriptions wrap under themselves, not under the keys.
            lines = [text[a:b] for a, b in wrap(text, max(width - indent - 2, 20))]
            parts += [(f"  {keys:<{indent - 2}}", "bold"), ("\n" + " " * indent).join(lines), "\n"]
        parts += ["\n", (convert("圖例 Legend", self.variant), "bold underline"), "\n"]
        indent = 24
        colours = self._kind_colours()
        for kind, (chinese, english) in ENTITY_KINDS.items():
            name = Content.styled(convert(chinese, self.variant), colours.get(kind, ""))
            parts += ["  ", name, f" {english}"]
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
    ("⚠", "a number the article gets wrong or leaves inconsistent 存疑數字"),
    ("ℹ", "a note on the article: slips, vagueness 註記"),
)
