"""The validated-pack cache: hits while both files are unchanged, rebuilt otherwise."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mudu_tui.model.cache import KEEP_ENTRIES, load_pack_cached
from mudu_tui.model.errors import PackError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    shutil.copytree(ROOT / "content", folder)
    return folder


def test_second_load_comes_from_the_cache(pack_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_pack_cached(pack_dir, cache)
    entries = list(cache.glob("pack-*.pickle"))
    assert len(entries) == 1
    second = load_pack_cached(pack_dir, cache)
    assert second is not first
    assert second.mentions == first.mentions and second.digest == first.digest


def test_an_edited_article_is_loaded_afresh(pack_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_pack_cached(pack_dir, cache)
    article = pack_dir / "article.md"
    article.write_text(article.read_text("utf-8") + "\n合肥又見合肥。\n", "utf-8")
    again = load_pack_cached(pack_dir, cache)
    assert len(again.mentions_of("hefei")) == len(first.mentions_of("hefei")) + 2


def test_an_edited_index_is_checked_again(pack_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_pack_cached(pack_dir, cache)
    index = pack_dir / "index.yaml"
    index.write_text(index.read_text("utf-8").replace("region: hefei", "region: hefie", 1), "utf-8")
    with pytest.raises(PackError) as caught:
        load_pack_cached(pack_dir, cache)
    assert "did you mean 'hefei'?" in str(caught.value)


def test_a_corrupt_entry_is_rebuilt(pack_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_pack_cached(pack_dir, cache)
    (entry,) = cache.glob("pack-*.pickle")
    entry.write_bytes(b"not a pickle")
    pack = load_pack_cached(pack_dir, cache)
    assert pack.mentions
    assert entry.read_bytes() != b"not a pickle"


def test_an_unwritable_cache_is_no_error(pack_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", "utf-8")
    assert load_pack_cached(pack_dir, blocker / "cache").mentions


def test_only_the_most_recently_used_entries_are_kept(pack_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    stale = []
    for n in range(KEEP_ENTRIES + 3):  # entries other packs and older releases left behind
        old = cache / f"pack-{n:040d}.pickle"
        old.write_bytes(b"old")
        os.utime(old, (1_000_000 + n, 1_000_000 + n))
        stale.append(old)
    os.utime(stale[0], None)  # used just now: kept though it was written first
    load_pack_cached(pack_dir, cache)
    entries = set(cache.glob("pack-*.pickle"))
    assert len(entries) == KEEP_ENTRIES
    assert stale[0] in entries and stale[1] not in entries
    assert load_pack_cached(pack_dir, cache).mentions  # its own entry survived the pruning
