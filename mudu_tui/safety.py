"""Text from a pack is data: control characters and bidi overrides are made visible.

Markup is never parsed from pack text (widgets build Content/Text objects or Segments from
it). What remains dangerous is what the terminal itself would act on: escape sequences,
other control characters, and bidirectional overrides that reorder what is shown. Each is
replaced by one visible character, so offsets into the text stay valid.
"""

from __future__ import annotations

import re

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")


def _placeholder(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␇ for BEL, …
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def visible(text: str) -> str:
    """``text`` with every control character and bidi override replaced by a visible mark."""
    return _UNSAFE.sub(_placeholder, text)
