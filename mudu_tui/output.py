"""What the command line writes: safe on a terminal, exact in a pipe or file, one line on error.

Text from a seed or a pack may hold escape sequences (``ESC[2J`` clears the screen). On a
terminal every control character is shown as a visible escape, as ``less`` does; a pipe or a
file gets the bytes exactly. A usage error is one line (argparse would echo a hostile file
name raw, under a usage block). A reader that closes the pipe early (``| head -1``) ends the
command quietly; a full disk is one line and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import NoReturn

from .model.safety import inert


class UsageError(Exception):
    """A bad command line; carries the one-line message to print."""


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one inert line and the exit is left to the caller."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(inert(f"{self.prog}: error: {' '.join(message.split())}"))


def for_terminal(text: str) -> str:
    """``text`` with control characters shown as escapes, line breaks kept."""
    return "\n".join(inert(line) for line in text.split("\n"))


def write_stdout(text: str) -> None:
    """Write ``text`` to standard output: exactly to a pipe or file, inert to a terminal."""
    if sys.stdout.isatty():
        text = for_terminal(text)
    sys.stdout.write(text)
    sys.stdout.flush()


def _discard_stdout() -> None:
    # What is still buffered would fail again when Python flushes at exit, with a traceback.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def finish_output(prog: str, command: Callable[[], int]) -> int:
    """Run ``command`` and flush what it wrote; its exit status.

    A closed pipe ends quietly with status 0 (the reader has all it wanted); any other
    failure of the system (a full disk) is one line on standard error and status 1.
    """
    try:
        status = command()
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        _discard_stdout()
        return 0
    except OSError as exc:
        _discard_stdout()
        where = f"{exc.filename}: " if exc.filename is not None else "cannot write output: "
        try:
            print(inert(f"{prog}: {where}{exc.strerror or exc}"), file=sys.stderr)
        except OSError:
            pass
        return 1
