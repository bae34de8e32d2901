"""What each interpreter tweak and each home-made widget is worth, measured.

First screen in tmux (as run.py measures it) for mudu-tui as it is and for one change at a
time: an interpreter tweak left out, or the tab strip, key bar or item list swapped for
Textual's Tabs, Footer or OptionList (benchmarks/alt_child.py). Launches alternate round by
round, so a loaded machine's drift falls on all alike; the figure that counts is the median
of each round's difference from mudu-tui as it is. Also times a full garbage collection
after the warm-up with and without freezing what the warm-up built.

Usage: python benchmarks/alternatives.py [--rounds N]; prints Markdown for RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import ALTERNATIVES_HEADING, MUDU_READY, TMUX, _tmux_first_screen  # noqa: E402

#: Also wait for the key bar's and the first entity pane's text.
READY = [*MUDU_READY, "退出", "China"]  # the key bar's quit key, in Chinese
VARIANTS = [
    "mudu",
    "no-gc-hold",
    "no-switch-interval",
    "textual-tabs",
    "textual-footer",
    "textual-optionlist",
]


def _command(variant: str) -> str:
    env = f"env -u COLUMNS -u LINES XDG_CACHE_HOME={tempfile.gettempdir()}/mudu-bench-cache"
    return f"{env} {sys.executable} {HERE / 'alt_child.py'} {variant}"


def cpu_to_settle(rounds: int) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {v: [] for v in VARIANTS}
    for n in range(rounds):
        order = VARIANTS[n % len(VARIANTS) :] + VARIANTS[: n % len(VARIANTS)]
        for variant in order:
            out = subprocess.run(
                [sys.executable, str(HERE / "alt_child.py"), variant, "--cpu"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            samples[variant].append(float(out.strip().splitlines()[-1]))
    return samples


def _table(title: str, samples: dict[str, list[float]]) -> list[str]:
    base = samples["mudu"]
    lines = [
        f"| {title} | median | range | change against mudu-tui, round by round (median, range) |",
        "| --- | --- | --- | --- |",
    ]
    for variant in VARIANTS:
        s = samples[variant]
        diffs = [(a - b) * 1000 for a, b in zip(s, base, strict=True)]
        change = f"{statistics.median(diffs):+.1f} ms ({min(diffs):+.0f} to {max(diffs):+.0f})"
        shown = f"{statistics.median(s):.3f} s | {min(s):.3f}–{max(s):.3f} s (n={len(s)})"
        lines.append(f"| {variant} | {shown} | {'' if variant == 'mudu' else change} |")
    return [*lines, ""]


def _ms_table(title: str, samples: dict[str, list[float]]) -> list[str]:
    lines = [f"| {title} | median | range |", "| --- | --- | --- |"]
    for name, values in samples.items():
        ms = [v * 1000 for v in values]
        spread = f"{min(ms):.1f}–{max(ms):.1f} ms (n={len(ms)})"
        lines.append(f"| {name} | {statistics.median(ms):.1f} ms | {spread} |")
    return [*lines, ""]


def first_screens(rounds: int, warm_up: bool = True) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {v: [] for v in VARIANTS}
    for variant in VARIANTS if warm_up else ():  # bytecode, the pack cache, the disk cache
        _tmux_first_screen(_command(variant), READY)
    for n in range(rounds):
        order = VARIANTS[n % len(VARIANTS) :] + VARIANTS[: n % len(VARIANTS)]
        for variant in order:
            samples[variant].append(_tmux_first_screen(_command(variant), READY))
    return samples


async def _full_collection(freeze_warm_up: bool) -> float:
    """Seconds a full collection takes once the app is up and warmed up."""
    from mudu_tui.app import MuduApp
    from mudu_tui.model.pack import load_pack
    from mudu_tui.runner import tuned_interpreter

    with tuned_interpreter() as tuned:
        app = MuduApp(load_pack(None), on_first_frame=tuned.first_frame_out)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(1.5)  # first frame, then the warm-up worker
            await app.workers.wait_for_complete()
            if freeze_warm_up:
                gc.freeze()
            start = time.perf_counter()
            gc.collect()
            return time.perf_counter() - start


async def _select_latencies(pack_path: Path, swap: bool, count: int) -> list[float]:
    """Seconds from selecting a company to the refreshed screen, with the entity panes as
    mudu-tui's item lists or (``swap``) as Textual's OptionList."""
    import alt_child

    from mudu_tui.app import MuduApp
    from mudu_tui.model.pack import load_pack
    from mudu_tui.screens import main as main_screen

    original = main_screen.make_pane
    if swap:
        main_screen.make_pane = alt_child.make_option_pane  # type: ignore[assignment]
    try:
        pack = load_pack(pack_path)
        app = MuduApp(pack)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(1.0)
            await app.workers.wait_for_complete()
            screen = app.screen
            samples = []
            for entity in [e.id for e in pack.index.of_kind("companies")][:count]:
                await pilot.pause(0.05)
                shown = asyncio.Event()
                start = time.perf_counter()
                screen.select(entity)  # type: ignore[attr-defined]
                app.screen.call_after_refresh(shown.set)
                await shown.wait()
                samples.append(time.perf_counter() - start)
            return samples
    finally:
        main_screen.make_pane = original


def large_pack_selection(count: int, quick: bool = False) -> dict[str, list[float]]:
    from make_large_pack import make_large_pack

    with tempfile.TemporaryDirectory(prefix="mudu-alt-") as work:
        pack = make_large_pack(Path(work) / "large", *((2, 50) if quick else (100, 5000)))
        return {
            "item lists (mudu)": asyncio.run(_select_latencies(pack, False, count)),
            "OptionList": asyncio.run(_select_latencies(pack, True, count)),
        }


def collections(rounds: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {"frozen": [], "not frozen": []}
    for _ in range(rounds):
        out["frozen"].append(asyncio.run(_full_collection(True)))
        out["not frozen"].append(asyncio.run(_full_collection(False)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15, help="first screens in tmux, per variant")
    parser.add_argument("--cpu-rounds", type=int, default=15, help="headless first screens, per variant")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="its section is replaced")
    parser.add_argument("--quick", action="store_true", help="one of everything (the tests use it)")
    args = parser.parse_args()
    if args.quick:
        args.rounds = args.cpu_rounds = 1
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "mudu_tui")], check=True)
    lines = _table("CPU to a settled first screen (headless)", cpu_to_settle(args.cpu_rounds))
    # One idle session keeps the tmux server up between launches (a server that exits when its
    # last session ends can refuse the next launch).
    if shutil.which("tmux"):
        subprocess.run([*TMUX, "new-session", "-d", "-s", "keep", "sleep 3600"], check=True)
        try:
            lines += _table("first screen in tmux", first_screens(args.rounds, warm_up=not args.quick))
        finally:
            subprocess.run([*TMUX, "kill-server"], capture_output=True)
    selection = large_pack_selection(2 if args.quick else 15, args.quick)
    lines += _ms_table("select a company, 100× pack, to the refreshed screen", selection)
    collected = collections(1 if args.quick else max(3, args.rounds // 3))
    lines += _ms_table("full collection after the warm-up", collected)
    report = "\n".join(lines)
    print(report)
    old = args.out.read_text("utf-8") if args.out.exists() else ""
    if ALTERNATIVES_HEADING in old:
        start = old.index(ALTERNATIVES_HEADING)
        head, section = old[:start], old[start:]
        # The section's prose stays; its tables are replaced (they follow the first blank line).
        prose = section.split("\n| ", 1)[0]
        args.out.write_text(head + prose + "\n" + report, "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
