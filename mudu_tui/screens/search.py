"""Search: one box over the entities and the article's text, results on each keystroke.

Entities come first, ranked across kinds by score (each line names its kind), then the places
the article holds the query, each in its context. Enter on an entity selects it; enter on a
text hit scrolls the article there and starts find, so `n`/`N` step on from it.
"""

from __future__ import annotations

from typing import NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import Worker

from ..model.kinds import KINDS
from ..model.reading import VariantText
from ..model.safety import visible
from ..model.script import Variant, convert
from ..model.search import Hit as SearchHit
from ..model.search import SearchIndex, text_hits
from ..widgets.item_list import Row
from ..widgets.search_results import SearchResults
from .host import reader_app

#: What the hint line says while results show.
HINT = "中文（繁/简）、拼音、首字母、English · ↑↓ enter · esc"

#: Text hits listed below the entities (the status line counts them all).
MAX_TEXT_HITS = 50

#: An index with at most this many entities left to build (about what the pack limits
#: allow) is finished as search opens, in a tenth of a second; a larger one goes on in the
#: background while the user types.
BUILD_AT_ONCE = 600
#: Seconds between looks at a background build (results and the count follow it).
PROGRESS_EVERY = 0.5
#: An article longer than this (in characters) is folded for the text hits in the
#: background the first time, not on the first keystroke (a book takes up to a second).
FOLD_AT_ONCE = 200_000

#: How each rank tier is named after a result: Chinese first (converted with the variant),
#: then the English word, so a reader of either sees why the entity came up.
RANK_LABELS = ("全名 exact", "開頭 prefix", "首字母 initials", "包含 substring", "簡介 summary", "近似 fuzzy")


class SearchChoice(NamedTuple):
    """What the user chose: an entity, event or figure (``item``), or text hit number ``hit``
    of ``query`` in the article."""

    item: str | None = None
    query: str = ""
    hit: int = -1


class SearchScreen(ModalScreen[SearchChoice | None]):
    """Type Chinese (either script), pinyin, initials or English; enter selects."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "關閉", id="search.close", tooltip="Close search"),
        Binding("down", "move(1)", "下移", show=False, id="search.down", tooltip="Next result"),
        Binding("up", "move(-1)", "上移", show=False, id="search.up", tooltip="Previous result"),
    ]

    def __init__(self, text: VariantText, index: SearchIndex) -> None:
        super().__init__()
        self.text = text
        self.index = index
        self._seen: tuple[int, bool] = (0, True)  # entities built, text ready: when last listed
        self._progress: Timer | None = None  # follows a background build or fold
        self._fold: Worker[None] | None = None  # folds a book for the text hits

    @property
    def variant(self) -> Variant:
        """The variant on screen."""
        return reader_app(self.app).variant

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(placeholder=self._examples(), id="search-input")
            yield SearchResults(id="search-results")
            yield Static(id="search-hint")

    def _examples(self) -> str:
        """What to type, shown in the empty box: the pack's most mentioned name, four ways
        (once the index, which counts the mentions, is built)."""
        from ..model.search import example_queries

        if self.index.total - self.index.built <= BUILD_AT_ONCE:
            self.index.build()
        if not self.index.complete:
            return "中文 / pinyin / English …"
        return visible(example_queries(self.text.pack.entities.values(), self.index.weights))

    def on_mount(self) -> None:
        title = "搜索 Search: 實體與全文 entities and text"
        self.query_one("#search-box").border_title = self.text.ui(title, self.variant)
        if not self.index.complete:  # a large index (a small one was built for the examples)
            reader_app(self.app).build_search_index()
        variant = self.variant
        article = self.text.pack.article.paragraphs
        if not self.text.find_ready(variant) and sum(len(p.text) for p in article) > FOLD_AT_ONCE:
            self._fold = self.run_worker(lambda: self.text.prepare_find(variant), thread=True)
        self._seen = (self.index.built, self._text_ready)
        if not (self.index.complete and self._text_ready):
            self._progress = self.set_interval(PROGRESS_EVERY, self._follow_build)
        self._hint(self._status("", False))
        box = self.query_one(Input)
        # Results are listed as the value changes, in the same call: a Changed message would
        # arrive after the box had been drawn, and each keystroke would cost two frames.
        self.watch(box, "value", self.show_results, init=False)
        box.focus()

    @property
    def _text_ready(self) -> bool:
        """Whether the text hits can be found now: the article is folded, or no fold is
        under way in the background (a search then folds a short article itself)."""
        return self.text.find_ready(self.variant) or self._fold is None or self._fold.is_finished

    def _follow_build(self) -> None:
        """While the index is built or the article folded in the background: list again
        what the query finds in what is ready now, and say how far it is."""
        now = (self.index.built, self._text_ready)
        if now != self._seen:
            self._seen = now
            self.show_results(self.query_one(Input).value)
        if self.index.complete and self._text_ready and self._progress is not None:
            self._progress.stop()

    def _status(self, query: str, found: bool) -> str:
        """What the hint line says: how far the index is built while it is, else whether
        anything was found (an earlier "no match" never lingers) and what to type."""
        if not self.index.complete:
            return f"建索引 Indexing {self.index.built:,}/{self.index.total:,} · {HINT}"
        if not self._text_ready:
            return f"全文查找中 Searching the text… · {HINT}"
        return "沒有結果 No match" if query.strip() and not found else HINT

    def _hint(self, text: str) -> None:
        hint = self.query_one("#search-hint", Static)
        shown = Content(self.text.ui(text, self.variant))
        # The same hint again is not drawn again: an update lays the box out anew.
        if hint.content != shown:
            hint.update(shown)

    def show_results(self, query: str) -> None:
        """Entities ranked across kinds, then the article's text hits in context. Rows are
        listed here; each is drawn only when it comes into view."""
        results = self.query_one("#search-results", SearchResults)
        hits = {hit.entity: hit for hit in self.index.search(query)} if query.strip() else {}
        rows = [Row(entity) for entity in hits]
        ready = self._text_ready
        found, total = text_hits(self.text, self.variant, query, MAX_TEXT_HITS) if ready else ([], 0)
        text = {f"text:{hit.number}": hit for hit in found}
        headings: dict[int, Content] = {}
        if found or (query.strip() and not ready):
            heading = f"文中 In the text ({total})" if ready else "文中 In the text: 查找中 searching…"
            style = "bold" if ready else "dim"
            headings[len(rows)] = Content.styled(self.text.ui(heading, self.variant), style)
            rows.append(Row(None, heading=True))
            rows += [Row(option_id) for option_id in text]

        def draw(option_id: str) -> Content:
            hit = text.get(option_id)
            if hit is None:
                return self._entity_prompt(hits[option_id])
            context = Content(visible(hit.context)).stylize("bold reverse", *hit.span)
            return Content.assemble((f"{hit.number + 1:>3} ", "dim"), context)

        results.show(rows, draw, headings)
        self._hint(self._status(query, results.highlighted is not None))

    def _entity_prompt(self, hit: SearchHit) -> Content:
        e = self.text.pack.entities[hit.entity]
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
        kind = self.text.ui(KINDS[e.kind].singular_chinese, self.variant)
        rank = self.text.ui(RANK_LABELS[hit.rank], self.variant)
        return Content.assemble((f"{kind} ", "dim"), label, "  ", en, (f"  {rank}", "dim italic"))

    def action_move(self, step: int) -> None:
        """Move the result cursor while typing."""
        results = self.query_one("#search-results", SearchResults)
        if step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._choose(self.query_one("#search-results", SearchResults).highlighted_id)

    @on(SearchResults.Chosen)
    def _selected(self, event: SearchResults.Chosen) -> None:
        self._choose(event.option_id)

    def _choose(self, option_id: str | None) -> None:
        if option_id is None:
            self.dismiss(None)
        elif option_id.startswith("text:"):
            query = self.query_one(Input).value.strip()
            self.dismiss(SearchChoice(query=query, hit=int(option_id[5:])))
        else:
            self.dismiss(SearchChoice(item=option_id))

    def action_dismiss_none(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
