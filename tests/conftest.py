"""Shared fixtures. Model fixtures: the repository paths, the bundled pack, pack copies to break,
and an in-process `mudu-tui check` runner."""

from __future__ import annotations

import contextlib
import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
SEED = ROOT / "seeds" / "000_fc1c8b160e095227.txt"


@dataclass(frozen=True)
class CheckResult:
    """What one `mudu-tui check` run printed and returned."""

    code: int
    out: str
    err: str

    @property
    def problems(self) -> list[str]:
        """The problem lines (without the closing "N problems found")."""
        return [line for line in self.err.splitlines() if not line.endswith(" found")]


def run_check(*args: str | Path) -> CheckResult:
    """`mudu-tui check ARGS` in-process; an exception escaping it fails the test."""
    from mudu_tui import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["check", *(str(a) for a in args)])
    return CheckResult(code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def check() -> Callable[..., CheckResult]:
    """The in-process `mudu-tui check` runner (session-scoped, so hypothesis tests may use it)."""
    return run_check


@pytest.fixture(scope="session")
def bundled_pack():
    """The bundled pack, loaded once."""
    from mudu_tui.model.pack import load_pack

    return load_pack(CONTENT)


@pytest.fixture
def make_pack(tmp_path: Path) -> Callable[..., Path]:
    """A copy of content/ in tmp_path, its index text passed through ``edit`` (or replaced by
    ``index_bytes``) and its article through ``article``; returns the pack folder."""

    def make(
        edit: Callable[[str], str] | None = None,
        *,
        index_bytes: bytes | None = None,
        article: Callable[[str], str] | None = None,
        name: str = "pack",
    ) -> Path:
        folder = tmp_path / name
        shutil.copytree(CONTENT, folder)
        index = folder / "index.yaml"
        if index_bytes is not None:
            index.write_bytes(index_bytes)
        elif edit is not None:
            text = index.read_text("utf-8")
            changed = edit(text)
            assert changed != text, "the edit changed nothing"
            index.write_text(changed, "utf-8")
        if article is not None:
            md = folder / "article.md"
            md.write_text(article(md.read_text("utf-8")), "utf-8")
        return folder

    return make


# --- UI fixtures ----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every XDG directory (state, config, data, cache) points into the test's tmp_path, so no
    test reads or writes the real user's files. The folders are not created here (tests that list
    tmp_path must still see only what they wrote); whatever writes there creates them."""
    for name in ("STATE", "CONFIG", "DATA", "CACHE"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(tmp_path / "xdg" / name.lower()))


@pytest.fixture
def app():  # type: ignore[no-untyped-def]
    """A reader on the bundled pack, in the original script (not yet running)."""
    from mudu_tui.app import create_app

    return create_app(CONTENT)
