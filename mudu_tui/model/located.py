"""A loaded document with the position of every value: what validation reports against.

Kept apart from the YAML loader so a pack read back from the cache (JSON, no positions) is
validated by the same code without importing PyYAML.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Path_ = tuple[str | int, ...]


@dataclass
class Located:
    """A loaded document and where its values stand: (line, column), 1-based, from ``marks``
    or, for a parsed file, looked up by ``locate`` when asked (only problems ask)."""

    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    locate: Callable[[Path_], tuple[int, int] | None] | None = None

    def where(self, path: Path_) -> tuple[int, int] | None:
        """The position of ``path`` or of its nearest ancestor that has one."""
        while True:
            found = self.marks.get(path)
            if found is None and self.locate is not None:
                found = self.locate(path)
            if found is not None or not path:
                return found
            path = path[:-1]
