"""CJK line breaking: no line starts with closing punctuation, lines fit, Latin words stay whole."""

from __future__ import annotations

import pytest

from mudu_tui.model.layout import HANG, NO_LINE_END, NO_LINE_START, text_width, wrap
from mudu_tui.model.pack import Pack
from mudu_tui.model.reading import VariantText
from mudu_tui.model.safety import visible
from mudu_tui.model.script import VARIANTS

WIDTHS = range(20, 61)


def _is_word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "._-+%")


@pytest.fixture(scope="module")
def paragraphs(bundled_pack: Pack) -> dict[str, list[str]]:
    text = VariantText(bundled_pack)
    count = len(bundled_pack.article.paragraphs)
    return {v: [visible(text.paragraph(v, i)[0]) for i in range(count)] for v in VARIANTS}


def check_lines(text: str, width: int) -> None:
    lines = wrap(text, width)
    # The lines cover the text in order; only spaces are dropped at a break.
    pos = 0
    for start, end in lines:
        assert text[pos:start].strip(" ") == ""
        assert start < end or text == ""
        pos = end
    assert pos == len(text)
    for n, (start, end) in enumerate(lines):
        line = text[start:end]
        if n:
            assert line[0] not in NO_LINE_START, f"line starts with {line[0]!r}: {line!r} (width {width})"
        if end < len(text):
            assert line[-1] not in NO_LINE_END, f"line ends with {line[-1]!r}: {line!r}"
        assert text_width(line) <= width + HANG, f"{line!r} is {text_width(line)} cells at width {width}"
        # A Latin word is only split when it is longer than a whole line.
        if end < len(text) and _is_word(text[end - 1]) and _is_word(text[end]):
            a, b = end, end
            while a > 0 and _is_word(text[a - 1]):
                a -= 1
            while b < len(text) and _is_word(text[b]):
                b += 1
            assert text_width(text[a:b]) > width, f"{text[a:b]!r} split at width {width}"


@pytest.mark.parametrize("variant", VARIANTS)
def test_whole_article_at_every_width(paragraphs: dict[str, list[str]], variant: str) -> None:
    assert HANG == 2
    for width in WIDTHS:
        for text in paragraphs[variant]:
            check_lines(text, width)


def test_title_and_headings(bundled_pack: Pack) -> None:
    for width in WIDTHS:
        check_lines(bundled_pack.article.title, width)
        for section in bundled_pack.article.sections:
            check_lines(section.title, width)


def test_closing_mark_hangs_rather_than_starting_a_line() -> None:
    text = "一二三四五，六七"
    assert wrap(text, 10) == [(0, 6), (6, 8)]  # the comma hangs past ten cells


def test_a_run_of_marks_takes_the_character_before_it_down() -> None:
    """「…村」， is four cells of marks: too many to hang, so 村 moves down with them."""
    text = "一二三四村」，五六"
    lines = wrap(text, 10)
    assert lines[0] == (0, 4)
    assert text[lines[1][0] :].startswith("村」，")


def test_opening_mark_never_ends_a_line() -> None:
    text = "一二三四「五六」七"
    lines = wrap(text, 10)
    assert text[lines[0][0] : lines[0][1]] == "一二三四"


def test_latin_words_kept_whole() -> None:
    text = "基於Transformer架構的大模型ChatGPT與GPT-4和Llama 2"
    for width in range(12, 40):
        lines = [text[a:b] for a, b in wrap(text, width)]
        for word in ("Transformer", "ChatGPT", "GPT-4", "Llama"):
            assert any(word in line for line in lines), (word, width, lines)
        check_lines(text, width)


def test_numbers_with_marks_stay_whole() -> None:
    check_lines("上海約在3821億元左右，領先北京和深圳的2270億元、2488億元。" * 3, 21)


def test_wrap_is_stable_for_small_widths() -> None:
    assert wrap("", 10) == [(0, 0)]
    assert wrap("。。。。。。", 4)[0][0] == 0  # all marks: nothing to carry down, no endless loop
    assert wrap("abcdefghijklmnopqrstuvwxyz", 4)[0] == (0, 4)  # a word longer than the line splits
