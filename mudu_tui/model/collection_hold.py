"""Holding the cyclic garbage collector while a pack is built.

Loading a large index builds hundreds of thousands of small containers (YAML nodes, dicts,
lists, entities) and none of them is garbage. Each allocation counts towards the collector's
thresholds, so it runs again and again and every full collection walks everything built so
far: with 50,000 entities, `check` spent 10 of its 13 s there (composing the YAML took 4.2 s
with the collector on and 0.8 s with it held). Reference counting still frees what is
dropped; only the search for cycles waits until the pack is built.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_held() -> Iterator[None]:
    """No cyclic garbage collection inside the block; as it was before once it ends. Nested
    holds and a collector already held (the reader holds it until its first frame) are left
    as they are."""
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
