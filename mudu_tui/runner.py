"""Running the reader from the command line: pack errors, crashes and the terminal."""

from __future__ import annotations

import gc
import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .ending import Ending, ending_on_signals
from .model.errors import PackError
from .model.script import Variant

if TYPE_CHECKING:
    from .model.pack import Pack


def crash_log_dir() -> Path:
    """Where full crash logs go: the user's state directory."""
    from platformdirs import user_state_path

    return user_state_path("mudu-tui", appauthor=False)


def write_crash_log(text: str) -> Path | None:
    """Write a crash log and return its path (None if even that fails)."""
    try:
        folder = crash_log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S-%f}.log"
        path.write_text(text, "utf-8")
        return path
    except OSError:
        return None


def _summary(report: str) -> str:
    """The last line of a traceback that names the exception (``ValueError: boom``).

    Textual shows the error that ended the app and then its own footnote ("NOTE: 1 of 2
    errors shown…"), which names no exception and is passed over."""
    lines = [line.strip(" │╰╯─") for line in report.splitlines()]
    lines = [line for line in lines if line and not line.startswith("NOTE:")]
    for line in reversed(lines):
        head = line.split(":", 1)[0]
        if head.replace(".", "").isidentifier() and (head.endswith(("Error", "Exception")) or ":" in line):
            return line
    return lines[-1] if lines else "unknown error"


class Tuning(NamedTuple):
    """Process-wide interpreter settings the reader runs under, each worth its measured gain
    (benchmarks/alternatives.py, figures in benchmarks/RESULTS.md; a tweak worth under 5 ms
    is not made: freezing again after the warm-up saved 1.5 ms a full collection, so it went)."""

    hold_collection: bool = True
    """No garbage collection until the first frame is out, then freeze what exists (never
    scanned again). Start-up builds many long-lived objects (the pack, Textual's modules and
    widgets). Gain: 23.5 ms of CPU to the first screen (median of 20 paired launches)."""

    switch_interval: float | None = 0.001
    """The GIL switch interval. Textual writes each frame from its own thread, which must win
    the GIL from the event loop: at the default 5 ms a finished frame waited 6-12 ms to reach
    the terminal while the loop kept working; at 1 ms, 2-3 ms. Gain: 22.6 ms to the first
    screen in tmux (median of 20 paired launches on a heavily loaded machine, so uncertain)."""


class TunedInterpreter:
    """The interpreter while the reader runs; :meth:`first_frame_out` is the app's cue."""

    def __init__(self, tuning: Tuning) -> None:
        self.tuning = tuning
        self._holding = False

    def first_frame_out(self) -> None:
        """The first frame is on screen: freeze what start-up built, collect again."""
        if self._holding:
            self._holding = False
            gc.freeze()
            gc.enable()


@contextmanager
def tuned_interpreter(tuning: Tuning | None = None) -> Iterator[TunedInterpreter]:
    """The interpreter set up for an interactive reader (the benchmark uses it too), and put
    back exactly as it was when the reader ends, however it ends."""
    tuning = tuning or Tuning()
    tuned = TunedInterpreter(tuning)
    collecting = gc.isenabled()
    interval = sys.getswitchinterval()
    if tuning.hold_collection and collecting:
        gc.disable()
        tuned._holding = True
    if tuning.switch_interval is not None:
        sys.setswitchinterval(tuning.switch_interval)
    try:
        yield tuned
    finally:
        tuned._holding = False
        sys.setswitchinterval(interval)
        gc.unfreeze()
        if collecting:
            gc.enable()


def run_reader(
    pack_path: Path | None,
    *,
    fresh: bool,
    variant: Variant | None,
    headless: bool = False,
    tuning: Tuning | None = None,
    watch: bool = False,
) -> int:
    """Open the reader on a pack; print clear errors (exit 1) if the pack fails its check
    (``watch``: reload it when its files change).

    If the app fails unexpectedly, Textual restores the terminal; its traceback goes to a
    log under the user's state directory and one line says what happened and where.
    """
    with tuned_interpreter(tuning) as tuned, ending_on_signals() as ending:
        return _run(
            pack_path,
            fresh=fresh,
            variant=variant,
            headless=headless,
            tuned=tuned,
            ending=ending,
            watch=watch,
        )


def load_or_report(pack_path: Path | None) -> Pack | None:
    """The pack, validated (and cached); or None once its problems are printed, one a line."""
    from .model.cache import load_pack_cached

    try:
        return load_pack_cached(pack_path, on_parse=_say_parsing)
    except PackError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return None


#: An index this large takes a second or more to parse and check the first time (about 9 µs
#: a YAML value: 2.4 s for 50,000 entities); the terminal says why it waits.
SAY_PARSING_BYTES = 1024 * 1024


def _say_parsing(size: int) -> None:
    if size >= SAY_PARSING_BYTES and sys.stderr.isatty():
        from .model.textfile import size_text

        print(
            f"mudu-tui: checking the index ({size_text(size)}) once; later starts read it from the cache",
            file=sys.stderr,
        )


def _run(
    pack_path: Path | None,
    *,
    fresh: bool,
    variant: Variant | None,
    headless: bool,
    tuned: TunedInterpreter,
    ending: Ending,
    watch: bool = False,
) -> int:
    pack = load_or_report(pack_path)
    if pack is None:
        return 1
    from rich.console import Console

    from .app import MuduApp
    from .state import StateStore

    state = None if fresh else StateStore()
    watched = (pack_path or pack.folder) if watch else False
    app = MuduApp(
        pack, variant=variant, state=state, on_first_frame=tuned.first_frame_out, ending=ending, watch=watched
    )
    report = io.StringIO()
    # Textual prints a crash's traceback on this console once the terminal is restored.
    app.error_console = Console(file=report, width=120, color_system=None, markup=False, highlight=False)
    try:
        app.run(headless=headless)
    except Exception as exc:  # raised outside Textual's own handling
        import traceback

        report.write("".join(traceback.format_exception(exc)))
    text = report.getvalue()
    if text.strip():
        log = write_crash_log(text)
        where = f"; full log: {log}" if log else ""
        print(f"mudu-tui crashed: {_summary(text)}{where}", file=sys.stderr)
        return app.return_code or 2
    return app.return_code or 0
