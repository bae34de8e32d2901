"""The `mudu-tui` command: open the reader, or `check`, `repair`, `export` or `init` a pack.

Textual is imported only when the reader actually starts, so the subcommands stay fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .model.errors import PackError
from .model.script import VARIANT_ENGLISH, VARIANTS

SUBCOMMANDS = ("check", "repair", "export", "init")


def _reader_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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
    parser.add_argument("--version", action="version", version=f"mudu-tui {__version__}")
    return parser


def _check(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="mudu-tui check", description="Validate a pack.")
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
    for key, value in counts.items():
        print(f"  {key:<{width}}  {value:>5}")
    return 0


def _repair(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="mudu-tui repair", description="Print the article repaired from a damaged seed."
    )
    parser.add_argument("seed", type=Path, help="the seed text file")
    parser.add_argument("--report", action="store_true", help="print every repair with its evidence instead")
    args = parser.parse_args(argv)
    from .model.repair import RepairError, repair_text
    from .model.textfile import MAX_ARTICLE_BYTES, read_text

    try:
        seed = read_text(args.seed, limit=MAX_ARTICLE_BYTES, what="seed")
        result = repair_text(seed)
    except PackError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except RepairError as exc:
        from .model.safety import inert

        print(inert(f"{args.seed}: cannot repair: {exc}"), file=sys.stderr)
        return 1
    sys.stdout.write(result.report() + "\n" if args.report else result.markdown)
    return 0


def _export(argv: Sequence[str]) -> int:
    from .export import run_export

    return run_export(argv)


def _init(argv: Sequence[str]) -> int:
    from .authoring.command import run_init  # the authoring extra loads only here

    return run_init(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `mudu-tui` console script."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    # Chinese text must print on any terminal, whatever the locale says.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    try:
        if args_list and args_list[0] in SUBCOMMANDS:
            command = {"check": _check, "repair": _repair, "export": _export, "init": _init}[args_list[0]]
            return command(args_list[1:])
        args = _reader_parser().parse_args(args_list)
        from .runner import run_reader

        return run_reader(args.pack, fresh=args.fresh, variant=args.variant)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
