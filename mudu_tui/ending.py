"""How the reader's process ends: on SIGTERM or SIGHUP (a closed window) whatever the event
loop is doing at that moment, and at once when the reader is done, never waiting on a thread
that cannot finish.

Two ways a reader used to outlive its terminal, both seen with tmux sessions killed at start-up
or just after `q`:

- Textual's shutdown blocked in the main thread, writing the terminal's reset codes to an output
  queue nobody emptied any more. The event loop could not run, so a handler registered with
  ``loop.add_signal_handler`` (which only runs on the loop) never ran: SIGHUP was lost and the
  process waited forever. A handler set with :func:`signal.signal` runs in the main thread even
  while it waits on a lock, so it can start the watchdog that ends the process.
- ``App.run`` returned, and the interpreter waited at exit for a thread that was never told to
  stop: Textual's input thread, reading end-of-file from the closed terminal in a loop at 100%
  CPU; or a background build (search keys, conversions) that had seconds left. The reader's
  state is saved by then and nothing else is being written, so :func:`leave` ends the process.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

#: The signals that end the reader as `q` does (the state saved, the terminal given back).
ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
#: Seconds a signalled reader has to restore the terminal and end before it is ended anyway.
EXIT_GRACE = 2.0
#: Seconds the threads left when the reader is done get to end by themselves.
THREAD_GRACE = 0.5


class Ending:
    """The reader's signal handlers and watchdog for one run.

    ``on_signal`` is called on the event loop that is running when the signal comes (the app
    sets it once it is running); the watchdog starts at the signal itself, so the process ends
    within :data:`EXIT_GRACE` even if that loop never gets to run it."""

    def __init__(self, grace: float = EXIT_GRACE) -> None:
        self.grace = grace
        self.on_signal: Callable[[int], None] | None = None
        self._watchdog: threading.Timer | None = None
        self._previous: dict[int, Any] = {}

    def install(self) -> None:
        """Handle :data:`ENDING_SIGNALS` (main thread only: elsewhere nothing is changed)."""
        if threading.current_thread() is not threading.main_thread():
            return
        for signum in ENDING_SIGNALS:
            self._previous[signum] = signal.signal(signum, self._handle)

    def restore(self) -> None:
        """Put back the handlers :meth:`install` replaced."""
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.start_watchdog(128 + signum)
        callback = self.on_signal
        if callback is None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no loop is running (yet, or any more): the watchdog ends it
            return
        # Thread-safe, so a loop asleep in select() is woken to run it.
        loop.call_soon_threadsafe(callback, signum)

    def start_watchdog(self, status: int) -> None:
        """End the process with ``status`` after the grace period, unless it has ended."""
        if self._watchdog is None:
            self._watchdog = threading.Timer(self.grace, _end_now, args=(status,))
            self._watchdog.daemon = True
            self._watchdog.start()


@contextmanager
def ending_on_signals(grace: float = EXIT_GRACE) -> Iterator[Ending]:
    """:class:`Ending` installed for the body, restored after it however it ends."""
    ending = Ending(grace)
    ending.install()
    try:
        yield ending
    finally:
        ending.restore()


def lingering_threads() -> list[threading.Thread]:
    """Threads the interpreter would wait for at exit (not daemons, still running)."""
    main = threading.main_thread()
    return [t for t in threading.enumerate() if t is not main and not t.daemon and t.is_alive()]


def leave(status: int, grace: float = THREAD_GRACE) -> None:
    """The reader is done: if threads are still running after ``grace`` seconds, end the
    process with ``status`` now rather than wait for them."""
    threads = lingering_threads()
    if not threads:
        return
    deadline = time.monotonic() + grace
    for thread in threads:
        thread.join(max(deadline - time.monotonic(), 0.0))
    if lingering_threads():
        _end_now(status)


def _end_now(status: int) -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # the terminal has gone, or the stream is closed
            pass
    os._exit(status)
