"""The key bar along the bottom: the keys that matter now, drawn by one widget.

Textual's Footer composes a widget per key and composes them again whenever the bindings
change (every focus move), a frame after the rest of the screen. This bar reads the same
active bindings, shows the same keys (a binding with ``show=True``; the command palette on
the right) and repaints in place, so it is on the first frame and focus moves stay cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from textual.content import Content
from textual.events import MouseDown
from textual.style import Style

from ..model.layout import text_width
from .span_strip import SpanStrip

if TYPE_CHECKING:
    from textual.screen import Screen


#: Keys the bar keeps however narrow it is: help and quit.
ALWAYS_SHOWN = frozenset({"question_mark", "q"})
#: Cells the other keys must have before the palette's key takes its place on the right.
MIN_OTHERS = 24


class BarKey(NamedTuple):
    """One key on the bar and the cells it takes."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str = ""
    start: int = 0
    end: int = 0


#: The key bar's stand-in for keys that do not fit (its tooltip names them).
_MORE = BarKey("", "…", "", True)


class KeyBar(SpanStrip, can_focus=False):
    """The screen's shown key bindings, with the command palette's key on the right."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .key-bar--disabled { text-style: dim; }
    KeyBar > .key-bar--hover { background: $block-hover-background; }
    KeyBar > .key-bar--rule { color: $foreground 20%; }
    """

    COMPONENT_CLASSES = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--disabled",
        "key-bar--hover",
        "key-bar--rule",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[BarKey] = []
        #: Puts a key's (Chinese) description in the script on screen; the screen sets it.
        self.describe: Callable[[str], str] = str

    def set_describe(self, describe: Callable[[str], str]) -> None:
        """Show descriptions through ``describe`` (the script variant changed)."""
        self.describe = describe
        self.refresh()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()

    def keys(self) -> tuple[list[BarKey], BarKey | None]:
        """The shown keys in binding order (one per action), and the command palette's key."""
        app = self.app
        active = self.screen.active_bindings
        shown: list[BarKey] = []
        actions: set[str] = set()
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in actions:
                actions.add(binding.action)
                display = app.get_key_display(binding)
                # The app may say what a key does for the open pack (`t`: 简 or 繁).
                own = getattr(app, "binding_tooltip", None)
                tooltip = (own(binding) if own else None) or tooltip
                shown.append(BarKey(binding.key, display, binding.description, enabled, tooltip))
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, tooltip = active[app.COMMAND_PALETTE_BINDING]
            display = app.get_key_display(binding)
            palette = BarKey(binding.key, display, binding.description, enabled, tooltip)
        return shown, palette

    def content_lines(self) -> list[Content]:
        width = self.size.width
        shown, palette = self.keys()
        shown = [key._replace(description=self.describe(key.description)) for key in shown]
        # How to get help and how to leave never drop off: ? and q are kept. The other keys
        # fill in before them while they fit, and a … stands for those that do not (pointing
        # at it lists them; help, `?`, lists every key). The palette's key sits at the right
        # edge behind a thin rule when there is room for it.
        kept = [key for key in shown if key.key in ALWAYS_SHOWN]
        room = width - sum(self._cells(key) for key in kept)
        if palette is not None and room < self._cells(palette) + 1 + MIN_OTHERS:
            palette = None
        limit = room - (self._cells(palette) + 1 if palette else 0)
        others = [key for key in shown if key.key not in ALWAYS_SHOWN]
        if sum(self._cells(key) for key in others) > limit:
            fit: list[BarKey] = []
            used = self._cells(_MORE)
            for key in others:
                if used + self._cells(key) > limit:
                    break
                fit.append(key)
                used += self._cells(key)
            tooltip = "  ".join(f"{key.display} {key.description}" for key in others[len(fit) :])
            others = [*fit, _MORE._replace(tooltip=tooltip)] if limit >= self._cells(_MORE) else []
        placed: list[BarKey] = []
        x = 0
        for key in [*others, *kept]:
            placed.append(key._replace(start=x, end=x + self._cells(key)))
            x += self._cells(key)
        limit = width - (self._cells(palette) + 1 if palette else 0)
        parts: list[tuple[str, Style]] = []
        for index, key in enumerate(placed):
            parts += self._draw(key, index)
        if palette is not None and limit > x:
            parts.append((" " * (limit - x), self.get_visual_style("key-bar--description")))
            parts.append(("▏", self.get_visual_style("key-bar--rule")))
            placed.append(palette._replace(start=limit + 1, end=width))
            parts += self._draw(placed[-1], len(placed) - 1)
        self._keys = placed
        return [Content.assemble(*parts)]

    @staticmethod
    def _cells(key: BarKey) -> int:
        return text_width(key.display) + text_width(key.description) + 3

    def _draw(self, key: BarKey, index: int) -> list[tuple[str, Style]]:
        key_style = self.get_visual_style("key-bar--key")
        text_style = self.get_visual_style("key-bar--description")
        for extra, applies in (("hover", index == self.hover), ("disabled", not key.enabled)):
            if applies:
                style = self.get_visual_style(f"key-bar--{extra}")
                key_style, text_style = key_style + style, text_style + style
        return [(f" {key.display} ", key_style), (f"{key.description} ", text_style)]

    @property
    def placed(self) -> list[BarKey]:
        """The keys as last drawn, with the cells each takes (a … for those that did not fit)."""
        return list(self._keys)

    def span_ranges(self) -> list[tuple[int, int]]:
        return [(key.start, key.end) for key in self._keys]

    def span_tooltip(self, index: int) -> str | None:
        key = self._keys[index] if index < len(self._keys) else None
        # The bar shows the Chinese description; its tooltip gives the English.
        return key and (key.tooltip or key.description)

    def on_mouse_down(self, event: MouseDown) -> None:
        index = self.span_at(event.x)
        if index is None:
            return
        key = self._keys[index]
        if key.key == _MORE.key:
            return  # the …: its tooltip lists what it stands for
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
