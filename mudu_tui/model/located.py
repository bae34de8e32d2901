"""A loaded document with the position of every value: what validation reports against.

Kept apart from the YAML loader so a pack read back from the cache (JSON, no positions) is
validated by the same code without importing PyYAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Path_ = tuple[str | int, ...]


@dataclass
class Located:
    """A loaded document and the (line, column) of every key path in it, 1-based."""

    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_) -> tuple[int, int] | None:
        """The position of ``path`` or of its nearest ancestor that has one."""
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), None)
