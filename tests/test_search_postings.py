"""The search index's posting lists find what a scan of every entity finds.

A keystroke asks the posting lists for candidates instead of testing every entity's keys.
Here the same queries go through both: the index, and a reference that tests every entity
built and ranks every candidate in the same order. Queries are cut from the entities' own
keys (names, pinyin, initials, English words, summaries) and mixed with made-up ones, on the
bundled index and on a generated index of thousands of entities built in small chunks.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mudu_tui.model.index import Entity
from mudu_tui.model.pack import Pack
from mudu_tui.model.search import EXACT, Hit, SearchIndex, _bound, _near_patterns, fold
from mudu_tui.model.search_chunks import latin_words

POOL = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土天地玄黃長重行"
WORDS = ["tech", "labs", "AI", "memory", "Hefei", "speech", "data", "cloud", "x-ray", "360"]


def scan(index: SearchIndex, query: str, limit: int = 50) -> list[Hit]:
    """The reference: every built entity's bound, sorted, scored until the same cut-off."""
    q = fold(query)
    if not q:
        return []
    probe = "\x00" + q if len(q) == 1 and q.isascii() else q
    bounds = ((_bound(keys, q, probe), order) for order, keys in enumerate(index._keys[: index.built]))
    hits: list[Hit] = []
    worst = EXACT
    for bound, order in sorted((b, o) for b, o in bounds if b is not None):
        if len(hits) >= limit and bound >= worst:
            break
        hit = index._scored(order, q)
        if hit is not None:
            worst = max(worst, hit.rank)
            hits.append(hit)
    return index._finish(q, hits, limit)


def generated(count: int) -> list[Entity]:
    """``count`` companies named from a pool (some polyphones), English names of a few
    shared words, summaries in Chinese with a Latin word or two."""
    names = ("".join(c) for c in itertools.product(POOL, repeat=3))
    entities = []
    for n, name in zip(range(count), names, strict=False):
        words = [WORDS[n % len(WORDS)], WORDS[(n * 7) % len(WORDS)], str(n)]
        entities.append(
            Entity(
                id=f"g{n}",
                kind="companies",
                name=name + ("科技" if n % 3 else "數據"),
                aliases=(name,) if n % 5 == 0 else (),
                en=" ".join(words),
                summary=f"第{n}號{'虛構' if n % 2 else '測試'}企業，做{WORDS[n % 4]}。",
                pinyin=None,
            )
        )
    return entities


@pytest.fixture(scope="module")
def bundled(bundled_pack: Pack) -> SearchIndex:
    weights = {e: len(bundled_pack.mentions_of(e)) for e in bundled_pack.entities}
    index = SearchIndex(bundled_pack.entities.values(), weights, chunk=16)
    index.build()
    return index


@pytest.fixture(scope="module")
def large() -> SearchIndex:
    entities = generated(3000)
    index = SearchIndex(entities, {e.id: len(e.id) % 7 for e in entities}, chunk=256)
    index.build()
    return index


def cut_queries(index: SearchIndex) -> st.SearchStrategy[str]:
    """Pieces of the index's own keys, from anywhere in them, of any length."""
    keys = []
    for k in index._keys[:400]:
        keys += [n.folded for n in k.names] + [k.en, k.summary]
        keys += [s for n in k.names for joined, _, initials in n.spellings for s in (joined, initials)]
    keys = [k for k in keys if k]

    @st.composite
    def piece(draw: st.DrawFn) -> str:
        key = draw(st.sampled_from(keys))
        start = draw(st.integers(0, len(key) - 1))
        return key[start : start + draw(st.integers(1, 8))]

    return piece()


MADE_UP = st.text(alphabet="aehinougkdxf甲科技長 '-", min_size=1, max_size=6)


@pytest.mark.parametrize("which", ["bundled", "large"])
def test_the_postings_find_what_a_scan_finds(which: str, request: pytest.FixtureRequest) -> None:
    index: SearchIndex = request.getfixturevalue(which)

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(cut_queries(index), MADE_UP), st.sampled_from([5, 50]))
    def same(query: str, limit: int) -> None:
        assert index.search(query, limit) == scan(index, query, limit), query

    same()


def test_broad_queries_on_the_large_index(large: SearchIndex) -> None:
    """Queries every entity or none matches, each tier's edge, and a query per letter."""
    queries = ["科技", "企業", "第1", "tech", "t", "g", "jia", "jy", "ai", "x-ray", "xray", "360", "zzzz"]
    queries += list("abcdefghijklmnopqrstuvwxyz") + list(POOL[:6])
    for query in queries:
        assert large.search(query) == scan(large, query), query
    assert len(large.search("科技")) == 50


def test_a_search_during_a_build_sees_whole_chunks_only() -> None:
    entities = generated(600)
    index = SearchIndex(entities, chunk=100)
    index.build(150)
    assert index.built == 200
    for query in ("甲", "tech", "jia", "企業"):
        assert index.search(query) == scan(index, query)
        assert all(int(h.entity[1:]) < 200 for h in index.search(query))


def test_a_build_told_to_stop_ends_after_its_chunk_and_can_go_on() -> None:
    """Quitting stops the background build (the interpreter would wait for it at exit)."""
    index = SearchIndex(generated(600), chunk=100)
    asked: list[int] = []

    def stop() -> bool:
        asked.append(index.built)
        return len(asked) > 2

    assert index.build(stop=stop) is False
    assert index.built == 200  # two whole chunks, then the stop is heeded
    assert index.search("甲") == scan(index, "甲")
    assert index.build() is True and index.built == 600


def one_slip(a: str, b: str) -> bool:
    """The reference: ``a`` and ``b`` differ by at most one letter inserted, deleted,
    replaced, or two neighbours swapped."""
    if a == b:
        return True
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and (a[diff[0]], a[diff[1]]) == (b[diff[1]], b[diff[0]])
        )
    shorter, longer = sorted((a, b), key=len)
    return len(longer) == len(shorter) + 1 and any(
        longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer))
    )


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="abce.*", min_size=3, max_size=6), st.text(alphabet="abce.*", max_size=12))
def test_near_miss_patterns_agree_with_the_letters(q: str, key: str) -> None:
    """A key one a line (as a chunk keeps them) matches the patterns exactly when its
    letters hold the query's in order (from its first) or are one slip from it."""
    key = q[0] + key
    in_order, slip = _near_patterns(q)
    letters = iter(key)
    assert bool(in_order.match(key)) == all(c in letters for c in q)
    assert bool(slip.fullmatch(key)) == one_slip(q, key)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab1 .-(\t\x01中é", max_size=16))
def test_latin_words_start_where_the_ranking_reads_a_word(text: str) -> None:
    """From every ASCII character but a space that follows no Latin letter or digit, to
    the next space."""
    after_word = [False] + [c.isascii() and c.isalnum() for c in text]
    expected = [
        text[at:].split(" ", 1)[0]
        for at, c in enumerate(text)
        if c.isascii() and not c.isspace() and not after_word[at]
    ]
    assert latin_words(text) == expected
