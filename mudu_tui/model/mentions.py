"""Mention finding: every occurrence of every name and alias, longest match first, no overlaps."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from .article import Article


class Mention(NamedTuple):
    """One occurrence of an entity's name or alias in a paragraph (``start``..``end``)."""

    entity: str
    paragraph: str
    start: int
    end: int
    surface: str


def _is_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _name_starts(groups: dict[str, dict[str, str]]) -> re.Pattern[str]:
    """Where a name may start: its first character, then (for names longer than one) one of
    the characters names have second. Rules out most places a common first character (中,
    上) stands without a name, before any Python runs there."""

    def chars(found: set[str]) -> str:
        return "".join(re.escape(char) for char in sorted(found))

    seconds = {surface[1] for table in groups.values() for surface in table if len(surface) > 1}
    longer = {first for first, table in groups.items() if any(len(surface) > 1 for surface in table)}
    single = {first for first, table in groups.items() if first in table}
    branches = [f"[{chars(longer)}](?=[{chars(seconds)}])"] if longer else []
    branches += [f"[{chars(single)}]"] if single else []
    return re.compile("|".join(branches))


class MentionFinder:
    """Finds names in text; built once per index.

    Names are grouped by their first character, and within a group by length: at each
    position only one dictionary look-up per distinct length is needed, longest first, so
    thousands of names cost no more than a handful. Positions where no name can start are
    skipped by one regular-expression search (C speed) for a name's first character followed
    by a character that can come second: in a book most characters start no name, and
    stepping through each of them in Python was most of what opening it cost.
    """

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        groups: dict[str, dict[str, str]] = {}
        for surface, entity in names:
            if surface:
                groups.setdefault(surface[0], {})[surface] = entity
        self._by_first: dict[str, tuple[tuple[int, ...], dict[str, str]]] = {
            first: (tuple(sorted({len(s) for s in table}, reverse=True)), table)
            for first, table in groups.items()
        }
        self._starts = _name_starts(groups) if groups else None

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, surface, entity) of every match, leftmost-longest, none overlapping."""
        found: list[tuple[int, int, str, str]] = []
        if self._starts is None:
            return found
        by_first = self._by_first
        next_start = self._starts.search
        n = len(text)
        at = next_start(text)
        while at is not None:
            i = at.start()
            lengths, table = by_first[text[i]]
            after = i + 1
            for length in lengths:
                end = i + length
                if end > n:
                    continue
                surface = text[i:end]
                entity = table.get(surface)
                if entity is None:
                    continue
                # ASCII names ("360", "WAIC") must not match inside a longer word or number.
                if _is_word_char(surface[0]) and i > 0 and _is_word_char(text[i - 1]):
                    continue
                if _is_word_char(surface[-1]) and end < n and _is_word_char(text[end]):
                    continue
                found.append((i, end, surface, entity))
                after = end
                break
            at = next_start(text, after)
        return found


def find_mentions(article: Article, finder: MentionFinder) -> list[Mention]:
    """Every mention in the article, in reading order."""
    return [
        Mention(entity, p.id, start, end, surface)
        for p in article.paragraphs
        for start, end, surface, entity in finder.find(p.text)
    ]
