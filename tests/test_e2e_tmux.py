"""End to end: the installed `mudu-tui` in a real terminal (tmux, 120×40), read back with
capture-pane. Runs on its own tmux server socket, so no user session is touched."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from terminal import BIN, TIMEOUT, Terminal
from tiny_pack import one_region_pack

pytestmark = pytest.mark.e2e


if shutil.which("tmux") is None:
    pytest.skip("tmux is not installed", allow_module_level=True)
if not BIN.exists():
    pytest.skip(
        f"the mudu-tui console script is not installed next to {sys.executable}", allow_module_level=True
    )


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(tmp_path)
    try:
        yield term
    finally:
        term.close()


def test_reader_in_a_real_terminal(terminal: Terminal, bundled_pack) -> None:  # type: ignore[no-untyped-def]
    first = bundled_pack.index.of_kind("regions")[0]
    total = len(bundled_pack.mentions_of(first.id))
    hefei_total = len(bundled_pack.mentions_of("hefei"))

    terminal.start()
    terminal.wait_text("模都", "章節 Sections", "城市", "企業", "詳情 Details", "[原文]")
    assert terminal.alternate_screen()

    terminal.keys("2")
    terminal.keys("Enter")
    screen = terminal.wait_text(f"1/{total}", first.en)
    assert first.name in screen

    terminal.keys("n")
    terminal.wait_text(f"2/{total}")

    terminal.keys("/")
    terminal.wait_text("beijing / bj")  # the placeholder: the pack's most mentioned name
    terminal.type("hefei")
    screen = terminal.wait_text("合肥", "Hefei", "exact")
    terminal.keys("Enter")
    screen = terminal.wait_text(f"1/{hefei_total}", "hé féi")
    assert "合肥" in screen

    terminal.keys("t")
    screen = terminal.wait_text("[简体]", "安徽省会")  # Hefei's summary, now Simplified
    assert "企业" in screen and "安徽省會" not in screen

    terminal.keys("q")
    assert terminal.exit_status() == "EXIT=0"
    # The terminal is restored: the alternate screen is left and the reader is gone.
    assert not terminal.alternate_screen()
    assert "模都" not in terminal.screen()


def test_map_in_a_real_terminal(terminal: Terminal) -> None:
    """Key 9 draws the map: braille outlines, markers and the places' names, on the real screen
    (a wide character cut by a pane edge would show as blanks here, not in the widget)."""
    terminal.start()
    terminal.wait_text("模都", "城市", "地圖")
    terminal.keys("9")

    def drawn(screen: str) -> bool:
        return all(n in screen for n in ("北京", "上海", "合肥", "深圳")) and "⠀" in screen

    screen = terminal.wait_for(drawn, "the map")
    assert "●" in screen or "•" in screen
    terminal.keys("Enter")  # the cursor starts on the most mentioned place: 北京
    screen = terminal.wait_text("◉", "Beijing")
    terminal.keys("t")
    screen = terminal.wait_text("[简体]", "济南", "地图")
    assert "濟南" not in screen
    terminal.keys("q")
    assert terminal.exit_status() == "EXIT=0"


def test_starts_in_simplified(terminal: Terminal) -> None:
    terminal.start("--variant", "simplified")
    screen = terminal.wait_text("[简体]", "章节 Sections", "国家数据局")
    assert "國家數據局" not in screen and "章節" not in screen
    terminal.keys("q")
    assert terminal.exit_status() == "EXIT=0"
    assert not terminal.alternate_screen()


def test_markup_in_a_pack_shows_as_typed_on_the_real_screen(terminal: Terminal, tmp_path: Path) -> None:
    """Issue 8: an article containing `[red]x[/red]` shows those characters; nothing runs."""
    pack = tmp_path / "hostile"
    pack.mkdir()
    (pack / "index.yaml").write_text(
        "schema: 1\ntitle: 標題\narticle: article.md\nsource: test\nlanguage: zh-Hant\n"
        "regions:\n  - id: city\n    name: 甲城\n    en: City A\n    kind: city\n"
        "    lat: 1.0\n    lon: 2.0\n    summary: 摘要\n",
        "utf-8",
    )
    (pack / "article.md").write_text(
        "# 標題\n\n甲城的文字[red]x[/red]，還有[@click=app.quit]點我[/]和\x1b[31m紅色。\n", "utf-8"
    )
    terminal.start("--fresh", str(pack))
    screen = terminal.wait_text("[red]x[/red]", "app.quit]點我[/]")
    assert "\x1b" not in screen
    assert "␛[31m" in screen  # the escape character is shown, not obeyed
    terminal.keys("q")
    assert terminal.exit_status() == "EXIT=0"


def test_narrow_terminal_is_one_column_on_the_real_screen(terminal: Terminal) -> None:
    """At 60×20 the article has the width, ? and q stay on the key bar, and a pane key brings
    the panes up in its place; at 40×15 the same still works."""
    terminal.start("--fresh")
    terminal.wait_text("章節 Sections", "詳情 Details")
    for width, height in ((60, 20), (40, 15)):
        terminal.tmux("resize-window", "-t", terminal.target, "-x", str(width), "-y", str(height))
        screen = terminal.wait_for(lambda s: "詳情" not in s and "? 幫助" in s, "one column")
        assert "q 退出" in screen.splitlines()[-1]
        terminal.keys("3")
        terminal.wait_text("詳情 Details", "企")
        terminal.keys("0")
        terminal.wait_for(lambda s: "詳情" not in s, "the article back")
    terminal.keys("q")
    assert terminal.exit_status() == "EXIT=0"


def _reader_pid(terminal: Terminal) -> int:
    shell = terminal.tmux("display-message", "-p", "-t", terminal.target, "#{pane_pid}").strip()
    children = subprocess.run(["ps", "-o", "pid=", "--ppid", shell], capture_output=True, text=True).stdout
    (pid,) = children.split()
    return int(pid)


@pytest.mark.parametrize(("signame", "status"), [("SIGTERM", 143), ("SIGHUP", 129)])
def test_a_signal_restores_the_terminal_and_saves_the_state(
    terminal: Terminal, tmp_path: Path, signame: str, status: int
) -> None:
    import json
    import signal

    terminal.start()
    terminal.wait_text("章節 Sections", "詳情 Details")
    terminal.keys("2")
    terminal.keys("Enter")
    terminal.wait_text("1/")  # a selection, with its mention counter
    flags = "#{alternate_on} #{mouse_any_flag} #{cursor_flag}"
    assert terminal.tmux("display-message", "-p", "-t", terminal.target, flags).split() == ["1", "1", "0"]
    os.kill(_reader_pid(terminal), getattr(signal, signame))
    assert terminal.exit_status() == f"EXIT={status}"
    # Out of the alternate screen, mouse reporting off, the cursor shown again.
    assert terminal.tmux("display-message", "-p", "-t", terminal.target, flags).split() == ["0", "0", "1"]
    saved = json.loads((tmp_path / "xdg" / "state" / "mudu-tui" / "state.json").read_text("utf-8"))
    (entry,) = saved.values()
    assert entry["selected"]


def _tmux_width(line: str) -> int:
    """Columns tmux 3.3a gives ``line`` (measured: U+263A U+FE0F takes one column, as U+263A)."""
    import unicodedata

    width = 0
    for ch in line:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf") or ch in "\ufe0e\ufe0f":
            continue
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


def test_an_emoji_with_vs16_keeps_rows_aligned(terminal: Terminal, tmp_path: Path) -> None:
    """Issue 13: ☺️ counted two columns in the app and one in tmux, shifting its row."""
    pack = one_region_pack(tmp_path / "emoji", "笑☺️城", "笑☺️城是一個城市。", summary="有☺️的城市", en="Smile")
    terminal.start("--fresh", str(pack))
    terminal.wait_text("Smile", "詳情 Details")
    terminal.keys("2")
    terminal.keys("Enter")
    screen = terminal.wait_text("1/1", "的城市")
    # The details pane is the rightmost: its lines end with its border at column 120, those
    # holding the emoji too (the list's rows have no border to show it).
    lines = [line.rstrip() for line in screen.splitlines()]
    # (the sections pane may show the name too, in a row that ends in the tab strip's rule).
    details = [
        line
        for line in lines
        if line.endswith(("│", "╮")) and ("詳情" in line or "☺" in line and "││" in line)
    ]
    assert len(details) >= 4, "\n".join(lines)
    assert {_tmux_width(line) for line in details} == {120}, "\n".join(details)
    # ...and nothing of an earlier frame is left beside a shifted border.
    inside = [line.split("││", 1)[1] for line in details if "││" in line]
    assert all(part.count("│") == 1 and part.endswith("│") for part in inside), "\n".join(details)
    terminal.keys("q")
    assert terminal.exit_status() == "EXIT=0"


def test_a_reader_whose_terminal_vanishes_ends(tmp_path: Path) -> None:
    """The window closes (the tmux session is killed) just as the first screen shows: the
    reader gets SIGHUP with no terminal left to restore, saves its state and ends. Giving the
    terminal back once waited forever in 4 of 6 such runs, so three are tried."""
    for attempt in range(3):
        terminal = Terminal(tmp_path / f"run{attempt}")
        try:
            terminal.start()
            terminal.wait_text("章節 Sections", "詳情 Details")
            pid = _reader_pid(terminal)
            terminal.tmux("kill-session", "-t", terminal.target)
            deadline = time.monotonic() + TIMEOUT
            while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
                time.sleep(0.1)
            ended = not Path(f"/proc/{pid}").exists()
            if not ended:
                os.kill(pid, 9)  # leave nothing behind
            assert ended, f"the reader (pid {pid}) was still running {TIMEOUT} s after its terminal closed"
            assert (tmp_path / f"run{attempt}" / "xdg" / "state" / "mudu-tui" / "state.json").exists()
        finally:
            terminal.close()
