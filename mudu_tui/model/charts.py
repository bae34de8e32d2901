"""Chart titles for the figures pane: the one place that knows what a chart is called.

Figures with the same ``chart`` key are drawn as one chart. Its title is looked up here by
key; a chart without a title here is titled by its first figure's metric.

The titles below belong to the bundled pack and are kept here only until the pack format
carries chart titles itself (then this table goes, and :func:`chart_title` reads the pack).
Nothing else in the code names a chart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .index import Figure

#: Titles of the bundled pack's charts, by chart key (to move into the pack format).
CHART_TITLES: dict[str, str] = {
    "ai_output_by_city": "人工智能相關產業產值（億元）",
    "ai_companies_by_city": "人工智能相關企業數量（萬家）",
    "china_ai_core_industry": "中國人工智能核心產業規模（億元）",
    "sheng_gu_targets": "中國聲谷2025年目標",
}


def chart_title(key: str, figures: Sequence[Figure]) -> str:
    """The title of chart ``key`` (in the article's script), given the figures it draws."""
    return CHART_TITLES.get(key, figures[0].metric if figures else key)


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
    if len({f.unit for f in figures}) > 1:
        return False
    values = [abs(float(f.value)) for f in figures if f.value]
    return not values or max(values) / min(values) <= MAX_RATIO
