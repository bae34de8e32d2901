"""Text from a pack is data: control characters and bidi overrides never reach a terminal.

Markup is never parsed from pack text (widgets build Content/Text objects or Segments from
it). What remains dangerous is what the terminal itself would act on: escape sequences,
other control characters, and bidirectional overrides that reorder what is shown. The app
shows each as one visible character (:func:`visible`, so offsets into the text stay valid);
command-line messages write each as an escape such as ``\\x1b`` (:func:`inert`).
"""

from __future__ import annotations

import re
import unicodedata

#: Bidirectional marks and overrides, as a regular-expression character class body.
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI}]")
#: VS16 (emoji presentation) after a character that is narrow on its own: ☺️, ❤️, ©️.
_EMOJI_SELECTOR = re.compile("(.)\ufe0f", re.DOTALL)


def _placeholder(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␇ for BEL, …
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def _text_presentation(match: re.Match[str]) -> str:
    base = match.group(1)
    if unicodedata.east_asian_width(base) in "WF":
        return match.group()  # wide either way: every terminal and Textual agree
    return base + "\ufe0e"


def visible(text: str) -> str:
    """``text`` with every control character and bidi override replaced by a visible mark,
    and emoji presentation of narrow characters asked as text presentation.

    Terminals disagree on ☺️ (U+263A U+FE0F): tmux 3.3a draws it one column wide, Textual
    (rich) counts two, and a list row drawn after it shifted by a column. With VS15 (text
    presentation) in place of VS16 every side counts one; the offsets stay the same."""
    text = _UNSAFE.sub(_placeholder, text)
    if "\ufe0f" in text:
        text = _EMOJI_SELECTOR.sub(_text_presentation, text)
    return text


def inert(text: str) -> str:
    """``text`` safe to print on one terminal line: control characters (ESC, OSC, newlines)
    and bidi overrides are written as escapes such as ``\\x1b`` or ``\\u202e``."""

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSAFE.sub(escape, text)
