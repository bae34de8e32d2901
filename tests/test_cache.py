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
    entries = list(cache.glob("pack-*.json"))
    assert len(entries) == 1
    second = load_pack_cached(pack_dir, cache)
    assert second is not first
    assert second.mentions == first.mentions and second.digest == first.digest
    assert second.index == first.index and second.article == first.article
    assert second.event_spans == first.event_spans and second.figure_spans == first.figure_spans


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
    (entry,) = cache.glob("pack-*.json")
    entry.write_bytes(b"not json")
    pack = load_pack_cached(pack_dir, cache)
    assert pack.mentions
    assert entry.read_bytes() != b"not json"


def test_an_unwritable_cache_is_no_error(pack_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", "utf-8")
    assert load_pack_cached(pack_dir, blocker / "cache").mentions


def test_only_the_most_recently_used_entries_are_kept(pack_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    stale = []
    for n in range(KEEP_ENTRIES + 3):  # entries other packs and older releases left behind
        old = cache / f"pack-{n:040d}.json"
        old.write_bytes(b"old")
        os.utime(old, (1_000_000 + n, 1_000_000 + n))
        stale.append(old)
    os.utime(stale[0], None)  # used just now: kept though it was written first
    load_pack_cached(pack_dir, cache)
    entries = set(cache.glob("pack-*.json"))
    assert len(entries) == KEEP_ENTRIES
    assert stale[0] in entries and stale[1] not in entries
    assert load_pack_cached(pack_dir, cache).mentions  # its own entry survived the pruning


def test_a_second_load_does_not_parse_yaml(pack_dir: Path, tmp_path: Path, monkeypatch) -> None:
    from mudu_tui.model import yamlload

    cache = tmp_path / "cache"
    load_pack_cached(pack_dir, cache)

    def no_parsing(*args: object) -> None:
        raise AssertionError("parsed the YAML although the cache holds it")

    monkeypatch.setattr(yamlload, "load_yaml", no_parsing)
    assert load_pack_cached(pack_dir, cache).mentions


def test_a_pickle_in_the_cache_never_runs(pack_dir: Path, tmp_path: Path) -> None:
    # The attack of issue 13: a pickle planted where the entry for this pack would be (the old
    # name or the new one) that runs a command when unpickled.
    import pickle

    cache = tmp_path / "cache"
    load_pack_cached(pack_dir, cache)
    (entry,) = cache.glob("pack-*.json")
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    planted = pickle.dumps(Payload())
    entry.write_bytes(planted)
    entry.with_suffix(".pickle").write_bytes(planted)
    pack = load_pack_cached(pack_dir, cache)
    assert pack.mentions and not marker.exists()
    pickle.loads(planted)  # proof the payload is live
    assert marker.exists()


def _entry(cache: Path) -> tuple[Path, dict]:
    import json

    (entry,) = cache.glob("pack-*.json")
    return entry, json.loads(entry.read_text("utf-8"))


@pytest.mark.parametrize(
    "tamper",
    [
        lambda e: e.update(version=e["version"] + 1),  # another format
        lambda e: e.update(generator="0.0.0"),  # another release
        lambda e: e.update(sha256="0" * 64),  # stale: another index
        lambda e: e.update(index="/elsewhere/index.yaml"),  # another pack
        lambda e: e.update(extra=1),  # not what mudu-tui writes
        lambda e: e.pop("data"),
        lambda e: e["data"].update(title=["not", "a", "title"]),  # fails validation
        lambda e: e["data"]["regions"][0].update(name="不在文中的名字"),  # never in the article
        lambda e: e["data"]["figures"][0].update(value=float("inf")),
    ],
    ids=["format", "release", "stale", "foreign", "extra-key", "no-data", "bad-type", "bad-name", "inf"],
)
def test_a_tampered_entry_is_ignored_and_rebuilt(pack_dir: Path, tmp_path: Path, tamper) -> None:
    import json

    cache = tmp_path / "cache"
    fresh = load_pack_cached(pack_dir, cache)
    entry, value = _entry(cache)
    tamper(value)
    entry.write_text(json.dumps(value, ensure_ascii=False), "utf-8")
    pack = load_pack_cached(pack_dir, cache)
    assert pack.index == fresh.index and pack.mentions == fresh.mentions
    assert _entry(cache)[1] != value  # rebuilt


@pytest.mark.parametrize("kind", ["fifo", "folder", "symlink-loop", "huge", "deep", "nan"])
def test_a_hostile_entry_never_blocks_or_crashes(pack_dir: Path, tmp_path: Path, kind: str) -> None:
    from mudu_tui.model import cache as cache_module

    cache = tmp_path / "cache"
    load_pack_cached(pack_dir, cache)
    entry, _ = _entry(cache)
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry)  # opening it for reading would wait for a writer forever
    elif kind == "folder":
        entry.mkdir()
    elif kind == "symlink-loop":
        entry.symlink_to(entry)
    elif kind == "huge":
        entry.write_bytes(b" " * (cache_module.MAX_ENTRY_BYTES + 1))
    elif kind == "deep":
        entry.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    else:
        entry.write_bytes(b'{"format": NaN}')
    assert load_pack_cached(pack_dir, cache).mentions
