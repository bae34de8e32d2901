"""Mention finding: every occurrence of every name and alias, longest match first, no overlaps."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple

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


#: An ASCII letter or digit, the characters an ASCII name must not be glued to.
_WORD = "0-9A-Za-z"
#: A pattern of every name costs about 20 µs a name to compile and then finds them in about
#: half the time of :meth:`MentionFinder.find`'s scan (0.035 µs a character less): it pays
#: for itself in a text of more than about 550 characters a name (a book with the bundled
#: index, 71 names: 34 ms instead of 71 ms; the bundled article and an index of 50,000
#: entities keep the scan, where compiling would cost more than it saves).
CHARS_PER_PATTERN_NAME = 550
#: Each character of a name nests the pattern one level deeper, and compiling it recurses as
#: deep (a name of 1,000 characters exceeded Python's recursion limit): names longer than this
#: are found by the scan.
MAX_PATTERN_NAME_CHARS = 100


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

    Told that it will search a long text (``chars``, see :data:`CHARS_PER_PATTERN_NAME`), it
    compiles every name into one pattern instead, and the regular-expression engine does the
    whole search: it finds the same mentions.
    """

    def __init__(self, names: Iterable[tuple[str, str]], *, chars: int = 0) -> None:
        groups: dict[str, dict[str, str]] = {}
        self._entity: dict[str, str] = {}
        for surface, entity in names:
            if surface:
                groups.setdefault(surface[0], {})[surface] = entity
                self._entity[surface] = entity
        self._by_first: dict[str, tuple[tuple[int, ...], dict[str, str]]] = {
            first: (tuple(sorted({len(s) for s in table}, reverse=True)), table)
            for first, table in groups.items()
        }
        self._starts = _name_starts(groups) if groups else None
        worth = groups and chars >= CHARS_PER_PATTERN_NAME * len(self._entity)
        worth = worth and max(map(len, self._entity)) <= MAX_PATTERN_NAME_CHARS
        self._names = _names_pattern(self._entity) if worth else None

    @property
    def compiled(self) -> bool:
        """Whether the names were compiled into one pattern (for a long text)."""
        return self._names is not None

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, surface, entity) of every match, leftmost-longest, none overlapping."""
        if self._names is not None:
            owners = self._entity
            return [(*m.span(), m[0], owners[m[0]]) for m in self._names.finditer(text)]
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

    def mentions(self, article: Article) -> list[Mention]:
        """Every mention in the article, in reading order."""
        if self._names is None:
            return [
                Mention(entity, p.id, start, end, surface)
                for p in article.paragraphs
                for start, end, surface, entity in self.find(p.text)
            ]
        # A book has tens of thousands of mentions: each is made straight from its match, with
        # no Python call in between (``Mention(...)`` runs one; ``tuple.__new__`` is C).
        make = tuple.__new__
        owners = self._entity
        finditer = self._names.finditer
        found: list[Mention] = []
        add = found.append
        for p in article.paragraphs:
            pid = p.id
            for m in finditer(p.text):
                surface = m[0]
                start, end = m.span()
                add(make(Mention, (owners[surface], pid, start, end, surface)))
        return found


def _names_pattern(names: dict[str, str]) -> re.Pattern[str]:
    """One pattern matching, at a place, the longest of ``names`` that starts there.

    The names are a trie: after each character, the longer continuations are tried before
    the name that ends there (alternatives are tried in order, and the characters that follow
    a node tell its branches apart, so the first that matches is the longest). A name that
    begins or ends with an ASCII letter or digit must not be glued to another: the check
    before it is made after its first character, so every branch begins with a plain
    character and the engine skips in C the places where no name starts."""
    trie: dict[str, Any] = {}
    for surface in names:
        node = trie
        for char in surface:
            node = node.setdefault(char, {})
        node[""] = surface  # a name ends here

    def branches(node: dict[str, Any], first: bool) -> str:
        alternatives = []
        for char in sorted(key for key in node if key):
            glued = f"(?<![{_WORD}]{re.escape(char)})" if first and _is_word_char(char) else ""
            alternatives.append(re.escape(char) + glued + branches(node[char], False))
        surface: str | None = node.get("")
        if surface is None:
            return alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        end = f"(?![{_WORD}])" if _is_word_char(surface[-1]) else ""
        if not alternatives:
            return end
        return f"(?:{'|'.join([*alternatives, end])})"

    return re.compile(branches(trie, True))


def find_mentions(article: Article, finder: MentionFinder) -> list[Mention]:
    """Every mention in the article, in reading order."""
    return finder.mentions(article)
