"""The reader's key bindings, in one table: the app's, the main screen's, and how help and the
command palette show them.

The pane keys (2–8) are made from the kinds registry's panes, so a new pane gets its key, its
description and its help line from one entry. Help and the palette read these tables rather
than the app or screen classes, so neither needs to import them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.binding import Binding, BindingType

from ..model.kinds import PANES, Pane


def bilingual(key: str, action: str, chinese: str, english: str, *, id: str, show: bool = False) -> Binding:
    """A binding described in both languages: Chinese on the key bar, English as its tooltip;
    help shows both."""
    return Binding(key, action, chinese, show=show, id=id, tooltip=english)


#: The app's own bindings (work on every screen).
APP_BINDINGS: list[BindingType] = [
    bilingual("q", "quit", "退出", "Quit (the reading place is remembered)", id="app.quit", show=True),
    bilingual("ctrl+q", "quit", "退出", "Quit", id="app.quit_ctrl"),
    bilingual(
        "ctrl+p", "command_palette", "命令", "Command palette: every entity and action", id="app.palette"
    ),
    bilingual("colon", "command_palette", "命令", "Command palette, as in vim", id="app.palette_colon"),
]


def _pane_english(pane: Pane) -> str:
    """A pane key's English description: its name, and what it holds, without saying the name
    twice ("Companies", "Cities, provinces and districts", "Figures: The article's numbers…")."""
    detail = pane.tooltip.removeprefix(pane.chinese + " ")
    return detail if detail.startswith(pane.english) else f"{pane.english}: {detail}"


def _pane_bindings() -> list[BindingType]:
    """Keys 2–8, one per side pane of the registry."""
    return [
        bilingual(pane.key, f"pane('{pane.id}')", pane.chinese, _pane_english(pane), id=f"pane.{pane.id}")
        for pane in PANES
    ]


#: The main screen's bindings: panes, search and find, the selection, the script, the view.
READER_BINDINGS: list[BindingType] = [
    bilingual("tab", "app.focus_next", "下一窗格", "Move to the next pane", id="pane.next"),
    bilingual("shift+tab", "app.focus_previous", "上一窗格", "Move to the previous pane", id="pane.previous"),
    bilingual(
        "1",
        "pane('sections')",
        "章節",
        "Sections: choose one to read it (narrow screens: it unfolds)",
        id="pane.sections",
    ),
    *_pane_bindings(),
    bilingual("0", "pane('article')", "文章", "Back to the article", id="pane.article"),
    bilingual(
        "slash",
        "search",
        "搜索",
        "Search entities (Chinese, pinyin, initials, English), then the article's text",
        id="search.entities",
        show=True,
    ),
    bilingual(
        "ctrl+f",
        "find",
        "查找",
        "Find text in the article, across scripts; n/N move, escape ends",
        id="search.article",
        show=True,
    ),
    bilingual(
        "n",
        "next_mention",
        "下一個",
        "Next mention of the selection (or next find hit)",
        id="mention.next",
        show=True,
    ),
    bilingual(
        "N",
        "previous_mention",
        "上一個",
        "Previous mention of the selection (or find hit)",
        id="mention.previous",
    ),
    bilingual(
        "f",
        "filter",
        "篩選",
        "Show only what relates to the selection (● related, ○ same paragraph); again to show all",
        id="selection.filter",
        show=True,
    ),
    bilingual("escape", "clear", "清除", "End a find, else clear the selection", id="selection.clear"),
    bilingual(
        "backspace,alt+left",
        "back",
        "返回",
        "Back to the previous selection, like a browser",
        id="selection.back",
    ),
    bilingual(
        "y",
        "copy_card",
        "複製卡片",
        "Copy the selection as a text card (names, reading, summary, every mention's sentence)",
        id="selection.copy",
    ),
    bilingual(
        "Y",
        "copy_sentence",
        "複製句子",
        "Copy the current sentence with its paragraph id and the source, to cite",
        id="sentence.copy",
    ),
    bilingual(
        "t",
        "app.toggle_script",
        "简/繁",
        "Toggle 原文 (as published) and the other script: 简体 or 繁體",
        id="script.toggle",
        show=True,
    ),
    bilingual(
        "v", "app.cycle_variant", "字形", "Cycle 原文 → 简体 → 繁體 → 臺灣正體 → 香港繁體", id="script.cycle"
    ),
    bilingual(
        "z",
        "reading_mode",
        "閱讀模式",
        "Reading mode: the article alone, centred; again to leave",
        id="view.reading",
    ),
    bilingual(
        "i",
        "app.about",
        "關於",
        "About the pack: title, source, language, the editor's note, counts per kind",
        id="pack.about",
    ),
    bilingual("question_mark", "app.help", "幫助", "This help: every key", id="app.help", show=True),
]

_KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "escape": "esc",
    "backspace": "⌫",
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "colon": ":",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}


def display_keys(binding: Binding) -> str:
    """A binding's keys as shown to people: `⌫, alt+left`, `?`, `/`."""
    keys = [k.strip() for k in binding.key.split(",")]
    return ", ".join(_KEY_NAMES.get(k, k) for k in keys)


#: What a binding does for the open pack, where that differs from its own tooltip (`t` toggles
#: a Traditional article with 简体, a Simplified one with 繁體).
Describe = Callable[[Binding], str | None]


def described(
    bindings: Iterable[BindingType], describe: Describe | None = None
) -> list[tuple[str, str, str]]:
    """(keys, Chinese description, English description) of each Binding; the English is what
    ``describe`` says for the open pack, else the binding's tooltip."""
    return [
        (display_keys(b), b.description, (describe and describe(b)) or b.tooltip or b.description)
        for b in bindings
        if isinstance(b, Binding)
    ]


def find_binding(binding_id: str) -> tuple[str, str]:
    """The keys and the English description of the app's or the reader's binding ``binding_id``."""
    for b in (*READER_BINDINGS, *APP_BINDINGS):
        if isinstance(b, Binding) and b.id == binding_id:
            return display_keys(b), b.tooltip or b.description
    return "", ""


def pane_tooltips() -> dict[str, str]:
    """Each side pane's description and key, as its name in the tab strip shows when pointed at."""
    return {pane.id: f"{pane.tooltip} (key {pane.key})" for pane in PANES}
