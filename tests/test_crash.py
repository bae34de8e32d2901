"""An unexpected failure: terminal restored by Textual, one line, a full log, non-zero exit."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

from mudu_tui import runner
from mudu_tui.app import MuduApp


def test_crash_prints_one_line_and_writes_log(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))

    def boom(self: MuduApp) -> None:
        raise ValueError("boom [red]x[/red]")

    monkeypatch.setattr(MuduApp, "on_mount", boom)
    code = runner.run_reader(None, fresh=True, variant=None, headless=True)
    err = capsys.readouterr().err
    assert code != 0
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("mudu-tui crashed: ValueError: boom [red]x[/red]; full log: ")
    log = Path(lines[0].split("full log: ", 1)[1])
    assert log.is_relative_to(tmp_path)
    assert "Traceback" in log.read_text("utf-8") or "boom" in log.read_text("utf-8")
    assert "Traceback" not in err


def test_clean_exit_has_no_crash_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))

    def quit_at_once(self: MuduApp) -> None:
        self.exit()

    monkeypatch.setattr(MuduApp, "on_mount", quit_at_once)
    assert runner.run_reader(None, fresh=True, variant=None, headless=True) == 0
    assert capsys.readouterr().err == ""
    assert not list(tmp_path.rglob("crash-*.log"))


def test_the_interpreter_is_put_back_whatever_the_outcome(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reader holds collection off and shortens the switch interval while it starts; a
    pack error, a crash or a clean exit all leave the interpreter as they found it."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    interval = sys.getswitchinterval()
    assert runner.run_reader(tmp_path / "no-such-pack", fresh=True, variant=None, headless=True) == 1

    def boom(self: MuduApp) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(MuduApp, "on_mount", boom)
    assert runner.run_reader(None, fresh=True, variant=None, headless=True) != 0
    capsys.readouterr()
    assert gc.isenabled() and sys.getswitchinterval() == interval
    assert not gc.get_freeze_count()


async def test_collection_resumes_once_the_first_frame_is_out() -> None:
    from mudu_tui.model.pack import load_pack

    with runner.tuned_interpreter() as tuned:
        assert not gc.isenabled() and sys.getswitchinterval() == 0.001
        app = MuduApp(load_pack(None), on_first_frame=tuned.first_frame_out)
        async with app.run_test() as pilot:
            await pilot.pause()
            assert gc.isenabled() and gc.get_freeze_count() > 0
    assert gc.isenabled() and not gc.get_freeze_count()


def test_each_tweak_can_be_left_out_and_the_interpreter_is_left_as_found() -> None:
    interval = sys.getswitchinterval()
    with runner.tuned_interpreter(runner.Tuning(hold_collection=False, switch_interval=None)) as tuned:
        assert gc.isenabled() and sys.getswitchinterval() == interval
        tuned.first_frame_out()
        assert not gc.get_freeze_count()  # nothing was held, so nothing is frozen
    assert gc.isenabled() and sys.getswitchinterval() == interval


async def test_an_app_without_a_runner_leaves_the_interpreter_alone() -> None:
    # The app has no tweaks of its own: tests and other hosts get Python's defaults.
    from mudu_tui.app import create_app

    app = create_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert gc.isenabled() and not gc.get_freeze_count()


def test_the_line_names_the_error_that_ended_it_not_textuals_note(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Two handlers fail: Textual shows the first and adds "NOTE: 1 of 2 errors shown…",
    # which the line once named instead of the error (issue 13).
    from mudu_tui.screens.main import MainScreen

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))

    def overflow(self: object) -> None:
        raise OverflowError("int too large to convert to float")

    def second(self: object) -> None:
        raise ValueError("second")

    monkeypatch.setattr(MainScreen, "on_mount", overflow)
    monkeypatch.setattr(MuduApp, "on_mount", second)
    assert runner.run_reader(None, fresh=True, variant=None, headless=True) != 0
    err = capsys.readouterr().err
    log = Path(err.split("full log: ", 1)[1].strip())
    text = log.read_text("utf-8")
    assert "NOTE: 1 of 2 errors shown" in text  # the case this is about
    shown = "ValueError: second" if "ValueError: second" in text else "OverflowError: int too large"
    assert err.startswith(f"mudu-tui crashed: {shown}"), err
