"""How the reader's process ends (mudu_tui/ending.py), each case in a child interpreter of its own:
a signal while the event loop is blocked, a signal the loop answers, threads left at the end."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

import pytest

#: Seconds to wait for a child to end before calling it hung (a hang, not a speed, is tested).
HUNG = 20.0


def _start(body: str) -> subprocess.Popen[str]:
    code = "import asyncio, os, queue, signal, sys, threading, time\n" + textwrap.dedent(body)
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"  # handlers are in place from here on
    return child


def _ended(child: subprocess.Popen[str]) -> tuple[int, str]:
    try:
        _, err = child.communicate(timeout=HUNG)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise AssertionError(f"the child was still running {HUNG} s later") from None
    return child.returncode, err


def test_a_hangup_ends_a_process_whose_loop_is_blocked() -> None:
    """Textual's shutdown once blocked the loop forever (a full output queue nobody emptied):
    the SIGHUP must end the process all the same, with 128 + 1."""
    child = _start(
        """
        from mudu_tui.ending import ending_on_signals

        async def main():
            with ending_on_signals(grace=0.2) as ending:
                ending.on_signal = lambda signum: print("answered on the loop", flush=True)
                full = queue.Queue(1)
                full.put("x")
                print("ready", flush=True)
                full.put("y")  # blocks the loop's only thread for good

        asyncio.run(main())
        """
    )
    child.send_signal(signal.SIGHUP)
    status, err = _ended(child)
    assert status == 128 + signal.SIGHUP, err


def test_a_signal_is_answered_on_the_running_loop() -> None:
    child = _start(
        """
        from mudu_tui.ending import ending_on_signals

        async def main():
            loop = asyncio.get_running_loop()
            stop = asyncio.Event()
            with ending_on_signals(grace=30) as ending:
                def answer(signum):
                    print("answered", signum, threading.current_thread() is threading.main_thread())
                    stop.set()
                ending.on_signal = answer
                print("ready", flush=True)
                await stop.wait()  # the loop sleeps in select() until the signal's callback
            sys.exit(3)

        asyncio.run(main())
        """
    )
    child.send_signal(signal.SIGTERM)
    status, err = _ended(child)
    assert status == 3, err  # ended by the callback, long before the 30 s watchdog


def test_handlers_are_put_back() -> None:
    from mudu_tui.ending import ENDING_SIGNALS, ending_on_signals

    before = [signal.getsignal(s) for s in ENDING_SIGNALS]
    with ending_on_signals():
        assert [signal.getsignal(s) for s in ENDING_SIGNALS] != before
    assert [signal.getsignal(s) for s in ENDING_SIGNALS] == before


def test_leave_ends_a_process_a_thread_would_keep_alive() -> None:
    """Textual's input thread once spun on the closed terminal's end-of-file for ever, and the
    interpreter waited for it at exit."""
    child = _start(
        """
        from mudu_tui.ending import leave

        threading.Thread(target=lambda: time.sleep(3600), daemon=False).start()
        print("ready", flush=True)
        leave(7, grace=0.1)
        print("not reached", flush=True)
        """
    )
    status, err = _ended(child)
    assert status == 7, err


def test_leave_returns_when_nothing_is_left() -> None:
    child = _start(
        """
        from mudu_tui.ending import leave

        worker = threading.Thread(target=lambda: time.sleep(0.05), daemon=False)
        worker.start()
        print("ready", flush=True)
        leave(7, grace=5)  # the worker ends within the grace: the process goes on
        sys.exit(0)
        """
    )
    status, err = _ended(child)
    assert status == 0, err


def test_the_reader_runs_with_the_handlers_and_puts_them_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """run_reader installs the ending for its run and restores it after."""
    from mudu_tui import runner
    from mudu_tui.ending import ENDING_SIGNALS

    before = [signal.getsignal(s) for s in ENDING_SIGNALS]
    seen: list[object] = []

    def run(*args: object, **kwargs: object) -> int:
        seen.append(signal.getsignal(signal.SIGHUP))
        return 0

    monkeypatch.setattr(runner, "_run", run)
    assert runner.run_reader(None, fresh=True, variant=None, headless=True) == 0
    assert seen and seen[0] not in before
    assert [signal.getsignal(s) for s in ENDING_SIGNALS] == before
