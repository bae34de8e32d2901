"""Files on disk the app does not own: bounded, non-blocking reads and the user's output file.

Everything mudu-tui reads back (its cache, its state) can be edited by anyone with the user's
account, so it is read as untrusted: only a regular file, only up to a size limit, opened
without blocking (a FIFO put in its place must not hang the reader). `export -o` writes
through :func:`write_output`: a regular file through ``atomic.write_atomically``, a device or
a FIFO written through, as ``sort -o`` does.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .atomic import write_atomically


def read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes, else None.

    ``O_NONBLOCK`` makes opening a FIFO return at once (a plain open would wait for a
    writer); the type and size are then checked on the open descriptor, so a file swapped
    in between cannot slip past the checks.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError):  # ValueError: a NUL in the name
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks = []
        remaining = limit + 1  # one byte more than allowed shows a file that grew meanwhile
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        return data if len(data) <= limit else None
    except OSError:
        return None
    finally:
        os.close(fd)


def _is_kernel_path(real: str) -> bool:
    # /dev/stdout resolves to /proc/<pid>/fd/1, which may name a pipe, a terminal or a file the
    # shell opened: replacing what it resolves to would lose the output.
    return real == "/dev" or real.startswith(("/dev/", "/proc/"))


def write_output(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` as a user's output file; OSError if it cannot.

    A regular file (or a new one) is replaced atomically; through a symlink, the link stays and
    its target gets the content. A FIFO, a device, or anything under /dev or /proc
    (``/dev/stdout``, ``/dev/null``) is opened and written through, as ``sort -o`` does: it
    cannot be replaced without breaking what it is.
    """
    real = os.path.realpath(path)
    try:
        info: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        info = None
    if _is_kernel_path(real) or (info is not None and not stat.S_ISREG(info.st_mode)):
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        with open(path, "wb") as handle:
            handle.write(data)
        return
    write_atomically(Path(real), data)
