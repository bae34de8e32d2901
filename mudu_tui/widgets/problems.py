"""The problems panel of ``--watch``: `check`'s findings on the pack being edited, shown over
the reader's last good version of it until the files are fixed."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ..model.safety import visible


class ProblemsPanel(Static):
    """Every problem, one a line, as `mudu-tui check` prints them."""

    def show(self, problems: list[str]) -> None:
        """List ``problems`` (file:line:col: message)."""
        count = len(problems)
        plural = "s" if count != 1 else ""
        self.border_title = f"check: {count} problem{plural} — showing the last good version"
        self.update(Content("\n".join(visible(p) for p in problems)))
