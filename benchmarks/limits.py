"""How large a pack the reader handles: first screen and key latency as a user feels them.

For each size, a pack of the bundled article repeated ``copies`` times (with 50 generated
companies per copy, as ``make_large_pack.py`` makes them) is opened in tmux (120x40): the
first screen with an empty cache (the pack parsed and checked), then a second time (cached),
then the time from each key sent to the screen answering it: ``t`` (the whole screen in
Simplified), ``End`` in the article, ``enter`` on the first city (a selection; ``2`` before
it focuses the pane, which changes only colours, so it is not timed), ``q`` (the reader
gone: the alternate screen left). Medians of ``--runs`` runs. The pack limits in
``model/limits.py`` come from here: every pack ``check`` accepts must draw its first
screen within 3 s and answer each key within 200 ms on the project's 2-core machine.

    python benchmarks/limits.py --copies 100 200 400
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_large_pack import make_large_pack  # noqa: E402
from run import MUDU_READY  # noqa: E402

from mudu_tui.model import limits  # noqa: E402

BIN = Path(sys.executable).parent / "mudu-tui"
TMUX = ["tmux", "-u", "-L", f"mudu-limits-{os.getpid()}"]


def _screen(session: str) -> str:
    return subprocess.run([*TMUX, "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout


def _alternate_screen_left(session: str) -> bool:
    flag = subprocess.run(
        [*TMUX, "display-message", "-p", "-t", session, "#{alternate_on}"], capture_output=True, text=True
    ).stdout
    return flag.strip() == "0"


def _wait(session: str, done: object, timeout: float = 120.0) -> float:
    """Seconds until ``done(screen)`` holds, polling every 5 ms."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if done(_screen(session)) if done != "left" else _alternate_screen_left(session):  # type: ignore[operator]
            return time.perf_counter() - start
        time.sleep(0.005)
    raise TimeoutError(f"no answer within {timeout} s; screen:\n{_screen(session)}")


def _key(session: str, key: str, done: object = None) -> float:
    """Seconds from sending ``key`` until ``done(screen)`` holds (by default: until the
    screen changes)."""
    before = _screen(session)
    subprocess.run([*TMUX, "send-keys", "-t", session, key], check=True)
    return _wait(session, done or (lambda screen: screen != before))


def one_run(pack: Path, cache: Path, state: Path) -> dict[str, float]:
    """First screen and the keys' latencies in one session."""
    session = f"limits{time.monotonic_ns() % 10**8}"
    env = f"env -u COLUMNS -u LINES XDG_CACHE_HOME={cache} XDG_STATE_HOME={state} "
    command = f"{env}{BIN} --fresh {pack}; echo READER-GONE; sleep 30"
    start = time.perf_counter()
    subprocess.run([*TMUX, "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command], check=True)
    subprocess.run([*TMUX, "resize-window", "-t", session, "-x", "120", "-y", "40"], capture_output=True)
    try:
        _wait(session, lambda s: all(r in s for r in MUDU_READY))
        out = {"first_screen_s": time.perf_counter() - start}
        time.sleep(1.5)  # past the warm-up's start, as a reader's first key would be
        out["key_t_ms"] = _key(session, "t", lambda s: "[简体]" in s) * 1000
        out["key_end_ms"] = _key(session, "End") * 1000
        subprocess.run([*TMUX, "send-keys", "-t", session, "2"], check=True)
        time.sleep(0.5)
        out["key_enter_ms"] = _key(session, "Enter", lambda s: "1/" in s) * 1000
        # q is answered when the terminal is given back (the process may take longer to end).
        out["key_q_ms"] = _key(session, "q", "left") * 1000
        return out
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", session], capture_output=True)


def _fill(folder: Path, extra: str) -> Path:
    """The bundled pack with ``extra`` appended to its article, up to the article size limit."""
    folder.mkdir(parents=True)
    content = HERE.parent / "content"
    (folder / "index.yaml").write_bytes((content / "index.yaml").read_bytes())
    article = (content / "article.md").read_text("utf-8") + "\n"
    room = limits.MAX_ARTICLE_BYTES - len(article.encode())
    (folder / "article.md").write_text(article + extra.encode()[:room].decode("utf-8", "ignore"), "utf-8")
    return folder


def shape_packs(work: Path) -> list[Path]:
    """Packs at the limits in every shape that costs: the article's size as the longest
    paragraphs allowed, as the most paragraphs allowed, and the most mentions allowed; and
    the book of issue #18 (the article 300 times over, bundled index) and twice that."""
    long_paragraph = "一段很長的文字，" * (limits.MAX_PARAGRAPH_CHARS // 8)
    mention_count = limits.MAX_MENTIONS - 200  # the bundled article has about 150 of its own
    per_paragraph = limits.MAX_PARAGRAPH_CHARS // 4
    floods = [("合肥" * per_paragraph) for _ in range(mention_count // per_paragraph)]
    floods.append("合肥" * (mention_count % per_paragraph))
    # The bundled article repeated, with as many generated companies as the index limit
    # allows (make_large_pack's default): the ordinary shape at the limits.
    normal = make_large_pack(work / "ordinary")
    long_paragraphs = limits.MAX_ARTICLE_BYTES // len(long_paragraph.encode()) + 1  # cut to fit
    return [
        HERE.parent / "content",  # the reference: what the machine's load does to the bundled pack
        normal,
        _fill(work / "longest-paragraphs", "".join(f"\n{long_paragraph}\n" for _ in range(long_paragraphs))),
        _fill(work / "most-paragraphs", "\n".join("甲乙。\n" for _ in range(limits.MAX_PARAGRAPHS - 60))),
        _fill(work / "most-mentions", "\n".join(f"\n{flood}\n" for flood in floods)),
        make_large_pack(work / "book", copies=300, entities=0),
        make_large_pack(work / "book-twice", copies=600, entities=0),
    ]


def measure(copies: int, runs: int, work: Path, pack: Path | None = None) -> dict[str, object]:
    """The figures for one pack: generated at ``copies`` size, or ``pack`` as given."""
    if pack is None:
        pack = make_large_pack(work / f"pack-{copies}", copies=copies, entities=50 * copies)
    sizes = {
        "article_mb": (pack / "article.md").stat().st_size / 2**20,
        "index_mb": (pack / "index.yaml").stat().st_size / 2**20,
    }
    cold, warm = [], []
    for n in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            cold.append(one_run(pack, Path(cache), work / f"state{n}"))
            warm.append(one_run(pack, Path(cache), work / f"state{n}"))
    result: dict[str, object] = {"copies": copies, **{k: round(v, 2) for k, v in sizes.items()}}
    result["first_screen_cold_s"] = round(statistics.median(r["first_screen_s"] for r in cold), 2)
    result["first_screen_cached_s"] = round(statistics.median(r["first_screen_s"] for r in warm), 2)
    for key in ("key_t_ms", "key_end_ms", "key_enter_ms", "key_q_ms"):
        samples = [r[key] for r in cold + warm]
        result[key] = round(statistics.median(samples)) if samples else None
        result[key.replace("_ms", "_max_ms")] = round(max(samples))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[100, 200, 400])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--pack", type=Path, nargs="*", default=[], help="measure these packs instead")
    parser.add_argument("--shapes", action="store_true", help="measure packs at the limits in each shape")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mudu-limits-") as work:
        # A session kept open all along, so the server never exits between runs.
        subprocess.run([*TMUX, "new-session", "-d", "-s", "keep", "sleep 86400"], check=True)
        try:
            packs = shape_packs(Path(work)) if args.shapes else args.pack
            for pack in packs:
                print(pack.name, measure(0, args.runs, Path(work), pack.resolve()), flush=True)
            for copies in [] if packs else args.copies:
                print(measure(copies, args.runs, Path(work)), flush=True)
        finally:
            subprocess.run([*TMUX, "kill-server"], capture_output=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
