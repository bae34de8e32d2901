"""About the pack (`i`): its title, source, language, the editor's note and counts per kind."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..model.about import about
from ..model.pack import Pack
from ..model.safety import visible
from ..model.script import Variant, convert, source_script, ui_variant
from ..widgets.typeset import typeset


class AboutScreen(ModalScreen[None]):
    """What the pack says about itself; escape, q or i closes."""

    BINDINGS = [Binding("escape,q,i", "dismiss", "Close", id="about.close")]

    def __init__(self, pack: Pack, variant: Variant) -> None:
        super().__init__()
        self.pack = pack
        self.variant = variant

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="about-box"):
            yield Static(self._content(), id="about-text")

    def on_mount(self) -> None:
        self.query_one("#about-box").border_title = self._u("關於 About")

    def on_resize(self) -> None:
        # Broken as the article is: no line starts with ，or 、.
        text = self.query_one("#about-text", Static)
        width = text.content_region.width or 80
        text.update(typeset(self._content(), width - 2))  # room for the scroll bar, once it shows

    def _c(self, text: str) -> str:
        # Pack text is data: converted, made inert, and handed over as Content, never markup.
        return visible(convert(text, self.variant))

    def _u(self, text: str) -> str:
        """The screen's own labels, in the script the article shows."""
        return convert(text, ui_variant(self.variant, source_script(self.pack.index.language)))

    def _content(self) -> Content:
        facts = about(self.pack)
        parts: list[Content | str | tuple[str, str]] = [(self._c(facts.title), "bold"), "\n\n"]
        for label, value in (
            ("來源 Source", facts.source),
            ("語言 Language", facts.language),
            ("格式 Format", f"schema {facts.schema}"),
        ):
            parts += [(self._u(label), "dim"), "  ", self._c(value), "\n"]
        if facts.note:
            parts += ["\n", (self._u("編者按 Editor's note"), "bold"), "\n", self._c(facts.note), "\n"]
        parts += ["\n", (self._u("條目 Entries"), "bold"), "\n"]
        for count in facts.counts:
            detail = "、".join(f"{name} {n}" for name, n in count.parts) if len(count.parts) > 1 else ""
            parts += [
                f"  {count.total:>4}  ",
                self._u(count.chinese),
                (f" {count.english}", "dim"),
                (f"  ({self._u(detail)})" if detail else "", "dim"),
                "\n",
            ]
        parts += [f"  {facts.charts:>4}  ", self._u("圖表"), (" Charts", "dim"), "\n"]
        parts += ["\n", (self._u("Esc 關閉 closes."), "dim")]
        return Content.assemble(*parts)
