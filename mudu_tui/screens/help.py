"""Help: every key binding, gathered from the bindings themselves so it never drifts."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..model.script import Variant, convert


def _bindings(owner: str, bindings: Iterable[BindingType]) -> list[tuple[str, str, str]]:
    rows = []
    for b in bindings:
        if isinstance(b, Binding):
            rows.append((owner, b.key.replace("question_mark", "?").replace("slash", "/"), b.description))
    return rows


def help_rows() -> list[tuple[str, str, str]]:
    """(where, keys, description) for every binding of the reader."""
    from ..app import MuduApp
    from ..widgets.article_view import ArticleView
    from ..widgets.lists import PaneList
    from .main import MainScreen
    from .search import SearchScreen

    return [
        *_bindings("全局 Global", MuduApp.BINDINGS),
        *_bindings("閱讀 Reader", MainScreen.BINDINGS),
        *_bindings("文章 Article", ArticleView.BINDINGS),
        *_bindings("列表 Lists", PaneList.BINDINGS),
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
            yield Static(self._content(), id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = convert("幫助 Help — 按鍵 Keys", self.variant)

    def _content(self) -> Content:
        parts: list[Content | str | tuple[str, str]] = []
        group = ""
        for where, keys, description in help_rows():
            if where != group:
                group = where
                parts += ["\n" if parts else "", (convert(where, self.variant), "bold underline"), "\n"]
            parts += [(f"  {keys:<22}", "bold"), convert(description, self.variant), "\n"]
        parts += [
            "\n",
            (convert("點擊文中的提及可選中其實體。Esc 關閉。", self.variant), "dim"),
            "\n",
            ("Click a mention in the text to select its entity. Esc closes.", "dim"),
        ]
        return Content.assemble(*parts)
