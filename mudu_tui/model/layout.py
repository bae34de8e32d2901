"""CJK-aware line breaking for the article view.

Chinese wraps between any two characters, by terminal cells (a Han character takes two).
No line may start with closing punctuation (，。、；：？！）」』》…): such a mark is pulled up to
hang past the line's end, as Chinese typesetting does, so lines never start with it.
Latin words and numbers are kept whole where they fit.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

#: Marks that must never begin a line.
NO_LINE_START = set("，。、；：？！）」』》〉】〕”’…—·,.;:?!)]}%")
#: Cells a closing mark may overhang a line (the article view keeps two spare on the right).
HANG = 2
#: Marks that must never end a line.
NO_LINE_END = set("（「『《〈【〔“‘([{")


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Terminal cells taken by one character."""
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 2
    # Marks (combining accents, variation selectors such as U+FE0E) and format characters
    # (zero-width space and joiners) take no cell of their own.
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 1


def text_width(text: str) -> int:
    """Terminal cells taken by ``text``."""
    return sum(char_width(c) for c in text)


def _is_word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "._-+%")


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Split ``text`` into lines of at most ``width`` cells: a list of (start, end) offsets.

    A closing mark that would start a line hangs on the previous line instead (it may
    overhang ``width`` by up to two cells, which the view's margin absorbs); a run of marks
    wider than that takes the character before it down to the next line.
    """
    width = max(width, 4)
    lines: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    # Cumulative cell widths: where a line must end is one bisection, not a walk per character.
    cum = list(accumulate(map(char_width, text), initial=0))
    while start < n:
        i = bisect_right(cum, cum[start] + width, start) - 1
        if i >= n:
            lines.append((start, n))
            break
        end = i
        # Keep a Latin word or number whole when it can move to the next line.
        if _is_word(text[end]) and _is_word(text[end - 1]):
            k = end
            while k > start and _is_word(text[k - 1]):
                k -= 1
            if k > start:
                end = k
        # Hang closing marks on this line rather than start the next with them; when they
        # would overhang more than the view's margin, carry the character before them down.
        run = end
        while run < n and text[run] in NO_LINE_START:
            run += 1
        if run > end:
            if text_width(text[end:run]) <= HANG:
                end = run
            else:
                k = end
                while k > start and (
                    text[k] in NO_LINE_START or (_is_word(text[k]) and _is_word(text[k - 1]))
                ):
                    k -= 1
                end = k if k > start else run
        # An opening mark never ends a line: carry it down.
        while end - 1 > start and text[end - 1] in NO_LINE_END:
            end -= 1
        lines.append((start, end))
        start = end
        while start < n and text[start] == " ":
            start += 1
    return lines or [(0, 0)]
