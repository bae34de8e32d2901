"""Repair of the damaged seed into the article as its author wrote it.

The seed carries three kinds of damage, undone here in this order:

1. spans of GBK bytes decoded one byte out of step (``當?shù)孛襟w`` for ``當地媒體``),
   repaired by re-encoding the characters and re-aligning the bytes;
2. pinyin glosses after characters (``數(shù)據(jù)``), removed;
3. full-width punctuation flattened to ASCII, restored in Chinese prose.

Finally the plain lines are given their Markdown structure (title, sections, the photo
placeholder, references, keywords). Every change is recorded so ``mudu-tui repair --report``
can print it with its evidence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

__all__ = [
    "Repair",
    "RepairError",
    "RepairResult",
    "repair_text",
    "simulate_misread",
]

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLE = f"[a-zü{_TONED}]+"
#: A gloss: a parenthesised Latin syllable with a tone mark, right after a Han character.
_GLOSS = re.compile(rf"(?<=[\u3400-\u9fff\uf900-\ufaff])\((?=[a-zü]*[{_TONED}])({_SYLLABLE})\)")
#: Where a GBK lead byte met the "(" of a gloss: "?" and the rest of the gloss.
_LOST_LEAD = re.compile(rf"\?({_SYLLABLE})\)")
#: The longest run of characters one misaligned span may cover before we give up.
_MAX_SPAN = 24

_CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef「」『』《》“”‘’—"
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
#: ASCII punctuation in Chinese prose: after a CJK character or closing mark, or before one.
#: Left alone: a comma between digits (3,821) and punctuation followed by a space (Latin prose).
_FLAT_PUNCT = re.compile(r"(?<![0-9])([,:;?!])(?! )|(?<=[0-9])([,:;?!])(?![0-9 ])")


class RepairError(Exception):
    """The seed holds damage this repair cannot explain (an unknown misaligned span)."""


@dataclass(frozen=True)
class Repair:
    """One change made to the seed, with the evidence for it."""

    line: int
    kind: str
    before: str
    after: str
    evidence: str


@dataclass
class RepairResult:
    """The repaired Markdown article and the list of every repair made."""

    markdown: str
    repairs: list[Repair] = field(default_factory=list)

    def report(self) -> str:
        """Every repair, one block each, the mojibake spans first."""
        order = {"mojibake": 0, "errata": 0, "gloss": 1, "punctuation": 2, "structure": 3}
        lines: list[str] = []
        for r in sorted(self.repairs, key=lambda r: (order.get(r.kind, 9), r.line)):
            lines.append(f"line {r.line}: {r.kind}: {r.before!r} -> {r.after!r}")
            if r.evidence:
                lines.append(f"    {r.evidence}")
        counts: dict[str, int] = {}
        for r in self.repairs:
            counts[r.kind] = counts.get(r.kind, 0) + 1
        summary = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
        lines.append(f"{len(self.repairs)} repairs: {summary}")
        return "\n".join(lines)


@dataclass(frozen=True)
class _Erratum:
    line: int
    observed: str
    reading: str
    context_before: str
    gloss_after: str
    bytes: str
    evidence: str


@cache
def _errata() -> tuple[_Erratum, ...]:
    text = resources.files("mudu_tui.model").joinpath("errata.yaml").read_text("utf-8")
    return tuple(
        _Erratum(
            line=int(e["line"]),
            observed=str(e["observed"]),
            reading=str(e["reading"]),
            context_before=str(e.get("context_before", "")),
            gloss_after=str(e.get("gloss_after", "")),
            bytes=" ".join(str(e.get("bytes", "")).split()),
            evidence=" ".join(str(e["evidence"]).split()),
        )
        for e in yaml.safe_load(text)
    )


@cache
def _readings(char: str) -> frozenset[str]:
    """Every toned reading pypinyin knows for a character (from its Simplified form)."""
    from pypinyin import Style, pinyin

    from .script import convert

    simple = convert(char, "simplified")
    found = pinyin(simple, style=Style.TONE, heteronym=True, errors="ignore")
    return frozenset(found[0]) if found else frozenset()


def _hex(data: bytes) -> str:
    return " ".join(f"{b:02x}" for b in data)


def _is_han(char: str) -> bool:
    # Two bytes can decode to two characters (an ASCII lead byte): that is no Han character.
    return len(char) == 1 and unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH")


def _lost_trail(lead: int, gloss: str, document: str) -> tuple[int, str]:
    """The byte that followed ``lead`` in a character read as ``gloss``.

    Where several characters share the lead byte and the reading, the one the document
    itself uses most wins (a Traditional text uses 經, not the Japanese 経).
    """
    candidates: list[tuple[int, int, str]] = []
    for trail in [*range(0x40, 0x7F), *range(0x80, 0xFF)]:
        try:
            char = bytes([lead, trail]).decode("gbk")
        except UnicodeDecodeError:
            continue
        if _is_han(char) and gloss in _readings(char):
            candidates.append((document.count(char), trail, char))
    if not candidates:
        raise RepairError(f"no GBK character with lead byte {lead:02x} reads {gloss!r}")
    candidates.sort(reverse=True)
    count, trail, char = candidates[0]
    others = ", ".join(f"{c} ({n}x)" for n, _, c in candidates[1:])
    note = f"{char} = {lead:02x} {trail:02x} reads {gloss}"
    if others:
        note += f"; also {others}, but the text uses {char} {count}x"
    return trail, note


def _gbk(char: str, column: int) -> bytes:
    try:
        return char.encode("gbk")
    except UnicodeEncodeError:
        raise RepairError(
            f"{char!r} at column {column + 1} has no GBK bytes, so the span cannot be re-aligned"
        ) from None


def _realign_at(line: str, start: int, document: str) -> tuple[str, int, str]:
    """Re-align the misread span whose lost lead byte stands at ``line[start]``.

    Returns the repaired characters, the index just past the damaged span and the evidence.
    """
    prev = line[start - 1] if start else ""
    prev_bytes = _gbk(prev, start) if prev else b""
    if len(prev_bytes) != 2:
        raise RepairError(f"no double-byte character before the lost byte at column {start + 1}")
    buf = bytearray()
    notes: list[str] = []
    observed: list[str] = []
    pos = start
    last_bytes = prev_bytes
    while pos < len(line) and pos - start <= _MAX_SPAN:
        lost = _LOST_LEAD.match(line, pos)
        if lost:
            trail, note = _lost_trail(last_bytes[-1], lost.group(1), document)
            buf.append(trail)
            notes.append(note)
            observed.append(lost.group(0))
            pos = lost.end()
        else:
            char = line[pos]
            char_bytes = _gbk(char, pos)
            buf += char_bytes
            observed.append(f"{char}={_hex(char_bytes)}")
            last_bytes = char_bytes
            pos += 1
        try:
            repaired = bytes(buf).decode("gbk")
        except UnicodeDecodeError:
            continue
        if repaired and all(_is_han(c) for c in repaired):
            evidence = (
                f"{prev}={_hex(prev_bytes)} then {' '.join(observed)}; "
                f"re-aligned {_hex(bytes(buf))} reads {repaired}; {'; '.join(notes)}"
            )
            return repaired, pos, evidence
    raise RepairError(f"misaligned span at column {start + 1} never comes back into step")


def simulate_misread(reading: str, gloss_after: str) -> str:
    """What ``reading`` becomes when its GBK bytes are read from the second byte on.

    This is the damage model the errata are checked against: a lone lead byte at the start
    becomes "?"; a lead byte followed by an ASCII byte becomes "?" and takes it along (that is
    how the "(" of a following gloss disappears); an unassigned pair vanishes; full-width
    punctuation comes out flattened to ASCII, as everywhere in the seed.
    """
    data = reading.encode("gbk")
    first = len(reading[0].encode("gbk"))
    data = data[first:] + f"({gloss_after})".encode("gbk") if gloss_after else data[first:]
    out = [reading[0], "?"]
    i = 1
    while i < len(data):
        byte = data[i]
        if byte < 0x80:
            out.append(chr(byte))
            i += 1
            continue
        if i + 1 >= len(data) or data[i + 1] < 0x40 or data[i + 1] == 0x7F:
            out.append("?")
            i += 2
            continue
        try:
            char = data[i : i + 2].decode("gbk")
        except UnicodeDecodeError:
            char = ""
        out.append(unicodedata.normalize("NFKC", char) if char in "？，：；！" else char)
        i += 2
    return "".join(out)


def _apply_errata(lines: list[str], repairs: list[Repair]) -> None:
    for erratum in _errata():
        index = erratum.line - 1
        if index >= len(lines) or erratum.context_before + erratum.observed not in lines[index]:
            continue
        expected = simulate_misread(erratum.reading, erratum.gloss_after)
        seen = erratum.observed
        if expected != seen:
            raise RepairError(
                f"errata line {erratum.line}: {erratum.reading!r} misreads as {expected!r}, "
                f"not as the seed's {seen!r}"
            )
        encoded = _hex(erratum.reading.encode("gbk"))
        if erratum.bytes and erratum.bytes.replace(" | ", " ") != encoded:
            raise RepairError(
                f"errata line {erratum.line}: the recorded bytes {erratum.bytes} are not "
                f"the GBK bytes of {erratum.reading!r} ({encoded})"
            )
        # The gloss after the span belongs to its last character and is stripped with the
        # other glosses, so it is put back in its usual form.
        replacement = erratum.reading + (f"({erratum.gloss_after})" if erratum.gloss_after else "")
        lines[index] = lines[index].replace(seen, replacement, 1)
        evidence = f"GBK bytes {erratum.bytes or encoded}; {erratum.evidence}"
        repairs.append(Repair(erratum.line, "errata", erratum.observed, erratum.reading, evidence))


def _repair_misaligned(lines: list[str], document: str, repairs: list[Repair]) -> None:
    for index, line in enumerate(lines):
        pos = 0
        while (found := _LOST_LEAD.search(line, pos)) is not None:
            start = found.start()
            try:
                repaired, end, evidence = _realign_at(line, start, document)
            except RepairError as exc:
                raise RepairError(f"line {index + 1}: {exc}") from None
            before = line[start - 1 : end]
            line = line[:start] + repaired + line[end:]
            repairs.append(Repair(index + 1, "mojibake", before, line[start - 1] + repaired, evidence))
            pos = start + len(repaired)
        lines[index] = line


def _strip_glosses(lines: list[str], repairs: list[Repair]) -> None:
    for index, line in enumerate(lines):
        found = list(_GLOSS.finditer(line))
        if not found:
            continue
        lines[index] = _GLOSS.sub("", line)
        for match in found:
            char = line[match.start() - 1]
            repairs.append(Repair(index + 1, "gloss", char + match.group(0), char, "pinyin gloss"))


def _restore_punctuation(lines: list[str], repairs: list[Repair]) -> None:
    for index, line in enumerate(lines):
        if not re.search(rf"[{_CJK}]", line):
            continue

        def full(match: re.Match[str], index: int = index) -> str:
            mark = match.group(1) or match.group(2)
            repairs.append(Repair(index + 1, "punctuation", mark, _HALF_TO_FULL[mark], ""))
            return _HALF_TO_FULL[mark]

        lines[index] = _FLAT_PUNCT.sub(full, line)


_ENDS_SENTENCE = tuple("。；，、：」』）)")
_PHOTO = re.compile(r"^\((資料圖|圖片|圖|图|资料图)[^()]*\)$")


def _is_heading(line: str) -> bool:
    return 0 < len(line) <= 24 and not line.endswith(_ENDS_SENTENCE)


def _structure(lines: list[str], repairs: list[Repair]) -> str:
    """Markdown for the repaired lines: title, sections, photo, references, keywords."""
    blocks: list[str] = []
    title = ""
    in_references = False
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        if line in ("參考資料：", "参考资料："):
            blocks.append(f"## {line}")
            in_references = True
            kind = "references heading"
        elif line.startswith(("關鍵詞：", "关键词：")):
            blocks.append(f"## {line}")
            in_references = False
            kind = "keywords heading"
        elif in_references:
            blocks.append(_reference_list(line))
            kind = "reference list"
        elif _PHOTO.match(line):
            blocks.append(f"*{line}*")
            kind = "photo placeholder"
        elif _is_heading(line):
            if not title:
                title = line
                blocks.insert(0, f"# {line}")
                repairs.append(Repair(number, "structure", line, f"# {line}", "title"))
            blocks.append(f"## {line}")
            kind = "section heading"
        else:
            blocks.append(line)
            continue
        repairs.append(Repair(number, "structure", line, blocks[-1].split("\n")[0], kind))
    return "\n\n".join(blocks) + "\n"


def _reference_list(line: str) -> str:
    """Split a line of run-together references at each repeat of the first source name."""
    head = line.split("：", 1)[0] + "："
    parts = [p for p in line.split(head) if p] if "：" in line else [line]
    if "：" in line:
        parts = [head + p for p in parts]
    return "\n".join(f"- {p}" for p in parts)


def repair_text(seed: str) -> RepairResult:
    """Repair the seed's text and give it Markdown structure."""
    lines = seed.replace("\r\n", "\n").split("\n")
    repairs: list[Repair] = []
    _apply_errata(lines, repairs)
    _repair_misaligned(lines, seed, repairs)
    _strip_glosses(lines, repairs)
    _restore_punctuation(lines, repairs)
    markdown = _structure(lines, repairs)
    return RepairResult(markdown, repairs)
