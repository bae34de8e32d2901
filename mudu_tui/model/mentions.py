"""Mention finding: every occurrence of every name and alias, longest match first, no overlaps."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .article import Article


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity's name or alias in a paragraph (``start``..``end``)."""

    entity: str
    paragraph: str
    start: int
    end: int
    surface: str


def _is_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


class MentionFinder:
    """Finds names in text; built once per index (names grouped by their first character)."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        by_first: dict[str, list[tuple[str, str]]] = {}
        for surface, entity in names:
            if surface:
                by_first.setdefault(surface[0], []).append((surface, entity))
        for group in by_first.values():
            group.sort(key=lambda item: -len(item[0]))
        self._by_first = by_first

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, surface, entity) of every match, leftmost-longest, none overlapping."""
        found: list[tuple[int, int, str, str]] = []
        i = 0
        n = len(text)
        while i < n:
            for surface, entity in self._by_first.get(text[i], ()):
                end = i + len(surface)
                if not text.startswith(surface, i):
                    continue
                # ASCII names ("360", "WAIC") must not match inside a longer word or number.
                if _is_word_char(surface[0]) and i > 0 and _is_word_char(text[i - 1]):
                    continue
                if _is_word_char(surface[-1]) and end < n and _is_word_char(text[end]):
                    continue
                found.append((i, end, surface, entity))
                i = end
                break
            else:
                i += 1
        return found


def find_mentions(article: Article, finder: MentionFinder) -> list[Mention]:
    """Every mention in the article, in reading order."""
    return [
        Mention(entity, p.id, start, end, surface)
        for p in article.paragraphs
        for start, end, surface, entity in finder.find(p.text)
    ]
