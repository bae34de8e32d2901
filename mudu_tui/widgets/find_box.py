"""The find box under the article: a query, its hits in the article and which one is current.

It finds as the query changes and tells the screen (``HitsChanged``); the screen shows the
hits in the article and the status line. Hits are in the shown variant's offsets, and a query
in either script finds both (the model folds scripts). In a long article (a book) finding
converts and searches every paragraph, so it runs in a background thread, a newer query
cancelling an older one, and keys never wait for it.
"""

from __future__ import annotations

from functools import partial

from textual import on
from textual.message import Message
from textual.widgets import Input
from textual.worker import get_current_worker

from ..model.reading import VariantText
from ..model.rows import EAGER_CHARS
from ..model.script import Variant

#: A find hit: paragraph index, start and end in the shown variant's text.
Hit = tuple[int, int, int]


class FindBox(Input):
    """Find in the article; hidden (class ``hidden``) until opened."""

    class HitsChanged(Message):
        """The hits or the current hit changed (the query was edited)."""

    def __init__(self, text: VariantText, *, id: str | None = None) -> None:
        super().__init__(placeholder="在文中查找 Find in article (繁/简)", id=id, classes="hidden")
        self.text = text
        self.variant: Variant = "original"
        self.hits: list[Hit] = []
        self.current = -1
        #: The hit ``start`` asked to make current, kept until a background search is done.
        self._wanted = -1
        # Articles that are laid out whole are searched at once too (a few milliseconds).
        self.in_background = sum(len(p.text) for p in text.pack.article.paragraphs) > EAGER_CHARS

    @property
    def is_open(self) -> bool:
        """Whether the box is on screen."""
        return not self.has_class("hidden")

    def open(self) -> None:
        """Show the box and give it the keyboard."""
        self.remove_class("hidden")
        self.focus()

    def close(self) -> None:
        """Hide the box and drop its hits (the query stays for next time)."""
        self.add_class("hidden")
        self.hits = []
        self.current = -1

    def find(self, variant: Variant | None = None) -> None:
        """Find the query again (in ``variant`` if given: offsets follow the shown text)."""
        if variant is not None:
            self.variant = variant
        query = self.value.strip()
        if query and self.in_background:
            # No hits until the search is done (hits of another query or variant would be wrong).
            self.hits, self.current = [], -1
            self.run_worker(
                partial(self._find_in_thread, self.variant, query),
                thread=True,
                exclusive=True,
                group="find",
            )
            return
        self.hits = self.text.find(self.variant, query) if query else []
        self._wanted = -1
        self.current = 0 if self.hits else -1

    def counter(self) -> str:
        """Which hit is current, of how many: ``2/23`` (``0/0`` without hits)."""
        return f"{self.current + 1}/{len(self.hits)}" if self.hits else "0/0"

    def start(self, query: str, current: int) -> None:
        """Open on ``query`` with hit ``current`` current, the keyboard left where it is."""
        self.remove_class("hidden")
        with self.prevent(Input.Changed):
            self.value = query
        self._wanted = current  # a search in the background makes it current when done
        self.find()
        if 0 <= current < len(self.hits):
            self.current = current

    def _find_in_thread(self, variant: Variant, query: str) -> None:
        worker = get_current_worker()
        hits = self.text.find(variant, query, cancelled=lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._found, variant, query, hits)

    def _found(self, variant: Variant, query: str, hits: list[Hit]) -> None:
        """A background search is done: its hits, if the query and variant are still these."""
        if variant == self.variant and query == self.value.strip() and self.is_open:
            self.hits = hits
            wanted, self._wanted = self._wanted, -1
            self.current = wanted if 0 <= wanted < len(hits) else (0 if hits else -1)
            self.post_message(self.HitsChanged())

    def step(self, step: int) -> bool:
        """Make the next (``step`` 1) or previous (-1) hit current, round the end; whether
        it went round."""
        if not self.hits:
            return False
        moved = self.current + step
        self.current = moved % len(self.hits)
        return not 0 <= moved < len(self.hits)

    @on(Input.Changed)
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._wanted = -1  # a query typed anew starts at its first hit
        self.find()
        self.post_message(self.HitsChanged())
