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
from pathlib import Path

from mudu_tui.app import MuduApp
from mudu_tui.model.pack import load_pack
from mudu_tui.model.search import SearchIndex


def _summary(samples: list[float]) -> dict[str, float]:
    return {
        "median_ms": round(statistics.median(samples) * 1000, 2),
        "min_ms": round(min(samples) * 1000, 2),
        "max_ms": round(max(samples) * 1000, 2),
        "n": len(samples),
    }


async def measure(pack_path: Path, runs: int) -> dict[str, object]:
    pack = load_pack(pack_path)
    out: dict[str, object] = {}
    index = SearchIndex(pack.entities.values())
    index.add_pinyin()
    queries = ["h", "he", "hef", "hefe", "hefei", "腾", "腾讯", "kdxf", "Tencent", "甲乙"]
    samples = []
    for _ in range(runs):
        for q in queries:
            t = time.perf_counter()
            index.search(q)
            samples.append(time.perf_counter() - t)
    out["search_model"] = _summary(samples)
    app = MuduApp(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        screen = app.screen
        toggle, select, search_screen = [], [], []
        entity_ids = list(pack.entities)[: runs + 1]
        await pilot.press("t")  # warm-up: first conversion of each variant
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        for _ in range(runs):
            t = time.perf_counter()
            await pilot.press("t")
            await pilot.pause()
            toggle.append(time.perf_counter() - t)
        for entity in entity_ids[1:]:
            t = time.perf_counter()
            screen.select(entity)  # type: ignore[attr-defined]
            await pilot.pause()
            select.append(time.perf_counter() - t)
        await pilot.press("slash")
        await pilot.pause()
        for q in queries[:5]:
            t = time.perf_counter()
            app.screen.show_results(q)  # type: ignore[attr-defined]
            await pilot.pause()
            search_screen.append(time.perf_counter() - t)
        out["toggle"] = _summary(toggle)
        out["select"] = _summary(select)
        out["search_screen"] = _summary(search_screen)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


if __name__ == "__main__":
    result = asyncio.run(measure(Path(sys.argv[1]), int(sys.argv[2])))
    print(json.dumps(result))
