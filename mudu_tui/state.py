"""Remembered reading state per pack: variant, selection, focused pane, article position.

Stored as JSON under the user's state directory (platformdirs), keyed by the pack's path and
content hash, so an edited pack starts fresh. Written atomically. The file is untrusted input:
it is read only if it is a regular file of sane size (never blocking on a FIFO), nesting too
deep for the JSON parser counts as corrupt, each field is typed here and checked against the
pack and the panes in ``screens/restore.py``. Anything corrupt, unreadable or unwritable
never stops the reader: it starts fresh and says so once.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from .model.atomic import write_atomically
from .model.files import read_regular
from .model.script import VARIANTS, Variant
from .model.textfile import size_text

STATE_FILE = "state.json"
#: A state file is a few hundred bytes per pack; anything far larger is not ours.
MAX_STATE_BYTES = 1 << 20
#: Packs remembered: the most recently saved (so the file stays far below the limit).
KEEP_PACKS = 200


@dataclass
class ReadingState:
    """Where the reader was in one pack."""

    variant: Variant = "original"
    selected: str | None = None
    mention: int = 0
    focused: str | None = None
    top_paragraph: int = 0


def default_state_dir() -> Path:
    """The user's state directory for mudu-tui."""
    from platformdirs import user_state_path

    return user_state_path("mudu-tui", appauthor=False)


class StateStore:
    """Reads and writes the reading state of every pack in one JSON file."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = (folder or default_state_dir()) / STATE_FILE
        self.warning: str | None = None

    @staticmethod
    def key(pack_folder: Path, digest: str) -> str:
        """The key of a pack: its resolved folder and content hash."""
        return f"{pack_folder.resolve()}#{digest}"

    def _ignored(self, reason: str) -> dict[str, dict[str, object]]:
        self.warning = (
            f"記住的閱讀位置無法讀取，從頭開始 — remembered state ignored "
            f"({self.path}: {reason}); starting fresh"
        )
        return {}

    def _read_all(self) -> dict[str, dict[str, object]]:
        if not self.path.exists() and not self.path.is_symlink():
            return {}
        raw = read_regular(self.path, MAX_STATE_BYTES)
        if raw is None:
            return self._ignored(f"not a readable regular file of at most {size_text(MAX_STATE_BYTES)}")
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError) as exc:  # bad UTF-8, bad JSON, nested too deep
            return self._ignored(type(exc).__name__)
        if not isinstance(data, dict):
            return self._ignored("not a mapping")
        return data

    def load(self, key: str) -> ReadingState:
        """The state for ``key``, or the defaults (with :attr:`warning` set if the file was bad)."""
        entry = self._read_all().get(key)
        if not isinstance(entry, dict):
            return ReadingState()
        state = ReadingState()
        variant = entry.get("variant")
        if isinstance(variant, str) and variant in VARIANTS:
            state.variant = variant
        for name in ("selected", "focused"):
            value = entry.get(name)
            if isinstance(value, str):
                setattr(state, name, value)
        for name in ("top_paragraph", "mention"):
            value = entry.get(name)
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                setattr(state, name, value)
        return state

    def save(self, key: str, state: ReadingState) -> bool:
        """Write ``state`` for ``key`` atomically; False (and :attr:`warning`) if it cannot."""
        data = self._read_all() if self.warning is None else {}
        data.pop(key, None)  # re-inserted last: the most recently saved packs are kept
        data[key] = asdict(state)
        for old in list(data)[:-KEEP_PACKS]:
            del data[old]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(data, ensure_ascii=False, indent=1)
            write_atomically(self.path, text.encode("utf-8"), mode=0o600, sync=False)
        except OSError as exc:
            self.warning = (
                f"無法保存閱讀位置 — cannot save reading state ({self.path}: {exc.strerror or exc})"
            )
            return False
        return True
