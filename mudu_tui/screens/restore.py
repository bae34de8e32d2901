"""Reopening a pack where the reader left it: the remembered state, checked against the pack.

The state file is the user's to edit, so nothing in it is trusted: an id the pack does not
hold, a mention or paragraph out of range or a focus id that is not a pane's is dropped.
"""

from __future__ import annotations

from typing import NamedTuple

from ..model.pack import Pack
from ..state import ReadingState


class Reopen(NamedTuple):
    """What of a remembered state applies to this pack."""

    selected: str | None
    mention: int
    top_paragraph: int | None
    focused: str | None


def reopen(state: ReadingState, pack: Pack, focusable: set[str]) -> Reopen:
    """The parts of ``state`` that are valid for ``pack``; ``focusable`` lists the pane ids."""
    selected = state.selected
    mention = 0
    if selected not in pack.entities and selected not in pack.events and selected not in pack.figures:
        selected = None
    elif selected is not None:
        mention = state.mention % (len(pack.mentions_of(selected)) or 1)
    top = state.top_paragraph if 0 < state.top_paragraph < len(pack.article.paragraphs) else None
    focused = state.focused if state.focused in focusable else None
    return Reopen(selected, mention, top, focused)
