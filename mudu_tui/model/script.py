"""Script variants: the article as published and its OpenCC conversions.

Conversion always starts from the stored original, never from converted text: OpenCC round
trips are lossy (名單於 → 名单于 → 名單于). The original is read as *mixed* text, whatever its
script: a Traditional article that slips into mainland forms (背后, 位于) comes out of ``s2t``,
``s2tw`` and ``s2hk`` with those forms fixed and its correct Traditional untouched, and a
Simplified article comes out of the same configs as proper Traditional. So each variant has
one OpenCC config, whatever the source; the source script only decides what ``t`` toggles to
and how the variants are labelled.

Converters are built once per variant, from OpenCC's current dictionaries (``opencc_adapter``),
on first use; every converted string is cached, so nothing is converted twice.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Literal, Protocol

Variant = Literal["original", "simplified", "traditional", "taiwan", "hongkong"]

#: The script an article is published in.
Script = Literal["traditional", "simplified"]

#: The cycle order of the `v` key.
VARIANTS: tuple[Variant, ...] = ("original", "simplified", "traditional", "taiwan", "hongkong")

#: The `language` values a pack may give, and the script each one means.
LANGUAGES: dict[str, Script] = {
    "zh-Hant": "traditional",
    "zh-TW": "traditional",
    "zh-HK": "traditional",
    "zh-Hans": "simplified",
    "zh-CN": "simplified",
}

#: OpenCC configuration per variant (the original needs none). Every config reads its input
#: as mixed text: see the module's docstring for why ``s2t`` and not ``t2tw`` or a round trip.
_CONFIGS: dict[Variant, str] = {
    "simplified": "t2s",
    "traditional": "s2t",
    "taiwan": "s2tw",
    "hongkong": "s2hk",
}

#: The OpenCC configs the app uses (the test suite runs OpenCC's own cases for each).
CONFIGS: tuple[str, ...] = tuple(_CONFIGS.values())

#: Each variant's name, written in its own script (the header shows it).
VARIANT_LABELS: dict[Variant, str] = {
    "original": "原文",
    "simplified": "简体",
    "traditional": "繁體",
    "taiwan": "臺灣正體",
    "hongkong": "香港繁體",
}

#: Each variant's name in English, for help and the command line.
VARIANT_ENGLISH: dict[Variant, str] = {
    "original": "Original (as published)",
    "simplified": "Simplified",
    "traditional": "Traditional (OpenCC standard)",
    "taiwan": "Taiwan Traditional",
    "hongkong": "Hong Kong Traditional",
}

#: What each source script is called, in itself and in English.
SCRIPT_NAMES: dict[Script, tuple[str, str]] = {
    "traditional": ("繁體", "Traditional"),
    "simplified": ("简体", "Simplified"),
}


def source_script(language: str) -> Script:
    """The script a pack's ``language`` names (``check`` has refused anything else)."""
    return LANGUAGES[language]


def ui_variant(variant: Variant, source: Script) -> Variant:
    """The variant the app's own text (labels, hints, messages: written in Traditional) is
    shown in beside an article shown in ``variant``: the article's own script for the original
    (a Simplified article's labels in Simplified), else the variant itself."""
    if variant == "original" and source == "simplified":
        return "simplified"
    return variant


def toggle_target(source: Script) -> Variant:
    """What `t` switches the original to: the other script."""
    return "simplified" if source == "traditional" else "traditional"


def toggle_tooltip(source: Script) -> str:
    """What `t` does, for a pack in ``source``'s script (help and the key bar's tooltip)."""
    native, english = SCRIPT_NAMES[source]
    target = toggle_target(source)
    return (
        f"Toggle 原文 ({english} {native}, as published) and "
        f"{VARIANT_LABELS[target]} {VARIANT_ENGLISH[target]}"
    )


def cycle_tooltip() -> str:
    """What `v` does."""
    return "Cycle " + " → ".join(VARIANT_LABELS[v] for v in VARIANTS)


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@cache
def _converter(variant: Variant) -> _Converter:
    # OpenCC's dictionaries load on the first conversion to a variant, never at start-up.
    from .opencc_adapter import DataOpenCC

    return DataOpenCC(_CONFIGS[variant])


def preload() -> None:
    """Build every variant's converter now (the app does it in the background after the first
    frame, so a first switch finds the dictionaries loaded)."""
    for variant in _CONFIGS:
        _converter(variant)


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


@cache
def _fold_table() -> dict[int, str]:
    """Simplified one character at a time: every one-character entry of the Simplified
    config's dictionaries, its steps applied in order (each entry's first candidate, OpenCC's
    default), for ``str.translate``."""
    from .opencc_adapter import chain

    folded: dict[str, str] = {}
    for step in chain(_CONFIGS["simplified"]):
        step_map: dict[str, str] = {}
        for _, _, entries in step:  # earlier tables of a step win, as in the matcher
            for key, value in entries.items():
                if len(key) == 1 and len(value) == 1:
                    step_map.setdefault(key, value)
        folded = {key: step_map.get(value, value) for key, value in folded.items()}
        for key, value in step_map.items():
            folded.setdefault(key, value)
    return str.maketrans({key: value for key, value in folded.items() if key != value})


def fold_script(text: str) -> str:
    """``text`` in Simplified and lowercase, for comparing across scripts: character by
    character (one C-level ``translate``), so it keeps the text's length and folds a book in
    milliseconds; OpenCC's phrase conversion took 2.2 s for a book of a million characters.
    Both sides of a comparison are folded alike, so 乾/幹/干 all meet in 干."""
    return text.translate(_fold_table()).lower()
