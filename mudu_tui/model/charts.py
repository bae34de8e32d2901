"""Chart titles for the figures pane: the one place that knows what a chart is called.

Figures with the same ``chart`` key are drawn as one chart. Its title is looked up here by
key; a chart without a title here is titled by its first figure's metric.

The titles below belong to the bundled pack and are kept here only until the pack format
carries chart titles itself (then this table goes, and :func:`chart_title` reads the pack).
Nothing else in the code names a chart.
"""

from __future__ import annotations

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
