"""The largest pack the reader takes, and why.

Every pack `check` accepts must draw its first screen within 3 s and answer every key within
200 ms on the project's 2-core machine (issue 13). ``benchmarks/limits.py`` measures both
through tmux, as a user feels them, on packs at these limits in each costly shape. Size alone
is not enough: before these limits existed, a 0.5 MB article as one paragraph made the
script toggle take 960 ms, as 43,000 short paragraphs a first screen of 3.9 s, and with
84,000 mentions 2.8 s; a 49 MB article once took 55 s.

Issue #18 made what a key costs follow the screen, not the article (a long article is
converted, laid out and highlighted only where it is read; an article in many short
paragraphs is no longer laid out whole; a mention in a long paragraph is quoted in bounded
context), and made finding mentions, parsing and folding for find cheap per character. The
article-side limits were then raised so that a book twice the issue's (the bundled article
300 times over: 2.9 MB, 15,300 paragraphs, 44,100 mentions) fits. What still grows with the
article is opening it: parsing and finding mentions, about 0.13 s of CPU for that book and
0.25 s for twice it. The figures measured at the limits, in each shape, are in the README
("Limits").
"""

from __future__ import annotations

#: The index bounds the entities: about 60,000 of five fields within both limits below.
#: Opening a pack costs about 9 µs of CPU per YAML value the first time (parse, check, write
#: the cache) and 3 µs from the cache (checked again). Measured to the first frame (CPU,
#: headless; issue #18): 50,000 entities (301,000 values, 6.6 MB) 2.9 s the first time and
#: 1.1 s from the cache; at these limits, about 20% beyond (59,564 entities, 358,000 values,
#: 7.8 MB), 3.3 s and 1.3 s: only a first start near the limits (no cache yet) is over 3 s.
#: Selection does not grow with the entities (links are worked out once). Until issue #18
#: (128 KB, about 600 entities) the bound was the pinyin search keys, built after the first
#: screen, which made every key wait.
MAX_INDEX_BYTES = 8 * 1024 * 1024
#: YAML values (each scalar, list and mapping) the index may hold: what the cost follows.
MAX_INDEX_VALUES = 360_000
#: The article's bytes (twice the book is 5.5 MB).
MAX_ARTICLE_BYTES = 6 * 1024 * 1024
#: Paragraphs (each is a block of the layout; twice the book has 30,600).
MAX_PARAGRAPHS = 40_000
#: Characters in one paragraph (the toggle converts and re-wraps a paragraph as a whole).
MAX_PARAGRAPH_CHARS = 10_000
#: Every occurrence of every name (twice the book has 88,200), all found at opening.
MAX_MENTIONS = 100_000
#: A seed is not a pack: `repair` reads it as text and only prints the result.
MAX_SEED_BYTES = 50 * 1024 * 1024

#: Said with every limit a pack exceeds.
REASON = "a larger pack takes the reader over 3 s to open or 200 ms to answer a key (see README, 'Limits')"
