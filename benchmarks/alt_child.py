"""One launch of the reader as benchmarks/alternatives.py asks: with one interpreter tweak
left out, or with one of mudu-tui's own widgets swapped for Textual's.

Usage: alt_child.py VARIANT [--cpu], where VARIANT is one of :data:`VARIANTS`. The swaps stand
in for the first screen only (what the benchmark times); they are not a working reader.
With ``--cpu`` it runs headless instead and prints the CPU seconds this process used from its
start until the first screen has settled (every widget composed and drawn): a figure a
loaded machine disturbs far less than the time a person waits.
"""

from __future__ import annotations

import asyncio
import sys
import time

from textual.content import Content
from textual.widgets import Footer, OptionList, Tab, Tabs

from mudu_tui.model.kinds import Pane
from mudu_tui.model.reading import VariantText
from mudu_tui.model.safety import visible
from mudu_tui.runner import Tuning, run_reader
from mudu_tui.screens import main as main_screen


class TextualTabs(Tabs):
    """Textual's Tabs where the pane strip was."""

    def __init__(self, labels: dict[str, str], *, active: str, tooltips: dict[str, str], id: str) -> None:
        super().__init__(*[Tab(label, id=pane) for pane, label in labels.items()], active=active, id=id)

    def set_labels(self, labels: dict[str, str]) -> None:
        for pane, label in labels.items():
            self.query_one(f"#{pane}", Tab).label = label


class TextualFooter(Footer):
    """Textual's Footer where the key bar was."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)


class TextualOptions(OptionList):
    """Textual's OptionList for an entity pane, with the same prompt per entity."""

    def __init__(self, text: VariantText, pane: Pane) -> None:
        super().__init__(id=pane.id)
        self.text = text
        self.entities = [e for kind in pane.kinds for e in text.pack.index.of_kind(kind)]
        self.add_options(self._prompts(None, set()))

    def _prompts(self, selected: str | None, related: set[str]) -> list[Content]:
        out = []
        for e in self.entities:
            mark = "▶ " if e.id == selected else "● " if e.id in related else "  "
            count = len(self.text.pack.mentions_of(e.id))
            name, en = visible(e.name), visible(e.en)
            out.append(Content.assemble((mark, "bold"), name, "  ", (en, "dim"), f"  {count}"))
        return out

    def show(
        self,
        variant: str,
        selected: str | None,
        related: set[str],
        only: set[str] | None,
        nearby: set[str] | None = None,
    ) -> None:
        self.set_options(self._prompts(selected, related))

    def highlight_id(self, item_id: str) -> None:
        pass


def make_option_pane(text: VariantText, pane: Pane) -> object:
    widget = TextualOptions(text, pane) if pane.shows == "entities" else ORIGINAL_MAKE_PANE(text, pane)
    return widget.add_class("pane")


ORIGINAL_MAKE_PANE = main_screen.make_pane

VARIANTS = {
    "mudu": lambda: None,
    "no-gc-hold": lambda: None,
    "no-switch-interval": lambda: None,
    "textual-tabs": lambda: setattr(main_screen, "PaneTabs", TextualTabs),
    "textual-footer": lambda: setattr(main_screen, "KeyBar", TextualFooter),
    "textual-optionlist": lambda: setattr(main_screen, "make_pane", make_option_pane),
}

TUNINGS = {
    "no-gc-hold": Tuning(hold_collection=False),
    "no-switch-interval": Tuning(switch_interval=None),
}


async def _cpu_to_settle(variant: str) -> float:
    import mudu_tui.app
    from mudu_tui.model.cache import load_pack_cached
    from mudu_tui.runner import tuned_interpreter

    mudu_tui.app.WARM_UP_DELAY = 3600  # the background warm-up is not the first screen
    with tuned_interpreter(TUNINGS.get(variant)) as tuned:
        app = mudu_tui.app.MuduApp(load_pack_cached(None), on_first_frame=tuned.first_frame_out)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()  # the first frame
            await pilot.pause()  # and whatever it set off (a Footer composes its keys then)
            return time.process_time()


if __name__ == "__main__":
    variant = sys.argv[1]
    VARIANTS[variant]()
    if "--cpu" in sys.argv:
        print(asyncio.run(_cpu_to_settle(variant)))
        raise SystemExit(0)
    raise SystemExit(run_reader(None, fresh=True, variant=None, tuning=TUNINGS.get(variant)))
