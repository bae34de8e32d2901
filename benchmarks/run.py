"""`make bench`: mudu-tui's speed and memory against the Textual floor; writes RESULTS.md.

Measures, in one run: first complete screen in tmux (mudu-tui --fresh against a bare Textual
app, alternating runs, after a warm-up), toggle, search and selection latency, and peak
memory, on the bundled pack and on a generated pack as large as the pack limits allow
(``make_large_pack.py``: 12x the article, 600 more entities). Medians with ranges; the
budgets are issue #7's. ``--quick`` makes a tiny large pack and one run (the test suite uses
it so this script cannot rot).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
#: A tmux server of our own, so other sessions (or tests) can neither resize nor stop it.
TMUX = ["tmux", "-u", "-L", f"mudu-bench-{os.getpid()}"]


def _tmux_first_screen(command: str, ready: list[str], timeout: float = 30.0) -> float:
    """Seconds from launching ``command`` in a 120x40 tmux to every string of ``ready`` shown."""
    session = f"bench{os.getpid()}{time.monotonic_ns() % 100000}"
    start = time.perf_counter()
    subprocess.run(
        [*TMUX, "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command],
        check=True,
    )
    # A tmux server started elsewhere may impose its own window size; insist on 120x40.
    subprocess.run([*TMUX, "resize-window", "-t", session, "-x", "120", "-y", "40"], capture_output=True)
    try:
        screen = ""
        while time.perf_counter() - start < timeout:
            screen = subprocess.run(
                [*TMUX, "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
            if all(s in screen for s in ready):
                return time.perf_counter() - start
            time.sleep(0.005)
        raise TimeoutError(f"{command!r} never showed {ready}; last screen:\n{screen}")
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", session], capture_output=True)


def _tmux_map_open(command: str, timeout: float = 30.0) -> float:
    """Seconds from key `9` (once the first screen is out) to the map's outlines on screen in a
    120x40 tmux: the first time in a session, when the map's code and outlines load."""
    session = f"map{os.getpid()}{time.monotonic_ns() % 100000}"
    subprocess.run(
        [*TMUX, "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command],
        check=True,
    )
    subprocess.run([*TMUX, "resize-window", "-t", session, "-x", "120", "-y", "40"], capture_output=True)

    def screen() -> str:
        return subprocess.run(
            [*TMUX, "capture-pane", "-p", "-t", session], capture_output=True, text=True
        ).stdout

    try:
        start = time.perf_counter()
        while not all(s in screen() for s in MUDU_READY):
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"{command!r} never showed its first screen")
            time.sleep(0.01)
        time.sleep(0.3)  # settled: the hidden panes are mounted after the first frame
        subprocess.run([*TMUX, "send-keys", "-t", session, "9"], check=True)
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            # Braille dots (other than the blank) appear on no other pane.
            if any("\u2801" <= ch <= "\u28ff" for ch in screen()):
                return time.perf_counter() - start
            time.sleep(0.005)
        raise TimeoutError(f"{command!r} never drew the map")
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", session], capture_output=True)


def map_open(pack: Path | None, runs: int) -> dict[str, float]:
    """Key `9` to the map drawn, the first time in each run."""
    command = _mudu_command(pack, Path(tempfile.gettempdir()) / "mudu-bench-cache")
    return _stats([_tmux_map_open(command) for _ in range(runs)])


def _stats(samples: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(samples),
        "min": min(samples),
        "max": max(samples),
        "n": len(samples),
    }


def _mudu_command(pack: Path | None, cache: Path) -> str:
    env = (
        f"env -u COLUMNS -u LINES XDG_STATE_HOME={tempfile.gettempdir()}/mudu-bench-state "
        f"XDG_CACHE_HOME={cache} "
    )
    return env + f"{BIN / 'mudu-tui'} --fresh" + (f" {pack}" if pack else "")


#: The heading of the section benchmarks/alternatives.py writes into RESULTS.md.
ALTERNATIVES_HEADING = "## What each home-made widget and interpreter tweak is worth"

#: The first complete screen: the article's first paragraph and every pane's title.
MUDU_READY = ["章節", "城市", "企業", "機構", "人物", "政策", "時間線", "數據", "詳情", "8月11日上午"]


def first_cold(pack: Path | None, runs: int) -> dict[str, float]:
    """mudu-tui opening a pack it has never seen: an empty pack cache every run."""
    samples = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="mudu-bench-cache-") as cache:
            samples.append(_tmux_first_screen(_mudu_command(pack, Path(cache)), MUDU_READY))
    return _stats(samples)


def first_screen(pack: Path | None, runs: int) -> dict[str, dict[str, float]]:
    """mudu-tui and the bare app, alternating, after one warm-up each (which also fills
    mudu-tui's pack cache, as any earlier opening of the pack would): both times and the
    ratio within each pair."""
    mudu = _mudu_command(pack, Path(tempfile.gettempdir()) / "mudu-bench-cache")
    bare = f"env -u COLUMNS -u LINES {sys.executable} {HERE / 'bare_app.py'}"
    mudu_ready = MUDU_READY
    bare_ready = ["bare textual app ready"]
    _tmux_first_screen(mudu, mudu_ready)
    _tmux_first_screen(bare, bare_ready)
    m, b = [], []
    for _ in range(runs):
        m.append(_tmux_first_screen(mudu, mudu_ready))
        b.append(_tmux_first_screen(bare, bare_ready))
    # Each pair runs back to back, so its ratio cancels the machine's drift between pairs
    # (on a shared machine both times can swing by half in a minute).
    ratios = [mudu_time / bare_time for mudu_time, bare_time in zip(m, b, strict=True)]
    return {"mudu": _stats(m), "bare": _stats(b), "ratio": _stats(ratios)}


def in_process(pack: Path, runs: int) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, str(HERE / "inprocess.py"), str(pack), str(runs)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _fmt(s: dict[str, float]) -> str:
    return f"{s['median']:.3f} s ({s['min']:.3f}–{s['max']:.3f}, n={s['n']})"


def _fmt_ratio(s: dict[str, float]) -> str:
    return f"{s['median']:.2f}× ({s['min']:.2f}–{s['max']:.2f}, n={s['n']})"


def _fmt_ms(s: dict[str, float]) -> str:
    return f"{s['median_ms']:.1f} ms ({s['min_ms']:.1f}–{s['max_ms']:.1f}, n={s['n']})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny large pack, one run")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from make_large_pack import make_large_pack

    runs = 1 if args.quick else args.runs
    # An installed package starts from compiled bytecode (pip compiles it; an editable install
    # writes it on first use unless PYTHONDONTWRITEBYTECODE is set, as on CI): measure that.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "mudu_tui")], check=True)
    work = Path(tempfile.mkdtemp(prefix="mudu-bench-"))
    try:
        large = make_large_pack(work / "large", *((2, 50) if args.quick else ()))
        results: dict[str, object] = {}
        if shutil.which("tmux"):
            # One idle session keeps the server alive between measured runs.
            subprocess.run([*TMUX, "new-session", "-d", "-s", "keep", "sleep 3600"], check=True)
            try:
                # The budget is a ratio of two ~0.2 s times on a shared machine: more pairs.
                results["first_bundled"] = first_screen(None, 4 * runs + 1)
                results["first_large"] = first_screen(large, max(1, runs // 2 + 1))
                results["cold_bundled"] = first_cold(None, max(1, runs // 2))
                results["cold_large"] = first_cold(large, max(1, runs // 2))
                results["map_bundled"] = map_open(None, runs)
                results["map_large"] = map_open(large, max(1, runs // 2))
            finally:
                subprocess.run([*TMUX, "kill-server"], capture_output=True)
        results["bundled"] = in_process(ROOT / "content", runs)
        results["large"] = in_process(large, runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    # benchmarks/alternatives.py keeps its own section at the end: carry it over.
    old = args.out.read_text("utf-8") if args.out.exists() else ""
    kept = old[old.index(ALTERNATIVES_HEADING) :] if ALTERNATIVES_HEADING in old else ""
    args.out.write_text(_report(results, args.quick) + ("\n" + kept if kept else ""), "utf-8")
    print(args.out.read_text("utf-8"))
    return 0


def _report(r: dict[str, object], quick: bool) -> str:
    lines = [
        "# mudu-tui benchmark results",
        "",
        f"- date: {date.today().isoformat()}" + (" (quick run: tiny large pack, 1 run)" if quick else ""),
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        f"- python {platform.python_version()}",
        "",
        "| measure | bundled pack | large pack (12× article, 664 entities: at the limits) | budget |",
        "| --- | --- | --- | --- |",
    ]
    fb, fl = r.get("first_bundled"), r.get("first_large")
    if isinstance(fb, dict) and isinstance(fl, dict):
        lines.append(
            f"| first screen, mudu-tui | {_fmt(fb['mudu'])} | {_fmt(fl['mudu'])} | ≤1.3× bare; ≤1.0 s large |"
        )
        lines.append(f"| first screen, bare Textual app | {_fmt(fb['bare'])} | {_fmt(fl['bare'])} | |")
        pairs = f"{_fmt_ratio(fb['ratio'])} | {_fmt_ratio(fl['ratio'])}"
        lines.append(f"| ratio mudu/bare, pair by pair | {pairs} | ≤1.3× |")
        lines.append(
            f"| ratio of the medians | {fb['mudu']['median'] / fb['bare']['median']:.2f}× | "
            f"{fl['mudu']['median'] / fl['bare']['median']:.2f}× | |"
        )
        cb, cl = r.get("cold_bundled"), r.get("cold_large")
        if isinstance(cb, dict) and isinstance(cl, dict):
            lines.append(f"| first screen, pack never opened before | {_fmt(cb)} | {_fmt(cl)} | |")
        mb, ml = r.get("map_bundled"), r.get("map_large")
        if isinstance(mb, dict) and isinstance(ml, dict):
            lines.append(f"| key `9` to the map drawn, first time | {_fmt(mb)} | {_fmt(ml)} | |")
    b, g = r["bundled"], r["large"]
    assert isinstance(b, dict) and isinstance(g, dict)
    for key, label, budget in (
        ("toggle", "toggle `t` to repainted screen", "≤50 ms; ≤300 ms large"),
        ("select", "select entity to highlights + details", "≤50 ms; ≤200 ms large"),
        ("search_model", "search per keystroke (model)", "≤20 ms on 5,000"),
        ("search_screen", "search per keystroke (screen)", "≤20 ms on 5,000"),
        ("frame_floor", "floor: an empty change to its refresh", ""),
    ):
        lines.append(f"| {label} | {_fmt_ms(b[key])} | {_fmt_ms(g[key])} | {budget} |")
    for variant, switch in b.get("first_switch", {}).items():  # type: ignore[union-attr]
        large = g.get("first_switch", {}).get(variant)  # type: ignore[union-attr]
        lines.append(
            f"| first switch to {variant}, dictionaries not loaded | {_fmt_ms(switch)} | "
            f"{_fmt_ms(large) if large else ''} | ≤150 ms bundled |"
        )
    lines.append(
        f"| peak resident memory | {b['peak_rss_mb']} MB | {g['peak_rss_mb']} MB | ≤120 MB bundled |"
    )
    lines += [
        "",
        "First screen: launch to the article text and every pane title visible in tmux (120×40),",
        "with mudu-tui's cache of validated packs warm (any earlier opening fills it; the",
        "never-opened row starts each run with an empty cache, so the pack is parsed and checked),",
        "polled every 5 ms; alternating runs after a warm-up; the budget's ratio is the median of",
        "each back-to-back pair's ratio, which the machine's drift between pairs does not move.",
        "Map: from key `9` (the first screen out and settled) to braille outlines on screen, the",
        "first time in the session, when the map's code and outlines load.",
        "Latencies: headless app, from",
        "the change (the key's action, a selection, a search) to the end of the screen refresh",
        "that shows it, each from a settled screen (50 ms after the previous change); the floor",
        "row is the same wait for no change at all (frame pacing). A first switch starts a fresh",
        "app with no OpenCC dictionary loaded and its background warm-up held off (in use the",
        "warm-up loads them after the first frame, so a later first switch finds them ready).",
        "Memory: ru_maxrss of that process.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
