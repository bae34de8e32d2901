"""Command palette: every entity as "go to …" and every action with its key."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from .model.safety import visible
from .screens.bindings import find_binding
from .screens.host import reader_app

#: Palette actions: (label, action on the main screen or app, binding id for key and help).
ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("Toggle script 切換繁簡", "app.toggle_script", "script.toggle"),
    ("Cycle script variant 切換變體", "app.cycle_variant", "script.cycle"),
    ("Search entities 搜索實體", "screen.search", "search.entities"),
    ("Find in article 文中查找", "screen.find", "search.article"),
    ("Filter to related 只看相關", "screen.filter", "selection.filter"),
    ("Copy card 複製卡片", "screen.copy_card", "selection.copy"),
    ("Map 地圖", "screen.pane('map')", "pane.map"),
    ("Next mention 下一處", "screen.next_mention", "mention.next"),
    ("Help 幫助", "app.help", "app.help"),
    ("Quit 退出", "app.quit", "app.quit"),
)


#: A palette entry: label, help, what choosing it does, and the entity it goes to (if any).
_Entry = tuple[str, str, Callable[[], object], str | None]


class EntityCommands(Provider):
    """Hits for every entity (searchable by Chinese, pinyin, English) and every action."""

    def _entries(self) -> list[_Entry]:
        app = self.app
        reader = reader_app(app)
        text = reader.text
        variant = reader.variant
        entries: list[_Entry] = []
        # Actions first: with an empty query they are what the palette shows at the top.
        for label, action, binding_id in ACTIONS:
            key, description = find_binding(binding_id)
            entries.append(
                (
                    f"{text.ui(label, variant)}  [{key}]",
                    text.ui(description, variant),
                    partial(app.call_later, app.run_action, action),
                    None,
                )
            )
        go = text.ui("前往", variant)
        for e in text.pack.entities.values():
            name = visible(text.name(e, variant))
            label = f"{go} {name} · {visible(e.en)}"
            if e.pinyin:
                label += f" · {visible(e.pinyin)}"
            # Ids are [a-z0-9_-] (the checker sees to it), so the action string is plain data.
            select = partial(app.call_later, app.run_action, f"screen.select_item('{e.id}')")
            entries.append((label, visible(text.prose(e.summary, variant)), select, e.id))
        return entries

    async def discover(self) -> Hits:
        for label, help_text, callback, _entity in self._entries():
            # The palette parses a str prompt and help as markup: pass Content, escape the help.
            yield DiscoveryHit(Content(label), callback, text=label, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        index = reader_app(self.app).search_index()
        found = {h.entity: h for h in index.search(query, limit=200)}
        for label, help_text, callback, entity in self._entries():
            score = matcher.match(label)
            if entity in found:
                score = max(score, 1.0 - found[entity].rank * 0.1)
            if score > 0:
                yield Hit(score, _highlight(label, query), callback, text=label, help=escape(help_text))


def _highlight(label: str, query: str) -> Content:
    """``label`` as plain Content with the query's characters, in order, underlined.

    (Matcher.highlight would parse the label as markup.)"""
    content = Content(label)
    wanted = iter(query.lower().replace(" ", ""))
    need = next(wanted, None)
    for offset, char in enumerate(label):
        if need is not None and char.lower() == need:
            content = content.stylize("bold underline", offset, offset + 1)
            need = next(wanted, None)
    return content
