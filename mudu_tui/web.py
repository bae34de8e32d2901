"""`mudu-tui serve`: the same reader in a browser tab, under textual-serve.

Each tab that opens the page gets its own reader process, started with the same command line
as the terminal reader (plus the pack and variant given to `serve`); textual-serve relays the
terminal over a websocket. What this module adds to textual-serve is what a local web tool
needs to be safe and tidy:

- a per-run token in the URL, as Jupyter does: without it the page and the websocket are
  refused, so another local user or a web page in the same browser cannot start readers;
- a cap on concurrent sessions: a tab beyond it is told so on its page (the websocket's close
  reason), after a short wait in case a session is just ending;
- a private state folder per session, so no tab writes over the terminal user's reading state;
- readers in their own process groups, stopped (quit, then SIGTERM, then SIGKILL) when their
  tab closes or the server stops, so nothing is left running;
- a page that loads nothing from the internet (textual-serve's own page asks Google Fonts).

The browser user can only type into the reader: no path from the browser reaches the command
line, and textual-serve's file download route is not served.
"""

from __future__ import annotations

import asyncio
import ctypes
import hmac
import ipaddress
import logging
import os
import secrets
import shlex
import shutil
import signal
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager
from textual_serve.server import Server, to_int

from .model.safety import inert

log = logging.getLogger("mudu-tui.serve")

PAGES = Path(__file__).with_name("web_pages")

#: How long a reader gets to quit after being asked, then after SIGTERM, before SIGKILL.
QUIT_GRACE = 3.0
TERM_GRACE = 2.0
#: How long a tab beyond the cap waits for a session to end before it is told they are all
#: taken: a reloaded tab's old session is still stopping when the new page connects.
SLOT_WAIT = QUIT_GRACE + TERM_GRACE

#: CJK faces the page asks the viewer's system for, by script; the other script's follow.
CJK_FACES = {
    "Hant": (
        "Noto Sans Mono CJK TC",
        "Noto Sans CJK TC",
        "Source Han Sans TC",
        "PingFang TC",
        "Microsoft JhengHei",
    ),
    "Hans": (
        "Noto Sans Mono CJK SC",
        "Noto Sans CJK SC",
        "Source Han Sans SC",
        "PingFang SC",
        "Microsoft YaHei",
    ),
}

NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


class ServeError(Exception):
    """A problem that stops `serve` before it serves (one line for the user)."""


@dataclass(frozen=True)
class ServeOptions:
    """What `mudu-tui serve` was asked for."""

    reader_args: tuple[str, ...]
    """The reader's own arguments (pack, variant), exactly as the terminal reader takes them."""
    title: str
    language: str
    host: str = "127.0.0.1"
    port: int = 8000
    max_sessions: int = 8
    user_state: bool = False
    """Let sessions read and write the user's own reading state instead of a private one."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable only from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def browser_host(host: str) -> str:
    """The host to put in a URL for an address the server binds (wildcards become loopback)."""
    if host in ("", "0.0.0.0"):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


def cjk_faces(language: str) -> tuple[str, ...]:
    """The CJK font faces to ask for, those of the article's script first."""
    simplified = "Hans" in language or language.lower() in ("zh-cn", "zh-sg")
    first, second = ("Hans", "Hant") if simplified else ("Hant", "Hans")
    return CJK_FACES[first] + CJK_FACES[second]


def _die_with_parent() -> None:
    """In the reader's process, before it runs: be sent SIGTERM if the server dies, even by
    SIGKILL, when no clean-up of the server's can run (Linux only; elsewhere a no-op)."""
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


async def _no_content(request: web.Request) -> web.Response:
    return web.Response(status=204)


class ReaderSession(AppService):
    """One browser tab's reader: its own process (group) and, unless asked, its own state folder."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        number: int,
        state_dir: Path | None,
        websocket: web.WebSocketResponse,
        download_manager: DownloadManager,
    ) -> None:
        async def close() -> None:  # the reader said it exits
            await websocket.close()

        super().__init__(
            shlex.join(argv),
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=download_manager,
        )
        self.argv = tuple(argv)
        self.number = number
        self.state_dir = state_dir
        self.websocket = websocket
        self.told_to_close = asyncio.Event()
        """Set once the server's own close (at shutdown) has had the tab's reply, or timed out."""
        self._stopping: asyncio.Future[None] | None = None

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        if self.state_dir is not None:
            environment["XDG_STATE_HOME"] = str(self.state_dir)
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
        # The reader itself, not a shell around it: the process we stop is the one reading.
        # Its own session keeps the terminal's ctrl+c from reaching it; the server stops it.
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width, height),
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        self._stdin = process.stdin
        return process

    async def run(self) -> None:
        """Relay the reader's output; when it ends, however it ends, close the tab with why."""
        await super().run()
        process = self._process
        status = await process.wait() if process is not None else 0
        why = (
            "The reader has closed."
            if status == 0
            else "The reader stopped with an error (see the server's output)."
        )
        await self.websocket.close(message=why.encode())

    async def stop(self) -> None:
        """Stop the reader and wait until it has gone; safe to call from several tasks."""
        if self._stopping is None:
            self._stopping = asyncio.ensure_future(self._shut_down())
        await asyncio.shield(self._stopping)

    async def _shut_down(self) -> None:
        process = self._process
        if process is None:
            return
        if process.returncode is None:
            await self.send_meta({"type": "quit"})
            for sig, grace in ((None, QUIT_GRACE), (signal.SIGTERM, TERM_GRACE), (signal.SIGKILL, None)):
                if sig is not None:
                    log.warning("session %d: reader did not quit; sending %s", self.number, sig.name)
                    try:
                        os.killpg(process.pid, sig)
                    except ProcessLookupError:
                        pass
                try:
                    await asyncio.wait_for(process.wait(), grace)
                    break
                except TimeoutError:
                    continue
        if self._task is not None:
            try:
                await self._task
            except Exception as exc:  # the tab went away while output was on its way
                log.debug("session %d: %r", self.number, exc)
            self._task = None

    def tidy(self) -> None:
        """Remove the session's state folder, unless the reader left a crash log there."""
        if self.state_dir is None:
            return
        logs = sorted(self.state_dir.rglob("crash-*.log"))
        if logs:
            log.warning("session %d: the reader crashed; its log is kept at %s", self.number, logs[0])
        else:
            shutil.rmtree(self.state_dir, ignore_errors=True)


class ReaderServer(Server):
    """textual-serve's server with a token, a session cap, private state and a clean stop."""

    def __init__(self, options: ServeOptions, *, token: str | None = None) -> None:
        argv = (sys.executable, "-m", "mudu_tui.cli", *options.reader_args)
        super().__init__(shlex.join(argv), host=options.host, port=options.port, title=options.title)
        self.options = options
        self.argv = argv
        self.token = token or secrets.token_urlsafe(24)
        self.sessions: set[ReaderSession] = set()
        self.stopping = False
        self._session_ended = asyncio.Condition()
        self.opened = 0
        self.state_root: Path | None = None
        self.url = ""

    @property
    def full(self) -> bool:
        """Whether every allowed session is taken."""
        return len(self.sessions) >= self.options.max_sessions

    @property
    def busy_text(self) -> str:
        """What a tab beyond the cap is told (short enough for a websocket close reason)."""
        return (
            f"Every reading session ({self.options.max_sessions} at once) is in use. Close one, or try later."
        )

    def _token_ok(self, given: str) -> bool:
        return hmac.compare_digest(given.encode("utf-8", "replace"), self.token.encode())

    async def _make_app(self) -> web.Application:
        app = web.Application()
        # Autoescape: the title is the pack's, and pack text is data, never markup.
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(PAGES), autoescape=True)
        app.add_routes(
            [
                web.get("/", self.handle_index),
                web.get("/ws/{token}", self.handle_websocket),
                web.static("/static", self.statics_path),
                # Browsers ask for one; an empty answer keeps a 404 out of every page's console.
                web.get("/favicon.ico", _no_content),
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        return app

    def _notice(self, request: web.Request, status: int, heading: str, text: str) -> web.Response:
        response = aiohttp_jinja2.render_template(
            "notice.html", request, {"heading": heading, "text": text}, status=status
        )
        response.headers.update(NO_STORE)
        return response

    async def handle_index(self, request: web.Request) -> web.Response:
        """The reader's page, for a request that carries the run's token."""
        if not self._token_ok(request.query.get("token", "")):
            return self._notice(
                request,
                403,
                "This link needs its token",
                "Open the full address that mudu-tui serve printed when it started (it ends in ?token=…).",
            )
        # The cap is applied when the page connects, not here: a reloaded tab asks for the
        # page while its old session is still open.
        scheme = "wss" if request.secure else "ws"
        context = {
            "title": self.options.title,
            "lang": self.options.language,
            "font_size": max(8, min(48, to_int(request.query.get("fontsize", "16"), 16))),
            "static_url": "/static/",
            "websocket_url": f"{scheme}://{request.host}/ws/{self.token}",
            "cjk_faces": cjk_faces(self.options.language),
        }
        response = aiohttp_jinja2.render_template("reader.html", request, context)
        response.headers.update(NO_STORE)
        return response

    def _state_dir(self, number: int) -> Path | None:
        if self.options.user_state or self.state_root is None:
            return None
        folder = self.state_root / f"session-{number}"
        folder.mkdir(mode=0o700)
        return folder

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab's terminal: start a reader for it and relay until either side closes."""
        if not self._token_ok(request.match_info["token"]):
            raise web.HTTPForbidden(text="wrong token")
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        width = max(10, min(1000, to_int(request.query.get("width", "80"), 80)))
        height = max(5, min(500, to_int(request.query.get("height", "24"), 24)))
        async with self._session_ended:
            try:
                await asyncio.wait_for(self._session_ended.wait_for(lambda: not self.full), SLOT_WAIT)
            except TimeoutError:
                # The page shows this reason (see reader.html); the status asks to retry later.
                await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=self.busy_text.encode())
                return websocket
            if self.stopping:  # the slot came free because the server is stopping
                await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"The server has stopped.")
                return websocket
            self.opened += 1
            session = ReaderSession(
                self.argv,
                number=self.opened,
                state_dir=self._state_dir(self.opened),
                websocket=websocket,
                download_manager=self.download_manager,
            )
            self.sessions.add(session)  # taken before the lock is let go: no two tabs get one slot
            count = len(self.sessions)
        try:
            await session.start(width, height)
            log.info("session %d opened (%d of %d)", session.number, count, self.options.max_sessions)
            await self._process_messages(websocket, session)
        except Exception as exc:  # a malformed message, a broken pipe: this session ends, not the server
            log.warning("session %d: %s", session.number, inert(repr(exc)))
        finally:
            await session.stop()
            async with self._session_ended:
                self.sessions.discard(session)
                self._session_ended.notify_all()
            session.tidy()
            if self.stopping:
                # aiohttp drops the connection when this handler returns; the tab's reply to
                # the server's close must be read first, or the tab may never see the reason.
                await session.told_to_close.wait()
            await websocket.close()
            log.info("session %d closed", session.number)
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        """Tell every tab why it is closing, then stop every reader and wait for it."""
        self.stopping = True
        sessions = list(self.sessions)

        async def tell(session: ReaderSession) -> None:
            try:
                await session.websocket.close(code=WSCloseCode.GOING_AWAY, message=b"The server has stopped.")
            finally:
                session.told_to_close.set()

        await asyncio.gather(*(tell(s) for s in sessions), return_exceptions=True)
        await asyncio.gather(*(s.stop() for s in sessions), return_exceptions=True)

    def announce(self, port: int) -> None:
        """Print where to read, and what serving means."""
        options = self.options
        self.url = f"http://{browser_host(options.host)}:{port}/?token={self.token}"
        state = (
            "they share your own reading state (--user-state)"
            if options.user_state
            else "each has its own reading state, forgotten when the tab closes"
        )
        print(f"mudu-tui serve: {inert(options.title)}\n  {self.url}", flush=True)
        print(
            f"Each browser tab opens its own reader, {options.max_sessions} at most;\n{state}. "
            "Press Ctrl+C to stop.",
            flush=True,
        )

    async def run(self, stop: asyncio.Event | None = None) -> None:
        """Serve until ``stop`` is set (by default: until SIGINT or SIGTERM), then stop every
        reader and return."""
        if stop is None:
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, stop.set)
        runner = web.AppRunner(await self._make_app(), access_log=None, shutdown_timeout=QUIT_GRACE)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.options.host, self.options.port)
            try:
                await site.start()
            except OSError as exc:
                reason = exc.strerror or str(exc)
                raise ServeError(
                    f"cannot listen on {self.options.host}:{self.options.port}: {reason}"
                ) from None
            self.state_root = Path(tempfile.mkdtemp(prefix="mudu-tui-serve-"))
            self.announce(runner.addresses[0][1])
            await stop.wait()
            print("mudu-tui serve: stopping", flush=True)
        finally:
            await runner.cleanup()  # runs on_shutdown: every reader is stopped here
            if self.state_root is not None and not any(self.state_root.rglob("crash-*.log")):
                shutil.rmtree(self.state_root, ignore_errors=True)

    def serve(self, debug: bool = False) -> None:
        """Serve until stopped (textual-serve's entry point, kept for its callers)."""
        asyncio.run(self.run())


def serve(options: ServeOptions) -> int:
    """Run the server for `mudu-tui serve`; the exit status."""
    if os.name != "posix":  # readers are managed as POSIX sessions and process groups
        print("mudu-tui serve: runs on Linux and macOS only", file=sys.stderr)
        return 1
    logging.basicConfig(level=logging.INFO, format="mudu-tui serve: %(message)s", stream=sys.stderr)
    logging.getLogger("aiohttp").setLevel(logging.WARNING)
    try:
        ReaderServer(options).serve()
    except ServeError as exc:
        print(f"mudu-tui serve: {exc}", file=sys.stderr)
        return 1
    return 0
