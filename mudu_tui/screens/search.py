"""Entity search: a box over every entity, results on each keystroke, grouped by kind."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..model.kinds import KINDS
from ..model.reading import VariantText
from ..model.safety import visible
from ..model.script import Variant, convert
from ..model.search import SearchIndex
from .host import reader_app


class SearchScreen(ModalScreen[str | None]):
    """Type Chinese (either script), pinyin, initials or English; enter selects."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Close", id="search.close"),
        Binding("down", "move(1)", "Down", show=False, id="search.down"),
        Binding("up", "move(-1)", "Up", show=False, id="search.up"),
    ]

    def __init__(self, text: VariantText, index: SearchIndex) -> None:
        super().__init__()
        self.text = text
        self.index = index

    @property
    def variant(self) -> Variant:
        """The variant on screen."""
        return reader_app(self.app).variant

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(placeholder="合肥 / hefei / hf / Hefei …", id="search-input")
            yield OptionList(id="search-results")
            yield Static(id="search-hint")

    def on_mount(self) -> None:
        self.query_one("#search-box").border_title = convert("搜索實體 Search entities", self.variant)
        hint = "中文（繁/简）、拼音、首字母、English · ↑↓ enter · esc"
        self.query_one("#search-hint", Static).update(Content(convert(hint, self.variant)))
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self.show_results(event.value)

    def show_results(self, query: str) -> None:
        """Results for ``query``, grouped by kind in the order of their best hit."""
        results = self.query_one("#search-results", OptionList)
        hits = self.index.search(query) if query.strip() else []
        groups: dict[str, list[Option]] = {}
        entities = self.text.pack.entities
        for hit in hits:
            e = entities[hit.entity]
            name = visible(self.text.name(e, self.variant))
            if hit.text == e.name or hit.text in e.aliases:
                shown = visible(convert(hit.text, self.variant))
                label = Content(shown)
                if hit.span[1] > hit.span[0]:
                    label = label.stylize("bold reverse", *hit.span)
                if hit.text != e.name:
                    label = Content.assemble(name, (" ← ", "dim"), label)
            else:
                label = Content(name)
            en = Content(visible(e.en))
            if hit.text == e.en and hit.span[1] > hit.span[0]:
                en = en.stylize("bold reverse", *hit.span)
            prompt = Content.assemble(label, "  ", en, (f"  {hit.rank_name}", "dim italic"))
            groups.setdefault(e.kind, []).append(Option(prompt, id=e.id))
        options: list[Option | None] = []
        for kind, group in groups.items():
            heading = f"{convert(KINDS[kind].chinese, self.variant)} {KINDS[kind].english}"
            options.append(Option(Content.styled(heading, "bold"), disabled=True))
            options.extend(group)
        results.set_options(options)
        first = next((i for i, o in enumerate(options) if o is not None and not o.disabled), None)
        results.highlighted = first
        if query.strip() and not hits:
            self.query_one("#search-hint", Static).update(Content(convert("沒有結果 No match", self.variant)))

    def action_move(self, step: int) -> None:
        """Move the result cursor while typing."""
        results = self.query_one("#search-results", OptionList)
        if step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        option = self.query_one("#search-results", OptionList).highlighted_option
        self.dismiss(option.id if option is not None else None)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
