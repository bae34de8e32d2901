"""The article as `init` reads it: paragraphs in the published script, a Simplified view of
each with the same offsets, its part-of-speech tokens, and the script it is written in.

The segmenter's dictionary is Simplified, so a Traditional article is segmented through its
Simplified conversion; the view keeps every offset, so a span found in it is the same span of
the published text, whose characters become the names in the draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..model.article import Article, Paragraph
from ..model.script import convert
from . import INSTALL_HINT, AuthoringUnavailable

_CJK = re.compile(r"[\u4e00-\u9fff]")


class Token(NamedTuple):
    """A word of the Simplified view: where it stands, the word and its part-of-speech tag."""

    start: int
    end: int
    word: str
    tag: str


@dataclass
class Text:
    """One paragraph: as published, in Simplified (same length), and its tokens."""

    paragraph: Paragraph
    simplified: str
    tokens: list[Token] = field(default_factory=list)

    @property
    def original(self) -> str:
        """The paragraph as published."""
        return self.paragraph.text

    def token_at(self, offset: int) -> int:
        """The index of the token holding character ``offset``."""
        lo, hi = 0, len(self.tokens) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if self.tokens[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        return lo


def detect_script(text: str) -> str:
    """``zh-Hant`` when converting to Simplified changes at least one Chinese character in a
    hundred (a Simplified text quoting a Traditional name stays ``zh-Hans``), else ``zh-Hans``."""
    han = "".join(_CJK.findall(text))
    changed = sum(a != b for a, b in zip(han, convert(han, "simplified"), strict=False))
    return "zh-Hant" if han and changed >= max(1, len(han) / 100) else "zh-Hans"


def simplified_view(text: str) -> str:
    """``text`` in Simplified with the same length; where a phrase conversion changes the
    length, character by character instead."""
    whole = convert(text, "simplified")
    if len(whole) == len(text):
        return whole
    chars = [convert(ch, "simplified") for ch in text]
    return "".join(c if len(c) == 1 else ch for c, ch in zip(chars, text, strict=True))


def _tagger() -> Any:
    try:
        import rjieba
    except ImportError:
        raise AuthoringUnavailable(
            f"`mudu-tui init` needs the authoring extra (a segmenter and a gazetteer): {INSTALL_HINT}"
        ) from None
    return rjieba


def read_texts(article: Article) -> list[Text]:
    """Every text paragraph (not photo captions, references or keywords), viewed and tagged."""
    tagger = _tagger()
    texts: list[Text] = []
    for p in article.paragraphs:
        if p.kind != "text":
            continue
        view = simplified_view(p.text)
        tokens: list[Token] = []
        at = 0
        for word, tag in tagger.tag(view):
            tokens.append(Token(at, at + len(word), word, tag))
            at += len(word)
        if at != len(view):  # the segmenter covers every character; if not, tag nothing
            tokens = []
        texts.append(Text(p, view, tokens))
    return texts
