"""MuduApp: the reader's application object. Thin: bindings, the script variant, the pack."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen

from . import wide_cuts
from .model.pack import Pack, load_pack
from .model.reading import VariantText
from .model.script import (
    VARIANT_LABELS,
    VARIANTS,
    Variant,
    cycle_tooltip,
    next_variant,
    preload,
    toggle_target,
    toggle_tooltip,
    ui_variant,
)
from .screens.bindings import APP_BINDINGS
from .state import ReadingState, StateStore

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.binding import Binding as BindingType
    from textual.command import Provider
    from textual.timer import Timer

    from .ending import Ending
    from .model.search import SearchIndex
    from .screens.host import ReaderApp

#: Seconds after the first frame before the background warm-up begins.
WARM_UP_DELAY = 0.6
#: Paragraphs converted ahead into every variant after the first screen (a few screens' worth).
WARM_UP_PARAGRAPHS = 200
#: Seconds after a key during which the search index's builder waits (the user is typing).
TYPING = 0.4
#: Seconds after the last change of reading state before it is written (while keys keep coming,
#: later still): a selection or toggle never waits for the state file in its own frame.
SAVE_DELAY = 0.5


def _entity_commands() -> type[Provider]:
    # The palette's provider is imported when the palette first opens, not at start-up.
    from .commands import EntityCommands

    return EntityCommands


class MuduApp(App[None]):
    """The mudu-tui reader for one pack."""

    class ReadingsReady(Message):
        """The warm-up has loaded pypinyin: tone-marked readings cost little from now on."""

    CSS_PATH = "mudu.tcss"
    TITLE = "mudu-tui"
    COMMANDS = App.COMMANDS | {_entity_commands}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = APP_BINDINGS

    #: The script variant on screen: the one piece of state every pane follows.
    variant: reactive[Variant] = reactive("original", init=False)

    def __init__(
        self,
        pack: Pack,
        *,
        variant: Variant | None = None,
        state: StateStore | None = None,
        on_first_frame: Callable[[], None] | None = None,
        ending: Ending | None = None,
        watch: Path | bool = False,
    ) -> None:
        """``on_first_frame`` runs once the first frame is out (the runner's cue to let the
        interpreter collect garbage again); ``ending``: the process's signal handling, which
        the app answers once it runs (SIGTERM or SIGHUP end it as `q` does); ``watch``: reload
        the pack (at this path; True for the pack's own folder) when its files change."""
        super().__init__()
        # Chinese in toasts, tooltips and unfolded panes must not lose characters at widget
        # edges under them (Textual #6357): patch the compositor on the versions it is for.
        wide_cuts.apply()
        self._on_first_frame = on_first_frame
        self._ending = ending
        self.watch_path: Path | None = (pack.folder if watch is True else watch) or None
        self.pack = pack
        self.text = VariantText(pack)
        self._search: SearchIndex | None = None
        self._warm_up_timer: Timer | None = None  # set after the first frame, cleared as it starts
        self._stopping = threading.Event()  # set as the app exits
        self._unsaved: ReadingState | None = None  # the reading state not written yet
        self._save_timer: Timer | None = None
        self._last_key = 0.0  # time.monotonic() of the last key
        self.state_store = state
        self._state_key = StateStore.key(pack.folder, pack.digest)
        self.restored = state.load(self._state_key) if state else ReadingState()
        self.set_reactive(MuduApp.variant, variant or self.restored.variant)

    def get_default_screen(self) -> Screen[None]:
        """The reader's main screen is the app's first screen (pushing it over Textual's empty
        default would draw the whole screen once more, at start-up, for nothing). Watching a
        pack is the exception: the reader goes over an empty base (pushed on mount), so that a
        reload replaces it; Textual cannot switch its base screen away, and a reload pushed
        over it kept the first reader in memory for as long as the app ran."""
        from .screens.main import MainScreen

        if self.watch_path is not None:
            return Screen()
        return MainScreen(self.text, restore=self.restored)

    def on_mount(self) -> None:
        if self._ending is not None:
            self._ending.on_signal = self._terminate
        self.call_after_refresh(self._after_first_frame)
        if self.state_store and self.state_store.warning:
            warning = self.text.ui(self.state_store.warning, self.variant)
            self.notify(warning, severity="warning", markup=False)
        if self.watch_path is not None:
            from .screens.main import MainScreen
            from .watching import Reloader

            self.push_screen(MainScreen(self.text, restore=self.restored))
            self.reloader = Reloader(self, self.watch_path)
            self.reloader.start()

    def replace_pack(self, pack: Pack) -> None:
        """Show ``pack`` (the watched pack, reloaded) where the reader was in the old one."""
        from .screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen):  # a modal is open: reload once it is closed
            self.call_later(self._replace_when_ready, pack)
            return
        place = screen.reading_state()
        self.save_reading_state()  # under the old pack's key, before the key changes
        self.pack = pack
        self.text = VariantText(pack)
        self._search = None
        self._state_key = StateStore.key(pack.folder, pack.digest)
        self.switch_screen(MainScreen(self.text, restore=place))  # the old one is removed

    def _replace_when_ready(self, pack: Pack) -> None:
        from .screens.main import MainScreen

        if isinstance(self.screen, MainScreen):
            self.replace_pack(pack)
        else:
            self.set_timer(0.2, lambda: self._replace_when_ready(pack))

    def show_pack_problems(self, problems: list[str]) -> None:
        """List ``check``'s problems with the watched pack over the reader (which keeps the last
        good version)."""
        from .screens.main import MainScreen
        from .widgets.problems import ProblemsPanel

        for screen in reversed(self.screen_stack):
            if isinstance(screen, MainScreen):  # the reader on top (under any open dialog)
                panels = screen.query(ProblemsPanel)
                panel = panels.first() if panels else ProblemsPanel(id="problems")
                if not panels:
                    screen.mount(panel)
                panel.show(problems)
                return

    def action_about(self) -> None:
        """Show what the pack says about itself (`i`)."""
        from .screens.about import AboutScreen

        self.push_screen(AboutScreen(self.pack, self.variant))

    async def on_event(self, event: events.Event) -> None:
        # A key puts the warm-up off until the keys pause: the worker holds the GIL for a
        # while, and the first keys after start-up should not wait for it.
        if isinstance(event, events.Key):
            self._last_key = time.monotonic()
            if self._warm_up_timer is not None:
                self._warm_up_timer.reset()
        await super().on_event(event)

    def _typing(self) -> bool:
        """Whether a key came in the last moment (a background builder waits meanwhile)."""
        return time.monotonic() - self._last_key < TYPING

    def _after_first_frame(self) -> None:
        if self._on_first_frame is not None:
            self._on_first_frame()
        # OpenCC's dictionaries, pinyin keys and the other variants are built once the first
        # screen is out (counted from it, not from mounting, so a slow start never overlaps):
        # the worker holds the GIL for a while, and Textual writes frames from its own thread.
        self._warm_up_timer = self.set_timer(WARM_UP_DELAY, self._start_warm_up)

    def _start_warm_up(self) -> None:
        self._warm_up_timer = None
        self.run_worker(self._warm_up, thread=True, exclusive=True)

    def remember(self, state: ReadingState) -> None:
        """Save the reading state (nothing with --fresh) once the keys pause: reading the
        state file, merging and renaming it took 1-3 ms of each selection and toggle, and
        far more when the disk was busy. Quitting, a signal or the app ending saves at once."""
        if self.state_store is None:
            return
        self._unsaved = state
        if self._save_timer is None:
            self._save_timer = self.set_timer(SAVE_DELAY, self._save_when_idle)

    def _save_when_idle(self) -> None:
        if self._typing():
            self._save_timer = self.set_timer(SAVE_DELAY, self._save_when_idle)
            return
        self._save_timer = None
        self.save_reading_state()

    def save_reading_state(self, state: ReadingState | None = None) -> None:
        """Write ``state`` (else the one not written yet) now; one warning if it cannot be."""
        state = state or self._unsaved
        self._unsaved = None
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        store = self.state_store
        if store is None or state is None:
            return
        had_warning = store.warning is not None
        if not store.save(self._state_key, state) and not had_warning and store.warning:
            self.notify(self.text.ui(store.warning, self.variant), severity="warning", markup=False)

    def on_unmount(self) -> None:
        self.save_reading_state()  # the app ends some other way than `q` (a crash, a test)

    async def action_quit(self) -> None:
        """Remember where the reader was, then quit."""
        self._remember_screens()
        self.exit()

    def _remember_screens(self) -> None:
        from .screens.main import MainScreen

        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                self.save_reading_state(screen.reading_state())

    def _terminate(self, signum: int) -> None:
        """End on SIGTERM or SIGHUP as on `q`: the reading state saved, the terminal restored
        (alternate screen, mouse reporting, cursor), exit status 128 + the signal's number.
        Left to the default action, either killed the reader with the terminal still in the
        app's modes. (If this never gets to run, the ending's watchdog ends the process.)"""
        self._remember_screens()
        self.exit(return_code=128 + signum)

    def exit(self, result: None = None, return_code: int = 0, message: RenderableType | None = None) -> None:
        """Exit the app; background work stops at its next check (see :attr:`stopping`)."""
        self._stopping.set()
        super().exit(result, return_code, message)

    def stopping(self) -> bool:
        """Whether the app is ending: background builders stop rather than make `q` wait
        (asyncio waits for every worker thread before the process can end)."""
        return self._stopping.is_set()

    def _warm_up(self) -> None:
        preload()  # OpenCC's dictionaries first: a switch of script is the likeliest next key
        # The first chunk of search keys loads pypinyin: readings cost little from here on.
        self.search_index().build(1, busy=self._typing, stop=self.stopping)
        if self.stopping():
            return
        self.post_message(self.ReadingsReady())  # thread-safe: the screens are told on the loop
        # The paragraphs around the reading position, so a toggle finds them ready. Only
        # those: converting a whole book here would hold the GIL for seconds while keys wait
        # (the view converts the rest as it comes into sight).
        count = len(self.pack.article.paragraphs)
        first = min(max(self.restored.top_paragraph - WARM_UP_PARAGRAPHS // 4, 0), count)
        for variant in VARIANTS:
            if self.stopping():
                return
            for index in range(first, min(first + WARM_UP_PARAGRAPHS, count)):
                self.text.paragraph(variant, index)
        # Search and find look through it per keystroke.
        self.text.prepare_find(self.variant, cancelled=self.stopping)
        # Last: 50,000 entities' keys take seconds (search finds what is built meanwhile).
        self.search_index().build(busy=self._typing, stop=self.stopping)

    def on_mudu_app_readings_ready(self) -> None:
        from .screens.main import MainScreen

        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.show_readings()

    def search_index(self) -> SearchIndex:
        """The entity search index, as far as it is built (the warm-up builds it, or
        :meth:`build_search_index` when search is opened first)."""
        if self._search is None:
            from .model.search import SearchIndex

            pack = self.pack
            # Weights are counted as each entity is built, in the builder's thread.
            self._search = SearchIndex(pack.entities.values(), lambda e: len(pack.mentions_of(e)))
        return self._search

    def build_search_index(self) -> None:
        """Build the rest of the search index in a worker thread now (search was opened
        before the warm-up reached it; the two share the work chunk by chunk)."""
        index = self.search_index()

        def build() -> None:
            index.build(busy=self._typing, stop=self.stopping)

        self.run_worker(build, thread=True, group="search-index", exclusive=True)

    def action_toggle_script(self) -> None:
        """Toggle between the original and the other script (Traditional ↔ Simplified)."""
        self.variant = toggle_target(self.text.source) if self.variant == "original" else "original"

    def action_cycle_variant(self) -> None:
        """Cycle 原文 → 简体 → 繁體 → 臺灣正體 → 香港繁體."""
        self.variant = next_variant(self.variant)

    def binding_tooltip(self, binding: BindingType) -> str | None:
        """The tooltip of a script binding as it is true for the open pack (a Simplified
        article toggles to Traditional); None keeps the binding's own."""
        if binding.id == "script.toggle":
            return toggle_tooltip(self.text.source)
        if binding.id == "script.cycle":
            return cycle_tooltip()
        return None

    def watch_variant(self, variant: Variant) -> None:
        self.sub_title = VARIANT_LABELS[variant]

    def action_help(self) -> None:
        """Show every key binding."""
        from .model.safety import visible
        from .model.search import example_queries
        from .screens.help import HelpScreen

        weights = {e: len(self.pack.mentions_of(e)) for e in self.pack.entities}
        examples = visible(example_queries(self.pack.entities.values(), weights))
        # Help is all the app's own text: in the script the article shows.
        self.push_screen(HelpScreen(ui_variant(self.variant, self.text.source), examples))


if TYPE_CHECKING:
    # The screens reach the app through the ReaderApp protocol: mypy holds the app to it here.
    _AS_READER: type[ReaderApp] = MuduApp


def create_app(
    pack_path: Path | None = None,
    *,
    variant: Variant | None = None,
    state: StateStore | None = None,
    watch: bool = False,
) -> MuduApp:
    """Build the app for a pack (tests call this with fixture packs and state folders)."""
    pack = load_pack(pack_path)
    return MuduApp(pack, variant=variant, state=state, watch=(pack_path or pack.folder) if watch else False)
