"""`mudu-tui serve` without a browser: the command line's refusals, the token, the session cap,
private reading state, and a clean stop on SIGINT and SIGTERM with no reader left running.

The server runs as the installed command, as a user starts it; websockets are opened with
aiohttp's client, which speaks the same protocol as textual-serve's page.
"""

from __future__ import annotations

import asyncio
import html
import json
import signal
import socket
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="the web extra is not installed: pip install -e '.[web]'")
import aiohttp  # noqa: E402  (textual-serve's own dependency)
from served import TIMEOUT, Served, alive, terminal_text  # noqa: E402
from terminal import BIN  # noqa: E402

from mudu_tui.model.pack import load_pack  # noqa: E402

if not BIN.exists():
    pytest.skip(
        f"the mudu-tui console script is not installed next to {sys.executable}", allow_module_level=True
    )


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Callable[..., Served]]:
    """Start `mudu-tui serve ARGS`; everything started is stopped afterwards."""
    started: list[Served] = []

    def start(*arguments: str) -> Served:
        server = Served(tmp_path / f"serve{len(started)}", *arguments)
        started.append(server)
        server.start()
        return server

    yield start
    for server in started:
        server.close()


async def read_until(ws: aiohttp.ClientWebSocketResponse, *texts: str) -> str:
    """Read terminal output until every one of ``texts`` has arrived; the text so far."""
    data = bytearray()
    async with asyncio.timeout(TIMEOUT):
        async for message in ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                data += message.data
                text = terminal_text(bytes(data))
                if all(t in text for t in texts):
                    return text
    raise AssertionError(
        f"the session closed before {texts!r} arrived:\n{terminal_text(bytes(data))[-2000:]}"
    )


async def read_close(ws: aiohttp.ClientWebSocketResponse) -> tuple[int | None, str]:
    """Read until the server closes the websocket; its close code and reason."""
    async with asyncio.timeout(TIMEOUT):
        while True:
            message = await ws.receive()
            if message.type == aiohttp.WSMsgType.CLOSE:
                return ws.close_code, message.extra or ""
            if message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                return ws.close_code, ""


def ws_url(server: Served, token: str | None = None) -> str:
    return f"{server.base.replace('http', 'ws', 1)}/ws/{token or server.token}?width=120&height=40"


# --- the command line -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.0.2.7", False),
        ("example.org", False),
    ],
)
def test_only_loopback_addresses_count_as_local(host: str, loopback: bool) -> None:
    from mudu_tui.web import is_loopback

    assert is_loopback(host) is loopback


@pytest.mark.parametrize(
    ("host", "shown"),
    [("0.0.0.0", "127.0.0.1"), ("::", "[::1]"), ("::1", "[::1]"), ("127.0.0.1", "127.0.0.1")],
)
def test_the_printed_url_names_an_address_a_browser_can_open(host: str, shown: str) -> None:
    from mudu_tui.web import browser_host

    assert browser_host(host) == shown


@pytest.mark.parametrize(
    ("language", "first"), [("zh-Hant", "TC"), ("zh-Hans", "SC"), ("zh-CN", "SC"), ("zh", "TC")]
)
def test_the_article_script_picks_the_first_cjk_fonts(language: str, first: str) -> None:
    from mudu_tui.web import cjk_faces

    faces = cjk_faces(language)
    assert faces[0].endswith(first)
    assert any(face.endswith("SC") for face in faces) and any(face.endswith("TC") for face in faces)


def test_another_address_needs_public(capsys: pytest.CaptureFixture[str]) -> None:
    from mudu_tui import cli

    with pytest.raises(SystemExit) as exit_info:
        cli.main(["serve", "--host", "0.0.0.0"])
    assert exit_info.value.code == 2
    assert "--public" in capsys.readouterr().err


def test_without_the_web_extra_serve_says_how_to_get_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from mudu_tui import cli

    for name in [n for n in sys.modules if n == "mudu_tui.web" or n.startswith("textual_serve")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # makes the import fail
    monkeypatch.delattr("mudu_tui.web", raising=False)
    assert cli.main(["serve"]) == 1
    err = capsys.readouterr().err
    assert "pip install 'mudu-tui[web]'" in err and "Traceback" not in err


def test_a_broken_pack_is_refused_before_serving(make_pack, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    from mudu_tui import cli

    pack = make_pack(lambda text: text.replace("schema: 2", "schema: 99", 1))
    assert cli.main(["serve", str(pack), "--port", "0"]) == 1
    captured = capsys.readouterr()
    assert "index.yaml:" in captured.err and "schema" in captured.err
    assert "http://" not in captured.out


def test_a_port_in_use_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    from mudu_tui import cli

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert cli.main(["serve", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"cannot listen on 127.0.0.1:{port}" in err and "Traceback" not in err


# --- the running server -----------------------------------------------------------------------


async def test_token_page_and_session_cap(served: Callable[..., Served]) -> None:
    server = served("--max-sessions", "1")
    async with aiohttp.ClientSession() as http:
        for url in (f"{server.base}/", f"{server.base}/?token=wrong"):
            async with http.get(url) as response:
                assert response.status == 403
                assert "token" in await response.text()
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(ws_url(server, "wrong"))
        assert refused.value.status == 403

        async with http.get(server.url) as response:
            assert response.status == 200
            page = await response.text()
        title = load_pack(None).index.title
        assert f"<title>{html.escape(title)}</title>" in page
        assert "googleapis" not in page and "https://" not in page  # nothing from the internet
        assert f"/ws/{server.token}" in page

        first = await http.ws_connect(ws_url(server))
        await read_until(first, title, "[原文]")
        assert len(server.wait_readers(1)) == 1

        # The cap: a tab beyond it waits a moment for a slot, then is told why it closes.
        second = await http.ws_connect(ws_url(server))
        code, reason = await read_close(second)
        assert code == aiohttp.WSCloseCode.TRY_AGAIN_LATER
        assert reason == "Every reading session (1 at once) is in use. Close one, or try later."
        assert len(server.readers()) == 1

        # A tab that connects while another is closing (as a reloaded one does) gets its slot.
        waiting = await http.ws_connect(ws_url(server))
        await first.close()
        await read_until(waiting, title, "[原文]")
        first = waiting

        # Closing the tab stops its reader and removes its private state folder.
        await first.close()
        server.wait_readers(0)
    assert server.stop() == 0
    assert list(server.tmp.iterdir()) == []  # the run's state folders are gone too


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
async def test_a_signal_stops_every_reader(served: Callable[..., Served], sig: signal.Signals) -> None:
    server = served("--variant", "simplified")
    async with aiohttp.ClientSession() as http:
        tabs = [await http.ws_connect(ws_url(server)) for _ in range(2)]
        for tab in tabs:
            await read_until(tab, "[简体]")  # the reader's own --variant reached the session
        readers = server.wait_readers(2)
        closes = [asyncio.ensure_future(read_close(tab)) for tab in tabs]
        status = await asyncio.to_thread(server.stop, sig)
        for code, reason in await asyncio.gather(*closes):
            assert code == aiohttp.WSCloseCode.GOING_AWAY and reason == "The server has stopped."
    assert status == 0
    assert not [pid for pid in readers if alive(pid)]
    assert "stopping" in server.output and "Traceback" not in server.output
    assert list(server.tmp.iterdir()) == []


@pytest.mark.parametrize("user_state", [False, True], ids=["private", "--user-state"])
async def test_reading_state_stays_in_the_session_unless_asked(
    served: Callable[..., Served], user_state: bool
) -> None:
    server = served(*(["--user-state"] if user_state else []))
    async with aiohttp.ClientSession() as http:
        tab = await http.ws_connect(ws_url(server))
        await read_until(tab, "[原文]")
        await tab.send_str(json.dumps(["stdin", "t"]))
        await read_until(tab, "[简体]")
        await tab.send_str(json.dumps(["stdin", "q"]))  # quitting saves the reading state
        await read_close(tab)
        server.wait_readers(0)
    state_file = server.user_state / "state.json"
    if user_state:
        assert json.loads(state_file.read_text("utf-8"))  # written where the terminal reader keeps it
        assert "simplified" in state_file.read_text("utf-8")
    else:
        assert not state_file.exists()
        assert server.wait_sessions_tidied() == []  # its private folder went with it
    assert server.stop() == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
async def test_readers_go_when_the_server_is_killed(served: Callable[..., Served]) -> None:
    """SIGKILL leaves the server no time to clean up: each reader is told by the kernel."""
    server = served()
    async with aiohttp.ClientSession() as http:
        tab = await http.ws_connect(ws_url(server))
        await read_until(tab, "[原文]")
        readers = server.wait_readers(1)
        assert server.stop(signal.SIGKILL) == -signal.SIGKILL
        async with asyncio.timeout(TIMEOUT):
            while [pid for pid in readers if alive(pid)]:
                await asyncio.sleep(0.1)


async def test_a_reader_that_fails_closes_its_tab_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In-process: a reader that exits at once (here on a bad option) does not leave its tab
    open on a blank terminal; the tab is told, and the server carries on."""
    from mudu_tui.web import ReaderServer, ServeOptions

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    options = ServeOptions(reader_args=("--no-such-option",), title="t", language="zh-Hant", port=0)
    server = ReaderServer(options)
    stop = asyncio.Event()
    running = asyncio.ensure_future(server.run(stop))
    async with asyncio.timeout(TIMEOUT):
        while not server.url:
            await asyncio.sleep(0.05)
    base = server.url.split("/?")[0].replace("http", "ws", 1)
    async with aiohttp.ClientSession() as http:
        tab = await http.ws_connect(f"{base}/ws/{server.token}")
        code, reason = await read_close(tab)
    assert "stopped with an error" in reason
    async with asyncio.timeout(TIMEOUT):
        while server.sessions:  # the server's side of the close finishes a moment later
            await asyncio.sleep(0.05)
    stop.set()
    await running
    assert list(tmp_path.iterdir()) == []


def test_public_prints_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    """--public on every address: the warning comes first. The port is held here, so the
    server stops at binding and nothing is ever served beyond this machine."""
    from mudu_tui import cli

    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert cli.main(["serve", "--host", "0.0.0.0", "--public", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert err.index("warning: serving on 0.0.0.0") < err.index("cannot listen on 0.0.0.0")
    assert "not encrypted" in err
