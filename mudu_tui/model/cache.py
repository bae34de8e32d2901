"""A cache of validated packs, so a large pack opens without parsing and checking it again.

An entry is written only after a pack passed every check, and it is used only while both
its files are byte for byte what they were (SHA-256 of each) and mudu-tui is the same
version. The entries live in the user's cache directory and are pickles mudu-tui wrote
itself; anything unreadable there is ignored and replaced. `mudu-tui check` never uses it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from .. import __version__
from .atomic import write_atomically
from .pack import Pack, load_pack, resolve_pack_path
from .textfile import MAX_ARTICLE_BYTES, MAX_INDEX_BYTES

_FORMAT = 4  # 2: named tuples; 3: the index's script rules; 4: charts, sections, warnings
#: Entries kept: the most recently used; older ones (other packs, edited versions, older
#: mudu-tui releases) are deleted when a new entry is written.
KEEP_ENTRIES = 16


def default_cache_dir() -> Path:
    """The user's cache directory for mudu-tui."""
    from platformdirs import user_cache_path

    return user_cache_path("mudu-tui", appauthor=False)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read(path: Path, limit: int) -> bytes | None:
    try:
        if not path.is_file() or path.stat().st_size > limit:
            return None
        return path.read_bytes()
    except OSError:
        return None


def load_pack_cached(path: Path | None = None, cache_dir: Path | None = None) -> Pack:
    """:func:`load_pack`, answered from the cache when the pack has not changed."""
    folder, index_path = resolve_pack_path(path)
    index_bytes = _read(index_path, MAX_INDEX_BYTES)
    if index_bytes is None:
        return load_pack(path)  # let the full loader say what is wrong
    cache_dir = cache_dir or default_cache_dir()
    key = _digest(f"{_FORMAT}\0{__version__}\0{index_path.resolve()}\0".encode() + index_bytes)
    entry = cache_dir / f"pack-{key[:40]}.pickle"
    try:
        with entry.open("rb") as handle:
            article_name, article_digest, pack = pickle.load(handle)
        article_bytes = _read(folder / article_name, MAX_ARTICLE_BYTES)
        if isinstance(pack, Pack) and article_bytes is not None and _digest(article_bytes) == article_digest:
            _touch(entry)
            return pack
    except Exception:  # a missing, truncated or foreign entry is simply rebuilt
        pass
    pack = load_pack(path)
    article_bytes = _read(folder / pack.index.article, MAX_ARTICLE_BYTES)
    if article_bytes is not None:
        _write(entry, (pack.index.article, _digest(article_bytes), pack))
        _prune(cache_dir, KEEP_ENTRIES)
    return pack


def _touch(entry: Path) -> None:
    """Mark an entry as used now, so pruning keeps it."""
    try:
        os.utime(entry)
    except OSError:
        pass


def _prune(cache_dir: Path, keep: int) -> None:
    """Delete all but the ``keep`` most recently used entries (every edit of a pack and
    every release leaves one behind, and a large pack's entry runs to megabytes)."""
    try:
        entries = sorted(cache_dir.glob("pack-*.pickle"), key=lambda path: path.stat().st_mtime, reverse=True)
        for old in entries[keep:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _write(entry: Path, value: object) -> None:
    """Write an entry atomically; a cache that cannot be written is no error."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        write_atomically(entry, data, mode=0o600, sync=False)  # a lost entry is only rebuilt
    except (OSError, pickle.PicklingError):
        pass
