"""The article: title, sections and paragraphs with stable ids, parsed from pack Markdown."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat
from typing import NamedTuple

#: Back-matter headings recognised without the pack declaring them, in both scripts.
BACK_MATTER: dict[str, str] = {
    "參考資料": "reference",
    "参考资料": "reference",
    "參考文獻": "reference",
    "参考文献": "reference",
    "資料來源": "reference",
    "资料来源": "reference",
    "關鍵詞": "keywords",
    "关键词": "keywords",
    "關鍵字": "keywords",
    "关键字": "keywords",
}

_BACK_MATTER_STARTS = tuple(BACK_MATTER)

#: How many characters of its first paragraph name an opening the pack gives no name.
OPENING_CHARS = 8

_BLOCKS = re.compile(r"\n\s*\n")
#: The first characters of a block that may be other than a paragraph: a heading, a list item,
#: a photo's caption.
_MAY_BE_OTHER = frozenset("#-*")
_HEADING = re.compile(r"^(#{2,6})\s+(.*)$", re.S)
_CLAUSE_END = re.compile(r"[，。！？；：、,.!?;:（(「『“\s]")
_PHOTO = re.compile(r"^\*(\(.*\))\*$")
#: What ends a sentence.
SENTENCE_ENDS = "。！？；!?"
_SENTENCE_END = re.compile(f"(?<=[{SENTENCE_ENDS}])")


class Paragraph(NamedTuple):
    """One paragraph: its id (``p1``…), its section's id, text and kind."""

    id: str
    section: str
    text: str
    kind: str = "text"  # text | photo | reference | keywords


#: Makes a paragraph from its fields with no Python call (``Paragraph(...)`` runs one).
_new_paragraph = tuple.__new__


@dataclass
class Section:
    """A headed section (``s0`` is the opening) and the ids of its paragraphs."""

    id: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    level: int = 2
    """2 for ``##``, 3 for ``###`` …; the opening counts as 2."""

    @property
    def is_opening(self) -> bool:
        """The text before the first heading (it has no heading of its own in the article)."""
        return self.id == "s0"


@dataclass
class Article:
    """A parsed article: the title, sections in order, and paragraphs by id."""

    title: str
    sections: list[Section]
    paragraphs: list[Paragraph]

    def __post_init__(self) -> None:
        ids = [p.id for p in self.paragraphs]
        self._by_id = dict(zip(ids, self.paragraphs, strict=True))
        self._index = dict(zip(ids, range(len(ids)), strict=True))

    def paragraph(self, pid: str) -> Paragraph:
        """The paragraph with id ``pid``."""
        return self._by_id[pid]

    def position(self, pid: str) -> int:
        """The 0-based position of paragraph ``pid`` in the article."""
        return self._index[pid]

    def positions(self, pids: Iterable[str]) -> list[int]:
        """:meth:`position` of each of ``pids``, in one call (a book's sections hold tens of
        thousands of paragraphs)."""
        return list(map(self._index.__getitem__, pids))

    def sentence_span(self, pid: str, start: int, end: int, around: int | None = None) -> tuple[int, int]:
        """Where the sentence of paragraph ``pid`` around ``start``..``end`` begins and ends
        (surrounding white space left out); with ``around``, at most that many characters
        either side of ``start``..``end``."""
        return sentence_bounds(self._by_id[pid].text, start, end, around)

    def context_span(self, pid: str, start: int, end: int, around: int) -> tuple[int, int, bool, bool]:
        """:meth:`sentence_span` with at most ``around`` characters either side, and whether it
        was cut before and after (a cut falls inside a sentence: not after a sentence mark,
        nor on the white space around one)."""
        text = self._by_id[pid].text
        lo, hi = self.sentence_span(pid, start, end, around)
        cut_before = lo > 0 and text[lo - 1] not in SENTENCE_ENDS and not text[lo - 1].isspace()
        cut_after = hi < len(text) and text[hi - 1] not in SENTENCE_ENDS
        return lo, hi, cut_before, cut_after

    def sentence_spans(self, pid: str) -> list[tuple[int, int]]:
        """Every sentence of paragraph ``pid``, as :meth:`sentence_span` bounds them."""
        text = self._by_id[pid].text
        bounds = [0, *(m.start() for m in _SENTENCE_END.finditer(text)), len(text)]
        spans = [self.sentence_span(pid, lo, hi) for lo, hi in zip(bounds, bounds[1:], strict=False)]
        return [(lo, hi) for lo, hi in spans if hi > lo]

    def sentence_at(self, pid: str, start: int, end: int) -> str:
        """The sentence of paragraph ``pid`` around characters ``start``..``end``."""
        lo, hi = self.sentence_span(pid, start, end)
        return self._by_id[pid].text[lo:hi]


def sentence_bounds(text: str, start: int, end: int, around: int | None = None) -> tuple[int, int]:
    """Where the sentence of ``text`` around ``start``..``end`` begins and ends (surrounding
    white space left out); works on any variant's text, as the sentence marks survive it.
    With ``around``, at most that many characters either side of ``start``..``end``.

    Only the sentence's own stretch is searched, so the cost follows its length, not the
    text's (a card of many mentions in one long paragraph stays linear)."""
    floor = 0 if around is None else max(0, start - around)
    ceiling = len(text) if around is None else min(len(text), end + around)
    lo = max(floor, *(text.rfind(mark, floor, start) + 1 for mark in SENTENCE_ENDS))
    ends = [at + 1 for mark in SENTENCE_ENDS if (at := text.find(mark, max(end - 1, 0), ceiling)) >= 0]
    hi = min(ends, default=ceiling)
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _join_lines(lines: list[str]) -> str:
    """Join wrapped lines: Chinese needs no space between them, Latin text does."""
    text = ""
    for line in (line.strip() for line in lines):
        if text and line and (text[-1].isascii() or line[0].isascii()):
            text += " "
        text += line
    return text


def back_matter_kind(heading: str, declared: dict[str, str] | None = None) -> str:
    """What a section under ``heading`` holds: ``reference``, ``keywords`` or ``text``."""
    # Most headings start no back matter: one look at every start at once says so (a book
    # has thousands of headings).
    if not heading.startswith(_BACK_MATTER_STARTS) and not (declared and heading.startswith(tuple(declared))):
        return "text"
    for start, kind in (*(declared or {}).items(), *BACK_MATTER.items()):
        if heading.startswith(start):
            return kind
    return "text"


def opening_name(first_paragraph: str) -> str:
    """A name for an opening the pack does not name: its first words (不難發現…)."""
    clause = _CLAUSE_END.split(first_paragraph, maxsplit=1)[0] or first_paragraph
    return clause if len(clause) <= OPENING_CHARS else clause[:OPENING_CHARS] + "…"


def parse_article(
    markdown: str, *, opening: str | None = None, back_matter: dict[str, str] | None = None
) -> Article:
    """Parse the pack Markdown subset (see "The pack format" in README.md) into an Article.

    ``opening`` names the text before the first heading (else its first words do);
    ``back_matter`` maps headings the pack declares to the kind of section they start."""
    title = ""
    sections = [Section("s0", opening or "")]
    paragraphs: list[Paragraph] = []
    kind_of_section = "text"
    source = markdown.replace("\r\n", "\n").strip("\n")
    blocks = [block for block in map(str.strip, _BLOCKS.split(source)) if block]
    # A book has tens of thousands of blocks, nearly all a paragraph on one line: each run of
    # those is added at once (ids, then paragraphs made in C), and only the blocks that may be
    # something else (a heading, a list, a photo, wrapped lines) are looked at one by one.
    others = [n for n, block in enumerate(blocks) if block[0] in _MAY_BE_OTHER or "\n" in block]
    done = 0
    for at in (*others, len(blocks)):
        if at > done:
            first = len(paragraphs) + 1
            ids = [f"p{n}" for n in range(first, first + at - done)]
            run = zip(ids, repeat(sections[-1].id), blocks[done:at], repeat(kind_of_section))
            paragraphs += map(_new_paragraph, repeat(Paragraph), run)
            sections[-1].paragraphs += ids
        done = at + 1
        if at == len(blocks):
            break
        block = blocks[at]
        if block[0] == "#":
            if block.startswith("# ") and not title:
                title = block[2:].strip()
                continue
            if heading_match := _HEADING.match(block):
                heading = _join_lines(heading_match.group(2).split("\n"))
                level = len(heading_match.group(1))
                sections.append(Section(f"s{len(sections)}", heading, level=level))
                kind_of_section = back_matter_kind(heading, back_matter)
                continue
        if block.startswith("- "):
            items = [line[2:].strip() for line in block.split("\n") if line.startswith("- ")]
        else:
            items = [_join_lines(block.split("\n")) if "\n" in block else block]
        for item in items:
            photo = _PHOTO.match(item) if item[:1] == "*" else None
            kind = "photo" if photo else kind_of_section
            text = photo.group(1) if photo else item
            pid = f"p{len(paragraphs) + 1}"
            paragraphs.append(Paragraph(pid, sections[-1].id, text, kind))
            sections[-1].paragraphs.append(pid)
    if not sections[0].paragraphs:
        sections.pop(0)
    elif not sections[0].title:
        sections[0].title = opening_name(paragraphs[0].text)
    return Article(title or (sections[0].title if sections else ""), sections, paragraphs)
