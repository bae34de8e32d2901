"""Small helpers the Pilot tests share: the main screen, the status line, list ids, text."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from mudu_tui.app import MuduApp
from mudu_tui.screens.main import MainScreen
from mudu_tui.widgets.article_view import ArticleView

SIZE = (120, 40)


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
