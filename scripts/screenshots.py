"""`make screenshots`: the README's pictures of the reader, made from the installed app.

- ``docs/browser.png``: `mudu-tui serve` in the system Chromium (through Playwright, no browser
  download), with the first city selected.
- the README's text captures: the reader in tmux at each capture's size, same keys, read back
  with capture-pane and written between the README's ``<!-- capture NAME WxH -->`` and
  ``<!-- /capture -->`` markers.

Everything runs with private XDG folders, so the user's cache and reading state are untouched.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from served import CHROMIUM_ARGS, Screen, Served, chromium  # noqa: E402
from terminal import Terminal  # noqa: E402

from mudu_tui.model.pack import load_pack  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize

README = ROOT / "README.md"
PNG = ROOT / "docs" / "browser.png"
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
#: The keys every picture is taken after: the cities pane, its first entry selected.
KEYS = ("2", "Enter")
CAPTURE = re.compile(r"(<!-- capture (\S+) (\d+)x(\d+) -->\n```\n)(.*?)(```\n<!-- /capture -->)", re.S)


def counter() -> str:
    """What the status line shows once the first city is selected."""
    pack = load_pack(None)
    first = pack.index.of_kind("regions")[0]
    return f"1/{len(pack.mentions_of(first.id))}"


def browser_png(work: Path, expected: str) -> None:
    from playwright.sync_api import sync_playwright

    path = chromium()
    if path is None:
        raise SystemExit("no system Chromium: apt-get install chromium (or set MUDU_TUI_CHROMIUM)")
    server = Served(work / "serve")
    server.start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=path, args=list(CHROMIUM_ARGS))
            page = browser.new_page(viewport=VIEWPORT)
            screen = Screen(page)
            page.goto(server.url)
            screen.wait_for("[原文]")
            mark = screen.mark()
            for key in KEYS:
                screen.press(key)
            screen.wait_for(expected, since=mark)
            page.wait_for_timeout(1000)  # the last frames reach the canvas
            PNG.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(PNG))
            browser.close()
        server.stop()
    finally:
        server.close()
    print(f"wrote {PNG.relative_to(ROOT)}")


def text_capture(work: Path, size: tuple[int, int], expected: str) -> str:
    terminal = Terminal(work)
    try:
        terminal.start("--fresh", size=size)
        terminal.wait_text("[原文]")
        for key in KEYS:
            terminal.keys(key)
        screen = terminal.wait_text(expected)
        while True:  # the article may still be scrolling to the mention: wait for a still screen
            time.sleep(0.5)
            later = terminal.screen()
            if later == screen:
                break
            screen = later
        terminal.keys("q")
        terminal.exit_status()
    finally:
        terminal.close()
    return "".join(line.rstrip() + "\n" for line in screen.rstrip("\n").split("\n"))


def refresh_readme(work: Path, expected: str) -> None:
    text = README.read_text("utf-8")

    def replace(match: re.Match[str]) -> str:
        size = (int(match.group(3)), int(match.group(4)))
        folder = work / match.group(2)
        folder.mkdir()
        print(f"capturing {match.group(2)} at {size[0]}x{size[1]}")
        return match.group(1) + text_capture(folder, size, expected) + match.group(6)

    refreshed, count = CAPTURE.subn(replace, text)
    if count == 0:
        raise SystemExit("README.md has no <!-- capture NAME WxH --> blocks")
    README.write_text(refreshed, "utf-8")
    print(f"refreshed {count} text capture{'s' if count != 1 else ''} in README.md")


def main() -> int:
    expected = counter()
    with tempfile.TemporaryDirectory(prefix="mudu-screenshots-") as folder:
        work = Path(folder)
        browser_png(work, expected)
        refresh_readme(work, expected)
    return 0


if __name__ == "__main__":
    sys.exit(main())
