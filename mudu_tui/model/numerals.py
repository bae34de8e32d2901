"""Numbers as Chinese text writes them: digits, Chinese numerals, 萬/億 magnitudes, 成 and %.

``numbers_in`` reads every number in a piece of text with its whole value (``1.2萬`` is 12000,
``三萬億`` is 3e12, ``七成`` and ``70%`` are 0.7), so a figure's ``value`` can be checked against
its quote as a quantity, never as a substring that an unrelated year could also contain.
Values are ``Decimal`` so that ``3.98萬`` is exactly 39800, not 39800.000000000004.

The parser is written here rather than taken from cn2an: it runs whenever a pack is validated,
which is before the reader's first frame when the pack is not cached, and cn2an costs about
0.16 s to import; it also reads neither 成 nor 百分之 nor text around the numbers. The tests
check this parser against cn2an where that package is installed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}  # fmt: skip
_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG = {"萬": 10**4, "万": 10**4, "億": 10**8, "亿": 10**8}
#: Magnitude words that may follow digits: 3821億, 1.2萬, 3萬億, 5千.
_MAGNITUDES = {**_SMALL, **_BIG}

_CN = "".join(_DIGITS) + "".join(_SMALL) + "".join(_BIG)
#: Full-width digits read as ASCII ones; the full-width comma is a clause break, never a
#: thousands separator, so it stays.
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_NUMBER = re.compile(
    rf"(?P<per>百分之|千分之)?"
    rf"(?:(?P<arabic>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<mag>(?:[{''.join(_MAGNITUDES)}](?!分))*)"
    rf"|(?P<cn>[{_CN}]+))"
    rf"(?P<suffix>%|成(?!為|为|立|長|长|功|本|果|員|员|熟|績|绩|效|交|型|都))?"
)


class Number(NamedTuple):
    """One number read from text: where it stands, as written, and its whole value."""

    start: int
    end: int
    text: str
    value: Decimal


class NumeralError(ValueError):
    """A run of Chinese numeral characters that is not one number (七八 is "seven or eight")."""


def parse_chinese(text: str) -> Decimal:
    """The value of a Chinese numeral: 兩千 2000, 一百零五 105, 三萬億 3e12, 兩萬五 25000, 二〇二三 2023.

    Raises NumeralError for a run that is not one number: a lone magnitude (萬), or two
    digits side by side, which Chinese uses for an estimate (七八月份, 三四個).
    """
    if not text or any(ch not in _DIGITS and ch not in _SMALL and ch not in _BIG for ch in text):
        raise NumeralError(f"not a Chinese numeral: {text!r}")
    if all(ch in _DIGITS for ch in text):
        if len(text) == 1:
            return Decimal(_DIGITS[text])
        if len(text) == 2 and "〇" not in text and "零" not in text:
            raise NumeralError(f"{text!r} is an estimate, not one number")
        return Decimal("".join(str(_DIGITS[ch]) for ch in text))  # 二〇二三: read digit by digit
    if text[0] in _BIG:
        raise NumeralError(f"{text!r} has no digits before its magnitude")
    total = 0  # what the big units (萬, 億) have gathered
    section = 0  # what the small units (十, 百, 千) have gathered since the last big unit
    digit = 0
    last_unit = 0  # the unit just read, for 兩萬五 (the 五 is 5,000) and 三百五 (50)
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
            continue
        if ch in _SMALL:
            section += (digit or 1) * _SMALL[ch]
            digit, last_unit = 0, _SMALL[ch]
            continue
        unit = _BIG[ch]
        section += digit
        if section == 0:
            total *= unit  # 萬億: the 億 scales what 萬 already made
        elif total and total < unit:
            total = (total + section) * unit  # 三千萬億 read as 3000萬 then 億
        else:
            total += section * unit
        section, digit, last_unit = 0, 0, unit
    if digit and last_unit >= 100 and text[-2] not in _DIGITS:  # not after 零: 一千零五 is 1,005
        digit *= last_unit // 10  # an elided unit: 兩萬五 = 25,000, 三百五 = 350
    return Decimal(total + section + digit)


def numbers_in(text: str) -> Iterator[Number]:
    """Every number in ``text`` with its whole value, in order.

    ``3.98萬家`` gives 39800, ``百分之三十`` and ``30%`` give 0.3, ``七成`` gives 0.7. Digits that
    are part of an ASCII word (``GPT4``, ``A100``) are read as numbers too: a quote is checked
    for the value it states, and a name holding digits states them as much as any text.
    """
    for m in _NUMBER.finditer(text.translate(_FULLWIDTH)):  # same length: offsets hold
        written = text[m.start() : m.end()]
        if m.group("arabic") is not None:
            value = Decimal(m.group("arabic").replace(",", ""))
            for ch in m.group("mag"):
                value *= _MAGNITUDES[ch]
        else:
            try:
                value = parse_chinese(m.group("cn"))
            except NumeralError:
                continue
        if m.group("per"):
            value /= 100 if m.group("per") == "百分之" else 1000
        suffix = m.group("suffix")
        if suffix == "%":
            value /= 100
        elif suffix == "成":
            if value > 10:  # 二十成 is no proportion; the 成 belongs to the next word
                yield Number(m.start(), m.end() - 1, written[:-1], value)
                continue
            value /= 10
        yield Number(m.start(), m.end(), written, value)


def unit_scale(unit: str) -> Decimal:
    """What one of ``unit`` is worth: 億元 1e8, 萬億元 1e12, 萬家 1e4, % 0.01, 成 0.1, 家 1.

    Only magnitude words at the start count, and 百分點 (percentage points) is a unit of its own.
    """
    if unit.startswith(("%", "％")):
        return Decimal("0.01")
    if unit.startswith("成"):
        return Decimal("0.1")
    scale = Decimal(1)
    for ch in unit:
        if ch not in _MAGNITUDES or unit.startswith(("百分", "千分")):
            break
        scale *= _MAGNITUDES[ch]
    return scale


def states_value(quote: str, value: float, unit: str) -> bool:
    """Whether ``quote`` gives ``value`` in ``unit``: 3821 億元 in "約在3821億元", 70 % in "七成",
    3 萬億元 in "3萬億元" or "30000億元". A year elsewhere in the quote does not count as 1 or 20."""
    want = Decimal(repr(float(value))) * unit_scale(unit)
    return any(n.value == want for n in numbers_in(quote))


def read_numbers(quote: str) -> list[str]:
    """The numbers ``quote`` holds as written, for a message saying what was found instead."""
    return [n.text for n in numbers_in(quote)]
