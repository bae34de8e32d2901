"""Charts of the figures pane: which figures draw together, under what title, on what scale.

A pack declares its charts (``charts:`` in ``index.yaml``: id, title, unit, kind); figures
name theirs with ``chart``. Packs written before charts were declared (schema 1) still group
figures by their ``chart`` key, titled by the first figure's metric.

Values are compared in one scale: 3萬億 and 5,000億 are both turned into 元 before their bars
are measured, so the longer bar is always the larger number. Units whose base differs (元
and 家, 家 and %) cannot share a chart; :func:`unit_problems` says so for ``check``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from .index import Chart, Figure

#: Multipliers a unit may start with, longest first (both scripts).
_SCALES: tuple[tuple[str, float], ...] = (
    ("萬億", 1e12),
    ("万亿", 1e12),
    ("千億", 1e11),
    ("千亿", 1e11),
    ("百億", 1e10),
    ("百亿", 1e10),
    ("億", 1e8),
    ("亿", 1e8),
    ("千萬", 1e7),
    ("千万", 1e7),
    ("百萬", 1e6),
    ("百万", 1e6),
    ("萬", 1e4),
    ("万", 1e4),
)
_PERCENT = ("%", "％", "百分比")
#: Base units written differently in the two scripts, folded to one spelling.
_FOLD = str.maketrans({"個": "个", "萬": "万", "億": "亿", "噸": "吨", "輛": "辆", "臺": "台", "台": "台"})


class Unit(NamedTuple):
    """A unit split into its multiplier and its base: 億元 is 1e8 × 元."""

    scale: float
    base: str


def parse_unit(unit: str) -> Unit:
    """``億元`` → (1e8, 元); ``萬家`` → (1e4, 家); ``%`` → (1, %); ``年`` → (1, 年)."""
    text = unit.strip()
    if text in _PERCENT:
        return Unit(1.0, "%")
    for prefix, scale in _SCALES:
        if text.startswith(prefix):
            return Unit(scale, text[len(prefix) :].translate(_FOLD))
    return Unit(1.0, text.translate(_FOLD))


def compatible(a: str, b: str) -> bool:
    """Whether numbers in units ``a`` and ``b`` can be compared (the same base)."""
    return parse_unit(a).base == parse_unit(b).base


def in_unit(figure: Figure, unit: str) -> float:
    """The figure's value expressed in ``unit`` (5000 億元 in 萬億元 is 0.5)."""
    return float(figure.value) * parse_unit(figure.unit).scale / parse_unit(unit).scale


def unit_problems(unit: str, figures: Sequence[Figure]) -> list[tuple[Figure, str]]:
    """The figures whose unit cannot be drawn on a chart measured in ``unit``, with why."""
    base = parse_unit(unit).base
    return [
        (f, f"unit {f.unit!r} does not compare with the chart's {unit!r}")
        for f in figures
        if parse_unit(f.unit).base != base
    ]


class Drawn(NamedTuple):
    """One chart as the figures pane draws it."""

    key: str
    title: str
    unit: str
    kind: str
    figures: list[Figure]


def chart_of(key: str, declared: dict[str, Chart], figures: Sequence[Figure]) -> Drawn:
    """Chart ``key`` with its figures: as declared, or (schema 1) titled by the first metric."""
    chart = declared.get(key)
    if chart is not None:
        ordered = list(figures)
        if chart.kind == "series":
            ordered.sort(key=lambda f: f.year or 0)
        return Drawn(key, chart.title, chart.unit, chart.kind, ordered)
    unit = figures[0].unit if figures else ""
    return Drawn(key, figures[0].metric if figures else key, unit, "bars", list(figures))


#: How the article hedges a number: 約3821億元, 3821億元左右, 近500家, 逾2萬 (a hedge word
#: right before a digit, so 近年 is not one).
HEDGE = re.compile(r"(?:[約约近逾]|超過|超过)[0-9一二三四五六七八九十兩两]|左右")

#: Beyond this ratio of the largest to the smallest value, bars stop comparing anything.
MAX_RATIO = 50.0


def hedged(figure: Figure) -> bool:
    """Whether the article gives the number as approximate (its quote hedges it)."""
    return HEDGE.search(figure.quote) is not None


def comparable(figures: Sequence[Figure]) -> bool:
    """Whether bars can compare these figures: one unit, and values within ``MAX_RATIO`` of
    each other (1 company against 500 is a list of targets, not a chart)."""
    if len({parse_unit(f.unit).base for f in figures}) > 1:
        return False
    values = [abs(in_unit(f, figures[0].unit)) for f in figures if f.value]
    return not values or max(values) / min(values) <= MAX_RATIO
