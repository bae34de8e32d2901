"""Problems a user can cause, each with a file, line and column where they exist."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")


def inert(text: str) -> str:
    """``text`` safe to print on one terminal line: control characters (ESC, OSC, newlines)
    and bidi overrides are written as escapes such as ``\\x1b`` or ``\\u202e``."""

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSAFE.sub(escape, text)


class Problem(NamedTuple):
    """One problem found in a pack: where it is and what is wrong."""

    path: Path
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.path.name
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        # Messages quote text from the pack; it must never act on the terminal.
        return inert(f"{where}: {self.message}")


class PackError(Exception):
    """A pack cannot be opened or fails validation; holds every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
