"""What the reader has selected: the item, which of its mentions is current, and the way back."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Selection:
    """What is selected, which of its mentions is current, and the way back."""

    item: str | None = None
    current: int = 0
    history: list[tuple[str, int]] = field(default_factory=list)
    filtered: bool = False
