"""An entity pane (城市, 企業, 機構, 人物, 政策): one kind's entities, related ones marked."""

from __future__ import annotations

from textual.content import Content

from ..model.index import Entity
from ..model.kinds import KINDS
from ..model.reading import VariantText
from ..model.safety import visible
from .item_list import Row
from .lists import LinkedList


class EntityList(LinkedList):
    """The entities of one or more kinds, each with its English name and mention count (次)."""

    HELP = "Entities of one kind. `enter` selects; ● marks what relates to the selection."

    def __init__(self, text: VariantText, kinds: tuple[str, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text
        self.kinds = kinds
        self.entities: list[Entity] = [e for k in kinds for e in text.pack.index.of_kind(k)]

    def item_rows(self) -> list[Row]:
        """One row per entity the filter lets through."""
        return [
            Row(i) for i in self.relations_first([e.id for e in self.entities if self.visible_item(e.id)])
        ]

    def prompt(self, item_id: str) -> Content:
        """Mark, name in the current variant, English name, mention count."""
        e = self.text.pack.entities[item_id]
        count = len(self.text.pack.mentions_of(e.id))
        name = visible(self.text.name(e, self.variant))
        style = "bold" if e.id in self.related or e.id == self.selected else ""
        kind = KINDS[e.kind]
        # What it is, where a pane holds more than one sort (a district among cities, an SAR).
        label = self.text.ui(kind.label_of(e.attrs.get("kind")), self.variant) + " " if kind.subkinds else ""
        return Content.assemble(
            (self.mark(e.id), "bold"),
            (name, style),
            self.draft_mark(e.id),
            ("  ", ""),
            (label, "dim italic"),
            (visible(e.en), "dim"),
            (self.text.ui(f"  {count}次", self.variant), "dim"),  # 次: mentions in the article
        )
