"""The main screen: lays out the panes and alone routes messages between them.

Panes post messages up (ItemChosen, SectionChosen, MentionChosen, TopSectionChanged);
this screen decides what every pane shows and calls their methods.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Input, Static

from ..model.reading import VariantText
from ..model.script import VARIANT_LABELS, Variant, convert
from ..safety import visible
from ..state import ReadingState
from ..widgets.article_view import ArticleView
from ..widgets.details import Details, MentionChosen
from ..widgets.entity_list import EntityList
from ..widgets.key_bar import KeyBar
from ..widgets.lists import ItemChosen, LinkedList
from ..widgets.pane_tabs import PaneTabs
from ..widgets.sections import SectionChosen, SectionList

#: Pane ids in the order of the number keys 2–7 (1 is the sections pane).
PANES: tuple[tuple[str, str, str], ...] = (
    ("regions", "城市", "Cities"),
    ("companies", "企業", "Companies"),
    ("organizations", "機構", "Orgs"),
    ("people", "人物", "People"),
    ("policies", "政策", "Policies"),
    ("timeline", "時間線", "Timeline"),
    ("figures", "數據", "Figures"),
)

#: Below this width the sections pane folds away (key 1 brings it back over the article).
NARROW = 110


@dataclass
class Selection:
    """What is selected, which of its mentions is current, and the way back."""

    item: str | None = None
    current: int = 0
    history: list[tuple[str, int]] = field(default_factory=list)
    filtered: bool = False


class MainScreen(Screen[None]):
    """Sections, article, entity panes, timeline and details, all linked."""

    AUTO_FOCUS = "#article"

    BINDINGS = [
        Binding(
            "tab", "app.focus_next", "Next pane", show=False, id="pane.next", tooltip="Move to the next pane"
        ),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Previous pane",
            show=False,
            id="pane.previous",
            tooltip="Move to the previous pane",
        ),
        Binding(
            "1",
            "pane('sections')",
            "Sections 章節",
            show=False,
            id="pane.sections",
            tooltip="章節 Sections: choose one to read it (narrow screens: it unfolds)",
        ),
        Binding(
            "2",
            "pane('regions')",
            "Cities 城市",
            show=False,
            id="pane.regions",
            tooltip="城市 Cities, provinces and districts",
        ),
        Binding(
            "3",
            "pane('companies')",
            "Companies 企業",
            show=False,
            id="pane.companies",
            tooltip="企業 Companies",
        ),
        Binding(
            "4",
            "pane('organizations')",
            "Organizations 機構",
            show=False,
            id="pane.organizations",
            tooltip="機構 Government bodies, labs, exchanges, standards groups, media",
        ),
        Binding("5", "pane('people')", "People 人物", show=False, id="pane.people", tooltip="人物 People"),
        Binding(
            "6",
            "pane('policies')",
            "Policies 政策",
            show=False,
            id="pane.policies",
            tooltip="政策 Laws, plans, programmes, and products",
        ),
        Binding(
            "7",
            "pane('timeline')",
            "Timeline 時間線",
            show=False,
            id="pane.timeline",
            tooltip="時間線 Dated events; （推定） marks a date worked out from 今年, 4天後…",
        ),
        Binding(
            "8",
            "pane('figures')",
            "Figures 數據",
            show=False,
            id="pane.figures",
            tooltip="數據 The article's numbers as bar charts; ⚠ marks numbers it gets wrong",
        ),
        Binding(
            "0", "pane('article')", "Article", show=False, id="pane.article", tooltip="Back to the article"
        ),
        Binding(
            "slash",
            "search",
            "Search",
            id="search.entities",
            tooltip="Search entities: Chinese (繁/简), pinyin, initials or English",
        ),
        Binding(
            "ctrl+f",
            "find",
            "Find",
            id="search.article",
            tooltip="Find text in the article, across scripts; n/N move, escape ends",
        ),
        Binding(
            "n",
            "next_mention",
            "Next",
            id="mention.next",
            tooltip="Next mention of the selection (or next find hit)",
        ),
        Binding(
            "N",
            "previous_mention",
            "Prev",
            show=False,
            id="mention.previous",
            tooltip="Previous mention of the selection (or previous find hit)",
        ),
        Binding(
            "f",
            "filter",
            "Filter",
            id="selection.filter",
            tooltip="Show only what relates to the selection in every pane; again to show all",
        ),
        Binding(
            "escape",
            "clear",
            "Clear",
            show=False,
            id="selection.clear",
            tooltip="End a find, else clear the selection",
        ),
        Binding(
            "backspace,alt+left",
            "back",
            "Back",
            show=False,
            id="selection.back",
            tooltip="Back to the previous selection, like a browser",
        ),
        Binding(
            "y",
            "copy_card",
            "Copy",
            show=False,
            id="selection.copy",
            tooltip="Copy the selection as a text card (names, summary, every mention's sentence)",
        ),
        Binding(
            "t",
            "app.toggle_script",
            "简/繁",
            id="script.toggle",
            tooltip="Toggle 原文 (Traditional, as published) and 简体 Simplified",
        ),
        Binding(
            "v",
            "app.cycle_variant",
            "Variant",
            show=False,
            id="script.cycle",
            tooltip="Cycle 原文 → 简体 → 臺灣正體 → 香港繁體",
        ),
        Binding("question_mark", "app.help", "Help", id="app.help", tooltip="This help: every key"),
    ]

    def __init__(self, text: VariantText, restore: ReadingState | None = None) -> None:
        super().__init__()
        self.restore = restore
        self.text = text
        self.pack = text.pack
        self.selection = Selection()
        self.find_hits: list[tuple[int, int, int]] = []
        self.find_current = -1
        # Held here rather than queried: a selection reaches every pane, and a query walks the
        # whole screen each time.
        self._pane_widgets: dict[str, LinkedList] = {}
        self._find: Input | None = None

    @property
    def variant(self) -> Variant:
        """The script variant on screen (one reactive on the app)."""
        return self.app.variant  # type: ignore[attr-defined,no-any-return]

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Everything is composed as it will first be shown (titles, labels, width class), so
        # the first frame is the finished screen and nothing is laid out twice.
        self.set_class(self.app.size.width < NARROW, "narrow")
        yield Static(self._title_bar(), id="title-bar")
        # The screen is a grid (sections | article | side panes) with no row or column
        # containers: each container is one more widget to style and draw on every frame.
        sections = SectionList(self.pack.article, id="sections")
        sections.border_title = self._sections_title()
        yield sections
        with Vertical(id="centre"):
            yield ArticleView(self.text, id="article")
            yield Static(id="status")
        yield PaneTabs(self._pane_labels(), active="regions", tooltips=self._pane_tooltips(), id="tabs")
        # One pane at a time fills the grid's side cell (hidden ones take no cell); the others
        # are mounted, hidden, once the first frame is out.
        yield self._make_pane("regions")
        details = Details(self.text, id="details")
        details.border_title = self._details_title()
        yield details
        yield KeyBar(id="keys")

    def _pane_tooltips(self) -> dict[str, str]:
        """Each pane's description and key, from its binding (`pane('regions')` on key 2)."""
        tips = {}
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and binding.action.startswith("pane('"):
                pane = binding.action.removeprefix("pane('").removesuffix("')")
                tips[pane] = f"{binding.tooltip or binding.description} (key {binding.key})"
        return tips

    def _make_pane(self, pane: str) -> LinkedList:
        widget: LinkedList
        if pane == "timeline":
            from ..widgets.timeline import Timeline

            widget = Timeline(self.text, id="timeline")
        elif pane == "figures":
            from ..widgets.figures import FiguresPane

            widget = FiguresPane(self.text, id="figures")
        else:
            kinds = ("policies", "products") if pane == "policies" else (pane,)
            widget = EntityList(self.text, kinds, id=pane)
        self._pane_widgets[pane] = widget
        return widget.add_class("pane")

    def _mount_panes(self) -> None:
        """Mount the panes not composed at start-up (hidden, in the current selection's state)."""
        missing = [self._make_pane(pane) for pane, _, _ in PANES if pane not in self._pane_widgets]
        if not missing:
            return
        for pane in missing:
            pane.display = False
        self.mount_all(missing, before="#details")
        self.refresh_panes()

    def on_mount(self) -> None:
        self.call_after_refresh(self._mount_panes)
        self.watch(self.app, "variant", self._variant_changed, init=False)
        if self.variant != "original":  # started with --variant / create_app(variant=...)
            self._variant_changed(self.variant)
        if self.restore is not None:
            self.call_after_refresh(self._restore, self.restore)

    def _restore(self, state: ReadingState) -> None:
        """Reopen where the reader left off: selection, then position, then focus."""
        pack = self.pack
        if state.selected and (
            state.selected in pack.entities or state.selected in pack.events or state.selected in pack.figures
        ):
            total = len(pack.mentions_of(state.selected)) or 1
            self.select(state.selected, current=state.mention % total, scroll=False)
        article = self.query_one(ArticleView)
        if 0 < state.top_paragraph < len(pack.article.paragraphs):
            article.scroll_to_paragraph(state.top_paragraph)
        if state.focused:
            target = self.query(f"#{state.focused}")
            if target and target.first().focusable:
                target.first().focus()

    def reading_state(self) -> ReadingState:
        """Where the reader is now, for remembering."""
        focused = self.focused.id if self.focused is not None else None
        return ReadingState(
            variant=self.variant,
            selected=self.selection.item,
            mention=self.selection.current,
            focused=focused,
            top_paragraph=self.query_one(ArticleView).top_paragraph(),
        )

    def _remember(self) -> None:
        self.app.remember(self.reading_state())  # type: ignore[attr-defined]

    def on_resize(self, event: Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        narrow = width < NARROW
        if narrow != self.has_class("narrow"):
            self.set_class(narrow, "narrow")

    # -- state shown everywhere --------------------------------------------------------------

    def refresh_titles(self) -> None:
        """Header and pane titles in the current variant."""
        self.query_one("#title-bar", Static).update(self._title_bar())
        self.query_one(PaneTabs).set_labels(self._pane_labels())
        self.query_one("#sections").border_title = self._sections_title()
        self.query_one(Details).border_title = self._details_title()

    def _title_bar(self) -> Content:
        title = visible(convert(self.pack.index.title, self.variant))
        label = f"[{VARIANT_LABELS[self.variant]}]"
        return Content.assemble(("模都 ", "bold"), title, "  ", (label, "reverse"))

    def _pane_labels(self) -> dict[str, str]:
        return {pane: convert(chinese, self.variant) for pane, chinese, _ in PANES}

    def _sections_title(self) -> str:
        return convert("章節", self.variant) + " Sections"

    def _details_title(self) -> str:
        return convert("詳情", self.variant) + " Details"

    def refresh_status(self) -> None:
        """The status line under the article: mention counter or find hits."""
        status = self.query_one("#status", Static)
        if self.find_hits or self._finding():
            total = len(self.find_hits)
            shown = f"{self.find_current + 1}/{total}" if total else "0/0"
            status.update(Content(convert(f"查找 {shown}", self.variant)))
            return
        details = self.query_one(Details)
        filtered = (convert("  [篩選中 f]", self.variant), "reverse") if self.selection.filtered else ""
        item = self.selection.item
        if item in self.pack.entities:
            name = self.text.name(self.pack.entities[item], self.variant)
            status.update(Content.assemble((visible(name), "bold"), f"  {details.counter()}  n/N", filtered))
        elif item is not None:
            label = "時間線 Timeline" if item in self.pack.events else "數據 Figure"
            status.update(Content.assemble((convert(label, self.variant), "bold"), filtered))
        else:
            status.update("")

    def _panes(self) -> list[LinkedList]:
        return list(self._pane_widgets.values())

    def refresh_panes(self) -> None:
        """Marks and filter in every list for the current selection."""
        item = self.selection.item
        related: set[str] = set()
        if item is not None:
            related = self.pack.related(item)
            if item in self.pack.entities:
                related |= self.pack.cooccurring(item) if self.selection.filtered else set()
        only = (related | ({item} if item else set())) if self.selection.filtered and item else None
        for pane in self._panes():
            pane.show(self.variant, item, related, only)

    def _variant_changed(self, variant: Variant) -> None:
        focused = self.focused
        article = self.query_one(ArticleView)
        article.set_variant(variant)
        self.query_one(SectionList).set_variant(variant)
        self.refresh_panes()
        self.query_one(Details).show(self.selection.item, self.selection.current, variant)
        if self.find_hits:
            self._run_find(self._find_box().value)
        self.refresh_titles()
        self.refresh_status()
        if focused is not None:
            focused.focus()
        self._remember()

    # -- selection routing ------------------------------------------------------------------

    def select(self, item: str, *, remember: bool = True, current: int = 0, scroll: bool = True) -> None:
        """Select an entity, event or figure and show it everywhere (``scroll``: bring its
        current mention or quote into view)."""
        if item not in self.pack.entities and item not in self.pack.events and item not in self.pack.figures:
            self.notify(Content(f"unknown id {item}"), severity="error")
            return
        if remember and self.selection.item and self.selection.item != item:
            self.selection.history.append((self.selection.item, self.selection.current))
        self.selection.item = item
        self.selection.current = current
        self._end_find()
        article = self.query_one(ArticleView)
        if item in self.pack.entities:
            article.show_entity(item, current)
            if scroll:
                article.go_to_current()
        else:
            span = (self.pack.event_spans if item in self.pack.events else self.pack.figure_spans)[item]
            article.show_quote(self.pack.article.position(span.paragraph), span.start, span.end)
        self.query_one(Details).show(item, current, self.variant)
        self.refresh_panes()
        for pane in self._panes():
            pane.highlight_id(item)
        self._show_owner_tab(item)
        self.refresh_status()
        self._remember()

    def _show_owner_tab(self, item: str) -> None:
        if item in self.pack.events:
            self._show_pane("timeline")
        elif item in self.pack.figures:
            self._show_pane("figures")
        elif item in self.pack.entities:
            kind = self.pack.entities[item].kind
            self._show_pane("policies" if kind == "products" else kind)

    def _show_pane(self, pane: str) -> None:
        self._mount_panes()  # a key typed before the first frame was out
        self.query_one(PaneTabs).active = pane
        for widget in self._panes():
            widget.display = widget.id == pane

    @on(PaneTabs.Chosen)
    def _on_tab_chosen(self, message: PaneTabs.Chosen) -> None:
        self.action_pane(message.pane)

    @on(ItemChosen)
    def _on_item_chosen(self, message: ItemChosen) -> None:
        self.select(message.item_id)

    @on(ArticleView.MentionClicked)
    def _on_mention_clicked(self, message: ArticleView.MentionClicked) -> None:
        # The clicked mention becomes the current one, and the text stays where it is.
        self.select(message.entity, current=message.mention, scroll=False)

    @on(MentionChosen)
    def _on_mention_chosen(self, message: MentionChosen) -> None:
        self._go_to_mention(message.index)

    @on(SectionChosen)
    def _on_section_chosen(self, message: SectionChosen) -> None:
        self.query_one(ArticleView).scroll_to_section(message.index)
        self.remove_class("show-sections")
        self.query_one(ArticleView).focus()

    @on(ArticleView.TopSectionChanged)
    def _on_top_section(self, message: ArticleView.TopSectionChanged) -> None:
        self.query_one(SectionList).follow(message.section)

    def _go_to_mention(self, index: int) -> None:
        item = self.selection.item
        if item not in self.pack.entities:
            return
        total = len(self.pack.mentions_of(item))
        if not total:
            return
        self.selection.current = index % total
        article = self.query_one(ArticleView)
        article.show_entity(item, self.selection.current)
        article.go_to_current()
        self.query_one(Details).show(item, self.selection.current, self.variant)
        self.refresh_status()

    # -- actions -----------------------------------------------------------------------------

    def action_pane(self, pane: str) -> None:
        """Focus a pane by name (number keys)."""
        # set_focus, not focus(): focus() waits for the message queue, so a key typed in the same
        # burst (`2` then `enter` from a fast typist, a paste or a script) would go to the old pane.
        if pane != "sections":
            self.remove_class("show-sections")  # the folded sections pane gives way
        if pane == "article":
            self.set_focus(self.query_one(ArticleView))
            return
        if pane == "sections":
            if self.has_class("narrow"):
                self.toggle_class("show-sections")
            self.set_focus(self.query_one(SectionList))
            return
        self._show_pane(pane)
        self.set_focus(self._pane_widgets[pane])

    def action_next_mention(self) -> None:
        """Next mention of the selection, or next find hit while finding."""
        if self.find_hits:
            self._step_find(1)
        else:
            self._go_to_mention(self.selection.current + 1)

    def action_previous_mention(self) -> None:
        """Previous mention, or previous find hit."""
        if self.find_hits:
            self._step_find(-1)
        else:
            self._go_to_mention(self.selection.current - 1)

    def action_filter(self) -> None:
        """Show only what relates to the selection in every pane; again to show all."""
        if self.selection.item is None:
            self.notify(Content(convert("先選擇一個條目 Select something first", self.variant)))
            return
        self.selection.filtered = not self.selection.filtered
        self.refresh_panes()
        self.refresh_status()

    def action_clear(self) -> None:
        """End a find, hide the folded sections pane, or clear the selection."""
        if self._finding() or self.find_hits:
            self._end_find()
            self.query_one(ArticleView).focus()
            return
        if self.has_class("show-sections"):
            self.remove_class("show-sections")
            return
        if self.selection.item is not None:
            self.selection.history.append((self.selection.item, self.selection.current))
        self.selection.item = None
        self.selection.filtered = False
        self.query_one(ArticleView).show_entity(None)
        self.query_one(Details).show(None, 0, self.variant)
        self.refresh_panes()
        self.refresh_status()
        self._remember()

    def action_back(self) -> None:
        """Go back to the previous selection, like a browser's back button."""
        if not self.selection.history:
            self.notify(Content(convert("沒有更早的選擇 Nothing to go back to", self.variant)))
            return
        item, current = self.selection.history.pop()
        self.select(item, remember=False, current=current)

    def action_copy_card(self) -> None:
        """Copy the selection as a text card to the clipboard."""
        item = self.selection.item
        if item is None:
            self.notify(Content(convert("先選擇一個條目 Select something first", self.variant)))
            return
        from ..card import entity_card

        self.app.copy_to_clipboard(entity_card(self.text, item, self.variant))
        self.notify(Content(convert("已複製 Copied card", self.variant)))

    def action_search(self) -> None:
        """Open entity search."""
        from .search import SearchScreen

        def chosen(item: str | None) -> None:
            if item:
                self.select(item)

        self.app.push_screen(SearchScreen(self.text, self.app.search_index()), chosen)  # type: ignore[attr-defined]

    # -- find in article ---------------------------------------------------------------------

    def _find_box(self) -> Input:
        """The find box under the article, mounted the first time it is needed."""
        if self._find is None:
            self._find = Input(placeholder="在文中查找 Find in article (繁/简)", id="find", classes="hidden")
            self.query_one("#centre").mount(self._find, before="#status")
        return self._find

    def _finding(self) -> bool:
        """Whether the find box is open."""
        return self._find is not None and not self._find.has_class("hidden")

    def action_find(self) -> None:
        """Open the find box under the article."""
        box = self._find_box()
        box.remove_class("hidden")
        box.focus()
        self.refresh_status()

    @on(Input.Changed, "#find")
    def _on_find_changed(self, event: Input.Changed) -> None:
        self._run_find(event.value)

    @on(Input.Submitted, "#find")
    def _on_find_submitted(self, event: Input.Submitted) -> None:
        self.query_one(ArticleView).focus()

    def _run_find(self, query: str) -> None:
        self.find_hits = self.text.find(self.variant, query) if query else []
        self.find_current = 0 if self.find_hits else -1
        self.query_one(ArticleView).show_find(self.find_hits, self.find_current)
        self.refresh_status()

    def _step_find(self, step: int) -> None:
        self.find_current = (self.find_current + step) % len(self.find_hits)
        self.query_one(ArticleView).show_find(self.find_hits, self.find_current)
        self.refresh_status()

    def _end_find(self) -> None:
        if self._find is not None:
            self._find.add_class("hidden")
        self.find_hits = []
        self.find_current = -1
        self.query_one(ArticleView).show_find([], -1)
        self.refresh_status()


__all__ = ["MainScreen", "PANES"]
