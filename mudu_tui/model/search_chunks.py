"""Where a search looks: one chunk of entities' search keys, joined per kind of key.

A search keystroke asks each chunk which of its entities could match, by bisecting sorted
keys and with C-level scans of a joined text (a chunk's names, say) instead of a test per
entity, and only chunks the search still needs are asked: a keystroke costs what matches,
not the index. A chunk is
built whole and only then joined to the index, so an index being built in the background is
searched over the chunks it has, never a half-built one.

The answers over-approximate (an entity found may still not match: ``SearchIndex`` checks
each) but never miss an entity the ranking would accept:

- ``starts``: every key but the summary, sorted (a key equal to the query, or starting
  with it, is a bisection away);
- ``names``: folded names (they match anywhere);
- ``spelled``: pinyin spellings and their initials (anywhere from three letters);
- ``english``: the English name with and without its spaces (a Chinese query anywhere);
- ``summaries``: the summary (likewise);
- ``en_words``, ``summary_words``: each Latin word of those two, from where it may start
  (after a character that is not a Latin letter or digit) to the next space, sorted (a
  Latin query matches at a word's start, and never holds a space).
- ``fuzzy``: the Latin keys (English name, pinyin) by length and first letter, one a line,
  for a near miss's pattern to run over in C.

In a joined text each key stands between NULs, so ``\\0q`` finds a key that starts with
the query.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

#: Characters of a key kept in a sorted list: a longer query is looked up by its first
#: ones (what is found is checked against the whole query).
START_CHARS = 24


@dataclass(frozen=True)
class EntityKeys:
    """The strings one entity is searched by, already folded."""

    names: Sequence[str]  # folded names and aliases
    spellings: Sequence[str]  # pinyin spellings
    initials: Sequence[str]  # their initials
    en: str  # lowercase English name
    en_folded: str  # the same without spaces
    summary: str  # Simplified, lowercase summary, then the English name


class Column:
    """One kind of key of every entity of a chunk, joined into one text."""

    def __init__(self) -> None:
        self.text = ""
        self.latin = True  # whether the text is all Latin (a Chinese query cannot be in it)
        self._parts: list[str] = []
        self._starts: list[int] = []  # where each entity's keys start in ``text``
        self._length = 0

    def add(self, keys: Iterable[str]) -> None:
        """The next entity's keys."""
        part = "\x00" + "\x00".join(keys) + "\x00"
        self._starts.append(self._length)
        self._parts.append(part)
        self._length += len(part)

    def seal(self) -> None:
        """Join the keys (once every entity is added, before the chunk is searched)."""
        self.text = "".join(self._parts)
        self.latin = self.text.isascii()
        self._parts = []

    def find(self, needle: str) -> set[int]:
        """The entities (numbered in the chunk) whose keys hold ``needle``."""
        found: set[int] = set()
        if self.latin and not needle.isascii():
            return found
        at = self.text.find(needle)
        while at >= 0:
            entity = bisect_right(self._starts, at) - 1
            found.add(entity)
            # One hit an entity is enough: go on from the next one.
            at = self.text.find(needle, self._next(entity))
        return found

    def _next(self, entity: int) -> int:
        return self._starts[entity + 1] if entity + 1 < len(self._starts) else len(self.text)


@dataclass
class Chunk:
    """Entities ``first`` .. ``first + count - 1``, their keys joined per kind."""

    first: int
    count: int = 0
    starts: list[tuple[str, int]] = field(default_factory=list)
    en_words: list[tuple[str, int]] = field(default_factory=list)
    summary_words: list[tuple[str, int]] = field(default_factory=list)
    names: Column = field(default_factory=Column)
    spelled: Column = field(default_factory=Column)
    english: Column = field(default_factory=Column)
    summaries: Column = field(default_factory=Column)
    # (length, first letter) -> the keys one a line, where each line starts, whose it is
    fuzzy: dict[tuple[int, str], tuple[str, list[int], list[int]]] = field(default_factory=dict)
    _latin: dict[tuple[int, str], list[tuple[str, int]]] = field(default_factory=dict)

    def add(self, order: int, keys: EntityKeys) -> None:
        """List entity ``order`` (the next one) under its keys."""
        number = self.count
        self.count += 1
        starts = {*keys.names, *keys.spellings, *keys.initials, keys.en, keys.en_folded}
        self.starts += ((key[:START_CHARS], number) for key in starts if key)
        self.en_words += ((w[:START_CHARS], number) for w in set(latin_words(keys.en)))
        self.summary_words += ((w[:START_CHARS], number) for w in set(latin_words(keys.summary)))
        self.names.add(keys.names)
        self.spelled.add([*keys.spellings, *keys.initials])
        self.english.add([keys.en, keys.en_folded])
        self.summaries.add([keys.summary])
        for latin in {keys.en_folded, *keys.spellings}:
            if latin and "\n" not in latin:  # (a line each: a key holding one could not be told apart)
                self._latin.setdefault((len(latin), latin[0]), []).append((latin, order))

    def seal(self) -> None:
        """Join the keys once every entity is added."""
        for column in (self.names, self.spelled, self.english, self.summaries):
            column.seal()
        for keys in (self.starts, self.en_words, self.summary_words):
            keys.sort()
        for bucket, latin in self._latin.items():
            starts = list(itertools.accumulate((len(key) + 1 for key, _ in latin[:-1]), initial=0))
            self.fuzzy[bucket] = ("\n".join(key for key, _ in latin), starts, [order for _, order in latin])
        self._latin = {}

    def near(self, bucket: tuple[int, str], pattern: re.Pattern[str]) -> list[int]:
        """The entities with a key in ``bucket`` (length, first letter) that ``pattern``
        matches from its start (``^`` in multi-line mode), as entity numbers of the index."""
        found = self.fuzzy.get(bucket)
        if found is None:
            return []
        text, starts, orders = found
        return [orders[bisect_right(starts, m.start()) - 1] for m in pattern.finditer(text)]


def starting(keys: list[tuple[str, int]], prefix: str, exact: bool = False) -> set[int]:
    """The entities with a key of ``keys`` (sorted) that starts with ``prefix`` (``exact``:
    that is it)."""
    key = prefix[:START_CHARS]
    found: set[int] = set()
    at = bisect_left(keys, (key,))
    while at < len(keys):
        start, entity = keys[at]
        if start != key and (exact or not start.startswith(key)):
            break
        found.add(entity)
        at += 1
    return found


#: Where a Latin word may start (an ASCII character but a space, after anything but a
#: Latin letter or digit; the text is lowercase), and the word to the next space, looked
#: ahead so that words starting inside another are found too.
_WORD = re.compile(r"(?<![a-z0-9])(?=([\x00-\x08\x0e-\x1b\x21-\x7f][^ ]*))")


def latin_words(text: str) -> list[str]:
    """``text`` from each place a Latin word may start (after a character that is not a
    Latin letter or digit) to the next space, as the ranking reads English names and
    summaries (both lowercase)."""
    return _WORD.findall(text)
