"""The details pane: names, summary, note, mention counter, relations and mentions in context."""

from __future__ import annotations

import sys

from textual.content import Content
from textual.message import Message
from textual.widgets.option_list import Option, OptionDoesNotExist

from ..model.index import Entity, Event, Figure, date_label
from ..model.kinds import KINDS, RELATION_LABELS
from ..model.mentions import Mention
from ..model.reading import VariantText
from ..model.safety import visible
from ..model.script import Variant
from .lists import ItemChosen, PaneList
from .typeset import typeset


class MentionChosen(Message):
    """The user chose one mention (by its number) in the keyword-in-context list."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index


#: Mentions in context drawn at a time (a city in a book has thousands, and each costs a
#: sentence laid out on every selection: 200 took 40 ms); the row after them draws more.
MENTIONS_PAGE = 50
#: Characters of a mention's sentence shown either side of it (the bundled article's longest
#: reach is 111). Unbounded, a 10,000-character paragraph without a full stop made every
#: line the whole paragraph: selecting a name it holds 2,500 times took 2.6 s.
KWIC_CONTEXT = 120
#: Longest list of one relation the details pane draws (a city may have 50,000 companies).
MAX_PER_RELATION = 40


class Details(PaneList):
    """What the selection is, and what it is linked to, as one list that scrolls as one: the
    head (names, kind, summary, notes; not selectable), then the relations (enter jumps to
    one) and the mentions in context (enter scrolls the article there)."""

    HELP = "Details. `enter` follows a relation or goes to a mention; `backspace` goes back."

    def __init__(self, text: VariantText, *, id: str | None = None) -> None:
        self.text = text
        self.pack = text.pack
        self.variant: Variant = "original"
        self.item: str | None = None
        self.current = 0
        # Readings come from pypinyin: shown once its import has finished (a module half
        # imported by another thread is in sys.modules already, and using it would wait).
        self._readings = "pypinyin" in sys.modules  # a pack reloaded under --watch: loaded
        self._importing = False  # the import started in the background
        self._hold_import = False  # the next selection is a restored one: see hold_import
        # Untypeset until the first resize gives the width: the first frame shows the text.
        super().__init__(self._head_option(self._head()), id=id)

    @staticmethod
    def _head_option(head: Content) -> Option:
        return Option(head, id="head", disabled=True)

    def show(self, item: str | None, current: int, variant: Variant) -> None:
        """Show ``item`` (entity, event or figure id) with mention ``current`` of N."""
        held, self._hold_import = self._hold_import, False
        if item in self.pack.entities and not self._readings and not held:
            # Before the warm-up loaded pypinyin: shown at once, the reading added when the
            # import started here is done.
            self._start_reading_import()
        changed = item != self.item or variant != self.variant
        new_item = item != self.item
        self.item, self.current, self.variant = item, current, variant
        if changed:
            self.refresh_details()
            if new_item:
                self.scroll_home(animate=False)
        else:
            self.replace_option_prompt("head", self._typeset_head())

    def hold_import(self) -> None:
        """The next selection (a restored one, before the first frame) starts no import:
        the first frame should not share the interpreter with it; the warm-up loads it."""
        self._hold_import = True

    def show_readings(self) -> None:
        """pypinyin is loaded: readings are shown from now on, the one on screen at once."""
        if not self._readings:
            self._readings = True
            if self.item in self.pack.entities:
                self.replace_option_prompt("head", self._typeset_head())

    def _typeset_head(self) -> Content:
        return typeset(self._head(), self.scrollable_content_region.width)

    class ReadingsLoaded(Message):
        """pypinyin is imported: a reading left out (a restored selection's) can be shown."""

    def _start_reading_import(self) -> None:
        # The head gives an entity's reading, from pypinyin, which takes 0.2 s to import:
        # imported on the spot, it made the first selection take 220 ms instead of 20. Imported
        # just after the first frame instead, it held the interpreter while the first keys
        # came (the first switch of script: 114 ms instead of 30). The app's warm-up loads it
        # once keys pause; a selection made before that imports it in the background and
        # shows the reading when it is there.
        if not self._importing:
            self._importing = True
            self.run_worker(self._import_reading, thread=True, group="reading")

    def _import_reading(self) -> None:
        """Import what gives an entity's reading (a worker: it only posts a message)."""
        import pypinyin  # noqa: F401

        self.post_message(self.ReadingsLoaded())

    def on_details_readings_loaded(self) -> None:
        self.show_readings()

    def on_resize(self) -> None:
        self.refresh_details()

    def on_option_list_option_selected(self, event: PaneList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("go:"):
            self.post_message(ItemChosen(option_id[3:]))
        elif option_id.startswith("mention:"):
            self.post_message(MentionChosen(int(option_id[8:])))
        elif option_id.startswith("more:"):
            self._more_mentions(option_id)

    def _c(self, text: str) -> str:
        return visible(self.text.prose(text, self.variant))

    def _u(self, text: str) -> str:
        """The pane's own labels, in the script the article shows."""
        return self.text.ui(text, self.variant)

    def _label_of(self, item_id: str) -> str:
        if item_id in self.pack.entities:
            return visible(self.text.name(self.pack.entities[item_id], self.variant))
        if item_id in self.pack.events:
            event = self.pack.events[item_id]
            inferred = "（推定）" if event.inferred else ""
            return self._c(f"{event.label}{inferred} {event.summary}")
        if item_id in self.pack.figures:
            return self._c(self.pack.figures[item_id].metric)
        return item_id

    def counter(self) -> str:
        """The mention counter `i/N` (empty for events and figures)."""
        if self.item in self.pack.entities:
            total = len(self.pack.mentions_of(self.item))
            return f"{self.current + 1 if total else 0}/{total}"
        return ""

    def _head(self) -> Content:
        item = self.item
        if item is None:
            # The article has the keyboard at start: the hint starts with the keys that work
            # there, then how to reach the panes.
            return Content.assemble(
                self._u("文章：j/k 滾動，space/b 翻頁；2–9 切換窗格，/ 搜索，? 幫助。"),
                "\n",
                ("In the article: j/k scroll, space/b page; 2–9 for panes, / to search, ? for help.", "dim"),
            )
        if item in self.pack.entities:
            head = self._entity_head(self.pack.entities[item])
        elif item in self.pack.events:
            head = self._event_head(self.pack.events[item])
        else:
            head = self._figure_head(self.pack.figures[item])
        if self.pack.is_draft(item):
            # An entry `mudu-tui init` drafted: say so before the reader trusts it.
            draft = ("⚠\u00a0" + self._u("草稿，待核對") + "  draft, not yet checked", "bold $warning")
            head = Content.assemble(head, "\n", draft)
        return head

    def _entity_head(self, e: Entity) -> Content:
        simplified = self.text.name(e, "simplified")
        parts: list[tuple[str, str] | str] = [
            (visible(self.text.name(e, self.variant)), "bold"),
            "  ",
            (f"[{self.counter()}]", "bold reverse"),
            "\n",
            (self._u(KINDS[e.kind].singular_label), "dim"),
            "\n",
            (f"{visible(e.en)}", "italic"),
        ]
        parts += ["\n", (f"简 {visible(simplified)}", "dim")]
        if self._readings:
            from ..model.search import entity_reading  # pypinyin: loaded by now

            parts += ["  ", (visible(entity_reading(e)), "dim")]
        facts = self._facts(e)
        if facts:
            parts += ["\n", (facts, "dim")]
        if e.aliases:
            parts += ["\n", (self._u("別名 ") + "、".join(self._c(a) for a in e.aliases), "dim")]
        parts += ["\n", self._c(e.summary)]
        if e.note:
            parts += ["\n", ("ℹ\u00a0" + self._c(e.note), "italic")]
        return Content.assemble(*parts)

    def _facts(self, e: Entity) -> str:
        """Kind-specific facts: a person's role, a region's or body's kind, a policy's date."""
        attrs = e.attrs
        facts: list[str] = []
        if "role" in attrs:
            facts.append(self._c(str(attrs["role"])))
        if "kind" in attrs:
            subkind = str(attrs["kind"])
            facts.append(self._u(KINDS[e.kind].subkinds.get(subkind, subkind)))
        if "date" in attrs:
            facts.append(self._c(date_label(str(attrs["date"]))))
        return " · ".join(facts)

    def _event_head(self, ev: Event) -> Content:
        parts: list[tuple[str, str] | str] = [
            (self._c(ev.label), "bold"),
            ((self._u("（推定）") if ev.inferred else ""), "italic"),
            "\n",
            (self._c(ev.summary), ""),
        ]
        if ev.en:
            parts += ["\n", (visible(ev.en), "italic dim")]
        parts += ["\n", ("「" + self._c(ev.quote) + "」", "dim")]
        if ev.note:
            parts += ["\n", ("ℹ\u00a0" + self._c(ev.note), "italic")]
        return Content.assemble(*parts)

    def _figure_head(self, fig: Figure) -> Content:
        parts: list[tuple[str, str] | str] = [
            (self._c(fig.metric), "bold"),
            "\n",
            (f"{fig.value_text} {self._c(fig.unit)}", "bold"),
            ((f"  ({fig.year})" if fig.year else ""), "dim"),
            ((self._u("  預測") if fig.forecast else ""), "italic"),
        ]
        if fig.en:
            parts += ["\n", (visible(fig.en), "italic dim")]
        parts += ["\n", ("「" + self._c(fig.quote) + "」", "dim")]
        if fig.note:
            mark = "⚠\u00a0" + self._u("存疑 ") if fig.disputed else "ℹ\u00a0"
            parts += ["\n", (mark + self._c(fig.note), "italic")]
        return Content.assemble(*parts)

    def refresh_details(self) -> None:
        """Rebuild the head and the links for the current item and variant."""
        options: list[Option | None] = [self._head_option(self._typeset_head())]
        item = self.item
        if item is not None:
            related = self._relations(item)
            if related:
                options.append(Option(Content.styled(self._u("關係 Relations"), "bold"), disabled=True))
                options += [
                    Option(label, id=f"go:{target}") if target else Option(label, disabled=True)
                    for label, target in related
                ]
            if item in self.pack.entities and self.pack.mentions_of(item):
                options.append(Option(Content.styled(self._u("提及 Mentions"), "bold"), disabled=True))
                options += self._mention_options(0)
        with self.prevent(PaneList.OptionHighlighted):
            self.set_options(options)
            if self.has_focus:  # after a jump or `back` the focused list keeps a cursor
                self._first_keeping_head()

    def _mention_options(self, start: int, *, every: bool = False) -> list[Option]:
        """A page of the selection's mentions in context from ``start`` (``every``: all the
        rest), and a row for the rest."""
        mentions = self.pack.mentions_of(self.item or "")
        end = len(mentions) if every else min(start + MENTIONS_PAGE, len(mentions))
        options = [Option(self._kwic(n, mentions[n]), id=f"mention:{n}") for n in range(start, end)]
        if end < len(mentions):
            more = f"… 另有 {len(mentions) - end} 處 (enter, n/N)"
            options.append(Option(Content.styled(self._u(more), "dim"), id=f"more:{end}"))
        return options

    def _more_mentions(self, option_id: str, *, every: bool = False) -> None:
        """Put the next page of mentions (``every``: all the rest) where the row for the rest
        was (the cursor reaching it, by key or mouse, asks for them; `G` for all)."""
        try:
            self.get_option(option_id)
        except OptionDoesNotExist:  # already drawn (a click highlights the row, then selects it)
            return
        with self.prevent(PaneList.OptionHighlighted):
            at = self.highlighted
            self.remove_option(option_id)
            self.add_options(self._mention_options(int(option_id[5:]), every=every))
            self.highlighted = at

    def action_last(self) -> None:
        """The last mention, not the row for the rest (`G`, End): the rest are drawn first."""
        if self.option_count:
            last = self.get_option_at_index(self.option_count - 1).id or ""
            if last.startswith("more:"):
                self._more_mentions(last, every=True)
        super().action_last()

    def on_option_list_option_highlighted(self, event: PaneList.OptionHighlighted) -> None:
        if (event.option.id or "").startswith("more:"):
            self._more_mentions(event.option.id or "")

    def on_focus(self) -> None:
        if self.highlighted is None and self.option_count:
            self._first_keeping_head()

    def _first_keeping_head(self) -> None:
        """Put the cursor on the first link without scrolling the name out of view: on a
        short pane (80×24) the first link is below the head, and the name matters more."""
        self.action_first()
        self.call_after_refresh(self.scroll_home, animate=False, immediate=True)

    def _kwic(self, n: int, m: Mention) -> Content:
        """Mention ``n`` in its sentence, the mention itself (not an earlier copy) marked."""
        article = self.pack.article
        lo, hi, cut_before, cut_after = article.context_span(m.paragraph, m.start, m.end, KWIC_CONTEXT)
        text, mapping = self.text.paragraph(self.variant, article.position(m.paragraph))
        start, end = mapping(lo), mapping(hi)
        shown = visible(text[start:end]) + ("…" if cut_after else "")
        prefix = f"{n + 1:>2} " + ("…" if cut_before else "")
        content = Content.assemble((prefix, "dim"), shown)
        a, b = mapping(m.start) - start + len(prefix), mapping(m.end) - start + len(prefix)
        return typeset(content.stylize("bold underline", a, b), self.scrollable_content_region.width)

    def _relations(self, item: str) -> list[tuple[Content, str]]:
        out: list[tuple[Content, str]] = []
        seen: set[str] = set()
        per_label: dict[str, int] = {}

        def add(label: str, target: str) -> None:
            if target in seen or target == item:
                return
            seen.add(target)
            per_label[label] = per_label.get(label, 0) + 1
            if per_label[label] <= MAX_PER_RELATION:
                out.append((Content.assemble((self._u(label) + " ", "dim"), self._label_of(target)), target))

        if item in self.pack.entities:
            e = self.pack.entities[item]
            for key, target in e.relations:
                add(RELATION_LABELS.get(key, key), target)
            for label, other in self.pack.referrers(item):
                add(label, other)
            for ev in self.pack.index.events:
                if item in ev.involves:
                    add("事件", ev.id)
            for fig in self.pack.index.figures:
                if item == fig.region or item in fig.involves:
                    add("數據", fig.id)
        elif item in self.pack.events:
            for target in self.pack.events[item].involves:
                add("涉及", target)
        elif item in self.pack.figures:
            fig = self.pack.figures[item]
            for target in ([fig.region] if fig.region else []) + list(fig.involves):
                add("涉及", target)
        for label, count in per_label.items():
            if count > MAX_PER_RELATION:
                more = f"{label} … 另有 {count - MAX_PER_RELATION} 個"
                out.append((Content.styled(self._u(more), "dim"), ""))
        return out
