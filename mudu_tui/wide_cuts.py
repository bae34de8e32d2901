"""Keep wide characters whole where Textual's compositor cuts a line under an overlay.

Textual's compositor splits every screen line at each widget edge on it (its "cuts"), divides
each widget's line at every cut inside the widget, and lets the front-most widget win each
piece. A wide character (Chinese) that straddles a cut is split by ``Strip.divide`` into two
spaces, so a toast, tooltip or unfolded pane lying over another widget's edge loses
characters (先選擇一個條目 → 先選擇一個條   ). Upstream issue:
https://github.com/Textualize/textual/issues/6357 (open for 8.2.x).

The fix divides a widget's line only where the owner of the pieces may change: consecutive
pieces the same widget wins stay one piece, and the cuts inside it hold an empty placeholder so
no widget behind can claim them. Partial updates then get each piece's true end, and when one
writes only part of a piece it stops after a wide character, not in its middle. Two methods
of ``Compositor`` and one of ``ChopsUpdate`` are replaced, and only on the Textual versions
whose source this was written against (``PATCHED_VERSIONS``); ``tests/test_wide_cuts.py``
fails when upstream changes, either way, so the range is looked at again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

#: Textual versions whose compositor matches what the patch replaces.
PATCHED_VERSIONS = ("8.2.",)

_applied = False

#: Textual's own methods, kept so a test can tell when upstream no longer needs the patch.
ORIGINALS: dict[str, Callable[..., Any]] = {}


def applies(version: str) -> bool:
    """Whether the patch is for this Textual version."""
    return version.startswith(PATCHED_VERSIONS)


def textual_version() -> str:
    """The installed Textual's version, as ``textual.__version__`` gives it.

    Read from the name of Textual's ``textual-<version>.dist-info`` folder beside the package
    (the name the packaging specification gives it): one folder listing. ``textual.__version__``
    asks importlib.metadata, whose imports (email, zipfile, csv) cost about 10 ms of CPU before
    the first frame; it is the fallback where that folder is not found (an unusual install)."""
    import textual

    prefix, suffix = "textual-", ".dist-info"
    try:
        with os.scandir(Path(textual.__file__).parent.parent) as entries:
            found = [e.name for e in entries if e.name.startswith(prefix) and e.name.endswith(suffix)]
    except OSError:
        found = []
    if len(found) == 1:
        return found[0][len(prefix) : -len(suffix)]
    return str(textual.__version__)


def whole_cells(text: str, cells: int) -> int:
    """``cells``, or one more where cutting ``text`` there would split a wide character."""
    from rich.cells import get_character_cell_size

    x = 0
    for char in text:
        if x >= cells:
            break
        x += get_character_cell_size(char)
    return max(x, cells)


def apply() -> bool:
    """Patch Textual's compositor if its version is one the patch is for; True if patched."""
    global _applied
    if _applied:
        return True
    from textual._compositor import ChopsUpdate, Compositor  # the module that has the bug
    from textual.strip import Strip

    if not applies(textual_version()):
        return False
    held = Strip([], 0)  # a cut inside a piece: the widget in front holds it, nothing to draw

    def _render_chops(
        self: Compositor, crop: Any, is_rendered_line: Callable[[int], bool]
    ) -> Sequence[Mapping[int, Strip]]:
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
        for region, clip, strips in self._get_renders(crop):
            render_region = region.intersection(clip)
            render_x = render_region.x
            first_cut, last_cut = render_region.column_span
            for y, strip in zip(render_region.line_range, strips, strict=False):
                if not is_rendered_line(y):
                    continue
                line = chops[y]
                final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
                if len(final_cuts) == 2:  # no cut inside the widget: nothing to keep whole
                    if line.get(first_cut) is None:
                        for whole in strip.divide([last_cut - render_x])[:1]:
                            line[first_cut] = whole
                    continue
                starts = final_cuts[:-1]
                free = [line.get(cut) is None for cut in starts]
                # A piece begins at the first cut, and wherever the owner may change: at a cut
                # someone in front holds, or just after one.
                begins = [True] + [not (free[i] and free[i - 1]) for i in range(1, len(starts))]
                ends = [cut for cut, begin in zip(starts[1:], begins[1:], strict=True) if begin]
                pieces = strip.divide([cut - render_x for cut in [*ends, last_cut]])
                piece = -1
                for cut, begin, is_free in zip(starts, begins, free, strict=True):
                    piece += int(begin)
                    if is_free and piece < len(pieces):  # a short strip has fewer pieces
                        line[cut] = pieces[piece] if begin else held
        return chops  # type: ignore[return-value]

    def render_partial_update(self: Compositor) -> ChopsUpdate | None:
        update_regions = self._dirty_regions.copy()
        self._dirty_regions.clear()
        if not update_regions:
            return None
        from textual.geometry import Region

        crop = Region.from_union(update_regions).intersection(self.size.region)
        spans = list(self._regions_to_spans(update_regions))
        is_rendered_line = {y for y, _, _ in spans}.__contains__
        chops = _render_chops(self, crop, is_rendered_line)
        # A piece ends where the next piece not held by it starts, not at the next cut.
        chop_ends: list[list[int]] = []
        for cut_set, line in zip(self.cuts, chops, strict=False):
            keys = list(line)
            line_ends = []
            for i in range(len(keys)):
                j = i + 1
                while j < len(keys) and line[keys[j]] is held:
                    j += 1
                line_ends.append(keys[j] if j < len(keys) else cut_set[-1])
            chop_ends.append(line_ends)
        return ChopsUpdate(chops, spans, chop_ends)

    def render_segments(self: ChopsUpdate, console: Any) -> str:
        from rich.control import Control

        sequences: list[str] = []
        append = sequences.append
        last_y = self.spans[-1][0]
        for y, x1, x2 in self.spans:
            line = self.chops[y]
            for end, (x, strip) in zip(self.chop_ends[y], line.items(), strict=False):
                if strip is None or x > x2 or end <= x1:
                    continue
                if not (x2 > x >= x1 and end <= x2):
                    strip = strip.crop(0, whole_cells(strip.text, min(end, x2) - x))
                append(Control.move_to(x, y).segment.text)
                append(strip.render(console))
            if y != last_y:
                append("\n")
        return "".join(sequences)

    ORIGINALS.update(
        render_chops=Compositor._render_chops,
        render_partial_update=Compositor.render_partial_update,
        render_segments=ChopsUpdate.render_segments,
    )
    Compositor._render_chops = _render_chops  # type: ignore[method-assign]
    Compositor.render_partial_update = render_partial_update  # type: ignore[method-assign]
    ChopsUpdate.render_segments = render_segments  # type: ignore[method-assign]
    _applied = True
    return True
