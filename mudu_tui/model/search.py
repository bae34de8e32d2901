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
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .index import Entity
from .reading import VariantText
from .script import Variant, convert

EXACT, PREFIX, INITIALS, SUBSTRING, SUMMARY, FUZZY = range(6)
RANK_NAMES = ("exact", "prefix", "initials", "substring", "summary", "fuzzy")
#: Polyphone combinations kept per name; beyond this the first readings win.
_MAX_READINGS = 32


def fold(text: str) -> str:
    """Lowercase, Simplified, tone marks and spaces removed: the form keys are compared in."""
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
    spellings: list[tuple[str, list[int]]] = field(default_factory=list)  # (pinyin, syllable ends)


@dataclass
class _Keys:
    entity: Entity
    names: list[_Name]
    en: str
    summary: str
    haystack: str = ""  # every key joined: a quick "could this match at all?" test


def _pinyin_readings(simplified: str) -> list[list[str]]:
    from pypinyin import Style, pinyin

    return [
        [fold(r) for r in readings]
        for readings in pinyin(simplified, style=Style.NORMAL, heteronym=True, errors="default")
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
    """Search keys for every entity of an index, pinyin added when :meth:`add_pinyin` runs."""

    def __init__(self, entities: Iterable[Entity], weights: Mapping[str, int] | None = None) -> None:
        """``weights`` (say, mention counts) order hits within a tier: 上海 before 山西."""
        self._weights = dict(weights or {})
        self._keys: list[_Keys] = []
        for e in entities:
            names = [_Name(n, fold(n)) for n in e.names]
            # The summary keeps its spaces: Latin words in it match at their starts.
            summary = convert(e.summary, "simplified").lower() + " " + e.en.lower()
            keys = _Keys(e, names, e.en.lower(), summary)
            keys.haystack = _haystack(keys)
            self._keys.append(keys)
        self.has_pinyin = False
        self._fuzzy_keys: dict[tuple[int, str], list[tuple[str, int]]] | None = None

    def add_pinyin(self) -> None:
        """Build the pinyin keys (imports pypinyin: call it off the first frame's path)."""
        for keys in self._keys:
            given = keys.entity.pinyin
            for j, name in enumerate(keys.names):
                if j == 0 and given:
                    readings = [[fold(s)] for s in given.split()]
                    if len(readings) != len(name.text):
                        readings = [[fold(given)]]
                else:
                    readings = _pinyin_readings(convert(name.text, "simplified"))
                name.spellings = [
                    ("".join(sp), list(itertools.accumulate(len(s) for s in sp)))
                    for sp in _spellings(readings)
                ]
            keys.haystack = _haystack(keys)
        self._fuzzy_keys = None
        self._fuzzy("")  # bucket the Latin keys now, off the first keystroke's path
        self.has_pinyin = True

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        """The best hits for ``query``, best first."""
        q = fold(query)
        if not q:
            return []
        # Every tier but fuzzy needs the query inside some key (a lone Latin letter: at the
        # start of one): a C-level substring test per entity picks the few worth scoring.
        # Candidates are scored best-bound first, so a broad query stops after `limit` hits.
        probe = q if len(q) > 1 or not q.isascii() else "\x00" + q
        whole, start = f"\x00{q}\x00", f"\x00{q}"
        candidates: list[tuple[int, int]] = []
        for order, keys in enumerate(self._keys):
            hay = keys.haystack
            if probe in hay:
                bound = EXACT if whole in hay else PREFIX if start in hay else SUBSTRING
                candidates.append((bound, order))
        candidates.sort()
        hits: list[Hit] = []
        worst = EXACT
        for bound, order in candidates:
            # Past `limit` hits, a candidate that cannot beat the worst kept one is not scored
            # (within a tier, index order then decides instead of name length).
            if len(hits) >= limit and bound >= worst:
                break
            hit = self._match(self._keys[order], q, fuzzy=False)
            if hit is not None:
                worst = max(worst, hit.rank)
                weight = -self._weights.get(hit.entity, 0)
                hits.append(
                    Hit(
                        hit.entity,
                        hit.rank,
                        hit.text,
                        hit.span,
                        (hit.rank, hit.tiebreak[0], weight, *hit.tiebreak[1:], order),
                    )
                )
        if len(hits) < limit and len(q) >= 3 and q.isascii():
            found = {h.entity for h in hits}
            hits += [h for h in self._fuzzy(q) if h.entity not in found]
        hits.sort(key=lambda h: h.tiebreak)
        return hits[:limit]

    def _fuzzy(self, q: str) -> list[Hit]:
        """Near misses, the last resort: the query's letters in order in a Latin key (English
        name or pinyin) at most twice its length. Keys are bucketed by length and first letter
        once."""
        if self._fuzzy_keys is None:
            buckets: dict[tuple[int, str], list[tuple[str, int]]] = {}
            for order, keys in enumerate(self._keys):
                candidates = {keys.en.replace(" ", ""), *(j for n in keys.names for j, _ in n.spellings)}
                for candidate in candidates:
                    if candidate:
                        buckets.setdefault((len(candidate), candidate[0]), []).append((candidate, order))
            self._fuzzy_keys = buckets
        if not q:
            return []
        best: dict[int, int] = {}
        # A typo seldom hits the first letter: only keys that start like the query are tried.
        # Either the query's letters stand in order in the key (tencnt), or the two are one
        # slip apart (tencnet, iflytec, hefeu: a letter swapped, missing, extra or wrong).
        for length in range(max(len(q) - 1, 1), 2 * len(q) + 1):
            for candidate, order in self._fuzzy_keys.get((length, q[0]), ()):
                if order in best:
                    continue
                if _subsequence(q, candidate) or (abs(length - len(q)) <= 1 and _one_slip(q, candidate)):
                    best[order] = length
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
            for joined, ends in name.spellings:
                if joined == q:
                    offer(EXACT, name.text, (0, len(name.text)), len(joined), False)
                elif joined.startswith(q):
                    covered = next(i for i, e in enumerate(ends) if e >= len(q)) + 1
                    offer(PREFIX, name.text, (0, covered), len(joined))
                initials = "".join(joined[a:b][:1] for a, b in zip([0, *ends], ends, strict=False))
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
            for candidate in (en_folded, *(j for n in keys.names for j, _ in n.spellings)):
                # Only near-misses: the candidate may be at most twice as long as the query.
                if len(candidate) <= 2 * len(q) and _subsequence(q, candidate):
                    offer(FUZZY, keys.entity.name, (0, 0), len(candidate))
                    break
        return best


def _haystack(keys: _Keys) -> str:
    parts = [n.folded for n in keys.names] + [keys.en, keys.en.replace(" ", ""), keys.summary]
    for name in keys.names:
        for joined, ends in name.spellings:
            parts.append(joined)
            parts.append("".join(joined[a:b][:1] for a, b in zip([0, *ends], ends, strict=False)))
    return "\x00" + "\x00".join(parts)


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


def _one_slip(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by at most one edit: a letter inserted, deleted,
    replaced, or two neighbours swapped."""
    if a == b:
        return True
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    if len(longer) - len(shorter) != 1:
        return False
    i = next((k for k, (x, y) in enumerate(zip(shorter, longer, strict=False)) if x != y), len(shorter))
    return shorter[i:] == longer[i + 1 :]


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
    found = text.find(variant, query.strip())
    hits: list[TextHit] = []
    for number, (index, start, end) in enumerate(found[:limit]):
        shown, _ = text.paragraph(variant, index)
        lo, hi = max(start - CONTEXT, 0), min(end + CONTEXT, len(shown))
        lead = "…" if lo > 0 else ""
        context = lead + shown[lo:hi].replace("\n", " ") + ("…" if hi < len(shown) else "")
        at = len(lead) + start - lo
        hits.append(TextHit(number, index, start, end, context, (at, at + end - start)))
    return hits, len(found)
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
