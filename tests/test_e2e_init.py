"""End to end: the installed `mudu-tui init` drafts a pack for a Simplified plain-text article,
and the installed reader opens it at once in a real terminal (tmux, 120×40), drafts marked ⚠."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from test_e2e_tmux import BIN, Terminal, terminal  # noqa: F401 - the fixture, shared

pytestmark = pytest.mark.e2e
pytest.importorskip("rjieba")

ARTICLE = Path(__file__).resolve().parent / "data" / "chengdu_drones.txt"


def test_init_then_read(terminal: Terminal, tmp_path: Path) -> None:  # noqa: F811
    pack = tmp_path / "drones"
    done = subprocess.run(
        [str(BIN), "init", str(ARTICLE), "-o", str(pack)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "language zh-Hans" in done.stdout

    terminal.start(str(pack))
    # A Simplified article: the app's own labels are in Simplified too.
    screen = terminal.wait_text("成都与西安竞逐低空经济", "四川省 ⚠", "详情 Details")
    terminal.keys("2")
    terminal.keys("Enter")
    screen = terminal.wait_text("草稿，待核对", "draft, not yet checked")
    assert "四川省" in screen
    terminal.keys("q")
    assert terminal.exit_status() == "EXIT=0"
