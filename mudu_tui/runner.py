"""Running the reader from the command line: pack errors, crashes and the terminal."""

from __future__ import annotations

import sys
import traceback
from datetime import datetime
from pathlib import Path

from .model.errors import PackError
from .model.script import Variant


def crash_log_dir() -> Path:
    """Where full crash logs go: the user's state directory."""
    from platformdirs import user_state_path

    return user_state_path("mudu-tui", ensure_exists=False)


def write_crash_log(exc: BaseException) -> Path | None:
    """Write a crash log and return its path (None if even that fails)."""
    try:
        folder = crash_log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S}.log"
        path.write_text("".join(traceback.format_exception(exc)), "utf-8")
        return path
    except OSError:
        return None


def run_reader(pack_path: Path | None, *, fresh: bool, variant: Variant | None) -> int:
    """Open the reader on a pack; print clear errors (exit 1) if the pack fails its check."""
    from .model.pack import load_pack

    try:
        pack = load_pack(pack_path)
    except PackError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    from .app import MuduApp
    from .state import StateStore

    app = MuduApp(pack, variant=variant, state=None if fresh else StateStore())
    try:
        app.run()
    except Exception as exc:  # the terminal is restored by Textual before we get here
        log = write_crash_log(exc)
        where = f"; full log: {log}" if log else ""
        print(f"mudu-tui crashed: {type(exc).__name__}: {exc}{where}", file=sys.stderr)
        return 2
    if app.return_code not in (0, None):
        log = None
        return app.return_code or 1
    return 0
