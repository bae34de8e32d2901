"""A cache of parsed pack indexes, so a pack opens without PyYAML.

Parsing ``index.yaml`` is most of what opening a pack costs; the cache keeps what the
parse produced, as plain JSON, in the user's cache directory. An entry is written only
after its pack passed every check, and is used only while the index is byte for byte
what it was (its SHA-256 is in the entry's name and, with the format and the mudu-tui
version, inside it).

Anyone with the user's account can write there, so an entry is untrusted input: it is
JSON (nothing in it can run code when read, unlike a pickle), read only as a regular file
of bounded size, and what it holds goes through the same validation as `mudu-tui check`,
with the article as it is now. Anything foreign, stale, corrupt or invalid is ignored and
rebuilt from the pack. `mudu-tui check` never uses the cache.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import __version__
from .atomic import write_atomically
from .files import read_regular
from .located import Located
from .pack import Pack, build_pack, load_pack, parse_pack, resolve_pack_path
from .textfile import MAX_INDEX_BYTES

#: What the entries say they are; an entry saying anything else is someone else's.
_MAGIC = "mudu-tui-pack-cache"
_FORMAT = 5  # JSON of the parsed index (1-4 were pickles, never read again)
#: Entries kept: the most recently used; older ones (other packs, edited versions, older
#: mudu-tui releases) are deleted when a new entry is written.
KEEP_ENTRIES = 16
#: An entry is the index as JSON: never much larger than the index itself.
MAX_ENTRY_BYTES = 2 * MAX_INDEX_BYTES


def default_cache_dir() -> Path:
    """The user's cache directory for mudu-tui."""
    from platformdirs import user_cache_path

    return user_cache_path("mudu-tui", appauthor=False)


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _plain(value: object) -> str:
    # Unquoted YAML dates are the only non-JSON values a valid index holds; the validator
    # takes their ISO text as the same date.
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not plain data")


def _decode(index_bytes: bytes) -> str | None:
    try:
        return index_bytes.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError:
        return None


def _header(index_path: Path, digest: str) -> dict[str, Any]:
    """What an entry for this index and this mudu-tui must say about itself."""
    return {
        "format": _MAGIC,
        "version": _FORMAT,
        "generator": __version__,
        "index": str(index_path),
        "sha256": digest,
    }


def _read_entry(entry: Path, index_path: Path, digest: str) -> Any:
    """The parsed index an entry holds, or None if it is not a sound entry for this index."""
    raw = read_regular(entry, MAX_ENTRY_BYTES)
    if raw is None:
        return None
    try:
        value = json.loads(raw, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):  # ValueError covers bad UTF-8 and bad JSON
        return None
    expected = _header(index_path, digest)
    if not isinstance(value, dict) or set(value) != {*expected, "data"}:
        return None
    if any(value[key] != want for key, want in expected.items()):
        return None
    return value["data"]


def load_pack_cached(
    path: Path | None = None, cache_dir: Path | None = None, *, on_parse: Callable[[int], None] | None = None
) -> Pack:
    """:func:`load_pack`, without parsing the YAML again while the index has not changed
    (``on_parse`` is told the index's size in bytes when it is parsed after all)."""
    folder, index_path = resolve_pack_path(path)
    index_bytes = read_regular(index_path, MAX_INDEX_BYTES)
    text = None if index_bytes is None else _decode(index_bytes)
    if index_bytes is None or text is None:
        return load_pack(path)  # let the full loader say what is wrong
    cache_dir = cache_dir or default_cache_dir()
    resolved = index_path.resolve()
    digest = hashlib.sha256(index_bytes).hexdigest()
    key = hashlib.sha256(f"{_FORMAT}\0{__version__}\0{resolved}\0{digest}".encode()).hexdigest()
    entry = cache_dir / f"pack-{key[:40]}.json"
    data = _read_entry(entry, resolved, digest)
    if data is not None:
        try:
            pack = build_pack(folder, index_path, text, Located(data))
        except Exception:  # noqa: BLE001
            # Tampered with, or the article changed: whatever the entry provokes, the full
            # load below is what counts (and says what is wrong, if anything is).
            pass
        else:
            _touch(entry)
            return pack
    if on_parse is not None:
        on_parse(len(index_bytes))
    pack, parsed, doc = parse_pack(folder, index_path)
    if parsed == text:  # the entry is filed under the digest of what was parsed
        _write(entry, {**_header(resolved, digest), "data": doc.data})
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
    every release leaves one behind, and a large pack's entry runs to megabytes), and every
    entry of an older format."""
    try:
        for old in cache_dir.glob("pack-*.pickle"):
            old.unlink(missing_ok=True)
        entries = sorted(cache_dir.glob("pack-*.json"), key=lambda path: path.stat().st_mtime, reverse=True)
        for old in entries[keep:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _write(entry: Path, value: dict[str, Any]) -> None:
    """Write an entry atomically; a cache that cannot be written is no error."""
    try:
        data = json.dumps(value, ensure_ascii=False, allow_nan=False, default=_plain).encode("utf-8")
        entry.parent.mkdir(parents=True, exist_ok=True)
        # No fsync: a cache entry lost in a power cut is simply rebuilt.
        write_atomically(entry, data, mode=0o600, sync=False)
    except (OSError, TypeError, ValueError):
        pass
