"""Small helpers the Pilot tests share: the main screen, the status line, list ids, text,
highlights and notifications as the screen draws them; a probe run in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from typing import NamedTuple

from textual.widgets import OptionList, Static

from mudu_tui.app import MuduApp
from mudu_tui.screens.main import MainScreen
from mudu_tui.widgets.article_view import ArticleView

SIZE = (120, 40)


def probe(code: str) -> str:
    """The last line ``code`` prints, run in a fresh interpreter (what a start-up imports is
    seen only there: this one has imported everything already)."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip().splitlines()[-1]


def main_screen(app: MuduApp) -> MainScreen:
    """The main screen (asserting it is the one on top)."""
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def status(app: MuduApp) -> str:
    """The status line under the article."""
    return str(main_screen(app).query_one("#status", Static).content)


def option_ids(pane: OptionList) -> list[str]:
    """The ids of a list's options, in order."""
    return [pane.get_option_at_index(i).id or "" for i in range(pane.option_count)]


def article_text(app: MuduApp) -> str:
    """Every laid-out line of the article, joined."""
    article = main_screen(app).query_one(ArticleView)
    return "".join(article.line_text(i) for i in range(len(article.rows)))


def details_head(app: MuduApp) -> str:
    """The text of the details pane's head (names, kind, summary, notes)."""
    from mudu_tui.widgets.details import Details

    return str(main_screen(app).query_one(Details).get_option("head").prompt)


def assert_at_true_end(view: ArticleView) -> None:
    """The article is scrolled to its end, and the end on screen is the last paragraph's true
    end: the last line drawn ends it, with nothing estimated below."""
    assert view.scroll_y == view.max_scroll_y > 0
    top = int(view.scroll_y)
    shown = [view.line_text(y) for y in range(top, top + view.scrollable_content_region.height)]
    text, _ = view.text.paragraph(view.variant, len(view.pack.article.paragraphs) - 1)
    assert shown[-1] == "" or text.endswith(shown[-1])
    assert any(line and text.endswith(line) for line in shown)


class Mark(NamedTuple):
    """A run of text the article draws in one highlight: its laid-out row, first cell, text."""

    row: int
    column: int
    text: str


def marks(article: ArticleView, component: str, *, on_screen: bool = False) -> list[Mark]:
    """Every run of text the article draws with ``component``'s background (``article--current``,
    ``article--selected``, ``article--quote``, ``article--find`` …), read from the lines it
    renders, in reading order (``on_screen``: only the lines in view, as a book is drawn)."""
    wanted = article.get_component_rich_style(component, partial=True).bgcolor
    assert wanted is not None, f"{component} has no background"
    top = int(article.scroll_y)
    found: list[Mark] = []
    height = article.scrollable_content_region.height
    for row in range(top, top + height) if on_screen else range(len(article.rows)):
        column, start, run = 0, 0, ""
        for segment in article.render_line(row - top):
            if segment.style is not None and segment.style.bgcolor == wanted:
                start = start if run else column
                run += segment.text
            elif run:
                found.append(Mark(row, start, run))
                run = ""
            column += segment.cell_length
        if run:
            found.append(Mark(row, start, run))
    return found


def marked_text(article: ArticleView, *components: str) -> str:
    """The text of every run drawn in any of ``components``, in reading order, joined."""
    runs = sorted(mark for component in components for mark in marks(article, component))
    return "".join(mark.text for mark in runs)


def toasts(app: MuduApp) -> list[str]:
    """The text of every notification on screen (the app must run with notifications=True)."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]
