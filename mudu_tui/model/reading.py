"""The pack as shown in one script variant: paragraphs, names and spans, converted and cached.

Everything converts from the stored original. Spans (mentions, quotes, find hits) are kept in
original offsets and mapped into each variant's text, so highlights stay on the entity's
characters even where a conversion or a curated name changes length.

What the dictionaries cannot know comes from the pack and wins over them: verbatim texts
first, then phrase overrides, then entities' curated forms (in the article where the name
stands, and in the index's own prose, so a summary agrees with the name beside it).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from .index import Entity
from .pack import Pack
from .script import (
    OffsetMap,
    Script,
    Variant,
    convert,
    convert_with_names,
    fold_script,
    source_script,
    ui_variant,
)
from .script_overrides import merge_spans, place


class VariantText:
    """Converted texts of one pack, per variant, each computed once."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self._paragraphs: dict[tuple[Variant, int], tuple[str, OffsetMap]] = {}
        self._corpora: dict[Variant, tuple[str, list[int], list[int]]] = {}
        self._prose: dict[tuple[str, Variant], str] = {}
        self._forms: dict[Variant, list[tuple[str, str]]] = {}

    @property
    def source(self) -> Script:
        """The script the article is published in."""
        return source_script(self.pack.index.language)

    def ui(self, text: str, variant: Variant) -> str:
        """The app's own text (a label, hint or message) beside the article in ``variant``,
        in the script the article shows (see :func:`ui_variant`)."""
        return convert(text, ui_variant(variant, self.source))

    def prose(self, text: str, variant: Variant) -> str:
        """Text from the index (a title, summary, note) in ``variant``, with the pack's
        verbatim texts, overrides and curated names in place; cached."""
        key = (text, variant)
        if key not in self._prose:
            if variant == "original":
                self._prose[key] = text
            else:
                fixed = self.pack.index.script.spans(text, variant)
                spans = merge_spans(fixed, self._form_spans(text, variant))
                self._prose[key] = convert_with_names(text, variant, spans)[0]
        return self._prose[key]

    def _form_spans(self, text: str, variant: Variant) -> list[tuple[int, int, str]]:
        """Where curated names stand in ``text``: longest name first, no overlaps."""
        if variant not in self._forms:
            pairs = [(e.name, e.forms[variant]) for e in self.pack.entities.values() if variant in e.forms]
            self._forms[variant] = sorted(pairs, key=lambda pair: -len(pair[0]))
        return place(self._forms[variant], text)

    def _curated_spans(self, variant: Variant, index: int) -> list[tuple[int, int, str]]:
        """Curated forms in paragraph ``index``, found from its own mentions only (a book's
        page is converted without a pass over every mention of the book)."""
        if variant == "original":
            return []
        spans: list[tuple[int, int, str]] = []
        for m in self.pack.mentions_in(index):
            entity = self.pack.entities[m.entity]
            form = entity.forms.get(variant)
            # A curated form replaces the name where the name stands; an alias (阿里 for
            # 阿里巴巴) is another spelling and converts as text.
            if form and m.surface == entity.name:
                spans.append((m.start, m.end, form))
        return spans

    def paragraph(self, variant: Variant, index: int) -> tuple[str, OffsetMap]:
        """Paragraph ``index`` (0-based) in ``variant`` and its offset map."""
        key = (variant, index)
        if key not in self._paragraphs:
            self._paragraphs[key] = self._converted(variant, index)
        return self._paragraphs[key]

    def _converted(self, variant: Variant, index: int) -> tuple[str, OffsetMap]:
        p = self.pack.article.paragraphs[index]
        names = self._curated_spans(variant, index)
        spans = merge_spans(self.pack.index.script.spans(p.text, variant), names)
        return convert_with_names(p.text, variant, spans)

    def text_span(self, variant: Variant, pid: str, start: int, end: int) -> str:
        """Characters ``start``..``end`` (original offsets) of paragraph ``pid`` in ``variant``."""
        index = self.pack.article.position(pid)
        text, mapping = self.paragraph(variant, index)
        return text[mapping(start) : mapping(end)]

    def name(self, entity: Entity, variant: Variant) -> str:
        """An entity's name in ``variant``: its curated form if the index gives one."""
        return entity.forms.get(variant) or self.prose(entity.name, variant)

    def _corpus(
        self, variant: Variant, cancelled: Callable[[], bool] | None = None
    ) -> tuple[str, list[int], list[int]] | None:
        """Every paragraph in ``variant``, folded for find and joined (one C-level search a
        keystroke, not one per paragraph): the text, where each paragraph starts in it, and
        the paragraphs left out because folding would change their length (they are searched
        as shown, so hits keep the shown text's offsets). Built once per variant; None if
        ``cancelled`` said so while it was being built (a book converts for seconds)."""
        cached = self._corpora.get(variant)
        if cached is None:
            parts: list[str] = []
            starts: list[int] = []
            raw: list[int] = []
            at = 0
            for index in range(len(self.pack.article.paragraphs)):
                if cancelled is not None and index % 64 == 0 and cancelled():
                    return None
                # Not kept per paragraph: a book's 15,000 texts and offset maps would stay
                # alive for nothing but this, each one more object every full garbage
                # collection visits (the joined text below is one).
                text, _ = self._paragraphs.get((variant, index)) or self._converted(variant, index)
                hay = fold_script(text)
                if len(hay) != len(text):
                    raw.append(index)
                    hay = ""
                starts.append(at)
                parts.append(hay)
                at += len(hay) + 1
            cached = self._corpora[variant] = ("\x00".join(parts), starts, raw)
        return cached

    def prepare_find(self, variant: Variant, cancelled: Callable[[], bool] | None = None) -> None:
        """Fold the article for find in ``variant`` now (off the first keystroke's path);
        ``cancelled`` is asked between paragraphs."""
        self._corpus(variant, cancelled)

    def find_ready(self, variant: Variant) -> bool:
        """Whether the article is folded for find in ``variant`` (a search answers at once)."""
        return variant in self._corpora

    def find(
        self, variant: Variant, query: str, cancelled: Callable[[], bool] | None = None
    ) -> list[tuple[int, int, int]]:
        """Every occurrence of ``query`` across scripts: (paragraph index, start, end) in
        ``variant``'s text. Both sides are compared in Simplified form. ``cancelled`` is asked
        between paragraphs while the article is folded for the first search in ``variant`` (a
        search in a background thread stops when it says so, with no hits)."""
        needle = fold_script(query)
        if not needle:
            return []
        built = self._corpus(variant, cancelled)
        if built is None:
            return []
        corpus, starts, raw = built
        hits: list[tuple[int, int, int]] = []
        at = corpus.find(needle)
        while at >= 0:
            index = bisect.bisect_right(starts, at) - 1
            start = at - starts[index]
            hits.append((index, start, start + len(needle)))
            at = corpus.find(needle, at + len(needle))
        for index in raw:
            text, _ = self.paragraph(variant, index)
            at = text.find(query)
            while at >= 0:
                hits.append((index, at, at + len(query)))
                at = text.find(query, at + max(len(query), 1))
        if raw:
            hits.sort()
        return hits

    def find_first(self, variant: Variant, query: str, limit: int) -> tuple[list[tuple[int, int, int]], int]:
        """The first ``limit`` occurrences of ``query`` in reading order, as :meth:`find`
        gives them, and how many there are in all: counted in C, not found one by one."""
        needle = fold_script(query)
        built = self._corpus(variant) if needle else None
        if built is None:
            return [], 0
        corpus, starts, raw = built
        total = corpus.count(needle)
        hits: list[tuple[int, int, int]] = []
        at = corpus.find(needle)
        while at >= 0 and len(hits) < limit:
            index = bisect.bisect_right(starts, at) - 1
            start = at - starts[index]
            hits.append((index, start, start + len(needle)))
            at = corpus.find(needle, at + len(needle))
        for index in raw:  # paragraphs searched as shown (see _corpus): few, found whole
            text, _ = self.paragraph(variant, index)
            at = text.find(query)
            while at >= 0:
                hits.append((index, at, at + len(query)))
                total += 1
                at = text.find(query, at + max(len(query), 1))
        if raw:
            hits.sort()
        return hits[:limit], total
