"""A real terminal for end-to-end tests and `scripts/screenshots.py`: the installed `mudu-tui`
in tmux, on its own server socket (no user session is touched), read back with capture-pane."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

BIN = Path(sys.executable).parent / "mudu-tui"
TIMEOUT = 20.0


class Terminal:
    """One tmux server and session running a command; read and type into it."""

    def __init__(self, tmp_path: Path) -> None:
        self.socket = f"mudu-e2e-{uuid.uuid4().hex[:12]}"
        self.target = "reader"
        self.exit_file = tmp_path / "exit-status"
        self.env = dict(os.environ)
        for name in ("STATE", "CONFIG", "DATA", "CACHE"):
            self.env[f"XDG_{name}_HOME"] = str(tmp_path / "xdg" / name.lower())
        self.env.update(LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm-256color")
        for name in ("COLUMNS", "LINES", "TEXTUAL", "NO_COLOR"):
            self.env.pop(name, None)

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-u", "-L", self.socket, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        return result.stdout

    def start(self, *arguments: str, size: tuple[int, int] = (120, 40)) -> None:
        command = " ".join(shlex.quote(a) for a in (str(BIN), *arguments))
        shell = f"{command}; echo EXIT=$? > {shlex.quote(str(self.exit_file))}; sleep 5"
        xdg = [f"{k}={v}" for k, v in self.env.items() if k.startswith("XDG_") or k in ("LANG", "LC_ALL")]
        env_flags = [flag for pair in xdg for flag in ("-e", pair)]
        width, height = (str(n) for n in size)
        self.tmux("new-session", "-d", "-s", self.target, "-x", width, "-y", height, *env_flags, shell)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.target)

    def wait_for(self, check: Callable[[str], bool], what: str, timeout: float = TIMEOUT) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; the screen was:\n{screen}")

    def wait_text(self, *texts: str) -> str:
        return self.wait_for(lambda s: all(t in s for t in texts), " and ".join(map(repr, texts)))

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.target, *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.target, "-l", text)

    def alternate_screen(self) -> bool:
        return self.tmux("display-message", "-p", "-t", self.target, "#{alternate_on}").strip() == "1"

    def exit_status(self, timeout: float = TIMEOUT) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.exit_file.exists() and self.exit_file.read_text().strip():
                return self.exit_file.read_text().strip()
            time.sleep(0.1)
        raise AssertionError(f"mudu-tui did not exit; the screen was:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(
            ["tmux", "-L", self.socket, "kill-server"], env=self.env, capture_output=True, timeout=10
        )
