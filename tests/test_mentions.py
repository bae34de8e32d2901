"""Mention finding: leftmost-longest, no overlaps, ASCII names only as whole words; the
finder skips places where no name can start (or, for a long text, compiles every name into
one pattern), and either way must find exactly what a plain scan of every position finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mudu_tui.model.article import parse_article
from mudu_tui.model.mentions import (
    CHARS_PER_PATTERN_NAME,
    MAX_PATTERN_NAME_CHARS,
    MentionFinder,
    find_mentions,
)

#: ``chars`` for each way of finding: the scan (a short text), the pattern (a long one).
WAYS = {"scan": 0, "pattern": 10**9}


def _word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def plain_scan(names: dict[str, str], text: str) -> list[tuple[int, int, str, str]]:
    """Every position in turn, the longest name there that is not inside a longer ASCII word."""
    found = []
    i = 0
    while i < len(text):
        for surface in sorted((s for s in names if text.startswith(s, i)), key=len, reverse=True):
            end = i + len(surface)
            if _word(surface[0]) and i > 0 and _word(text[i - 1]):
                continue
            if _word(surface[-1]) and end < len(text) and _word(text[end]):
                continue
            found.append((i, end, surface, names[surface]))
            i = end
            break
        else:
            i += 1
    return found


# A small alphabet, so names overlap, nest and stand side by side often.
ALPHABET = "合肥市中國a1-]^\\"
names_st = st.dictionaries(st.text(ALPHABET, min_size=1, max_size=4), st.sampled_from(["x", "y", "z"]))
#: A paragraph of an article (without "-", which can start a list item).
paragraph_st = st.text(ALPHABET.replace("-", ""), min_size=1, max_size=30)


@pytest.mark.parametrize("way", WAYS)
@settings(max_examples=400)
@given(names=names_st, text=st.text(ALPHABET, max_size=40))
def test_the_finder_finds_what_a_plain_scan_finds(way: str, names: dict[str, str], text: str) -> None:
    assert MentionFinder(names.items(), chars=WAYS[way]).find(text) == plain_scan(names, text)


@pytest.mark.parametrize("way", WAYS)
@settings(max_examples=100)
@given(names=names_st, paragraphs=st.lists(paragraph_st, max_size=5))
def test_an_articles_mentions_are_those_of_each_paragraph(
    way: str, names: dict[str, str], paragraphs: list[str]
) -> None:
    article = parse_article("\n\n".join(paragraphs))
    finder = MentionFinder(names.items(), chars=WAYS[way])
    expected = [
        (entity, p.id, start, end, surface)
        for p in article.paragraphs
        for start, end, surface, entity in plain_scan(names, p.text)
    ]
    assert [tuple(m) for m in find_mentions(article, finder)] == expected


@pytest.mark.parametrize("way", WAYS)
def test_a_name_ending_inside_an_ascii_word_gives_way_to_a_shorter_name(way: str) -> None:
    finder = MentionFinder([("360", "q"), ("合肥AI", "a"), ("合肥", "h")], chars=WAYS[way])
    assert finder.find("3601年，合肥AIs與合肥AI") == [(6, 8, "合肥", "h"), (12, 16, "合肥AI", "a")]
    assert finder.find("360-3601") == [(0, 3, "360", "q")]
    assert finder.find("a360 360") == [(5, 8, "360", "q")]
    assert MentionFinder([], chars=WAYS[way]).find("合肥") == []


def test_only_a_long_text_is_worth_compiling_the_names_for() -> None:
    names = [("合肥", "h"), ("合肥市", "h"), ("中國", "c")]
    short = MentionFinder(names, chars=CHARS_PER_PATTERN_NAME * len(names) - 1)
    long = MentionFinder(names, chars=CHARS_PER_PATTERN_NAME * len(names))
    text = "中國合肥市，合肥。" * 3
    assert short.find(text) == long.find(text) == plain_scan(dict(names), text)
    assert not short.compiled and long.compiled


def test_a_name_too_long_to_compile_is_found_by_the_scan() -> None:
    # Compiling nests a level per character: a name of 1,000 characters overflowed the stack.
    for length in (MAX_PATTERN_NAME_CHARS, 1000):
        names = [("甲" * length, "a"), ("甲" * (length - 1) + "乙", "b"), ("甲", "c")]
        finder = MentionFinder(names, chars=10**9)
        assert finder.compiled == (length <= MAX_PATTERN_NAME_CHARS)
        text = "甲" * (length + 1) + "乙"
        assert finder.find(text) == plain_scan(dict(names), text)
