"""What the pack says about itself, for the reader's `i` screen: title, source, language,
the editor's note and how many of each kind it holds."""

from __future__ import annotations

from typing import NamedTuple

from .kinds import KINDS, LANGUAGE_NAMES
from .pack import Pack


class Count(NamedTuple):
    """How many entries of one kind (or subkind) the pack holds."""

    chinese: str
    english: str
    total: int
    parts: tuple[tuple[str, int], ...] = ()
    """Per subkind, in the registry's order: (城市, 9), (區, 2)…"""


class About(NamedTuple):
    """The pack's own account of itself."""

    title: str
    source: str
    language: str
    note: str | None
    counts: tuple[Count, ...]
    charts: int
    schema: int


def about(pack: Pack) -> About:
    """The facts the `i` screen shows for ``pack``."""
    index = pack.index
    counts = []
    for kind in KINDS.values():
        if kind.named:
            entities = index.of_kind(kind.key)
            total = len(entities)
            by_subkind = {sub: 0 for sub in kind.subkinds}
            for e in entities:
                sub = e.attrs.get("kind")
                if isinstance(sub, str) and sub in by_subkind:
                    by_subkind[sub] += 1
            parts = tuple((kind.subkinds[s], n) for s, n in by_subkind.items() if n)
        else:
            total = len(index.events if kind.key == "events" else index.figures)
            parts = ()
        label = kind.chinese if kind.named else kind.singular_chinese
        counts.append(Count(label, kind.english, total, parts))
    language = f"{LANGUAGE_NAMES.get(index.language, index.language)} ({index.language})"
    return About(
        index.title, index.source, language, index.note, tuple(counts), len(index.charts), index.schema
    )
