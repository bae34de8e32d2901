"""Chinese line breaking for Content outside the article (details, mentions in context).

Textual wraps at spaces and lets a line start with ，or 」. Here each line of a Content is
broken where :func:`mudu_tui.model.layout.wrap` breaks the article, styles kept.
"""

from __future__ import annotations

from textual.content import Content

from ..model.layout import wrap


def typeset(content: Content, width: int) -> Content:
    """``content`` with line breaks inserted so no line is wider than ``width`` (hanging
    closing marks aside) and none starts with closing punctuation."""
    if width <= 4:
        return content
    lines: list[Content] = []
    for line in content.split("\n"):
        breaks = wrap(line.plain, width - 2)
        if len(breaks) <= 1:
            lines.append(line)
            continue
        lines.extend(line[start:end].rstrip() for start, end in breaks)
    return Content("\n").join(lines)
