"""Every character whole on the real screen: Chinese in a notification and in the sections pane
unfolded over the article, read back from tmux (Textual #6357; see mudu_tui/wide_cuts.py)."""

from __future__ import annotations

import re

import pytest
from test_e2e_tmux import Terminal, terminal  # noqa: F401  (the fixture)

from mudu_tui.model.pack import Pack

pytestmark = pytest.mark.e2e

#: The start of the notice (narrow terminals wrap the rest).
NOTICE = "先選擇一個條目 Select"


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 20)], ids=["120x40", "80x24", "60x20"])
def test_a_chinese_notification_is_whole(terminal: Terminal, size: tuple[int, int]) -> None:  # noqa: F811
    terminal.start("--fresh", size=size)
    terminal.wait_text("[原文]")
    terminal.keys("y")  # copy with nothing selected: the notice
    terminal.wait_text(NOTICE)
    terminal.keys("q")
    assert terminal.exit_status() == "EXIT=0"


def test_the_folded_sections_pane_is_whole_at_60x20(terminal: Terminal, bundled_pack: Pack) -> None:  # noqa: F811
    terminal.start("--fresh", size=(60, 20))
    terminal.wait_text("[原文]")
    terminal.keys("1")  # the sections pane unfolds over the article
    screen = terminal.wait_text("章節 Sections")
    # The header (the pack's title, which may begin as a section does) is not the pane.
    lines = [line.strip("│ ") for line in screen.splitlines()[1:]]
    sections = [s.title for s in bundled_pack.article.sections[1:3]]
    # Each title wraps in the pane: its first line must be a whole prefix of the title.
    for title in sections:
        first = next(line for line in lines if line and title.startswith(line.split(" │")[0][:4]))
        # The count after a title (15段) is not part of it.
        shown = re.sub(r"\s+\d+段$", "", first.split(" │")[0].strip())
        assert title.startswith(shown), (title, shown, screen)
        assert len(shown) >= 8, shown
    terminal.keys("q")
    assert terminal.exit_status() == "EXIT=0"
