"""In-process latencies (headless Pilot) and peak memory for one pack; prints JSON.

Run as a child process by run.py so each pack's peak resident memory is its own.
"""

from __future__ import annotations

import asyncio
import json
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from mudu_tui.app import MuduApp
from mudu_tui.model.pack import Pack, load_pack
from mudu_tui.model.search import SearchIndex
from mudu_tui.runner import tuned_interpreter


def _summary(samples: list[float]) -> dict[str, float]:
    return {
        "median_ms": round(statistics.median(samples) * 1000, 2),
        "min_ms": round(min(samples) * 1000, 2),
        "max_ms": round(max(samples) * 1000, 2),
        "n": len(samples),
    }


def measure(pack_path: Path, runs: int) -> dict[str, object]:
    """Search in the model, then the app's latencies with the interpreter set up as
    `mudu-tui` sets it up, then peak memory."""
    pack = load_pack(pack_path)
    out: dict[str, object] = {"search_model": _search_model(pack, runs)}
    with tuned_interpreter() as tuned:
        out.update(asyncio.run(_app_latencies(pack, runs, tuned.first_frame_out)))
        # Memory as one reader uses it (the first switches below build app after app).
        out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        out["first_switch"] = asyncio.run(_first_switches(pack, runs))
    return out


def _search_model(pack: Pack, runs: int) -> dict[str, float]:
    index = SearchIndex(pack.entities.values())
    index.build()
    queries = ["h", "he", "hef", "hefe", "hefei", "腾", "腾讯", "kdxf", "Tencent", "甲乙"]
    samples = []
    for _ in range(runs):
        for q in queries:
            t = time.perf_counter()
            index.search(q)
            samples.append(time.perf_counter() - t)
    return _summary(samples)


async def _app_latencies(pack: Pack, runs: int, on_first_frame: Callable[[], None]) -> dict[str, object]:
    out: dict[str, object] = {}
    queries = ["h", "he", "hef", "hefe", "hefei"]
    app = MuduApp(pack, on_first_frame=on_first_frame)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(1.0)  # the first screen, and the warm-up after it
        screen = app.screen

        async def frame_after(change: Callable[[], object]) -> float:
            """Seconds from making a change to the end of the screen refresh showing it,
            starting from a settled screen (as a person's next key finds it), so the tail of
            one change is not counted in the next."""
            await pilot.pause(0.05)
            shown = asyncio.Event()
            start = time.perf_counter()
            change()
            app.screen.call_after_refresh(shown.set)
            await shown.wait()
            return time.perf_counter() - start

        toggle, select, search_screen, floor = [], [], [], []
        # Each latency is one frame or two of a 60 Hz refresh: three samples a run steady the
        # median against where in the frame the change happens to land.
        samples = 3 * runs
        entity_ids = list(pack.entities)[: samples + 1]
        await frame_after(app.action_toggle_script)  # warm-up
        await frame_after(app.action_toggle_script)
        for _ in range(samples):
            toggle.append(await frame_after(app.action_toggle_script))
            floor.append(await frame_after(lambda: None))
        for entity in entity_ids[1:]:
            select.append(await frame_after(lambda e=entity: screen.select(e)))  # type: ignore[attr-defined]
        await pilot.press("slash")
        await pilot.pause()
        for q in queries:
            search_screen.append(await frame_after(lambda q=q: app.screen.show_results(q)))  # type: ignore[attr-defined]
        out["toggle"] = _summary(toggle)
        out["select"] = _summary(select)
        out["search_screen"] = _summary(search_screen)
        out["frame_floor"] = _summary(floor)
    return out


def _forget_dictionaries() -> None:
    """Drop every loaded OpenCC dictionary and converted string, as in a fresh process."""
    from mudu_tui.model import opencc_adapter, script

    for cached in (
        script._converter,
        script.convert,
        opencc_adapter._tables_of,
        opencc_adapter.chain,
    ):
        cached.cache_clear()  # type: ignore[attr-defined]


async def _first_switches(pack: Pack, runs: int) -> dict[str, dict[str, float]]:
    """The first switch to each variant before its dictionaries are loaded: a fresh app with
    the background warm-up held off, from the change to the refreshed screen."""
    out: dict[str, dict[str, float]] = {}
    for variant in ("simplified", "traditional", "taiwan", "hongkong"):
        samples = []
        for _ in range(min(runs, 5)):  # a fresh app each: enough samples for a median
            _forget_dictionaries()
            app = MuduApp(pack)
            app._start_warm_up = lambda: None  # type: ignore[method-assign]
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause(0.3)
                shown = asyncio.Event()
                start = time.perf_counter()
                app.variant = variant  # type: ignore[assignment]
                app.screen.call_after_refresh(shown.set)
                await shown.wait()
                samples.append(time.perf_counter() - start)
        out[variant] = _summary(samples)
    return out


if __name__ == "__main__":
    result = measure(Path(sys.argv[1]), int(sys.argv[2]))
    print(json.dumps(result))
