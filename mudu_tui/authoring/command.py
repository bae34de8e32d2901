"""`mudu-tui init ARTICLE [-o PACK]`: write a pack folder holding the article and a draft index.

The draft is checked with the same loader the reader uses before the command says it is done,
so the author can open it at once.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path

from ..model.errors import PackError, Problem
from ..model.safety import inert
from ..model.textfile import MAX_ARTICLE_BYTES, read_text
from ..output import Parser
from . import AuthoringUnavailable

_HEADING = re.compile(r"^#\s", re.MULTILINE)


def as_markdown(text: str) -> str:
    """The article as pack Markdown. Markdown (it has a ``# `` title) is kept as it is; plain
    text gets its first line as the title and each further line as a paragraph, unless blank
    lines already part its paragraphs."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    if _HEADING.search(text):
        return text
    lines = text.strip("\n").split("\n")
    title, body = lines[0].strip(), "\n".join(lines[1:]).strip("\n")
    if not re.search(r"\n\s*\n", body):
        body = "\n\n".join(line.strip() for line in body.split("\n") if line.strip())
    return f"# {title}\n\n{body}\n"


def _default_folder(article: Path) -> Path:
    return Path.cwd() / f"{article.stem}-pack"


def run_init(argv: Sequence[str]) -> int:
    """Draft a pack; 0 when written and checked, 1 with one message otherwise."""
    parser = Parser(
        prog="mudu-tui init",
        description="Draft a pack (index.yaml and the article) for a bare article in either script. "
        "Every entry is marked draft: check it against the article, then remove the mark.",
    )
    parser.add_argument("article", type=Path, help="the article: Markdown or plain text, UTF-8")
    parser.add_argument(
        "-o", "--output", type=Path, help="the pack folder to write (default: ./ARTICLE-pack)"
    )
    parser.add_argument("--force", action="store_true", help="replace an index.yaml already in the folder")
    args = parser.parse_args(argv)
    folder: Path = args.output or _default_folder(args.article)
    index_path = folder / "index.yaml"
    try:
        text = read_text(args.article, limit=MAX_ARTICLE_BYTES, what="article")
        if not text.strip("\ufeff \t\r\n"):
            raise PackError([Problem(args.article, "the article is empty")])
        markdown = as_markdown(text)
        if index_path.exists() and not args.force:
            raise PackError([Problem(index_path, "already exists; pass --force to replace it")])
        from ..model.article import parse_article

        article = parse_article(markdown)
        if not article.paragraphs:
            raise PackError([Problem(args.article, "the article has no paragraphs")])
        from .draft import Drafter
        from .yamlout import dump_index

        index = Drafter(article, markdown, source=args.article.name).index()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "article.md").write_text(markdown, encoding="utf-8")
        index_path.write_text(dump_index(index), encoding="utf-8")
        from ..model.pack import load_pack

        pack = load_pack(folder)
    except AuthoringUnavailable as exc:
        print(f"mudu-tui init: {exc}", file=sys.stderr)
        return 1
    except PackError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except OSError as exc:
        print(inert(f"{exc.filename or folder}: cannot write: {exc.strerror}"), file=sys.stderr)
        return 1
    counts = pack.counts()
    drafted = ", ".join(f"{counts[k]} {k}" for k in ("regions", "companies", "organizations", "people"))
    print(inert(f"{index_path}: drafted {drafted}, {counts['events']} events, {counts['figures']} figures"))
    print(f"  language {pack.index.language}; every entry is marked draft (`check --strict` lists them)")
    print(inert(f"  open it: mudu-tui {folder}"))
    return 0
