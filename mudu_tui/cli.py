"""The `mudu-tui` command: open the reader, `serve` it to a browser, or `check`, `repair`,
`export` or `init` a pack.

Textual is imported only when the reader actually starts, so the subcommands stay fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .model.errors import PackError
from .model.script import VARIANT_ENGLISH, VARIANTS
from .output import Parser, UsageError, finish_output, write_stdout

SUBCOMMANDS = ("check", "repair", "export", "init", "serve")


def _reader_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="mudu-tui",
        description=(
            "A terminal reader for a richly annotated Chinese article. "
            f"Subcommands: {', '.join(SUBCOMMANDS)} (see `mudu-tui SUBCOMMAND --help`)."
        ),
    )
    parser.add_argument(
        "pack", nargs="?", type=Path, help="pack folder or its index.yaml (default: the bundled pack)"
    )
    parser.add_argument(
        "--fresh", action="store_true", help="start without remembered state and do not save any"
    )
    variants = "; ".join(f"{v}: {VARIANT_ENGLISH[v]}" for v in VARIANTS)
    parser.add_argument(
        "--variant", choices=VARIANTS, default=None, help=f"script variant to start in ({variants})"
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="reload when index.yaml or the article changes, keeping your place; problems show in a panel",
    )
    parser.add_argument("--version", action="version", version=f"mudu-tui {__version__}")
    return parser


def _check(argv: Sequence[str]) -> int:
    parser = Parser(prog="mudu-tui check", description="Validate a pack.")
    parser.add_argument("pack", nargs="?", type=Path, help="pack folder or index.yaml (default: bundled)")
    parser.add_argument(
        "--strict", action="store_true", help="also refuse entries still marked 'draft' (`init` marks them)"
    )
    args = parser.parse_args(argv)
    from .model.pack import load_pack
    from .model.safety import inert

    try:
        pack = load_pack(args.pack, strict=args.strict)
    except PackError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
        return 1
    except (RecursionError, MemoryError) as exc:
        # Limits in the loader should make this unreachable; still one line, never a traceback.
        print(inert(f"{args.pack or 'pack'}: refused: {type(exc).__name__}"), file=sys.stderr)
        return 1
    counts = pack.counts()
    width = max(len(k) for k in counts)
    print(inert(f"{pack.folder / 'index.yaml'}: ok — {pack.index.title}"))
    for warning in pack.warnings:
        print(f"warning: {warning}")
    for key, value in counts.items():
        print(f"  {key:<{width}}  {value:>5}")
    return 0


def _repair(argv: Sequence[str]) -> int:
    parser = Parser(prog="mudu-tui repair", description="Print the article repaired from a damaged seed.")
    parser.add_argument("seed", type=Path, help="the seed text file")
    parser.add_argument("--report", action="store_true", help="print every repair with its evidence instead")
    args = parser.parse_args(argv)
    from .model.limits import MAX_SEED_BYTES
    from .model.repair import RepairError, repair_text
    from .model.textfile import read_text

    try:
        seed = read_text(args.seed, limit=MAX_SEED_BYTES, what="seed")
        result = repair_text(seed)
    except PackError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except RepairError as exc:
        from .model.safety import inert

        print(inert(f"{args.seed}: cannot repair: {exc}"), file=sys.stderr)
        return 1
    # The seed's text may hold escape sequences: shown as escapes on a terminal, exact in a file.
    write_stdout(result.report() + "\n" if args.report else result.markdown)
    return 0


def _export(argv: Sequence[str]) -> int:
    from .export import run_export

    return run_export(argv)


def _init(argv: Sequence[str]) -> int:
    from .authoring.command import run_init  # the authoring extra loads only here

    return run_init(argv)


def _int_in(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: an integer from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}, not {value}")
        return value

    return parse


def _serve(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="mudu-tui serve",
        description="Serve the reader to a web browser: each tab opens its own reader (needs mudu-tui[web]).",
    )
    parser.add_argument("pack", nargs="?", type=Path, help="pack folder or index.yaml (default: bundled)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument(
        "--port", type=_int_in(0, 65535), default=8000, help="port to listen on; 0 picks a free one"
    )
    parser.add_argument("--variant", choices=VARIANTS, default=None, help="script variant readers start in")
    parser.add_argument(
        "--public", action="store_true", help="allow a --host other than this machine's loopback address"
    )
    parser.add_argument(
        "--max-sessions",
        type=_int_in(1, 1000),
        default=8,
        help="most browser tabs reading at once (default: 8)",
    )
    parser.add_argument(
        "--user-state",
        action="store_true",
        help="sessions read and write your own reading state (default: each has its own, dropped on close)",
    )
    args = parser.parse_args(argv)
    try:
        from . import web
    except ImportError as exc:
        print(
            f"mudu-tui serve needs the web extra ({exc.name or 'textual-serve'} is missing): "
            "pip install 'mudu-tui[web]'",
            file=sys.stderr,
        )
        return 1
    if not web.is_loopback(args.host) and not args.public:
        parser.error(f"--host {args.host} is reachable from other machines; add --public if that is meant")
    from .model.safety import inert
    from .runner import load_or_report

    # Checked (and cached) once here, so a bad pack is one message, not one per browser tab.
    pack = load_or_report(args.pack)
    if pack is None:
        return 1
    if args.public:
        print(
            inert(
                f"warning: serving on {args.host}: anyone who can reach it and has the link (with its "
                "token) can start readers on this machine; the connection is plain http, not encrypted"
            ),
            file=sys.stderr,
        )
    # The same command line as the terminal reader: the pack as an absolute path (the bundled
    # one by default), the variant if one was given.
    reader_args = ([str(pack.folder.resolve())] if args.pack else []) + (
        ["--variant", args.variant] if args.variant else []
    )
    options = web.ServeOptions(
        reader_args=tuple(reader_args),
        title=pack.index.title,
        language=pack.index.language,
        host=args.host,
        port=args.port,
        max_sessions=args.max_sessions,
        user_state=args.user_state,
    )
    return web.serve(options)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `mudu-tui` console script."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    # Chinese text must print on any terminal, whatever the locale says.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    try:
        if args_list and args_list[0] in SUBCOMMANDS:
            commands = {"check": _check, "repair": _repair, "export": _export, "init": _init, "serve": _serve}
            command = commands[args_list[0]]
            prog = f"mudu-tui {args_list[0]}"
            return finish_output(prog, lambda: command(args_list[1:]))
        args = _reader_parser().parse_args(args_list)
        from .ending import leave
        from .runner import run_reader

        status = run_reader(args.pack, fresh=args.fresh, variant=args.variant, watch=args.watch)
        leave(status)  # never wait on a thread the reader no longer needs (see ending.py)
        return status
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `mudu-tui --help | head -1`
        return 0


if __name__ == "__main__":
    sys.exit(main())
