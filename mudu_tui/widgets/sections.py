"""The sections pane (章節): the opening and each headed section; follows the scroll."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.widgets.option_list import Option

from ..model.article import Article
from ..model.safety import visible
from ..model.script import Variant, convert
from .lists import PaneList


class SectionChosen(Message):
    """The user chose a section to read."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index


class SectionList(PaneList):
    """Sections in order, with their paragraph counts (段)."""

    HELP = "Sections. `enter` scrolls the article there; the cursor follows your reading."

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article = article
        self.variant: Variant = "original"

    def on_mount(self) -> None:
        self.rebuild()

    def rebuild(self) -> None:
        """Redraw the titles in the current variant."""
        keep = self.highlighted
        options = [
            Option(
                Content.assemble(
                    # A ### heading stands under its ## heading.
                    "  " * (s.level - 2),
                    (visible(convert(s.title, self.variant)), ""),
                    (convert(f" {len(s.paragraphs)}段", self.variant), "dim"),  # 段: paragraphs
                ),
                id=s.id,
            )
            for s in self.article.sections
        ]
        with self.prevent(PaneList.OptionHighlighted):
            self.set_options(options)
            self.highlighted = keep if keep is not None else 0

    def set_variant(self, variant: Variant) -> None:
        """Show titles in ``variant``."""
        self.variant = variant
        self.rebuild()

    def follow(self, index: int) -> None:
        """Move the cursor to the section in view without posting a message."""
        with self.prevent(PaneList.OptionHighlighted):
            self.highlighted = index

    def on_option_list_option_selected(self, event: PaneList.OptionSelected) -> None:
        event.stop()
        self.post_message(SectionChosen(event.option_index))
