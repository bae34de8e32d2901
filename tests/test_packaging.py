"""The wheel carries the bundled pack: built, installed into a fresh virtual environment and run
from another directory, `mudu-tui check` finds the pack inside site-packages and passes it.

The wheel is built without build isolation (hatchling is in the test environment) and installed
with --no-deps, so the test needs no network. The new environment is created without system
site-packages; its dependencies (textual, pyyaml, …) are reached through a .pth file naming
this environment's site-packages. A .pth line only adds a path, so this environment's editable
install of mudu_tui is not processed there: mudu_tui comes from the wheel alone (asserted).
Set MUDU_TEST_PYPI=1 to install the dependencies from PyPI instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def _run(args: list[str | Path], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment with the freshly built wheel installed; its folder."""
    tmp = tmp_path_factory.mktemp("wheel")
    dist = tmp / "dist"
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", dist, ROOT],
        cwd=tmp,
    )
    wheels = list(dist.glob("mudu_tui-*.whl"))
    assert len(wheels) == 1, wheels
    names = set(zipfile.ZipFile(wheels[0]).namelist())
    assert {"mudu_tui/content/index.yaml", "mudu_tui/content/article.md", "mudu_tui/cli.py"} <= names
    assert "mudu_tui/model/china_map.json" in names  # the map's outlines
    assert {"mudu_tui/web_pages/reader.html", "mudu_tui/web_pages/notice.html"} <= names  # serve's pages

    venv = tmp / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    _run([base, "-m", "venv", "--without-pip", venv], cwd=tmp)
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", python, "install", "-q"]
    if os.environ.get("MUDU_TEST_PYPI") == "1":
        _run([*pip, wheels[0]], cwd=tmp, timeout=600)
    else:
        _run([*pip, "--no-deps", "--no-index", wheels[0]], cwd=tmp)
        site = Path(
            _run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp).stdout.strip()
        )
        (site / "_mudu_test_deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return venv


def test_installed_check_finds_the_bundled_pack_in_site_packages(installed: Path, tmp_path: Path) -> None:
    result = _run([installed / "bin" / "mudu-tui", "check"], cwd=tmp_path)
    first = result.stdout.splitlines()[0]
    assert first.startswith(str(installed)), first
    assert "site-packages/mudu_tui/content/index.yaml: ok — 爭做「模都」，中國城市有多拼？" in first
    assert "mentions" in result.stdout


def test_installed_package_comes_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    code = "import mudu_tui, mudu_tui.model.pack as p; print(mudu_tui.__file__); print(p.bundled_pack_path())"
    module, pack = _run([installed / "bin" / "python", "-c", code], cwd=tmp_path).stdout.split()
    assert module.startswith(str(installed)) and "site-packages" in module
    assert pack.startswith(str(installed)) and pack.endswith("mudu_tui/content")
    assert not module.startswith(str(ROOT / "mudu_tui"))


def test_installed_help_and_version(installed: Path, tmp_path: Path) -> None:
    assert "usage: mudu-tui" in _run([installed / "bin" / "mudu-tui", "--help"], cwd=tmp_path).stdout
    assert _run([installed / "bin" / "mudu-tui", "--version"], cwd=tmp_path).stdout.startswith("mudu-tui ")


def test_installed_repair_reads_a_seed_from_anywhere(installed: Path, tmp_path: Path) -> None:
    seed = ROOT / "seeds" / "000_fc1c8b160e095227.txt"
    result = _run([installed / "bin" / "mudu-tui", "repair", seed], cwd=tmp_path)
    assert result.stdout == (ROOT / "content" / "article.md").read_text("utf-8")
