"""Mention finding: leftmost-longest, no overlaps, ASCII names only as whole words; the
finder skips places where no name can start, and must find exactly what a plain scan of
every position finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mudu_tui.model.mentions import MentionFinder


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


@settings(max_examples=400)
@given(names_st, st.text(ALPHABET, max_size=40))
def test_the_finder_finds_what_a_plain_scan_finds(names: dict[str, str], text: str) -> None:
    assert MentionFinder(names.items()).find(text) == plain_scan(names, text)


def test_a_name_ending_inside_an_ascii_word_gives_way_to_a_shorter_name() -> None:
    finder = MentionFinder([("360", "q"), ("合肥AI", "a"), ("合肥", "h")])
    assert finder.find("3601年，合肥AIs與合肥AI") == [(6, 8, "合肥", "h"), (12, 16, "合肥AI", "a")]
    assert finder.find("360-3601") == [(0, 3, "360", "q")]
    assert MentionFinder([]).find("合肥") == []
