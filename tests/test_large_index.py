"""An index of 50,000 entities: accepted and cached by the model, and selected in the reader
(what a selection builds, not how long it takes: speed is the benchmark's).

The pack is generated once for the module: one city, named by every one of 50,000 companies,
and an article of paragraphs that each name the city and fifty companies, within every limit.
"""

from __future__ import annotations

import gc
import itertools
from pathlib import Path

import pytest
from tiny_pack import one_region_pack

from mudu_tui.app import MuduApp
from mudu_tui.model import pack as pack_module
from mudu_tui.model.cache import load_pack_cached
from mudu_tui.model.collection_hold import collection_held
from mudu_tui.model.limits import MAX_INDEX_BYTES
from mudu_tui.model.pack import Pack, load_pack
from mudu_tui.model.search import CHUNK
from mudu_tui.widgets.details import MAX_PER_RELATION, MENTIONS_PAGE, Details
from mudu_tui.widgets.entity_list import EntityList

COMPANIES = 50_000
PER_PARAGRAPH = 50
#: Characters of the generated names (none is the city's, so no name holds another).
POOL = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土天地玄黃宇宙洪荒日月盈昃宿列張"
CITY = "城中"


def _names(count: int) -> list[str]:
    return ["".join(c) + "科技" for c in itertools.islice(itertools.product(POOL, repeat=3), count)]


def write_large_pack(folder: Path, companies: int = COMPANIES) -> Path:
    """A pack of one city and ``companies`` companies in it; returns the folder."""
    names = _names(companies)
    lines = [
        "schema: 1",
        "title: 大表",
        "article: article.md",
        "source: 測試用的生成文字",
        "language: zh-Hant",
        "regions:",
        "  - id: city",
        f"    name: {CITY}",
        "    en: The City",
        "    kind: city",
        "    lat: 30",
        "    lon: 120",
        "    summary: 一座生成的城市。",
        "companies:",
    ]
    for n, name in enumerate(names):
        lines += [
            f"  - id: c{n:05d}",
            f"    name: {name}",
            f"    en: Company {n}",
            f"    summary: 第{n}號公司。",
            "    region: city",
        ]
    paragraphs = [
        f"{CITY}有：" + "、".join(names[at : at + PER_PARAGRAPH]) + "。"
        for at in range(0, companies, PER_PARAGRAPH)
    ]
    folder.mkdir()
    (folder / "index.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    (folder / "article.md").write_text("# 大表\n\n" + "\n\n".join(paragraphs) + "\n", "utf-8")
    return folder


@pytest.fixture(scope="module")
def large_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_large_pack(tmp_path_factory.mktemp("large") / "pack")


@pytest.fixture(scope="module")
def large_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def large_pack(large_folder: Path, large_cache: Path) -> Pack:
    """The pack, parsed and checked (as `load_pack` does), its cache entry written."""
    told: list[int] = []
    pack = load_pack_cached(large_folder, large_cache, on_parse=told.append)
    assert told == [(large_folder / "index.yaml").stat().st_size]  # the reader says why it waits
    return pack


# ---------------------------------------------------------------------------------------------
# The model


def test_fifty_thousand_entities_are_within_the_index_limits(large_folder: Path, large_pack: Pack) -> None:
    assert (large_folder / "index.yaml").stat().st_size < MAX_INDEX_BYTES
    assert len(large_pack.entities) == COMPANIES + 1
    assert len(large_pack.mentions_of("city")) == COMPANIES // PER_PARAGRAPH
    assert all(len(large_pack.mentions_of(f"c{n:05d}")) == 1 for n in (0, 1234, COMPANIES - 1))


def test_the_cache_gives_the_same_pack(
    large_folder: Path,
    large_cache: Path,
    large_pack: Pack,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mudu_tui.model import cache

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the index was parsed again")

    monkeypatch.setattr(cache, "parse_pack", never)
    assert len(list(large_cache.glob("pack-*.json"))) == 1
    told: list[int] = []
    again = load_pack_cached(large_folder, large_cache, on_parse=told.append)  # read back, checked
    assert told == []  # nothing to say: the index is not parsed
    assert again is not large_pack
    assert again.entities == large_pack.entities
    assert again.mentions == large_pack.mentions


def test_links_of_a_city_that_fifty_thousand_companies_name(large_pack: Pack) -> None:
    referrers = large_pack.referrers("city")
    assert len(referrers) == COMPANIES
    assert referrers[:2] == [("企業", "c00000"), ("企業", "c00001")]  # index order, labelled
    assert len(large_pack.related("city")) == COMPANIES
    assert large_pack.related("c00007") == {"city"}


def test_the_collector_is_held_while_a_pack_is_built_and_given_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mudu_tui.model import yamlload

    seen: list[tuple[str, bool]] = []

    def recording(module: object, name: str) -> None:
        original = getattr(module, name)

        def record(*args: object, **kwargs: object) -> object:
            seen.append((name, gc.isenabled()))
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, record)

    recording(yamlload, "_screen")
    recording(pack_module, "validate_index")
    folder = one_region_pack(tmp_path / "pack", "甲城", "甲城很大。")
    load_pack(folder)
    assert seen == [("_screen", False), ("validate_index", False)]
    assert gc.isenabled()
    gc.disable()  # held by someone else (the reader, until its first frame): left held
    try:
        with collection_held():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


# ---------------------------------------------------------------------------------------------
# The reader (Pilot)


def _reader(pack: Pack) -> MuduApp:
    """The reader without its background warm-up: building search keys with pinyin for 50,000
    entities takes many seconds (the search's part of the work, not what is tested here)."""
    app = MuduApp(pack)
    setattr(app, "_start_warm_up", lambda: None)  # noqa: B010
    return app


async def test_selecting_the_city_builds_a_screenful_not_fifty_thousand_rows(large_pack: Pack) -> None:
    app = _reader(large_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.select("city")
        await pilot.pause()
        details = screen.query_one(Details)
        ids = [details.get_option_at_index(i).id or "" for i in range(details.option_count)]
        companies = [i for i in ids if i.startswith("go:c")]
        assert companies == [f"go:c{n:05d}" for n in range(MAX_PER_RELATION)]
        prompts = [str(details.get_option_at_index(i).prompt) for i in range(details.option_count)]
        assert f"企業 … 另有 {COMPANIES - MAX_PER_RELATION} 個" in prompts
        mentions = [i for i in ids if i.startswith("mention:")]
        assert mentions == [f"mention:{n}" for n in range(MENTIONS_PAGE)]
        assert ids[-1] == f"more:{MENTIONS_PAGE}"
        # Every company is marked as related, but only the rows on screen are drawn.
        await pilot.press("3")
        await pilot.pause()
        companies_pane = screen.query_one("#companies", EntityList)
        assert companies_pane.related == large_pack.related("city")
        assert companies_pane.option_count == COMPANIES
        assert 0 < len(companies_pane._strips) <= companies_pane.size.height
        assert "● " in str(companies_pane.prompt("c12345"))

        # The cursor reaching the row after the mentions lays out the next page there.
        details.focus()
        details.highlighted = ids.index(f"more:{MENTIONS_PAGE}")
        await pilot.pause()
        after = [details.get_option_at_index(i).id or "" for i in range(details.option_count)]
        pages = [f"mention:{n}" for n in range(2 * MENTIONS_PAGE)]
        assert [i for i in after if i.startswith("mention:")] == pages
        assert after[-1] == f"more:{2 * MENTIONS_PAGE}"
        assert details.highlighted_option is not None
        assert details.highlighted_option.id == f"mention:{MENTIONS_PAGE}"

        # `G` goes to the last mention, the rest drawn at once (it once added a page a press).
        await pilot.press("G")
        await pilot.pause()
        total = len(large_pack.mentions_of("city"))
        last = [details.get_option_at_index(i).id or "" for i in range(details.option_count)]
        assert [i for i in last if i.startswith("mention:")] == [f"mention:{n}" for n in range(total)]
        assert details.highlighted_option is not None
        assert details.highlighted_option.id == f"mention:{total - 1}"


async def test_a_company_among_fifty_thousand_is_selected_from_its_pane(large_pack: Pack) -> None:
    app = _reader(large_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "G", "enter")
        await pilot.pause()
        last = f"c{COMPANIES - 1:05d}"
        assert app.screen.selection.item == last
        details = app.screen.query_one(Details)
        ids = [details.get_option_at_index(i).id for i in range(details.option_count)]
        assert ids[1:] == [None, "go:city", None, "mention:0"]  # relations, then its one mention


async def test_quitting_stops_the_background_build(large_pack: Pack, monkeypatch: pytest.MonkeyPatch) -> None:
    """`q` once waited about 11 s for the warm-up to build 50,000 entities' search keys (the
    interpreter waits for worker threads at exit): the build stops after its chunk instead."""
    import asyncio
    import threading

    from mudu_tui import app as app_module

    monkeypatch.setattr(app_module, "WARM_UP_DELAY", 0.01)
    ended = threading.Event()
    warm_up = MuduApp._warm_up

    def watched(self: MuduApp) -> None:
        try:
            warm_up(self)
        finally:
            ended.set()

    monkeypatch.setattr(MuduApp, "_warm_up", watched)
    app = MuduApp(large_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        index = app.search_index()
        while index.built == 0:  # the warm-up's first chunk (it loads pypinyin)
            await pilot.pause(0.05)
        await pilot.press("q")
        at_quit = index.built
    assert await asyncio.to_thread(ended.wait, 600)  # a hang, not a speed, is what fails here
    assert index.built - at_quit <= 2 * CHUNK < index.total  # its chunk, and at most the next
