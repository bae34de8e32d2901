"""The author's loop (``--watch``): reload the pack when its files change, keeping the
reader's place, and show ``check``'s problems in a panel instead of exiting.

The app polls (twice a second) rather than subscribing to file-system events: it needs no
extra dependency, behaves the same on every platform, and a poll costs two ``stat`` calls.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from .model.errors import PackError
from .model.pack import Pack, load_pack, resolve_pack_path
from .model.watch import PackWatcher


class Host(Protocol):
    """What the reloader needs of the app (the app imports this module, not the other way)."""

    pack: Pack

    def set_interval(self, interval: float, callback: Callable[[], Any], *, name: str | None = None) -> Any:
        """Call ``callback`` every ``interval`` seconds."""
        ...

    def replace_pack(self, pack: Pack) -> None:
        """Show the reloaded pack where the reader was."""
        ...

    def show_pack_problems(self, problems: list[str]) -> None:
        """List check's problems over the reader."""
        ...


#: Seconds between two looks at the pack's files.
POLL_SECONDS = 0.5


class Reloader:
    """Watches one pack for the app; on a change, reloads it or shows why it cannot."""

    def __init__(self, app: Host, pack_path: Path | None) -> None:
        self.app = app
        self.pack_path = pack_path
        _, index = resolve_pack_path(pack_path)
        self.watcher = PackWatcher(index, app.pack.folder / app.pack.index.article)
        self.problems: list[str] = []

    def start(self) -> None:
        """Begin polling."""
        self.app.set_interval(POLL_SECONDS, self.poll, name="watch-pack")

    def poll(self) -> None:
        """Reload if either file changed since the last look."""
        if self.watcher.changed():
            self.reload()

    def reload(self) -> None:
        """Load the pack afresh (never from the cache: it is being edited); on success the
        reader shows it where it was, else the problems panel lists what ``check`` says."""
        try:
            pack = load_pack(self.pack_path)
        except PackError as exc:
            self.problems = [str(p) for p in exc.problems]
            self.app.show_pack_problems(self.problems)
            return
        self.problems = []
        self.watcher.follow(pack.folder / pack.index.article)
        self.app.replace_pack(pack)
