"""A running `mudu-tui serve`, for the web tests and `scripts/screenshots.py`.

`Served` starts the installed command on a free port with its own XDG and temporary folders,
reads the URL it prints, lists the reader processes it started and stops it with a signal.
`Screen` gathers what a browser page's terminal received over its websocket, as plain text.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from terminal import BIN

TIMEOUT = 60.0

#: Flags for the system Chromium: no sandbox (root, containers), and nothing that reaches out
#: to the network on its own.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

# CSI, OSC, DCS/APC/PM strings and two-character escapes: what a terminal obeys, not shows.
_ESCAPES = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[P^_X][^\x1b]*\x1b\\|[@-Z\\-_=>])"
)


def terminal_text(data: bytes) -> str:
    """What a terminal stream shows, with every escape sequence taken out."""
    return _ESCAPES.sub("", data.decode("utf-8", "replace"))


def chromium() -> str | None:
    """The system Chromium (``MUDU_TUI_CHROMIUM`` overrides), or None."""
    named = os.environ.get("MUDU_TUI_CHROMIUM")
    if named:
        return named if Path(named).exists() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def child_pids(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    children = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name in parentheses may hold spaces: the parent pid follows its end.
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid:
            children.add(int(entry.name))
    return children


def alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


class Served:
    """One `mudu-tui serve` process with private XDG, temp and cache folders under ``home``."""

    def __init__(self, home: Path, *arguments: str) -> None:
        self.home = home
        self.arguments = arguments
        self.env = dict(os.environ)
        for name in ("STATE", "CONFIG", "DATA", "CACHE"):
            self.env[f"XDG_{name}_HOME"] = str(home / "xdg" / name.lower())
        self.tmp = home / "tmp"
        self.tmp.mkdir(parents=True, exist_ok=True)
        self.env.update(TMPDIR=str(self.tmp), LANG="C.UTF-8", LC_ALL="C.UTF-8")
        self.process: subprocess.Popen[bytes] | None = None
        self.lines: list[str] = []
        self.url = ""

    @property
    def user_state(self) -> Path:
        """The state folder a terminal reader would use in this environment."""
        return Path(self.env["XDG_STATE_HOME"]) / "mudu-tui"

    @property
    def base(self) -> str:
        """``http://host:port`` without path or token."""
        return self.url.split("/?", 1)[0]

    @property
    def token(self) -> str:
        """The run's token, from the printed URL."""
        return self.url.rsplit("token=", 1)[1]

    @property
    def output(self) -> str:
        """Everything the server printed so far (stdout and stderr, interleaved)."""
        return "\n".join(self.lines)

    def _read(self, stream: Any) -> None:
        for raw in iter(stream.readline, b""):
            self.lines.append(raw.decode("utf-8", "replace").rstrip("\n"))

    def start(self) -> str:
        """Start the server on a free port; its URL once it listens."""
        command = [str(BIN), "serve", "--port", "0", *self.arguments]
        self.process = subprocess.Popen(
            command, env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for stream in (self.process.stdout, self.process.stderr):
            threading.Thread(target=self._read, args=(stream,), daemon=True).start()
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            found = re.search(r"http://\S+\?token=\S+", self.output)
            if found:
                self.url = found.group()
                return self.url
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"mudu-tui serve did not start; it printed:\n{self.output}")

    def readers(self) -> set[int]:
        """The reader processes the server is running now."""
        assert self.process is not None
        return {pid for pid in child_pids(self.process.pid) if alive(pid)}

    def wait_readers(self, count: int) -> set[int]:
        """Wait until exactly ``count`` readers run; their pids."""
        deadline = time.monotonic() + TIMEOUT
        while len(pids := self.readers()) != count:
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} readers, found {len(pids)}:\n{self.output}")
            time.sleep(0.05)
        return pids

    def wait_sessions_tidied(self) -> list[Path]:
        """Wait until no session's private folder is left (the server removes one just after
        its reader has ended); what is left at the deadline."""
        deadline = time.monotonic() + TIMEOUT
        while (left := list(self.tmp.glob("*/session-*"))) and time.monotonic() < deadline:
            time.sleep(0.05)
        return left

    def stop(self, sig: signal.Signals = signal.SIGTERM) -> int:
        """Send ``sig`` and wait for the server to exit; its exit status."""
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(sig)
        return self.process.wait(timeout=TIMEOUT)

    def close(self) -> None:
        """Make sure nothing is left running, whatever the test did."""
        if self.process is None:
            return
        readers = self.readers() if self.process.poll() is None else set()
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=TIMEOUT)
        for pid in readers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


class Screen:
    """What one page's terminal has received over its websocket."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.data = bytearray()
        self.close_reasons: list[str] = []
        page.on("websocket", self._watch)

    def _watch(self, websocket: Any) -> None:
        websocket.on("framereceived", self._frame)

    def _frame(self, payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            self.data += payload

    def mark(self) -> int:
        """Where the stream is now, for `text(since=...)`."""
        return len(self.data)

    def text(self, since: int = 0) -> str:
        """What arrived (after ``since``), as plain text."""
        return terminal_text(bytes(self.data[since:]))

    def wait_for(self, *texts: str, since: int = 0) -> str:
        """Wait until every one of ``texts`` has arrived (after ``since``); the text."""
        deadline = time.monotonic() + TIMEOUT
        text = ""
        while time.monotonic() < deadline:
            text = self.text(since)
            if all(t in text for t in texts):
                return text
            self.page.wait_for_timeout(100)  # lets Playwright deliver the frames meanwhile
        raise AssertionError(f"waited for {texts!r}; the terminal received:\n{text[-3000:]}")

    def press(self, key: str) -> int:
        """Type a key into the terminal; the stream's mark before it."""
        mark = self.mark()
        self.page.focus(".xterm-helper-textarea")
        self.page.keyboard.press(key)
        return mark
