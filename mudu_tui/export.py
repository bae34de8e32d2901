"""`mudu-tui export`: a pack as JSON, CSV or a Markdown digest, for other tools.

The three formats are pure functions of a loaded pack and a script variant; ``run_export``
adds the command line, the output file and the error messages. No Textual import.

Text is converted to the variant from the original every time (never from converted text),
curated name ``forms`` win over OpenCC for an entity's name, and character offsets always
stay those of the original article, whatever the variant.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, cast

from . import __version__
from .model.errors import PackError
from .model.files import write_output
from .model.index import Entity
from .model.kinds import NAMED_KINDS
from .model.mentions import Mention
from .model.pack import Pack, Span, load_pack
from .model.reading import VariantText
from .model.safety import BIDI, inert
from .model.script import VARIANTS, Variant
from .output import Parser, UsageError, write_stdout

FORMATS = ("json", "csv", "markdown")

#: The CSV columns, one row per mention.
CSV_COLUMNS = ("entity_id", "kind", "name", "paragraph", "start", "end", "sentence")

#: Entity attributes that hold Chinese prose (the rest are codes, numbers and dates).
_TEXT_ATTRS = ("role",)

SCHEMA_RESOURCE = "export.schema.json"


def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every JSON export satisfies."""
    text = resources.files("mudu_tui.schemas").joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8")
    return cast(dict[str, Any], json.loads(text))


class _Rendering:
    """The pack's text in one variant, through the model's VariantText (the reader's rule:
    whole paragraphs converted, curated forms where an entity's name stands)."""

    def __init__(self, pack: Pack, variant: Variant) -> None:
        if variant not in VARIANTS:
            raise ValueError(f"unknown variant {variant!r}; choose from {', '.join(VARIANTS)}")
        self.pack = pack
        self.variant = variant
        self._text = VariantText(pack)

    def text(self, text: str) -> str:
        """Prose from the index (summaries, notes, titles) in the variant."""
        return self._text.prose(text, self.variant)

    def optional(self, text: str | None) -> str | None:
        """Like ``text``, passing None through."""
        return None if text is None else self._text.prose(text, self.variant)

    def name(self, entity: Entity) -> str:
        """The entity's name in the variant: its curated form, else OpenCC's."""
        return self._text.name(entity, self.variant)

    def span(self, pid: str, start: int, end: int) -> str:
        """Characters ``start``..``end`` of paragraph ``pid`` in the variant."""
        return self._text.text_span(self.variant, pid, start, end)

    def surface(self, mention: Mention) -> str:
        """A mention's surface text in the variant."""
        return self.span(mention.paragraph, mention.start, mention.end)

    def sentence(self, mention: Mention) -> str:
        """The sentence around a mention, in the variant."""
        lo, hi = self.pack.article.sentence_span(mention.paragraph, mention.start, mention.end)
        return self.span(mention.paragraph, lo, hi)


def _span(span: Span) -> dict[str, Any]:
    return {"paragraph": span.paragraph, "start": span.start, "end": span.end}


def export_data(pack: Pack, variant: Variant = "original") -> dict[str, Any]:
    """The JSON export as Python data (what ``export_json`` serialises)."""
    r = _Rendering(pack, variant)
    index = pack.index
    entities = [
        {
            "id": e.id,
            "kind": e.kind,
            "name": r.name(e),
            "aliases": [r.text(a) for a in e.aliases],
            "en": e.en,
            "pinyin": e.pinyin,
            "summary": r.text(e.summary),
            "note": r.optional(e.note),
            "forms": dict(e.forms),
            "relations": [{"type": key, "target": target} for key, target in e.relations],
            "attrs": {
                key: r.text(value) if key in _TEXT_ATTRS and isinstance(value, str) else value
                for key, value in e.attrs.items()
            },
            "mention_count": len(pack.mentions_of(e.id)),
        }
        for e in index.entities.values()
    ]
    mentions = [
        {
            "entity": m.entity,
            "paragraph": m.paragraph,
            "start": m.start,
            "end": m.end,
            "surface": r.surface(m),
            "sentence": r.sentence(m),
        }
        for m in pack.mentions
    ]
    events = []
    for ev in index.events:
        span = pack.event_spans[ev.id]
        events.append(
            {
                "id": ev.id,
                "date": ev.date,
                "precision": ev.precision,
                "label": ev.label,
                "inferred": ev.inferred,
                "note": r.optional(ev.note),
                "summary": r.text(ev.summary),
                "en": ev.en,
                "quote": r.span(span.paragraph, span.start, span.end),
                "span": _span(span),
                "involves": list(ev.involves),
            }
        )
    figures = []
    for fig in index.figures:
        span = pack.figure_spans[fig.id]
        figures.append(
            {
                "id": fig.id,
                "metric": r.text(fig.metric),
                "en": fig.en,
                "value": fig.value,
                "unit": r.text(fig.unit),
                "year": fig.year,
                "region": fig.region,
                "quote": r.span(span.paragraph, span.start, span.end),
                "span": _span(span),
                "chart": fig.chart,
                "label": r.optional(fig.label),
                "forecast": fig.forecast,
                "disputed": fig.disputed,
                "note": r.optional(fig.note),
                "involves": list(fig.involves),
            }
        )
    article = pack.article
    return {
        "format": "mudu-tui-export",
        "format_version": 1,
        "meta": {
            "title": r.text(index.title),
            "source": r.text(index.source),
            "language": index.language,
            "variant": variant,
            "note": r.optional(index.note),
            "digest": pack.digest,
            "generator": f"mudu-tui {__version__}",
        },
        "entities": entities,
        "mentions": mentions,
        "events": events,
        "figures": figures,
        "article": {
            "title": r.text(article.title),
            "sections": [
                {"id": s.id, "title": r.text(s.title), "paragraphs": list(s.paragraphs)}
                for s in article.sections
            ],
            "paragraphs": [
                {"id": p.id, "section": p.section, "kind": p.kind, "text": r.span(p.id, 0, len(p.text))}
                for p in article.paragraphs
            ],
        },
    }


#: Characters json.dumps leaves raw that a terminal may act on: DEL, C1 controls, bidi overrides.
#: (json.dumps escapes the C0 controls itself.)
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{BIDI}]")


def export_json(pack: Pack, variant: Variant = "original") -> str:
    """The whole index with resolved mentions, spans and the article, as JSON (see the schema)."""
    # allow_nan=False: NaN and Infinity are not JSON (check refuses them; this is the backstop).
    text = json.dumps(export_data(pack, variant), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    # Lossless: they can only stand inside strings, where \uXXXX means the same character.
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


#: What a spreadsheet takes for the start of a formula (OWASP's list: = + - @, tab, CR).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: a leading ' before what would start a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def export_csv(pack: Pack, variant: Variant = "original", *, raw: bool = False) -> str:
    """One row per mention, with a header row: what a spreadsheet or pandas user wants.

    Unless ``raw``, a cell starting with = + - @ (or a tab or CR) gets a leading ' so that
    ``=HYPERLINK(…)`` in a pack never runs as a formula when the file is opened (OWASP's
    advice for CSV injection)."""
    r = _Rendering(pack, variant)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for m in pack.mentions:
        entity = pack.entities[m.entity]
        row = (m.entity, entity.kind, r.name(entity), m.paragraph, m.start, m.end, r.sentence(m))
        writer.writerow(row if raw else tuple(_cell(value) for value in row))
    return out.getvalue()


_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_LINE_START = re.compile(r"^([#>+=-])|^(\d+)([.)])")


def _md(text: str) -> str:
    """``text`` as inert inline Markdown: one line, no emphasis, links, HTML or block markers."""
    text = " ".join(text.split())
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def export_markdown(pack: Pack, variant: Variant = "original") -> str:
    """A readable digest: the title, each kind's entities, the timeline and the figures."""
    r = _Rendering(pack, variant)
    index = pack.index
    lines = [
        f"# {_md(r.text(index.title))}",
        "",
        f"{_md(r.text('來源'))} Source: {_md(r.text(index.source))}",
    ]

    def heading(chinese: str, english: str) -> None:
        lines.extend(["", f"## {_md(r.text(chinese))} {english}", ""])

    for kind in NAMED_KINDS.values():
        entities = index.of_kind(kind.key)
        if not entities:
            continue
        heading(kind.chinese, kind.english)
        for e in entities:
            count = len(pack.mentions_of(e.id))
            what = f"{_md(r.text(kind.label_of(e.attrs.get('kind'))))}, " if kind.subkinds else ""
            lines.append(
                f"- **{_md(r.name(e))}** ({what}{_md(e.en)}): {_md(r.text(e.summary))}"
                f" — {count} mention{'s' if count != 1 else ''}"
            )
    if index.events:
        heading("時間線", "Timeline")
        for ev in index.events:
            mark = f" *({_md(r.text('推定'))}, inferred)*" if ev.inferred else ""
            en = f" ({_md(ev.en)})" if ev.en else ""
            lines.append(f"- **{ev.label}**{mark}: {_md(r.text(ev.summary))}{en}")
    if index.figures:
        heading("數據", "Figures")
        for fig in index.figures:
            # The chart label only restates region and year, or the metric; it is left out.
            about = [r.name(pack.entities[fig.region])] if fig.region else []
            if fig.year is not None:
                about.append(f"{fig.year}")
            where = f" ({_md(', '.join(about))})" if about else ""
            en = f" — {_md(fig.en)}" if fig.en else ""
            marks = ""
            if fig.forecast:
                marks += f" *({_md(r.text('預測'))}, forecast)*"
            if fig.disputed:
                marks += f" *({_md(r.text('存疑'))}, disputed: {_md(r.text(fig.note or ''))})*"
            lines.append(
                f"- **{_md(r.text(fig.metric))}**{where}: {fig.value_text} {_md(r.text(fig.unit))}{en}{marks}"
            )
    return "\n".join(lines) + "\n"


_EXPORTERS: dict[str, Callable[[Pack, Variant], str]] = {
    "json": export_json,
    "csv": export_csv,
    "markdown": export_markdown,
}


def _parser() -> Parser:
    parser = Parser(
        prog="mudu-tui export",
        description="Export a pack's index, mentions, timeline and figures as JSON, CSV or Markdown.",
    )
    parser.add_argument("pack", nargs="?", type=Path, help="pack folder or index.yaml (default: bundled)")
    parser.add_argument("--format", required=True, choices=FORMATS, help="output format")
    parser.add_argument(
        "--variant",
        choices=VARIANTS,
        default="original",
        help="script variant of names, summaries and sentences (offsets stay the original's)",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="FILE",
        help=(
            "write to FILE instead of stdout ('-' is stdout): a regular file is replaced atomically, "
            "a FIFO or device written through"
        ),
    )
    parser.add_argument(
        "--raw",
        action="store_true",
        help="CSV: keep cells that start with = + - @ as they are (by default a ' is put before them "
        "so a spreadsheet never runs them as formulas)",
    )
    return parser


def run_export(argv: Sequence[str]) -> int:
    """`mudu-tui export`: 0 on success, 1 for a bad pack or unwritable output, 2 for bad usage."""
    parser = _parser()
    try:
        args = parser.parse_args(list(argv))
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        pack = load_pack(args.pack)
    except PackError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except (RecursionError, MemoryError) as exc:
        # As in `check`: the loader's limits should make this unreachable; one line regardless.
        print(inert(f"{args.pack or 'pack'}: refused: {type(exc).__name__}"), file=sys.stderr)
        return 1
    variant = cast(Variant, args.variant)
    if args.format == "csv":
        text = export_csv(pack, variant, raw=args.raw)
    else:
        text = _EXPORTERS[args.format](pack, variant)
    if args.output is None or str(args.output) == "-":
        # JSON escapes every control character itself; the other formats are made inert on a
        # terminal (ESC sequences, bidi overrides) and written exactly to files and pipes.
        write_stdout(text)
        return 0
    try:
        write_output(args.output, text.encode("utf-8"))
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        print(inert(f"{parser.prog}: cannot write {args.output}: {reason}"), file=sys.stderr)
        return 1
    return 0
