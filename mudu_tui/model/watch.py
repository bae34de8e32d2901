"""Noticing that a pack's files changed on disk, for ``mudu-tui PACK --watch``.

Pure and cheap: a signature of each file (size and modification time, in nanoseconds) is
compared with the last one seen. Editors that save by renaming a new file into place change
the signature too; a file that vanishes for a moment while being saved reads as changed.
"""

from __future__ import annotations

from pathlib import Path

Signature = tuple[tuple[str, int, int], ...]


def signature(paths: list[Path]) -> Signature:
    """Size and modification time of each of ``paths`` (-1, -1 for one that is missing)."""
    out = []
    for path in paths:
        try:
            stat = path.stat()
            out.append((str(path), stat.st_size, stat.st_mtime_ns))
        except OSError:
            out.append((str(path), -1, -1))
    return tuple(out)


class PackWatcher:
    """Tells whether the index or the article has changed since it last looked."""

    def __init__(self, index: Path, article: Path) -> None:
        self.index = index
        self.article = article
        self._seen = signature([index, article])

    def follow(self, article: Path) -> None:
        """Watch ``article`` from now on (the index may name another file)."""
        self.article = article
        self._seen = signature([self.index, article])

    def changed(self) -> bool:
        """True once for each change of either file."""
        now = signature([self.index, self.article])
        if now == self._seen:
            return False
        self._seen = now
        return True
