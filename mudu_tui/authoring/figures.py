"""Numbers with units (3821億元, 6.38萬家, 9個, 七成) found in a paragraph, each with the value
and unit the index wants: the value in the unit as the article writes it, checked by the same
reading the validator uses (``model.numerals``)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from ..model.numerals import numbers_in, parse_chinese, states_value, unit_scale

#: Units a number may carry, longest first. Magnitudes (萬, 億) before them are read apart.
_UNITS = sorted(
    ["元", "美元", "港元", "歐元", "欧元", "家", "個", "个", "項", "项", "座", "台", "臺", "件", "人",
     "名", "位", "次", "倍", "年", "噸", "吨", "公里", "平方公里", "千瓦", "戶", "户", "所", "款",
     "條", "条", "輛", "辆", "張", "张", "套", "篇", "例", "頃", "公頃", "公顷", "畝", "亩", "GW", "MW"],
    key=len,
    reverse=True,
)  # fmt: skip
_MAGNITUDE = re.compile(r"[萬万億亿]+$")
#: A unit of time followed by these is a date (4天後), not an amount.
_RELATIVE = ("後", "后", "前", "以來", "以来")
_YEAR = re.compile(r"^(?:1[89]|20)\d{2}$")


class Amount(NamedTuple):
    """A number with its unit: where it stands, its value in ``unit``, and ``unit``."""

    start: int
    end: int
    value: int | float
    unit: str


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def amounts_in(sentence: str) -> list[Amount]:
    """Every number with a unit in ``sentence``, which must state the value as `check` reads
    it (the sentence becomes the figure's quote)."""
    text = sentence
    found: list[Amount] = []
    for n in numbers_in(text):
        after = text[n.end :]
        written = n.text
        if written.endswith(("%", "％")) or written.startswith("百分之") or written.endswith("成"):
            unit, end = "%", n.end  # 七成 and 百分之三十 are drafted as percentages
        elif written.startswith("千分之"):
            continue
        else:
            # The magnitude words the number ends with belong to the unit: 3821億 + 元.
            mantissa = _MAGNITUDE.sub("", written)
            magnitude = written[len(mantissa) :]
            base = next((u for u in _UNITS if after.startswith(u)), "")
            if not mantissa or not base and not magnitude:
                continue
            if _YEAR.match(written) and base == "年":
                continue  # 2016年 is a date
            if base in ("年", "天") and after[len(base) :].startswith(_RELATIVE):
                continue
            if not mantissa[0].isdigit() and (_chinese_value(mantissa) in (None, 1) or mantissa in "百千"):
                continue  # 一個 is an article, not a count; 百億 and 千億 are orders of magnitude
            unit, end = magnitude + base, n.end + len(base)
        value = _plain(n.value / unit_scale(unit))
        if states_value(sentence, value, unit):
            found.append(Amount(n.start, end, value, unit))
    return found


def _chinese_value(text: str) -> Decimal | None:
    try:
        return parse_chinese(text)
    except ValueError:
        return None
