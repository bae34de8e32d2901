"""The article's screen rows, laid out block by block when they are needed.

The article is a sequence of blocks (the title, each section's heading, each paragraph), and
each block becomes a few rows at a given width and script variant. A short article is laid
out whole at once, so every row number is exact from the start. A long one (a book) is laid
out only where it is looked at: a block not yet laid out stands in with an estimated height
(its height in the variant shown before, or one worked out from its length), and becomes
exact when a row of it is asked for. Rows are always asked for from the top of the view
down, and laying a block out moves only the blocks after it, so what is drawn stays put.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate, repeat
from operator import add, floordiv, mul, neg
from typing import NamedTuple, overload

from .article import Article

#: Articles up to this many characters, in up to this many blocks, are laid out whole, so
#: their scrollbar is exact from the start (the bundled article has 3,300 characters in 58
#: blocks); larger ones block by block, as they come into view. Laying out whole costs per
#: character (converting) and per block (each paragraph converted and wrapped on its own):
#: 130,000 characters in 40,000 short paragraphs took 1.5 s a toggle, and from about
#: 20,000 characters a toggle cost more CPU laid out whole (40 ms) than block by block (31).
EAGER_CHARS = 20_000
EAGER_BLOCKS = 400


class Row(NamedTuple):
    """One screen line: what it shows and which characters of it."""

    kind: str  # title | heading | text | photo | reference | blank
    paragraph: int = -1  # paragraph index for text rows
    section: int = -1  # section index for heading rows
    start: int = 0
    end: int = 0


class Block(NamedTuple):
    """One unit of layout: the title, a section's heading, or a paragraph."""

    kind: str  # title | section | paragraph
    number: int  # section or paragraph index (0 for the title)
    chars: int  # length of its text, for estimating its height


class LazyRows(Sequence[Row]):
    """The rows of a list of blocks at one width and variant, laid out on demand.

    ``lay_out(block)`` gives a block's rows; ``heights`` are the starting estimates (exact
    ones are kept from then on). Row numbers of blocks not yet laid out are estimates.
    """

    def __init__(
        self,
        blocks: Sequence[Block],
        lay_out: Callable[[Block], list[Row]],
        heights: list[int],
        eager: bool,
    ) -> None:
        self.blocks = blocks
        self._lay_out = lay_out
        self._heights = list(heights)
        self._rows: list[list[Row] | None] = [None] * len(blocks)
        self._starts: list[int] = []
        self.changed = False
        if eager:
            for b in range(len(blocks)):
                self._fill(b)
        self._restart()
        self.changed = False  # a height changed since the owner last looked

    # -- blocks ----------------------------------------------------------------------------

    def _fill(self, b: int) -> list[Row]:
        rows = self._rows[b]
        if rows is None:
            rows = self._rows[b] = self._lay_out(self.blocks[b])
            if len(rows) != self._heights[b]:
                self._heights[b] = len(rows)
                self._starts = []  # stale from here on
                self.changed = True
        return rows

    def _restart(self) -> None:
        self._starts = list(accumulate(self._heights, initial=0))

    def _start_list(self) -> list[int]:
        if not self._starts:
            self._restart()
        return self._starts

    def start(self, b: int) -> int:
        """First row of block ``b``."""
        return self._start_list()[b]

    def rows_of(self, b: int) -> list[Row]:
        """Block ``b``'s rows (laid out now if it was not)."""
        return self._fill(b)

    def block_at(self, y: int) -> int:
        """The block holding row ``y`` (the last block for rows past the end)."""
        starts = self._start_list()
        return min(max(bisect_right(starts, y) - 1, 0), len(self.blocks) - 1)

    def heights(self) -> list[int]:
        """Every block's height as known now (estimates where not laid out)."""
        return list(self._heights)

    def is_laid_out(self, b: int) -> bool:
        """Whether block ``b``'s height is exact."""
        return self._rows[b] is not None

    def settle(self, first: int, last: int) -> None:
        """Lay out every block that rows ``first``..``last`` fall in, top down, so that range
        is exact (laying a block out may pull later blocks into it)."""
        y = max(first, 0)
        while y <= last and y < len(self):
            b = self.block_at(y)
            self._fill(b)
            y = self.start(b + 1) if b + 1 < len(self.blocks) else len(self)
            if b + 1 >= len(self.blocks):
                break

    def settle_end(self, height: int) -> None:
        """Lay out blocks from the end back until they fill ``height`` rows exactly."""
        total = 0
        for b in range(len(self.blocks) - 1, -1, -1):
            total += len(self._fill(b))
            if total >= height:
                break

    # -- the sequence ----------------------------------------------------------------------

    def __len__(self) -> int:
        return self._start_list()[-1] if self.blocks else 0

    @overload
    def __getitem__(self, y: int) -> Row: ...

    @overload
    def __getitem__(self, y: slice) -> list[Row]: ...

    def __getitem__(self, y: int | slice) -> Row | list[Row]:
        if isinstance(y, slice):
            return [self[i] for i in range(*y.indices(len(self)))]
        if y < 0:
            y += len(self)
        if not 0 <= y < len(self):
            raise IndexError(y)
        b = self.block_at(y)
        rows = self._fill(b)
        offset = y - self.start(b)
        # Laying block b out keeps its start: a row past its exact end is in a later block.
        while offset >= len(rows):
            if not 0 <= y < len(self):
                raise IndexError(y)
            b = self.block_at(y)
            rows = self._fill(b)
            offset = y - self.start(b)
        return rows[offset]

    def __iter__(self) -> Iterator[Row]:
        for b in range(len(self.blocks)):
            yield from self._fill(b)


def estimate_height(chars: int, width: int, extra: int) -> int:
    """Rows a block of ``chars`` characters takes at ``width`` cells, as if every character
    were a Han character (two cells), plus ``extra`` blank rows."""
    return max(1, -(-2 * chars // max(width, 1))) + extra


def estimate_heights(chars: Iterable[int], width: int, extras: Iterable[int]) -> list[int]:
    """:func:`estimate_height` of each block at one ``width``, worked out in C: a book has
    tens of thousands of blocks, and a Python call for each was a tenth of its first screen."""
    rows = map(neg, map(floordiv, map(mul, chars, repeat(-2)), repeat(max(width, 1))))
    return list(map(add, map(max, repeat(1), rows), extras))


#: Makes a block from its fields with no Python call (``Block(...)`` runs one).
_new_block = tuple.__new__


class ArticleBlocks:
    """An article as blocks: the title, then each section's heading and its paragraphs, in
    reading order; where each paragraph's and section's block is; and their estimated heights.

    A paragraph's block is a blank row longer than its text; a section's two (one above and
    one below its heading), or, for an opening without a heading, just the row above. A
    reference is drawn two cells narrower, with no blank row after it."""

    def __init__(self, article: Article) -> None:
        lengths = [len(p.text) for p in article.paragraphs]
        self.blocks: list[Block] = [Block("title", 0, len(article.title))]
        """Every block, in reading order."""
        self.paragraph_block = [0] * len(article.paragraphs)
        """The block of each paragraph, by its position in the article."""
        self.section_block: list[int] = []
        """The block of each section's heading."""
        extras = [0]
        self._one_row: list[int] = []  # openings without a heading: one blank row
        for number, section in enumerate(article.sections):
            self.section_block.append(len(self.blocks))
            if section.is_opening:
                self._one_row.append(len(self.blocks))
            self.blocks.append(Block("section", number, len(section.title)))
            extras.append(2)
            # A book has tens of thousands of paragraphs: a section's are made at once.
            positions = article.positions(section.paragraphs)
            for at, position in enumerate(positions, len(self.blocks)):
                self.paragraph_block[position] = at
            run = zip(repeat("paragraph"), positions, map(lengths.__getitem__, positions))
            self.blocks += map(_new_block, repeat(Block), run)
            extras += repeat(1, len(positions))
        self._references = [
            self.paragraph_block[n] for n, p in enumerate(article.paragraphs) if p.kind == "reference"
        ]
        for b in self._references:
            extras[b] = 0
        self._extras = extras
        self.chars = [b.chars for b in self.blocks]
        """Each block's length in characters."""

    def estimates(self, width: int) -> list[int]:
        """Every block's height at ``width`` cells, before it is laid out."""
        heights = estimate_heights(self.chars, width, self._extras)
        for b in self._one_row:
            heights[b] = 1
        for b in self._references:
            heights[b] = estimate_height(self.chars[b], width - 2, 0)
        return heights


__all__ = [
    "EAGER_BLOCKS",
    "EAGER_CHARS",
    "ArticleBlocks",
    "Block",
    "LazyRows",
    "Row",
    "estimate_height",
    "estimate_heights",
]
