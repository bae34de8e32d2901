"""Find in the article, as the main screen routes it: the find box under the article, its hits
in the article and the status line, `n`/`N` through them, and saying when they go round."""

from __future__ import annotations

from textual import on
from textual.screen import Screen
from textual.widgets import Input

from ..model.reading import VariantText
from ..model.script import Variant
from ..widgets.article_view import ArticleView
from ..widgets.find_box import FindBox


class FindRoutes(Screen[None]):
    """The main screen's find-in-article part (a base class, so the screen's module stays small)."""

    text: VariantText
    _find: FindBox | None = None

    @property
    def variant(self) -> Variant:
        """The script variant on screen."""
        raise NotImplementedError

    def refresh_status(self) -> None:
        """The status line under the article (the screen draws it)."""
        raise NotImplementedError

    def _find_box(self) -> FindBox:
        """The find box under the article, mounted the first time it is needed."""
        if self._find is None:
            self._find = FindBox(self.text, id="find")
            self._find.variant = self.variant
            self.query_one("#centre").mount(self._find, before="#status")
        return self._find

    def _finding(self) -> FindBox | None:
        """The find box, while it is open."""
        return self._find if self._find is not None and self._find.is_open else None

    def action_find(self) -> None:
        """Open the find box under the article."""
        box = self._find_box()
        box.variant = self.variant
        box.open()
        self.refresh_status()

    @on(FindBox.HitsChanged)
    def _show_find(self) -> None:
        box = self._find_box()
        self.query_one(ArticleView).show_find(box.hits, box.current)
        self.refresh_status()

    @on(Input.Submitted, "#find")
    def _on_find_submitted(self, event: Input.Submitted) -> None:
        self.query_one(ArticleView).focus()

    def _step_find(self, find: FindBox, step: int) -> None:
        """The next (1) or previous (-1) find hit, saying so when it goes round."""
        if find.step(step):
            self._say_wrapped(step)
        self._show_find()

    def _say_wrapped(self, step: int) -> None:
        """n past the last hit (or N before the first) goes round, as less and vim say."""
        text = "到底了，從頭繼續 Wrapped to the top" if step > 0 else "到頂了，從尾繼續 Wrapped to the bottom"
        self.notify(self.text.ui(text, self.variant), timeout=2, markup=False)

    def find_from(self, query: str, hit: int) -> None:
        """Start find on ``query`` at hit ``hit`` (a text hit chosen in search)."""
        box = self._find_box()
        box.variant = self.variant
        box.start(query, hit)
        self._show_find()
        self.set_focus(self.query_one(ArticleView))

    def _end_find(self) -> None:
        if self._find is not None:
            self._find.close()
        self.query_one(ArticleView).show_find([], -1)
        self.refresh_status()
