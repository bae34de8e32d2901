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


def is_variant(name: str) -> bool:
    """Whether ``name`` is one of the four variant names."""
    return name in VARIANTS


def next_variant(variant: Variant) -> Variant:
    """The variant after ``variant`` in the `v` cycle."""
    return VARIANTS[(VARIANTS.index(variant) + 1) % len(VARIANTS)]


@lru_cache(maxsize=65536)
def convert(text: str, variant: Variant) -> str:
    """``text`` (original script) in ``variant``; cached per string and variant."""
    if variant == "original" or not text:
        return text
    return _converter(variant).convert(text)
