"""Problems a user can cause, each with a file, line and column where they exist."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .safety import inert


class Problem(NamedTuple):
    """One problem found in a pack: where it is and what is wrong."""

    path: Path
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = str(self.path)  # as the user gave it: `mypack/index.yaml`, not `index.yaml`
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
