"""Script variants: the article as published (Traditional) and its OpenCC conversions.

Conversion always starts from the stored original, never from converted text: OpenCC round
trips are lossy (裡 → 里 → 裏). Converters are built once per variant and every converted
string is cached, so nothing is converted twice.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Literal, Protocol

Variant = Literal["original", "simplified", "taiwan", "hongkong"]

#: The cycle order of the `v` key.
VARIANTS: tuple[Variant, ...] = ("original", "simplified", "taiwan", "hongkong")

#: OpenCC configuration per variant; the original needs none.
_CONFIGS: dict[Variant, str] = {"simplified": "t2s", "taiwan": "t2tw", "hongkong": "t2hk"}

#: Each variant's name, written in its own script (the header shows it).
VARIANT_LABELS: dict[Variant, str] = {
    "original": "原文",
    "simplified": "简体",
    "taiwan": "臺灣正體",
    "hongkong": "香港繁體",
}

#: Each variant's name in English, for help and the command line.
VARIANT_ENGLISH: dict[Variant, str] = {
    "original": "Original (Traditional, as published)",
    "simplified": "Simplified",
    "taiwan": "Taiwan Traditional",
    "hongkong": "Hong Kong Traditional",
}


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@cache
def _converter(variant: Variant) -> _Converter:
    import opencc  # opencc-python-reimplemented; loaded on first conversion, not at start-up

    return opencc.OpenCC(_CONFIGS[variant])


def next_variant(variant: Variant) -> Variant:
    """The variant after ``variant`` in the `v` cycle."""
    return VARIANTS[(VARIANTS.index(variant) + 1) % len(VARIANTS)]


@lru_cache(maxsize=65536)
def convert(text: str, variant: Variant) -> str:
    """``text`` (original script) in ``variant``; cached per string and variant."""
    if variant == "original" or not text:
        return text
    return _converter(variant).convert(text)


class OffsetMap:
    """Maps character offsets in an original text to offsets in its converted form.

    OpenCC's t2s, t2tw and t2hk keep length almost always, and then the map is the identity.
    Where a conversion (or a curated name) changes length, the two texts are aligned and
    offsets inside unchanged stretches map exactly; a changed stretch maps its ends.
    """

    __slots__ = ("_orig", "_new")

    def __init__(self, anchors: list[tuple[int, int]] | None = None) -> None:
        anchors = anchors or []
        self._orig = [a for a, _ in anchors]
        self._new = [b for _, b in anchors]

    @property
    def is_identity(self) -> bool:
        """True when every offset maps to itself."""
        return not self._orig

    def __call__(self, offset: int) -> int:
        if not self._orig:
            return offset
        from bisect import bisect_right

        i = bisect_right(self._orig, offset) - 1
        if i < 0:
            return offset
        return self._new[i] + (offset - self._orig[i])


def align(original: str, converted: str) -> OffsetMap:
    """The offset map from ``original`` to ``converted``."""
    if len(original) == len(converted):
        return OffsetMap()
    from difflib import SequenceMatcher

    anchors: list[tuple[int, int]] = []
    matcher = SequenceMatcher(None, original, converted, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        anchors.append((i1, j1))
        if tag != "equal":
            # Offsets inside a changed stretch go to its start; its end maps to the end.
            anchors.append((i2, j2))
    return OffsetMap(anchors)


def convert_with_names(
    text: str, variant: Variant, names: list[tuple[int, int, str]]
) -> tuple[str, OffsetMap]:
    """``text`` in ``variant`` with curated forms put in place of the spans in ``names``.

    ``names`` holds (start, end, form) in original offsets, sorted and not overlapping.
    Returns the converted text and the map from original to converted offsets.
    """
    if variant == "original" and not names:
        return text, OffsetMap()
    pieces: list[str] = []
    anchors: list[tuple[int, int]] = []
    pos = 0
    out_len = 0
    changed = False
    for start, end, form in [*names, (len(text), len(text), "")]:
        plain = convert(text[pos:start], variant)
        sub = align(text[pos:start], plain)
        if not sub.is_identity:
            changed = True
            anchors += [(pos + a, out_len + b) for a, b in zip(sub._orig, sub._new, strict=True)]
        else:
            anchors.append((pos, out_len))
        pieces.append(plain)
        out_len += len(plain)
        if end > start:
            anchors.append((start, out_len))
            pieces.append(form)
            out_len += len(form)
            changed = changed or len(form) != end - start
            anchors.append((end, out_len))
        pos = end
    result = "".join(pieces)
    return result, (OffsetMap(anchors) if changed else OffsetMap())


def fold_script(text: str) -> str:
    """``text`` in Simplified and lowercase, for comparing across scripts."""
    return convert(text, "simplified").lower()
