"""End to end in a real browser: `mudu-tui serve` driven by the system Chromium through
Playwright, checking what each page's terminal receives over its websocket.

No browser is ever downloaded: Playwright launches the Chromium that .ci/run installs with
apt-get (``MUDU_TUI_CHROMIUM`` names another). Where either is missing the tests are skipped
with the reason (`make test` prints skip reasons).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from served import CHROMIUM_ARGS, Screen, Served, chromium
from terminal import BIN

pytestmark = pytest.mark.e2e

pytest.importorskip("textual_serve", reason="the web extra is not installed: pip install -e '.[web]'")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (the test extra)")
CHROMIUM = chromium()
if CHROMIUM is None:
    pytest.skip(
        "no system Chromium (apt-get install chromium, or set MUDU_TUI_CHROMIUM)", allow_module_level=True
    )
if not BIN.exists():
    pytest.skip(f"the mudu-tui console script is not next to {sys.executable}", allow_module_level=True)

VIEWPORT = {"width": 1280, "height": 800}  # about 133×38 cells: the wide layout


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Served]:
    served = Served(tmp_path, "--max-sessions", "2")
    served.start()
    try:
        yield served
    finally:
        served.close()


def test_reader_in_a_browser(browser: Any, server: Served, bundled_pack: Any) -> None:
    from mudu_tui.model.script import convert

    title = bundled_pack.index.title
    first = bundled_pack.index.of_kind("regions")[0]
    total = len(bundled_pack.mentions_of(first.id))
    context = browser.new_context(viewport=VIEWPORT)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))

    # The article arrives, in the script it is published in.
    page = context.new_page()
    screen = Screen(page)
    page.goto(server.url)
    screen.wait_for(title, "[原文]", "章節 Sections")
    server.wait_readers(1)

    # `t` typed in the page brings Simplified text.
    simplified = convert(title, "simplified")
    assert simplified != title
    mark = screen.press("t")
    screen.wait_for("[简体]", simplified, since=mark)

    # `2` then Enter selects the first city: the mention counter and its English name arrive.
    screen.press("2")
    mark = screen.press("Enter")
    screen.wait_for(f"1/{total}", first.en, since=mark)

    # A second tab has its own reader: a new process, starting in the published script.
    other = context.new_page()
    other_screen = Screen(other)
    other.goto(server.url)
    other_screen.wait_for(title, "[原文]")
    assert len(server.wait_readers(2)) == 2

    # A third tab is over the cap of 2: its page says so, and there is no third reader.
    third = context.new_page()
    third.goto(server.url)
    third.wait_for_selector("text=Every reading session (2 at once) is in use")
    assert len(server.readers()) == 2

    # Reloading a tab at the cap brings its reader back (a new one), not the busy message.
    mark = other_screen.mark()
    other.reload()
    other_screen.wait_for(title, "[原文]", since=mark)
    assert len(server.wait_readers(2)) == 2

    # Everything the pages loaded came from the server itself.
    assert requested and all(url.startswith(server.base) for url in requested), requested

    # Closing a tab ends its reader; the other reads on.
    other.close()
    server.wait_readers(1)
    mark = screen.press("n")
    screen.wait_for(f"2/{total}", since=mark)
    context.close()
    server.wait_readers(0)
    assert server.stop() == 0


def test_the_page_says_why_its_session_closed(browser: Any, server: Served) -> None:
    page = browser.new_page(viewport=VIEWPORT)
    screen = Screen(page)
    page.goto(server.url)
    screen.wait_for("[原文]")
    assert server.stop() == 0
    page.wait_for_selector("body.-closed .closed")
    assert page.inner_text("#closed-reason") == "The server has stopped.", server.output


def test_chinese_is_drawn_from_a_local_cjk_font(browser: Any, server: Served) -> None:
    """The page's CJK faces name fonts on the viewer's machine (here Debian's fonts-noto-cjk);
    each weight's face must load, so no character falls back to whatever the system picks."""
    if not subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout.strip():
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    page = browser.new_page(viewport=VIEWPORT)
    screen = Screen(page)
    page.goto(server.url)
    screen.wait_for("[原文]")
    faces = page.evaluate(
        """async () => {
            for (const weight of ["normal", "bold"]) {
                await document.fonts.load(`${weight} 16px "Roboto Mono"`, "中W");
            }
            return [...document.fonts].map((face) => `${face.weight} ${face.status}`);
        }"""
    )
    assert len(faces) == 4 and all(face.endswith(" loaded") for face in faces), faces
    page.close()
