"""Keystroke to screen, measured from outside: the installed app in tmux, as a person uses it.

A scenario is a list of keys sent one at a time to a freshly started process. A calibration
run (its own process) sends them and records the screen each key settles on; each measured
run then sends the same keys and polls ``capture-pane`` until the screen is exactly the one
recorded, so a time ends only when the whole result is on screen. The floor is a bare Textual
app that echoes each key, driven the same way in the same run: it holds what every key costs
(tmux, the terminal, Textual's frame), and the report subtracts its median.
"""

from __future__ import annotations

import difflib
import os
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

#: Before each measured key the app is left alone this long, so it starts from a settled screen.
SETTLE = 0.25
#: A calibration step has settled when its screen has changed and then stayed the same this long.
STABLE = 0.6
TIMEOUT = 30.0
#: How long a step marked ``until_gone`` may keep the app busy (50,000 entities' search keys).
BUSY_TIMEOUT = 180.0
#: A first screen in any variant: the pane titles' English halves.
ANY_VARIANT = ["Sections", "Details"]
#: An unmeasured calibration key that changes nothing in this long is taken to change nothing.
NO_CHANGE = 5.0


@dataclass
class Step:
    """One key (tmux send-keys names, or literal text with ``literal``) and what it measures
    (``None``: sent and waited for, but not reported)."""

    keys: str
    measure: str | None = None
    literal: bool = False
    #: Text shown while the app is still busy after this key (search's "Indexing n/N" over
    #: many entities): the step's screen is the one after it has gone.
    until_gone: str = ""


@dataclass
class Scenario:
    """A command to start, what its first screen shows, and the keys to send."""

    name: str
    command: str
    ready: list[str]
    steps: list[Step]
    memory: bool = False  # read the process's peak resident memory at the end
    screens: list[str] = field(default_factory=list)  # filled by calibration


class Tmux:
    """A tmux server of our own (its own socket): nothing else can resize or stop it."""

    def __init__(self, name: str, keep: bool = True) -> None:
        self.base = ["tmux", "-u", "-L", name]
        if keep:  # one idle session keeps the server alive between measured runs
            self.run("new-session", "-d", "-s", "keep", "sleep 3600")

    def run(self, *args: str) -> str:
        return subprocess.run([*self.base, *args], capture_output=True, text=True, check=True).stdout

    def start(self, session: str, command: str) -> None:
        self.run("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
        # A server started elsewhere may impose its own window size; insist on 120x40.
        subprocess.run(
            [*self.base, "resize-window", "-t", session, "-x", "120", "-y", "40"], capture_output=True
        )

    def screen(self, session: str) -> str:
        return self.run("capture-pane", "-p", "-t", session)

    def send(self, session: str, step: Step) -> None:
        self.run("send-keys", "-t", session, *(["-l"] if step.literal else []), step.keys)

    def wait(
        self, session: str, done: Callable[[str], bool], start: float, what: str, timeout: float = TIMEOUT
    ) -> float:
        """Seconds from ``start`` to the end of the first capture for which ``done`` holds."""
        screen = ""
        while time.perf_counter() - start < timeout:
            screen = self.screen(session)
            if done(screen):
                return time.perf_counter() - start
        raise TimeoutError(f"never showed {what}; last screen:\n{screen}")

    def kill(self, session: str) -> None:
        subprocess.run([*self.base, "kill-session", "-t", session], capture_output=True)

    def close(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True)

    def peak_rss_mb(self, session: str) -> float:
        """The largest peak resident set (VmHWM) among the pane's processes, in MB."""
        pid = int(self.run("display-message", "-p", "-t", session, "#{pane_pid}").strip())
        peak = 0
        for p in [pid, *_descendants(pid)]:
            try:
                for line in Path(f"/proc/{p}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
            except OSError:
                continue
        return round(peak / 1024, 1)


def _descendants(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True).stdout
    children: dict[int, list[int]] = {}
    for line in out.splitlines():
        child, parent = map(int, line.split())
        children.setdefault(parent, []).append(child)
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _session() -> str:
    return f"s{os.getpid()}x{time.monotonic_ns() % 10**9}"


def calibrate(tmux: Tmux, scenario: Scenario) -> None:
    """Record the screen each step settles on (in a process of its own)."""
    session = _session()
    tmux.start(session, scenario.command)
    try:
        before = _wait_ready(tmux, session, scenario)
        time.sleep(STABLE)
        before = tmux.screen(session)
        scenario.screens = []
        for step in scenario.steps:
            tmux.send(session, step)
            start = time.perf_counter()
            try:
                tmux.wait(
                    session, lambda s, b=before: s != b, start, f"a change after {step.keys!r}", NO_CHANGE
                )
            except TimeoutError:
                if step.measure:  # a measured key must show something
                    raise
            if step.until_gone:
                gone = step.until_gone
                tmux.wait(session, lambda s, g=gone: g not in s, start, f"{gone!r} gone", BUSY_TIMEOUT)
            # An unmeasured key may change nothing (focusing the pane already focused).
            screen, since = tmux.screen(session), time.perf_counter()
            while time.perf_counter() - since < STABLE:
                now = tmux.screen(session)
                if now != screen:
                    screen, since = now, time.perf_counter()
                time.sleep(0.02)
            scenario.screens.append(screen)
            before = screen
    finally:
        tmux.kill(session)


def _wait_ready(tmux: Tmux, session: str, scenario: Scenario) -> str:
    start = time.perf_counter()
    tmux.wait(session, lambda s: all(r in s for r in scenario.ready), start, str(scenario.ready))
    return tmux.screen(session)


class Abandoned(Exception):
    """A measured run never showed the screen its calibration settled on."""


def measure(tmux: Tmux, scenario: Scenario) -> dict[str, list[float]]:
    """One fresh process through the scenario: seconds per measured step, by name. Raises
    :class:`Abandoned` (with the screens that differ) when a step never shows its screen."""
    session = _session()
    tmux.start(session, scenario.command)
    samples: dict[str, list[float]] = {}
    try:
        _wait_ready(tmux, session, scenario)
        for step, expected in zip(scenario.steps, scenario.screens, strict=True):
            time.sleep(SETTLE)
            start = time.perf_counter()
            tmux.send(session, step)
            try:
                what = f"the screen after {step.keys!r}"
                timeout = BUSY_TIMEOUT if step.until_gone else TIMEOUT
                took = tmux.wait(session, lambda s, e=expected: s == e, start, what, timeout)
            except TimeoutError:
                shown = tmux.screen(session).splitlines()
                diff = difflib.unified_diff(expected.splitlines(), shown, "calibrated", "shown", lineterm="")
                raise Abandoned(f"{scenario.name}, after {step.keys!r}:\n" + "\n".join(diff)) from None
            if step.measure:
                samples.setdefault(step.measure, []).append(took)
        if scenario.memory:
            samples["peak_rss_mb"] = [tmux.peak_rss_mb(session)]
    finally:
        tmux.kill(session)
    return samples


def mudu_command(
    bin_dir: Path, pack: Path | None, cache: Path, state: Path, *args: str, fresh: bool = True
) -> str:
    """mudu-tui as a user starts it, with our own cache and state folders, ignoring saved state
    (``fresh``) or reopening it."""
    env = (
        f"env -u COLUMNS -u LINES XDG_STATE_HOME={shlex.quote(str(state))} "
        f"XDG_CACHE_HOME={shlex.quote(str(cache))} "
    )
    parts = [str(bin_dir / "mudu-tui"), *(["--fresh"] if fresh else []), *args]
    parts += [str(pack)] if pack else []
    return env + " ".join(shlex.quote(p) for p in parts)


def scenarios(
    mudu: Callable[..., str], bare: str, ready: list[str], query: str, repeat: int
) -> list[Scenario]:
    """Every scenario for one pack, plus the floor; ``repeat`` measured keys of each kind a process."""
    toggle = [Step("t", "first switch to 简体"), Step("t", "toggle")]
    toggle += [Step("t", "toggle") for _ in range(2 * repeat)]
    # Typed once the search keys are built: an index still building lists fewer results.
    search = [Step("/", until_gone="Indexing"), Step(query[0], "search, first keystroke", literal=True)]
    search += [Step(c, "search, later keystroke", literal=True) for c in query[1:]]
    for _ in range(repeat - 1):
        search += [Step("BSpace"), Step(query[-1], "search, later keystroke", literal=True)]
    select: list[Step] = [Step("2")]
    for _ in range(repeat):
        select += [Step("Enter", "selection"), Step("n", "n (next mention)"), Step("Escape")]
    end = [Step("0")]
    end += [Step("G", "end of the article, first"), Step("g")]
    for _ in range(repeat):
        end += [Step("G", "end of the article, again"), Step("g")]
    return [
        Scenario(
            "floor", bare, ["bare textual app ready"], [Step("x", "floor") for _ in range(2 * repeat + 2)]
        ),
        Scenario("toggle", mudu(), ready, toggle),
        # Each variant's first switch starts from the one before it in the `v` cycle.
        Scenario(
            "taiwan", mudu("--variant", "simplified"), ANY_VARIANT, [Step("v", "first switch to 臺灣正體")]
        ),
        Scenario(
            "hongkong", mudu("--variant", "taiwan"), ANY_VARIANT, [Step("v", "first switch to 香港繁體")]
        ),
        Scenario("search", mudu(), ready, search),
        Scenario("select", mudu(), ready, select),
        Scenario("end", mudu(), ready, end, memory=True),
        # The map's code and outlines load the first time it is shown.
        Scenario("map", mudu(), ready, [Step("9", "key 9 to the map, first time")]),
    ]


def run_scenarios(
    tmux: Tmux, items: list[Scenario], processes: int
) -> tuple[dict[str, list[float]], list[str]]:
    """Calibrate each scenario, then run them in turn ``processes`` times (interleaved, so the
    machine's drift spreads over all of them and the floor alike). Returns the samples and
    the runs abandoned (each with the screen it showed against the one calibrated): such a
    run's samples are left out, and the report says how many there were."""
    for scenario in items:
        calibrate(tmux, scenario)
    samples: dict[str, list[float]] = {}
    abandoned: list[str] = []
    for _ in range(processes):
        for scenario in items:
            try:
                measured = measure(tmux, scenario)
            except Abandoned as exc:
                abandoned.append(str(exc))
                print(f"abandoned run: {exc}", file=sys.stderr)
                continue
            for name, values in measured.items():
                samples.setdefault(name, []).extend(values)
    return samples, abandoned


def summarise(samples: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    """Per measure: median minus the floor's median, in ms, with the spread (min, max, quartiles)."""
    floor = statistics.median(samples["floor"])
    out: dict[str, dict[str, float]] = {}
    for name, values in samples.items():
        if name == "peak_rss_mb":
            out[name] = {"median": max(values), "n": len(values)}
            continue
        shift = 0.0 if name == "floor" else floor
        ms = sorted((v - shift) * 1000 for v in values)
        q = statistics.quantiles(ms, n=4) if len(ms) > 1 else [ms[0]] * 3
        out[name] = {
            "median": statistics.median(ms),
            "min": ms[0],
            "max": ms[-1],
            "q1": q[0],
            "q3": q[2],
            "n": len(ms),
        }
    return out
