"""What an index of many entities costs in the model, with the pack size limits lifted.

The index limits (``model/limits.py``) take about 60,000 entities since issue #18; the
article's limits may still refuse the article that names them all. This measures, in one
process and for one pack, with every limit lifted: loading and checking the pack, building
the search keys (with pinyin), and one search per keystroke, so a limit is documented with
its measured reason. Prints JSON.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from mudu_tui.model import pack as pack_module
from mudu_tui.model import textfile, yamlload
from mudu_tui.model.pack import load_pack
from mudu_tui.model.search import SearchIndex

QUERIES = ["h", "he", "hef", "hefe", "hefei", "甲", "甲乙", "kdxf", "Tencent", "tencnet"]


def measure(pack_path: Path) -> dict[str, float]:
    """Seconds to load and to index; milliseconds per search keystroke (median and max)."""
    # This process only: the measurement is of what the limits prevent.
    yamlload.MAX_NODES = 10**8
    for module, name in (
        (textfile, "MAX_INDEX_BYTES"),
        (textfile, "MAX_ARTICLE_BYTES"),
        (pack_module, "MAX_PARAGRAPHS"),
        (pack_module, "MAX_MENTIONS"),
    ):
        setattr(module, name, 10**12)
    start = time.perf_counter()
    pack = load_pack(pack_path)
    loaded = time.perf_counter()
    index = SearchIndex(pack.entities.values())
    index.build()  # every key, pinyin included (the reader builds them in the background)
    indexed = time.perf_counter()
    samples = []
    for query in QUERIES:
        t = time.perf_counter()
        index.search(query)
        samples.append((time.perf_counter() - t) * 1000)
    return {
        "entities": len(pack.entities),
        "load_s": round(loaded - start, 2),
        "index_s": round(indexed - loaded, 2),
        "search_median_ms": round(statistics.median(samples), 1),
        "search_max_ms": round(max(samples), 1),
    }


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]))))
