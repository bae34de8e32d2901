"""The one way mudu-tui writes a file: whole or not at all.

Exports, the reading state and the pack cache all go through :func:`write_atomically`:
a temporary file in the same folder, flushed to disk, then ``os.replace``. A reader of the
file (another mudu-tui, a crash half-way) sees the old file or the new one, never half.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes, *, mode: int | None = None, sync: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically; the temporary file is removed on failure.

    ``mode`` sets the file's permissions; without it an existing file keeps its own and a new
    one gets the usual ones (0666 less the umask). ``sync`` waits for the disk before the
    rename, so even a power cut leaves one whole file; files written on every selection (the
    reading state) skip it, as a lost write there costs nothing. Errors are the caller's.
    """
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
    # A short temporary name whatever ``path``'s is: a name already at the system's limit
    # (255 bytes on most file systems) must still work.
    fd, tmp_name = tempfile.mkstemp(prefix=".mudu-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
