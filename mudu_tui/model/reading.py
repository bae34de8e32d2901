"""The pack as shown in one script variant: paragraphs, names and spans, converted and cached.

Everything converts from the stored original. Spans (mentions, quotes, find hits) are kept in
original offsets and mapped into each variant's text, so highlights stay on the entity's
characters even where a conversion or a curated name changes length.
"""

from __future__ import annotations

from .index import Entity
from .pack import Pack
from .script import OffsetMap, Variant, convert, convert_with_names, fold_script


class VariantText:
    """Converted texts of one pack, per variant, each computed once."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self._paragraphs: dict[tuple[Variant, int], tuple[str, OffsetMap]] = {}
        self._curated: dict[Variant, dict[str, list[tuple[int, int, str]]]] = {}

    def _curated_spans(self, variant: Variant) -> dict[str, list[tuple[int, int, str]]]:
        if variant not in self._curated:
            spans: dict[str, list[tuple[int, int, str]]] = {}
            for m in self.pack.mentions:
                entity = self.pack.entities[m.entity]
                form = entity.forms.get(variant)
                # A curated form replaces the name where the name stands; an alias (阿里 for
                # 阿里巴巴) is another spelling and converts as text.
                if form and variant != "original" and m.surface == entity.name:
                    spans.setdefault(m.paragraph, []).append((m.start, m.end, form))
            self._curated[variant] = spans
        return self._curated[variant]

    def paragraph(self, variant: Variant, index: int) -> tuple[str, OffsetMap]:
        """Paragraph ``index`` (0-based) in ``variant`` and its offset map."""
        key = (variant, index)
        if key not in self._paragraphs:
            p = self.pack.article.paragraphs[index]
            names = self._curated_spans(variant).get(p.id, [])
            self._paragraphs[key] = convert_with_names(p.text, variant, names)
        return self._paragraphs[key]

    def text_span(self, variant: Variant, pid: str, start: int, end: int) -> str:
        """Characters ``start``..``end`` (original offsets) of paragraph ``pid`` in ``variant``."""
        index = self.pack.article.position(pid)
        text, mapping = self.paragraph(variant, index)
        return text[mapping(start) : mapping(end)]

    def name(self, entity: Entity, variant: Variant) -> str:
        """An entity's name in ``variant``: its curated form if the index gives one."""
        return entity.forms.get(variant) or convert(entity.name, variant)

    def find(self, variant: Variant, query: str) -> list[tuple[int, int, int]]:
        """Every occurrence of ``query`` across scripts: (paragraph index, start, end) in
        ``variant``'s text. Both sides are compared in Simplified form."""
        needle = fold_script(query)
        if not needle:
            return []
        hits: list[tuple[int, int, int]] = []
        for index in range(len(self.pack.article.paragraphs)):
            text, _ = self.paragraph(variant, index)
            hay = fold_script(text)
            if len(hay) != len(text):  # a length-changing fold: search the shown text as is
                hay, probe = text, query
            else:
                probe = needle
            at = hay.find(probe)
            while at >= 0:
                hits.append((index, at, at + len(probe)))
                at = hay.find(probe, at + max(len(probe), 1))
        return hits
