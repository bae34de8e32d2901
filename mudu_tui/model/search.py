"""Entity search by Chinese in either script, pinyin (full or initials), English or summary.

Every key is built once per index. Chinese is compared in Simplified form, so a Simplified
query finds a Traditional name and the reverse. Pinyin is taken from the Simplified form
(pypinyin misreads Traditional polyphones), keeps every reading of a polyphone, and honours a
``pinyin`` given in the index. Ranking, best first:

    exact name (or its full pinyin, or the English name)  0
    prefix of a name, its pinyin, English name or word     1
    pinyin initials (kdxf, hf)                             2
    inside a Chinese name or pinyin; start of an English word   3
    words of the summary (Latin words at their starts)     4
    fuzzy (the query's letters in order)                   5

Within a tier a whole word or name comes before part of one, then the weight (mention count).
English never matches inside a word: `ai` finds "Shanghai AI Laboratory", not Shanghai.
:func:`text_hits` finds the query in the article's text, each hit with its context, for the
results below the entities.
"""

from __future__ import annotations

import itertools
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .index import Entity
from .reading import VariantText
from .script import Variant, convert
from .search_chunks import Chunk, EntityKeys, starting

EXACT, PREFIX, INITIALS, SUBSTRING, SUMMARY, FUZZY = range(6)
RANK_NAMES = ("exact", "prefix", "initials", "substring", "summary", "fuzzy")
#: Polyphone combinations kept per name; beyond this the first readings win.
_MAX_READINGS = 32
#: Entities built at a time: a search sees a chunk whole or not at all.
CHUNK = 512
#: Seconds a builder waits before asking again whether the user is still busy.
BUSY_WAIT = 0.05


#: What folding removes from Latin text (ASCII's spaces, as str.isspace has them, ' and -).
_ASCII_DROPS = str.maketrans("", "", " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f'-")


def fold(text: str) -> str:
    """Lowercase, Simplified, tone marks and spaces removed: the form keys are compared in."""
    if text.isascii():  # most keys (pinyin, English): nothing to convert or normalise
        return text.lower().translate(_ASCII_DROPS)
    # ü (with or without a tone mark: ǖ ǘ ǚ ǜ) is v, as pypinyin writes it.
    text = unicodedata.normalize("NFD", convert(text, "simplified").lower()).replace("u\u0308", "v")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "".join(c for c in text if not c.isspace() and c not in "'-·")


@dataclass(frozen=True)
class Hit:
    """One search result: the entity, its rank tier, what matched and where."""

    entity: str
    rank: int
    text: str  # the name, alias or English name that matched (as in the index)
    span: tuple[int, int]  # the matched characters of ``text``
    tiebreak: tuple[Any, ...] = ()

    @property
    def rank_name(self) -> str:
        """The tier's name: exact, prefix, initials, substring, summary or fuzzy."""
        return RANK_NAMES[self.rank]


@dataclass
class _Name:
    text: str  # as in the index
    folded: str  # Simplified, lowercase
    # (pinyin, syllable ends, initials) per reading
    spellings: list[tuple[str, list[int], str]] = field(default_factory=list)


@dataclass
class _Keys:
    entity: Entity
    names: list[_Name]
    en: str
    summary: str
    # Every key joined, each between NULs, then the summary: a quick "could this match at
    # all?" test; ``key_end`` is where the summary starts.
    haystack: str = ""
    key_end: int = 0


@cache
def _fold_reading(reading: str) -> str:
    # A few thousand syllables recur across every name: each is folded once.
    return fold(reading)


def _pinyin_readings(simplified: str) -> list[list[str]]:
    from pypinyin import Style, pinyin

    # Tone marks (pypinyin's own form, cheaper than its toneless one) are folded away.
    # Tones apart, two readings can be one (jì, jí): each is kept once, in pypinyin's order.
    return [
        list(dict.fromkeys(_fold_reading(r) for r in readings))
        for readings in pinyin(simplified, style=Style.TONE, heteronym=True, errors="default")
    ]


def reading(text: str) -> str:
    """A tone-marked reading of ``text`` (from its Simplified form), as Pleco shows it:
    ``hé féi``. Characters without a reading are left as they are."""
    from pypinyin import Style, pinyin

    simplified = convert(text, "simplified")
    # errors="default": what has no reading (Latin, digits, punctuation) stays as written.
    return " ".join(r[0] for r in pinyin(simplified, style=Style.TONE, errors="default"))


def entity_reading(entity: Entity) -> str:
    """An entity's tone-marked reading, as details and the copied card show it: pypinyin's,
    unless the index gives a different one (it settles polyphones: 長鑫 is cháng)."""
    spoken = reading(entity.forms.get("simplified") or entity.name)
    if entity.pinyin and fold(entity.pinyin) != fold(spoken):
        return entity.pinyin
    return spoken


def _spellings(readings: list[list[str]]) -> Iterable[tuple[str, ...]]:
    return itertools.islice(itertools.product(*readings), _MAX_READINGS)


class SearchIndex:
    """Search keys (pinyin included) for the entities of an index, built chunk by chunk by
    :meth:`build`; a search finds what is built so far."""

    def __init__(
        self,
        entities: Iterable[Entity],
        weights: Mapping[str, int] | Callable[[str], int] | None = None,
        chunk: int = CHUNK,
    ) -> None:
        """``weights`` (say, mention counts) order hits within a tier: 上海 before 山西; a
        function of the entity id is asked as each entity is built. ``chunk``: entities
        built at a time. Nothing is built yet (see :meth:`build`)."""
        self._weigh = weights if callable(weights) else None
        self._weights: dict[str, int] = {} if callable(weights) else dict(weights or {})
        self._chunk = chunk
        self._entities = list(entities)
        self._keys: list[_Keys] = []
        self._chunks: list[Chunk] = []
        # Building may run in a worker thread and in the UI thread at once (a search opened
        # before the worker got far): each chunk is built by one of them. A builder that
        # cannot wait (the UI thread's) hurries the others, so they never keep it waiting.
        self._building = threading.Lock()
        self._hurry = False

    @property
    def weights(self) -> Mapping[str, int]:
        """The weight of each entity built so far (all given ones, if given as a mapping)."""
        return self._weights

    @property
    def built(self) -> int:
        """How many entities a search looks through now."""
        chunks = self._chunks
        return chunks[-1].first + chunks[-1].count if chunks else 0

    @property
    def total(self) -> int:
        """How many entities the index holds when built."""
        return len(self._entities)

    @property
    def complete(self) -> bool:
        """Whether every entity is searched."""
        return self.built == self.total

    def build(
        self,
        count: int | None = None,
        busy: Callable[[], bool] | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> bool:
        """Build the keys of about ``count`` more entities (all if None), in whole chunks;
        True once every entity is built. Imports pypinyin: call it off the first frame's path.
        While ``busy()`` says so (the user is typing), a builder in a worker thread waits
        between entities: Python runs one thread at a time, and keys come first. Once
        ``stop()`` says so (the reader is quitting) it ends after the chunk it is in: the
        interpreter waits for worker threads at exit, and 50,000 entities take seconds."""
        goal = self.total if count is None else min(self.built + count, self.total)
        if busy is None:
            self._hurry = True
        while self.built < goal:
            if stop is not None and stop():
                break
            with self._building:
                first = self.built
                if first >= self.total:
                    break
                chunk = Chunk(first)
                for order in range(first, min(first + self._chunk, self.total)):
                    while busy is not None and busy() and not self._hurry:
                        time.sleep(BUSY_WAIT)
                    entity = self._entities[order]
                    if self._weigh is not None:
                        self._weights[entity.id] = self._weigh(entity.id)
                    keys = _keys_of(entity)
                    self._keys.append(keys)
                    chunk.add(order, _chunk_keys(keys))
                chunk.seal()
                self._chunks.append(chunk)  # searched from here on, whole
        return self.complete

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        """The best hits for ``query`` among the entities built, best first."""
        q = fold(query)
        if not q:
            return []
        # Every tier but fuzzy needs the query inside some key (a lone Latin letter: at the
        # start of one). Candidates are scored in the order of the best tier they could
        # reach (their bound), then the index's; past `limit` hits a candidate that cannot
        # beat the worst kept one ends the search (within a tier, index order then decides
        # instead of weight and name length). Candidates come from scans of the chunks, a
        # tier at a time, so a broad query stops after `limit` hits.
        chunks = list(self._chunks)
        lookup = _Lookup(q)
        probe = "\x00" + q if lookup.single else q
        bounds: dict[int, int | None] = {}
        hits: list[Hit] = []
        worst = EXACT
        for tier in (EXACT, PREFIX, SUBSTRING, SUMMARY):
            for order in lookup.candidates(chunks, tier):
                if order not in bounds:
                    bounds[order] = _bound(self._keys[order], q, probe)
                bound = bounds[order]
                if bound != tier:
                    continue
                if len(hits) >= limit and bound >= worst:
                    return self._finish(q, hits, limit)
                hit = self._scored(order, q)
                if hit is not None:
                    worst = max(worst, hit.rank)
                    hits.append(hit)
        return self._finish(q, hits, limit)

    def _scored(self, order: int, q: str) -> Hit | None:
        """Entity ``order``'s best match for ``q`` (not fuzzy), ready to sort."""
        hit = self._match(self._keys[order], q, fuzzy=False)
        if hit is None:
            return None
        weight = -self._weights.get(hit.entity, 0)
        tiebreak = (hit.rank, hit.tiebreak[0], weight, *hit.tiebreak[1:], order)
        return Hit(hit.entity, hit.rank, hit.text, hit.span, tiebreak)

    def _finish(self, q: str, hits: list[Hit], limit: int) -> list[Hit]:
        """``hits`` with the near misses added while there is room, sorted and cut."""
        if len(hits) < limit and len(q) >= 3 and q.isascii():
            found = {h.entity for h in hits}
            hits += [h for h in self._fuzzy(q) if h.entity not in found]
        hits.sort(key=lambda h: h.tiebreak)
        return hits[:limit]

    def _fuzzy(self, q: str) -> list[Hit]:
        """Near misses, the last resort: the query's letters in order in a Latin key (English
        name or pinyin) at most twice its length. Keys are bucketed by length and first
        letter as they are built."""
        best: dict[int, int] = {}
        # A typo seldom hits the first letter: only keys that start like the query are tried.
        # Either the query's letters stand in order in the key (tencnt), or the two are one
        # slip apart (tencnet, iflytec, hefeu: a letter swapped, missing, extra or wrong).
        in_order, one_slip = _near_patterns(q)
        for chunk in list(self._chunks):
            for length in range(max(len(q) - 1, 1), 2 * len(q) + 1):
                bucket = (length, q[0])
                found = chunk.near(bucket, in_order)
                if abs(length - len(q)) <= 1:
                    found += chunk.near(bucket, one_slip)
                for order in found:
                    best.setdefault(order, length)
        return [
            Hit(
                self._keys[o].entity.id,
                FUZZY,
                self._keys[o].entity.name,
                (0, 0),
                (FUZZY, True, -self._weights.get(self._keys[o].entity.id, 0), n, o),
            )
            for o, n in best.items()
        ]

    def _match(self, keys: _Keys, q: str, fuzzy: bool = True) -> Hit | None:
        best: Hit | None = None

        def offer(rank: int, text: str, span: tuple[int, int], length: int, partial: bool = True) -> None:
            # ``partial``: the query is part of a word or name (`he` of Hefei), not a whole one
            # (`ai` of "Shanghai AI Lab"); within a tier whole ones rank first.
            nonlocal best
            if best is None or (rank, partial, length) < (best.rank, *best.tiebreak[:2]):
                best = Hit(keys.entity.id, rank, text, span, (partial, length))

        for name in keys.names:
            n = name.folded
            if n == q:
                offer(EXACT, name.text, (0, len(name.text)), len(n), False)
            elif n.startswith(q):
                offer(PREFIX, name.text, (0, len(q)), len(n))
            elif q in n:
                at = n.index(q)
                offer(SUBSTRING, name.text, (at, at + len(q)), len(n))
            for joined, ends, initials in name.spellings:
                if joined == q:
                    offer(EXACT, name.text, (0, len(name.text)), len(joined), False)
                elif joined.startswith(q):
                    covered = next(i for i, e in enumerate(ends) if e >= len(q)) + 1
                    offer(PREFIX, name.text, (0, covered), len(joined))
                if len(q) >= 2 and initials.startswith(q):
                    offer(INITIALS, name.text, (0, len(q)), len(initials))
                elif len(q) >= 3 and q in joined:
                    offer(SUBSTRING, name.text, (0, 0), len(joined))
        en = keys.en
        en_folded = en.replace(" ", "")
        if en_folded == q or en == q:
            offer(EXACT, keys.entity.en, (0, len(keys.entity.en)), len(en), False)
        elif en.startswith(q) or en_folded.startswith(q):
            offer(PREFIX, keys.entity.en, (0, len(q)), len(en))
        else:
            # English matches at the start of a word only: `ai` is the word in "Shanghai AI
            # Laboratory", not the letters inside Shanghai, Haikou or Baidu. A whole word
            # ranks with prefixes (as the word the user meant), a word's start below them.
            word = _word_match(en, q)
            if word is not None:
                whole = _whole_word(en, word, q)
                rank = PREFIX if whole else SUBSTRING
                offer(rank, keys.entity.en, (word, word + len(q)), len(en), not whole)
        if best is None and len(q) >= 2 and _summary_match(keys.summary, q):
            offer(SUMMARY, keys.entity.name, (0, 0), len(keys.summary))
        if fuzzy and best is None and len(q) >= 3 and q.isascii():
            for candidate in (en_folded, *(j for n in keys.names for j, _, _ in n.spellings)):
                # Only near-misses: the candidate may be at most twice as long as the query.
                if len(candidate) <= 2 * len(q) and _subsequence(q, candidate):
                    offer(FUZZY, keys.entity.name, (0, 0), len(candidate))
                    break
        return best


def _keys_of(e: Entity) -> _Keys:
    """Every search key of entity ``e``: folded names, their pinyin, English, summary."""
    names = [_Name(n, fold(n)) for n in e.names]
    for j, name in enumerate(names):
        if j == 0 and e.pinyin:
            readings = [[fold(s)] for s in e.pinyin.split()]
            if len(readings) != len(name.text):
                readings = [[fold(e.pinyin)]]
        else:
            readings = _pinyin_readings(convert(name.text, "simplified"))
        for spelling in _spellings(readings):
            ends = list(itertools.accumulate(len(s) for s in spelling))
            initials = "".join(s[:1] for s in spelling)
            name.spellings.append(("".join(spelling), ends, initials))
    # The summary keeps its spaces: Latin words in it match at their starts.
    summary = convert(e.summary, "simplified").lower() + " " + e.en.lower()
    keys = _Keys(e, names, e.en.lower(), summary)
    parts = [n.folded for n in names] + [keys.en, keys.en.replace(" ", "")]
    parts += [key for n in names for joined, _, initials in n.spellings for key in (joined, initials)]
    head = "\x00" + "\x00".join(parts) + "\x00"
    keys.haystack, keys.key_end = head + summary, len(head)
    return keys


def _chunk_keys(keys: _Keys) -> EntityKeys:
    spellings = [s for n in keys.names for s in n.spellings]
    return EntityKeys(
        names=[n.folded for n in keys.names],
        spellings=[joined for joined, _, _ in spellings],
        initials=[initials for _, _, initials in spellings],
        en=keys.en,
        en_folded=keys.en.replace(" ", ""),
        summary=keys.summary,
    )


class _Lookup:
    """One query's candidates, chunk by chunk and tier by tier, each scan done once."""

    def __init__(self, q: str) -> None:
        self.q = q
        self.latin = q.isascii()
        self.single = len(q) == 1 and self.latin
        self._found: dict[tuple[int, int], set[int]] = {}

    def candidates(self, chunks: list[Chunk], tier: int) -> Iterator[int]:
        """Entities that may have ``tier`` as their bound, ascending (a later chunk is
        scanned only if the search goes on)."""
        for chunk in chunks:
            yield from (chunk.first + i for i in sorted(self._in(chunk, tier)))

    def _in(self, chunk: Chunk, tier: int) -> set[int]:
        """A key equal to the query or starting with it gives exact and prefix; a key that
        holds it (English: a word that starts with it) gives substring; the summary gives
        only summary. A lone Latin letter is looked for at the start of a key only."""
        key = (chunk.first, tier)
        if key in self._found:
            return self._found[key]
        q = self.q
        found: set[int] = set()
        if tier <= PREFIX:
            found |= starting(chunk.starts, q, exact=tier == EXACT)
        elif tier == SUBSTRING:
            found |= self._in(chunk, PREFIX)
            if self.single:
                found |= chunk.summaries.find(f"\x00{q}")
            else:
                found |= chunk.names.find(q)
                if len(q) >= 3 or not self.latin:
                    found |= chunk.spelled.find(q)
                found |= starting(chunk.en_words, q) if self.latin else chunk.english.find(q)
        else:
            found |= self._in(chunk, SUBSTRING)
            if not self.single:
                found |= starting(chunk.summary_words, q) if self.latin else chunk.summaries.find(q)
        self._found[key] = found
        return found


def _bound(keys: _Keys, q: str, probe: str) -> int | None:
    """The best tier ``keys`` could reach for ``q`` (None: no tier but fuzzy): exact if a key
    is the query, prefix if one starts with it, substring if one holds it, else summary."""
    hay = keys.haystack
    if probe not in hay:
        return None
    # The query outside every key but the summary can only be found in the summary. (A lone
    # Latin letter is probed at a key's start, but a name may hold it anywhere.)
    if hay.find(q if len(q) == 1 and q.isascii() else probe, 0, keys.key_end) < 0:
        return SUMMARY
    if hay.find(f"\x00{q}\x00", 0, keys.key_end) >= 0:
        return EXACT
    return PREFIX if hay.find(f"\x00{q}", 0, keys.key_end) >= 0 else SUBSTRING


def _word_match(text: str, q: str) -> int | None:
    """Where ``q`` starts at the start of a word of ``text`` (Latin letters and digits make
    words; ``AI-related`` holds the word ``ai``), or None."""
    at = text.find(q)
    while at >= 0:
        if at == 0 or not _is_word_char(text[at - 1]):
            return at
        at = text.find(q, at + 1)
    return None


def _whole_word(text: str, at: int, q: str) -> bool:
    end = at + len(q)
    return end == len(text) or not _is_word_char(text[end])


def _is_word_char(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _summary_match(summary: str, q: str) -> bool:
    """A Latin query matches the summary at a word's start; Chinese anywhere (it has no
    spaces between words)."""
    if not q.isascii():
        return q in summary
    return _word_match(summary, q) is not None


def _near_patterns(q: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns for keys one a line: the letters of ``q`` in order, from a line's start; and
    a whole line one slip from ``q`` (a letter wrong, extra, missing, or two swapped)."""
    e = [re.escape(c) for c in q]
    in_order = "^" + "[^\n]*?".join(e)
    slips = {"".join(e[:i] + ["[^\n]"] + e[i + 1 :]) for i in range(len(e))}
    slips |= {"".join(e[:i] + ["[^\n]"] + e[i:]) for i in range(len(e) + 1)}
    slips |= {"".join(e[:i] + e[i + 1 :]) for i in range(len(e))}
    slips |= {"".join(e[:i] + [e[i + 1], e[i]] + e[i + 2 :]) for i in range(len(e) - 1)}
    one_slip = "^(?:" + "|".join(sorted(slips)) + ")$"
    return re.compile(in_order, re.M), re.compile(one_slip, re.M)


def _subsequence(needle: str, haystack: str) -> bool:
    it = iter(haystack)
    return all(c in it for c in needle)


@dataclass(frozen=True)
class TextHit:
    """The query found in the article: which find hit it is, where, and its context."""

    number: int  # the hit's place among every hit (what `n`/`N` step through)
    paragraph: int  # paragraph index
    start: int  # in the shown variant's text
    end: int
    context: str  # the hit with up to ``CONTEXT`` characters either side, within its paragraph
    span: tuple[int, int]  # the hit inside ``context``


#: Characters of context either side of a text hit.
CONTEXT = 14


def text_hits(text: VariantText, variant: Variant, query: str, limit: int = 50) -> tuple[list[TextHit], int]:
    """The first ``limit`` places the article holds ``query`` (either script), each in its
    context as shown in ``variant``, and how many there are in all."""
    if not query.strip():
        return [], 0
    # Only the hits listed are found one by one; the rest are counted in C (a common word
    # holds tens of thousands of places in a book).
    found, total = text.find_first(variant, query.strip(), limit)
    hits: list[TextHit] = []
    for number, (index, start, end) in enumerate(found):
        shown, _ = text.paragraph(variant, index)
        lo, hi = max(start - CONTEXT, 0), min(end + CONTEXT, len(shown))
        lead = "…" if lo > 0 else ""
        context = lead + shown[lo:hi].replace("\n", " ") + ("…" if hi < len(shown) else "")
        at = len(lead) + start - lo
        hits.append(TextHit(number, index, start, end, context, (at, at + end - start)))
    return hits, total


def example_queries(entities: Iterable[Entity], weights: Mapping[str, int]) -> str:
    """What a search box suggests typing, taken from the pack: its most mentioned entity with
    a Chinese name, as Chinese, pinyin, initials and English (``合肥 / hefei / hf / Hefei``)."""
    named = [e for e in entities if any("\u4e00" <= c <= "\u9fff" for c in e.name)]
    if not named:
        return "中文 / pinyin / English …"
    best = max(named, key=lambda e: weights.get(e.id, 0))
    syllables = [fold(s) for s in reading(best.forms.get("simplified") or best.name).split()]
    spelled = "".join(s for s in syllables if s.isascii())
    initials = "".join(s[0] for s in syllables if s.isascii() and s)
    return " / ".join(dict.fromkeys(x for x in (best.name, spelled, initials, best.en, "…") if x))
