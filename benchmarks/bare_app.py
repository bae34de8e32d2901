"""The floor: a bare Textual app started and driven the same way as mudu-tui.

It shows one line; each key pressed replaces it with the key and a count, so the benchmark can
time a keystroke to the screen showing its result exactly as it times mudu-tui's keys.
"""

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App[None]):
    """One line of text that echoes the last key."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def compose(self) -> ComposeResult:
        yield Static("bare textual app ready", id="line", markup=False)

    def on_key(self, event: events.Key) -> None:
        self.count += 1
        self.query_one("#line", Static).update(f"key {event.key} #{self.count}")


if __name__ == "__main__":
    Bare().run()
