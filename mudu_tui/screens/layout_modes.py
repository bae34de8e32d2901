"""The main screen's layouts by width and mode: three columns, the folded sections pane
(under 110 columns), one column with the panes as a layer (under 70), and reading mode (z).

All of them are classes on the screen that mudu.tcss lays out; this part only sets them.
"""

from __future__ import annotations

from textual.events import Resize
from textual.screen import Screen

from ..widgets.article_view import ArticleView

#: Below this width the sections pane folds away (key 1 brings it back over the article).
NARROW = 110
#: Below this width one column: the article at full width, the panes and details a layer
#: that a pane key (2–8, tab) brings up and `0` or escape puts away.
SINGLE = 70


class LayoutModes(Screen[None]):
    """Width classes (``narrow``, ``single``), the side layer (``side``) and reading mode."""

    def on_resize(self, event: Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width < NARROW, "narrow")
        self.set_class(width < SINGLE, "single")
        self._sync_side()

    def on_descendant_focus(self) -> None:
        self._sync_side()

    def _sync_side(self) -> None:
        # One column: the side layer is up exactly while one of its panes has the keyboard
        # (also when the terminal narrows under a focused pane).
        focused = self.focused
        side = focused is not None and focused.id not in {"article", "find", "sections"}
        self.set_class(self.has_class("single") and side, "side")

    def action_reading_mode(self) -> None:
        """The article alone, centred at a comfortable measure; again to leave."""
        self.toggle_class("reading")
        self.remove_class("show-sections", "side")
        self.set_focus(self.query_one(ArticleView))
