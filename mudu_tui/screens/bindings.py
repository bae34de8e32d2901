"""The reader's key bindings, in one table: the app's, the main screen's, and how help and the
command palette show them.

The pane keys (2–8) are made from the kinds registry's panes, so a new pane gets its key, its
description and its help line from one entry. Help and the palette read these tables rather
than the app or screen classes, so neither needs to import them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.binding import Binding, BindingType

from ..model.kinds import PANES

#: The app's own bindings (work on every screen).
APP_BINDINGS: list[BindingType] = [
    Binding("q", "quit", "Quit", id="app.quit"),
    Binding("ctrl+q", "quit", "Quit", show=False, id="app.quit_ctrl"),
    Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.palette"),
]


def _pane_bindings() -> list[BindingType]:
    """Keys 2–8, one per side pane of the registry."""
    return [
        Binding(
            pane.key,
            f"pane('{pane.id}')",
            f"{pane.english} {pane.chinese}",
            show=False,
            id=f"pane.{pane.id}",
            tooltip=pane.tooltip,
        )
        for pane in PANES
    ]


#: The main screen's bindings: panes, search and find, the selection, the script.
READER_BINDINGS: list[BindingType] = [
    Binding(
        "tab", "app.focus_next", "Next pane", show=False, id="pane.next", tooltip="Move to the next pane"
    ),
    Binding(
        "shift+tab",
        "app.focus_previous",
        "Previous pane",
        show=False,
        id="pane.previous",
        tooltip="Move to the previous pane",
    ),
    Binding(
        "1",
        "pane('sections')",
        "Sections 章節",
        show=False,
        id="pane.sections",
        tooltip="章節 Sections: choose one to read it (narrow screens: it unfolds)",
    ),
    *_pane_bindings(),
    Binding("0", "pane('article')", "Article", show=False, id="pane.article", tooltip="Back to the article"),
    Binding(
        "slash",
        "search",
        "Search",
        id="search.entities",
        tooltip="Search entities: Chinese (繁/简), pinyin, initials or English",
    ),
    Binding(
        "ctrl+f",
        "find",
        "Find",
        id="search.article",
        tooltip="Find text in the article, across scripts; n/N move, escape ends",
    ),
    Binding(
        "n",
        "next_mention",
        "Next",
        id="mention.next",
        tooltip="Next mention of the selection (or next find hit)",
    ),
    Binding(
        "N",
        "previous_mention",
        "Prev",
        show=False,
        id="mention.previous",
        tooltip="Previous mention of the selection (or previous find hit)",
    ),
    Binding(
        "f",
        "filter",
        "Filter",
        id="selection.filter",
        tooltip="Show only what relates to the selection in every pane; again to show all",
    ),
    Binding(
        "escape",
        "clear",
        "Clear",
        show=False,
        id="selection.clear",
        tooltip="End a find, else clear the selection",
    ),
    Binding(
        "backspace,alt+left",
        "back",
        "Back",
        show=False,
        id="selection.back",
        tooltip="Back to the previous selection, like a browser",
    ),
    Binding(
        "y",
        "copy_card",
        "Copy",
        show=False,
        id="selection.copy",
        tooltip="Copy the selection as a text card (names, summary, every mention's sentence)",
    ),
    Binding(
        "t",
        "app.toggle_script",
        "简/繁",
        id="script.toggle",
        tooltip="Toggle 原文 (as published) and the other script: 简体 or 繁體",
    ),
    Binding(
        "v",
        "app.cycle_variant",
        "Variant",
        show=False,
        id="script.cycle",
        tooltip="Cycle 原文 → 简体 → 繁體 → 臺灣正體 → 香港繁體",
    ),
    Binding("question_mark", "app.help", "Help", id="app.help", tooltip="This help: every key"),
]

_KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "escape": "esc",
    "backspace": "⌫",
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
}


def display_keys(binding: Binding) -> str:
    """A binding's keys as shown to people: `⌫, alt+left`, `?`, `/`."""
    keys = [k.strip() for k in binding.key.split(",")]
    return ", ".join(_KEY_NAMES.get(k, k) for k in keys)


#: What a binding does for the open pack, where that differs from its own tooltip (`t` toggles
#: a Traditional article with 简体, a Simplified one with 繁體).
Describe = Callable[[Binding], str | None]


def described(bindings: Iterable[BindingType], describe: Describe | None = None) -> list[tuple[str, str]]:
    """(keys, description) of each Binding: what ``describe`` says, else its tooltip, else its
    description."""
    return [
        (display_keys(b), (describe and describe(b)) or b.tooltip or b.description)
        for b in bindings
        if isinstance(b, Binding)
    ]


def find_binding(binding_id: str) -> tuple[str, str]:
    """The keys and the description of the app's or the reader's binding ``binding_id``."""
    for b in (*READER_BINDINGS, *APP_BINDINGS):
        if isinstance(b, Binding) and b.id == binding_id:
            return display_keys(b), b.tooltip or b.description
    return "", ""


def pane_tooltips() -> dict[str, str]:
    """Each side pane's description and key, as its name in the tab strip shows when pointed at."""
    return {pane.id: f"{pane.tooltip} (key {pane.key})" for pane in PANES}
