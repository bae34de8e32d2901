"""`make bench` must not rot: the benchmark runs end to end on a tiny large pack."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def quick_run(script: str, out: Path) -> None:
    """Run a benchmark script in its quick mode, writing to ``out``."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=1800,  # a guard against a hang, not a speed limit
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.mark.skipif(shutil.which("tmux") is None, reason="the benchmark drives the app through tmux")
def test_benchmark_quick_run_writes_results(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    quick_run("run.py", out)
    text = out.read_text("utf-8")
    for pack in ("## bundled pack", "## book", "## 50,000 entities"):
        assert pack in text
    for measure in (
        "floor: bare app echoing a key",
        "| toggle |",
        "first switch to 简体",
        "first switch to 臺灣正體",
        "first switch to 香港繁體",
        "search, first keystroke",
        "search, later keystroke",
        "| selection |",
        "n (next mention)",
        "end of the article, first",
        "key 9 to the map, first time",
        "peak resident memory",
        "first screen ÷ bare",
        "run 3 of 3",
        "the worst of the 3 runs",
        "first screen reopening a remembered reading state",
        "In the model",
    ):
        assert measure in text, measure


def test_alternatives_quick_run_replaces_its_section(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    shutil.copy(ROOT / "benchmarks" / "RESULTS.md", out)
    quick_run("alternatives.py", out)
    text = out.read_text("utf-8")
    section = text[text.index("## What each home-made widget") :]
    assert "Decisions:" in section  # the prose is kept
    assert "(n=1)" in section and "(n=20)" not in section  # the tables are this run's
    for variant in ("textual-tabs", "textual-footer", "textual-optionlist", "no-gc-hold"):
        assert f"| {variant} |" in section


def test_large_pack_generator_makes_a_valid_pack(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_large_pack import make_large_pack

    from mudu_tui.model.pack import load_pack

    pack = load_pack(make_large_pack(tmp_path / "large", copies=3, entities=90))
    generated = [e for e in pack.entities if e.startswith("gen0")]
    assert len(generated) == 90
    assert all(pack.mentions_of(e) for e in generated)
    assert len(pack.article.paragraphs) > 3 * 50
