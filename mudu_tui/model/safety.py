"""Text from a pack is data: control characters and bidi overrides never reach a terminal.

Markup is never parsed from pack text (widgets build Content/Text objects or Segments from
it). What remains dangerous is what the terminal itself would act on: escape sequences,
other control characters, and bidirectional overrides that reorder what is shown. The app
shows each as one visible character (:func:`visible`, so offsets into the text stay valid);
command-line messages write each as an escape such as ``\\x1b`` (:func:`inert`).
"""

from __future__ import annotations

import re

#: Bidirectional marks and overrides, as a regular-expression character class body.
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI}]")


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


def inert(text: str) -> str:
    """``text`` safe to print on one terminal line: control characters (ESC, OSC, newlines)
    and bidi overrides are written as escapes such as ``\\x1b`` or ``\\u202e``."""

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSAFE.sub(escape, text)
