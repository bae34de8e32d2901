"""An entity pane (城市, 企業, 機構, 人物, 政策): one kind's entities, related ones marked."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.widgets.option_list import Option

from ..model.index import Entity
from ..model.reading import VariantText
from ..model.script import Variant
from ..safety import visible
from .lists import PaneList


class EntitySelected(Message):
    """The user chose an entity, event or figure (by id) in some pane."""

    def __init__(self, item_id: str) -> None:
        super().__init__()
        self.item_id = item_id


class EntityList(PaneList):
    """The entities of one or more kinds, each with its English name and mention count."""

    HELP = "Entities of one kind. `enter` selects; ● marks what relates to the selection."

    def __init__(self, text: VariantText, kinds: tuple[str, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text
        self.kinds = kinds
        self.entities: list[Entity] = [e for k in kinds for e in text.pack.index.of_kind(k)]
        self.variant: Variant = "original"
        self.related: set[str] = set()
        self.only: set[str] | None = None
        self.selected: str | None = None

    def on_mount(self) -> None:
        self.rebuild()

    def rebuild(self) -> None:
        """Re-draw every option for the current variant, marks and filter."""
        keep = self.highlighted_option.id if self.highlighted_option else None
        options = []
        for e in self.entities:
            if self.only is not None and e.id not in self.only and e.id != self.selected:
                continue
            options.append(Option(self._prompt(e), id=e.id))
        with self.prevent(PaneList.OptionHighlighted):
            self.set_options(options)
            if keep is not None:
                try:
                    self.highlighted = self.get_option_index(keep)
                except Exception:  # the kept option was filtered out
                    self.highlighted = None

    def _prompt(self, e: Entity) -> Content:
        mark = "▶ " if e.id == self.selected else "● " if e.id in self.related else "  "
        count = len(self.text.pack.mentions_of(e.id))
        name = visible(self.text.name(e, self.variant))
        style = "bold" if e.id in self.related or e.id == self.selected else ""
        return Content.assemble(
            (mark, "bold"),
            (name, style),
            ("  ", ""),
            (visible(e.en), "dim"),
            (f"  {count}", "dim"),
        )

    def show(self, variant: Variant, selected: str | None, related: set[str], only: set[str] | None) -> None:
        """Update marks, filter and script in one redraw."""
        self.variant = variant
        self.selected = selected
        self.related = related
        self.only = only
        self.rebuild()

    def highlight_id(self, item_id: str) -> None:
        """Move the cursor to ``item_id`` without posting a highlight message."""
        try:
            index = self.get_option_index(item_id)
        except Exception:
            return
        with self.prevent(PaneList.OptionHighlighted):
            self.highlighted = index

    def on_option_list_option_selected(self, event: PaneList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(EntitySelected(event.option.id))
