"""The main screen: lays out the panes and alone routes messages between them.

Panes post messages up (ItemChosen, SectionChosen, MentionChosen, TopSectionChanged);
this screen decides what every pane shows and calls their methods.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ..model.kinds import PANES, PANES_BY_ID, pane_of
from ..model.reading import VariantText
from ..model.safety import visible
from ..model.script import VARIANT_LABELS, Variant
from ..model.selection import Selection
from ..state import ReadingState
from ..widgets.article_view import ArticleView
from ..widgets.details import Details, MentionChosen
from ..widgets.key_bar import KeyBar
from ..widgets.lists import ItemChosen
from ..widgets.pane_tabs import PaneTabs
from ..widgets.sections import SectionChosen, SectionList
from .bindings import READER_BINDINGS, pane_tooltips
from .find_routes import FindRoutes
from .host import ReaderApp, reader_app
from .layout_modes import LayoutModes
from .panes import SidePane, make_pane
from .restore import reopen


class MainScreen(FindRoutes, LayoutModes):
    """Sections, article, entity panes, timeline and details, all linked."""

    AUTO_FOCUS = "#article"

    BINDINGS = READER_BINDINGS

    def __init__(self, text: VariantText, restore: ReadingState | None = None) -> None:
        super().__init__()
        self.restore = restore
        self.text = text
        self.pack = text.pack
        self.selection = Selection()
        # True while the screen sets itself up: nothing is saved then (a restored state is what
        # the file already holds, and a save reads, writes and renames the file before the first
        # frame; once, under load, that rename waited 0.4 s on the disk).
        self._starting = True
        # Held here rather than queried: a selection reaches every pane, and a query walks the
        # whole screen each time.
        self._pane_widgets: dict[str, SidePane] = {}
        self._resumed = False

    @property
    def reader(self) -> ReaderApp:
        """The app, typed as the reader's app."""
        return reader_app(self.app)

    @property
    def variant(self) -> Variant:
        """The script variant on screen (one reactive on the app)."""
        return self.reader.variant

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Everything is composed as it will first be shown (titles, labels, width class), so
        # the first frame is the finished screen and nothing is laid out twice.
        self._apply_width(self.app.size.width)
        self.set_class(self.app.no_color, "no-color")  # NO_COLOR: mentions marked by style
        yield Static(self._title_bar(), id="title-bar")
        # The screen is a grid (sections | article | side panes) with no row or column
        # containers: each container is one more widget to style and draw on every frame.
        sections = SectionList(self.pack.article, id="sections")
        sections.border_title = self._sections_title()
        yield sections
        with Vertical(id="centre"):
            yield ArticleView(self.text, id="article")
            yield Static(id="status")
        first = self._first_pane()
        yield PaneTabs(self._pane_labels(), active=first, tooltips=pane_tooltips(), id="tabs")
        # One pane at a time fills the grid's side cell (hidden ones take no cell); the others
        # are mounted, hidden, once the first frame is out. The first is the one a remembered
        # state will show, so the first frame does not show another and then jump.
        yield self._make_pane(first).add_class("-shown", update=False)
        details = Details(self.text, id="details")
        details.border_title = self._details_title()
        yield details
        keys = KeyBar(id="keys")
        keys.describe = self._describe_keys()
        yield keys

    def _first_pane(self) -> str:
        """The side pane the first frame shows: the remembered focus's or selection's, else
        the first (the state file is untrusted: unknown ids fall through)."""
        state = self.restore
        if state is not None:
            if state.focused in PANES_BY_ID:
                return state.focused
            owner = self._owner_pane(state.selected) if state.selected else None
            if owner is not None:
                return owner
        return PANES[0].id

    def _make_pane(self, pane: str) -> SidePane:
        widget = self._pane_widgets[pane] = make_pane(self.text, PANES_BY_ID[pane])
        return widget

    def _mount_panes(self, wanted: list[str] | None = None) -> None:
        """Mount panes not made yet, hidden, in the current selection's state: ``wanted``, or
        every pane but the lazy ones (those are made when first shown)."""
        wanted = [pane.id for pane in PANES if not pane.lazy] if wanted is None else wanted
        missing = [self._make_pane(pane) for pane in wanted if pane not in self._pane_widgets]
        if not missing:
            return
        self.mount_all(missing, before="#details")
        self.refresh_panes()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # The first time, every widget's styles were worked out as it mounted, a moment ago:
        # Textual would work them all out again (about 5 ms before the first frame). Later
        # resumes (after a dialog, a theme change) refresh them as usual.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_mount(self) -> None:
        self.call_after_refresh(self._mount_panes)
        # The links every selection reads (100 ms with 50,000 entities): ready before one.
        self.call_after_refresh(self.pack.prepare)
        self.watch(self.app, "variant", self._variant_changed, init=False)
        if self.variant != "original":  # started with --variant / create_app(variant=...)
            self._variant_changed(self.variant)
        if self.restore is not None:
            # Before the first frame, so it already shows the restored selection.
            self._restore(self.restore)
        self._starting = False

    def _restore(self, state: ReadingState) -> None:
        """Reopen where the reader left off: selection, then position, then focus."""
        focusable = {w.id for w in self.query("*") if w.id and w.focusable}
        # Side panes not made yet (all but the first: they are mounted after the first frame;
        # the lazy ones when first shown) count too: showing one makes it.
        to = reopen(state, self.pack, focusable | set(PANES_BY_ID))
        if to.selected is not None:
            # Its reading waits for pypinyin, which the app's warm-up loads after the first frame.
            self.query_one(Details).hold_import()
            self.select(to.selected, current=to.mention, scroll=False)
        if to.top_paragraph is not None:
            self.query_one(ArticleView).scroll_to_paragraph(to.top_paragraph)
        if to.focused in PANES_BY_ID:
            # Shown as well as focused: the selection may have brought its own pane forward.
            self._show_pane(to.focused)
        if to.focused is not None:
            self.query_one(f"#{to.focused}").focus()

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
        if not self._starting:
            self.reader.remember(self.reading_state())

    def show_readings(self) -> None:
        """pypinyin is loaded: show the reading details left out at the start."""
        self.query_one(Details).show_readings()

    # -- state shown everywhere --------------------------------------------------------------

    def refresh_titles(self) -> None:
        """Header and pane titles in the current variant."""
        self.query_one("#title-bar", Static).update(self._title_bar())
        self.query_one(PaneTabs).set_labels(self._pane_labels())
        self.query_one("#sections").border_title = self._sections_title()
        self.query_one(Details).border_title = self._details_title()
        self.query_one(KeyBar).set_describe(self._describe_keys())

    def _describe_keys(self) -> Callable[[str], str]:
        """The key bar's descriptions in the script on screen, for the variant shown now."""
        variant = self.variant
        return lambda text: self.text.ui(text, variant)

    def _title_bar(self) -> Content:
        title = visible(self.text.prose(self.pack.index.title, self.variant))
        label = f"[{VARIANT_LABELS[self.variant]}]"
        return Content.assemble((title, "bold"), "  ", (label, "reverse"))

    def _pane_labels(self) -> dict[str, str]:
        return {pane.id: self.text.ui(pane.chinese, self.variant) for pane in PANES}

    def _sections_title(self) -> str:
        return self.text.ui("章節", self.variant) + " Sections"

    def _details_title(self) -> str:
        return self.text.ui("詳情", self.variant) + " Details"

    def refresh_status(self) -> None:
        """The status line under the article: mention counter or find hits."""
        status = self.query_one("#status", Static)
        if (find := self._finding()) is not None:
            status.update(Content(self.text.ui(f"查找 {find.counter()}", self.variant)))
            return
        details = self.query_one(Details)
        filtered = (self.text.ui("  [篩選中 f]", self.variant), "reverse") if self.selection.filtered else ""
        item = self.selection.item
        if item in self.pack.entities:
            name = self.text.name(self.pack.entities[item], self.variant)
            status.update(Content.assemble((visible(name), "bold"), f"  {details.counter()}  n/N", filtered))
        elif item is not None:
            label = "時間線 Timeline" if item in self.pack.events else "數據 Figure"
            status.update(Content.assemble((self.text.ui(label, self.variant), "bold"), filtered))
        else:
            status.update("")

    def _panes(self) -> list[SidePane]:
        return list(self._pane_widgets.values())

    def refresh_panes(self) -> None:
        """Marks and filter in every list for the current selection."""
        item = self.selection.item
        related: set[str] = set()
        nearby: set[str] = set()  # sharing a paragraph only: ○, and only while filtering
        if item is not None:
            related = self.pack.related(item)
            if item in self.pack.entities and self.selection.filtered:
                nearby = self.pack.cooccurring(item) - related
        filtered = self.selection.filtered and item
        only = (related | nearby | ({item} if item else set())) if filtered else None
        for pane in self._panes():
            pane.show(self.variant, item, related, only, nearby)

    def _variant_changed(self, variant: Variant) -> None:
        focused = self.focused
        article = self.query_one(ArticleView)
        article.set_variant(variant)
        self.query_one(SectionList).set_variant(variant)
        self.refresh_panes()
        self.query_one(Details).show(self.selection.item, self.selection.current, variant)
        if (find := self._finding()) is not None:
            find.find(variant)
            self._show_find()
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
            self.notify(f"unknown id {item}", severity="error", markup=False)
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

    def _owner_pane(self, item: str) -> str | None:
        """The side pane that lists ``item`` (None for an id the pack does not hold)."""
        if item in self.pack.events:
            return pane_of("events")
        if item in self.pack.figures:
            return pane_of("figures")
        if item in self.pack.entities:
            return pane_of(self.pack.entities[item].kind)
        return None

    def _show_owner_tab(self, item: str) -> None:
        if item in self.pack.entities and self.pack.entities[item].kind == "regions":
            if PANES_BY_ID[self.query_one(PaneTabs).active].shows == "map":
                return  # a place chosen on (or while showing) the map stays on the map
        owner = self._owner_pane(item)
        if owner is not None:
            self._show_pane(owner)

    def _show_pane(self, pane: str) -> None:
        # Made now if it is not yet: a lazy pane shown for the first time, or any pane before the
        # others are mounted after the first frame (a restored selection in another pane, a key
        # typed early); making them all here would put them all before the first frame.
        self._mount_panes([pane])
        self.query_one(PaneTabs).active = pane
        for widget in self._panes():
            # A class, not the display style: the layouts (one column, reading mode) decide
            # whether the shown pane is on screen.
            widget.set_class(widget.id == pane, "-shown")

    @on(PaneTabs.Chosen)
    def _on_tab_chosen(self, message: PaneTabs.Chosen) -> None:
        if message.focus:
            self.action_pane(message.pane)
        else:  # an arrow key on the strip: show the pane, keep the keyboard on the strip
            self._show_pane(message.pane)

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
        if index >= total or index < 0:
            self._say_wrapped(1 if index >= total else -1)
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
        self.remove_class("reading")  # asking for a pane leaves reading mode
        self.set_class(self.has_class("single") and pane not in ("article", "sections"), "side")
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

    def action_next_mention(self, step: int = 1) -> None:
        """Next mention of the selection (``step`` -1: previous), or find hit while finding."""
        if (find := self._finding()) is not None and find.hits:
            self._step_find(find, step)
        else:
            self._go_to_mention(self.selection.current + step)

    def action_previous_mention(self) -> None:
        """Previous mention, or previous find hit."""
        self.action_next_mention(-1)

    def action_filter(self) -> None:
        """Show only what relates to the selection in every pane; again to show all."""
        if self.selection.item is None:
            self.notify(self.text.ui("先選擇一個條目 Select something first", self.variant), markup=False)
            return
        self.selection.filtered = not self.selection.filtered
        self.refresh_panes()
        self.refresh_status()

    def action_clear(self) -> None:
        """End a find, hide the folded sections pane, or clear the selection."""
        if self._finding():
            self._end_find()
            self.query_one(ArticleView).focus()
            return
        if self.has_class("show-sections"):
            self.remove_class("show-sections")
            return
        if self.has_class("side"):  # one column: escape puts the side layer away first
            self.action_pane("article")
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

    def action_select_item(self, item: str) -> None:
        """Select ``item`` (the command palette's "go to …" entries run this)."""
        self.select(item)

    def action_back(self) -> None:
        """Go back to the previous selection, like a browser's back button."""
        if not self.selection.history:
            self.notify(self.text.ui("沒有更早的選擇 Nothing to go back to", self.variant), markup=False)
            return
        item, current = self.selection.history.pop()
        self.select(item, remember=False, current=current)

    def action_copy_card(self) -> None:
        """Copy the selection as a text card to the clipboard."""
        item = self.selection.item
        if item is None:
            self.notify(self.text.ui("先選擇一個條目 Select something first", self.variant), markup=False)
            return
        from ..card import entity_card

        self.app.copy_to_clipboard(entity_card(self.text, item, self.variant))
        self.notify(self.text.ui("已複製 Copied card", self.variant), markup=False)

    def action_copy_sentence(self) -> None:
        """Copy the current sentence, quoted, with its paragraph id and the pack's source."""
        from ..card import sentence_citation

        paragraph, start, end = self.query_one(ArticleView).current_place()
        self.app.copy_to_clipboard(sentence_citation(self.text, self.variant, paragraph, start, end))
        self.notify(self.text.ui("已複製句子 Copied sentence", self.variant), markup=False)

    def action_search(self) -> None:
        """Open search: entities first, then the article's text."""
        from .search import SearchChoice, SearchScreen

        def chosen(choice: SearchChoice | None) -> None:
            if choice is None:
                return
            if choice.item:
                self.select(choice.item)
            elif choice.query:
                self.find_from(choice.query, choice.hit)

        self.app.push_screen(SearchScreen(self.text, self.reader.search_index()), chosen)


__all__ = ["MainScreen"]
