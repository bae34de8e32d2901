"""What the command line writes (issue 13): `export -o` to files, links, FIFOs and devices;
a full disk or a closed pipe; escape sequences on a terminal; formulas in CSV."""

from __future__ import annotations

import csv
import io
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from tiny_pack import one_region_pack

from mudu_tui import cli
from mudu_tui.export import CSV_COLUMNS
from mudu_tui.model.files import write_output

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_fc1c8b160e095227.txt"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def mudu(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """The command line in a child process, as a shell runs it."""
    return subprocess.run([sys.executable, "-m", "mudu_tui.cli", *args], capture_output=True, **kwargs)


# --- export -o: what the target is stays what it is ------------------------------------------


def test_a_symlink_stays_a_link_and_its_target_gets_the_content(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "real.csv"
    target.write_text("old\n", "utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    code, out, err = run(capsys, "export", "--format", "csv", "-o", str(link))
    assert (code, err) == (0, "")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text("utf-8").startswith(",".join(CSV_COLUMNS))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real.csv"]


def test_a_dangling_symlink_creates_its_target(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "new.json")
    assert run(capsys, "export", "--format", "json", "-o", str(link))[0] == 0
    assert link.is_symlink() and (tmp_path / "new.json").read_text("utf-8").startswith("{")


def test_a_fifo_is_written_through(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    code, _, err = run(capsys, "export", "--format", "csv", "-o", str(fifo))
    reader.join(timeout=60)
    assert (code, err) == (0, "")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received and received[0].decode("utf-8").startswith(",".join(CSV_COLUMNS))


def test_a_character_device_is_written_through(capsys: pytest.CaptureFixture[str]) -> None:
    # A terminal of the test's own (the pty's slave side) stands for /dev/null or /dev/tty.
    master, slave = os.openpty()
    try:
        device = os.ttyname(slave)
        chunks: list[bytes] = []
        drain = threading.Thread(target=lambda: _drain(master, chunks))
        drain.start()
        code, _, err = run(capsys, "export", "--format", "markdown", "-o", device)
        assert (code, err) == (0, "")
        assert stat.S_ISCHR(os.stat(device).st_mode)
    finally:
        os.close(slave)
        drain.join(timeout=60)
        os.close(master)
    assert b"# " in b"".join(chunks)


def _drain(fd: int, chunks: list[bytes]) -> None:
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the slave side closed
            return
        if not chunk:
            return
        chunks.append(chunk)


def test_dev_stdout_works() -> None:
    result = mudu("export", "--format", "json", "-o", "/dev/stdout")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"{") and result.stderr == b""
    assert Path("/dev/stdout").is_symlink()  # still the kernel's link


def test_dev_full_is_one_line_and_exit_1() -> None:
    result = mudu("export", "--format", "json", "-o", "/dev/full")
    assert result.returncode == 1
    assert result.stderr.decode().count("\n") == 1 and b"No space left" in result.stderr
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_name_at_the_length_limit_works(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    name = "x" * 245 + ".json"  # 250 bytes: the old temporary name added 14 and failed
    code, _, err = run(capsys, "export", "--format", "json", "-o", str(tmp_path / name))
    assert (code, err) == (0, "")
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_folder_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "export", "--format", "json", "-o", str(tmp_path))
    assert code == 1 and err.count("\n") == 1 and "cannot write" in err


def test_write_output_keeps_an_existing_files_mode(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_output(target, b"new")
    assert target.read_bytes() == b"new" and target.stat().st_mode & 0o777 == 0o600


# --- a full disk, a closed pipe ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["check"], ["export", "--format", "json"], ["export", "--format", "csv"], ["repair", str(SEED)]],
    ids=["check", "export-json", "export-csv", "repair"],
)
def test_a_full_disk_is_one_line_and_non_zero(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "mudu_tui.cli", *args], stdout=full, stderr=subprocess.PIPE
        )
    err = result.stderr.decode()
    assert result.returncode == 1
    assert "Traceback" not in err and "Exception ignored" not in err
    assert err.count("\n") == 1 and "No space left on device" in err


@pytest.mark.parametrize(
    "args",
    [["export", "--format", "json"], ["export", "--format", "csv"], ["repair", str(SEED)], ["--help"]],
    ids=["export-json", "export-csv", "repair", "help"],
)
def test_a_closed_pipe_ends_quietly(args: list[str]) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "mudu_tui.cli", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.readline()  # `| head -1`
    child.stdout.close()
    err = child.stderr.read().decode()
    child.wait(timeout=60)
    assert err == ""
    assert child.returncode == 0


# --- escape sequences on a terminal -------------------------------------------------------------


def test_repair_shows_escapes_on_a_terminal_and_keeps_them_in_a_pipe(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seed = tmp_path / "seed.txt"
    seed.write_text("# 題\n\n清屏\x1b[2J之後\x9b。\n", "utf-8")
    code, out, _ = run(capsys, "repair", str(seed))
    assert code == 0 and "\x1b[2J" in out  # a pipe or file gets the text exactly
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    code, out, _ = run(capsys, "repair", str(seed))
    assert code == 0
    assert "\x1b" not in out and "\x9b" not in out
    assert "\\x1b[2J" in out and "\n" in out  # visible, and the lines stay lines


@pytest.mark.parametrize(
    "args",
    [
        ["pack", "\x1b[2Jname"],
        ["check", "a", "\x1b]0;title\x07"],
        ["repair"],
        ["export", "--format", "\x1b[2J"],
        ["init", "article.md", "\x1b[2Jextra"],
    ],
    ids=["reader", "check", "repair-missing", "export", "init"],
)
def test_usage_errors_are_one_inert_line(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "error:" in err
    assert not any(ch in err for ch in "\x1b\x07")
    if "\x1b" in "".join(args):
        assert "\\x1b" in err


# --- CSV formula injection ---------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_cells_that_would_be_formulas_are_neutralised(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, start: str
) -> None:
    name = f"{start}HYPERLINK(1)"
    pack = one_region_pack(tmp_path / "p", name, f"{name}是個名字。")
    code, out, _ = run(capsys, "export", str(pack), "--format", "csv")
    assert code == 0
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["name"] == "'" + name and row["sentence"] == f"'{name}是個名字。"
    code, out, _ = run(capsys, "export", str(pack), "--format", "csv", "--raw")
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["name"] == name and row["sentence"] == f"{name}是個名字。"
