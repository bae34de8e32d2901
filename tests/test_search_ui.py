"""Pilot tests of search: the `/` entity search, find in the article, and the command palette."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static
from ui_helpers import SIZE, main_screen, marked_text, marks, status

from mudu_tui.app import MuduApp
from mudu_tui.screens.search import SearchScreen
from mudu_tui.widgets.article_view import ArticleView
from mudu_tui.widgets.details import Details
from mudu_tui.widgets.find_box import FindBox
from mudu_tui.widgets.search_results import SearchResults


async def open_search(pilot: Pilot[None], query: str) -> SearchResults:
    await pilot.press("slash")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SearchScreen)
    await pilot.press(*query)
    await pilot.pause()
    return pilot.app.screen.query_one("#search-results", SearchResults)


async def palette_prompts(pilot: Pilot[None], want: str) -> list[str]:
    """The palette's prompts once one contains ``want`` (the palette searches in a worker)."""
    prompts: list[str] = []
    for _ in range(40):
        await pilot.pause(0.05)
        palette = pilot.app.screen.query_one(OptionList)
        prompts = [str(palette.get_option_at_index(i).prompt) for i in range(palette.option_count)]
        if any(want in p for p in prompts):
            break
    return prompts


def first_result(results: SearchResults) -> str | None:
    option = results.highlighted_option
    return option.id if option is not None else None


async def test_hefei_finds_and_selects_hefei(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        results = await open_search(pilot, "hefei")
        assert first_result(results) == "hefei"
        assert "合肥" in str(results.highlighted_option.prompt)  # type: ignore[union-attr]
        # Ranked across kinds, not grouped: the best hit comes first and names its kind.
        assert not results.get_option_at_index(0).disabled
        assert "地區" in str(results.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        screen = main_screen(app)
        total = len(app.pack.mentions_of("hefei"))
        assert screen.selection.item == "hefei"
        assert screen.query_one(Details).counter() == f"1/{total}"
        assert f"1/{total}" in status(app)
        assert marks(screen.query_one(ArticleView), "article--selected")


async def test_simplified_query_finds_the_traditional_name(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        results = await open_search(pilot, "腾讯")
        assert first_result(results) == "tencent"
        assert "騰訊" in str(results.highlighted_option.prompt)  # type: ignore[union-attr]


async def test_several_characters_at_once_as_an_input_method_sends_them(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        box = app.screen.query_one("#search-input", Input)
        box.insert_text_at_cursor("长鑫存储")  # one commit of a pinyin IME
        await pilot.pause()
        results = app.screen.query_one("#search-results", SearchResults)
        assert first_result(results) == "cxmt"
        await pilot.press("enter")
        await pilot.pause()
        assert main_screen(app).selection.item == "cxmt"


async def test_english_query_finds_iflytek(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        results = await open_search(pilot, "iflytek")
        assert first_result(results) == "iflytek"


async def test_arrows_move_and_escape_closes(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        results = await open_search(pilot, "shen")
        first = first_result(results)
        await pilot.press("down")
        second = first_result(results)
        assert second not in (None, first)
        await pilot.press("up")
        assert first_result(results) == first
        await pilot.press("escape")
        await pilot.pause()
        assert main_screen(app).selection.item is None


async def test_no_match_says_so(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        results = await open_search(pilot, "qqqqzz")
        assert results.option_count == 0
        assert "No match" in str(app.screen.query_one("#search-hint", Static).content)
        await pilot.press("enter")
        await pilot.pause()
        assert main_screen(app).selection.item is None


# --- find in the article -------------------------------------------------------------------


async def test_find_with_a_simplified_query_on_the_original(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        article = screen.query_one(ArticleView)
        screen.select("hefei")
        await pilot.pause()
        entity_highlights = marks(article, "article--selected")
        await pilot.press("ctrl+f")
        await pilot.pause()
        box = screen.query_one("#find", Input)
        assert app.focused is box and not box.has_class("hidden")
        await pilot.press(*"数据")
        await pilot.pause()
        total = len(screen.query_one(FindBox).hits)
        assert total > 1
        for index, start, end in screen.query_one(FindBox).hits:
            assert app.pack.article.paragraphs[index].text[start:end] == "數據"
        assert f"查找 1/{total}" in status(app)
        assert marked_text(article, "article--find", "article--find-current") == "數據" * total
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is article
        await pilot.press("n")
        await pilot.pause()
        assert f"查找 2/{total}" in status(app)
        index, start, _ = screen.query_one(FindBox).hits[1]
        row = next(i for i, r in enumerate(article.rows) if r.paragraph == index and r.start <= start < r.end)
        assert int(article.scroll_y) <= row < int(article.scroll_y) + article.scrollable_content_region.height
        await pilot.press("N", "N")
        assert f"查找 {total}/{total}" in status(app)  # wraps
        await pilot.press("escape")
        await pilot.pause()
        assert marked_text(article, "article--find", "article--find-current") == ""
        assert box.has_class("hidden")
        assert "查找" not in status(app)
        # The find ended; the entity selection and its highlights are back.
        assert screen.selection.item == "hefei"
        assert marks(article, "article--selected") == entity_highlights
        assert "1/" in status(app)


async def test_find_with_no_hits(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.press(*"qqqq")
        await pilot.pause()
        assert main_screen(app).query_one(FindBox).hits == []
        assert "查找 0/0" in status(app)
        await pilot.press("escape")
        await pilot.pause()
        assert status(app) == ""


# --- command palette -----------------------------------------------------------------------


async def test_palette_lists_entities_and_actions(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        prompts = await palette_prompts(pilot, "前往 合肥")
        assert any(p.startswith("前往 合肥") for p in prompts)
        for label in (
            "切換繁簡  [t]",
            "只看相關  [f]",
            "幫助  [?]",
            "複製卡片  [y]",
            "退出  [q]",
            "搜索實體  [/]",
        ):
            assert any(label in p for p in prompts), label
        await pilot.press(*"hefei")
        prompts = await palette_prompts(pilot, "前往 合肥 · Hefei · he fei\n")
        assert prompts[0].startswith("前往 合肥")
        await pilot.press("enter")
        await pilot.pause()
        assert main_screen(app).selection.item == "hefei"


async def test_palette_runs_an_action(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await palette_prompts(pilot, "前往")
        await pilot.press(*"Toggle script")
        prompts = await palette_prompts(pilot, "Toggle script 切換繁簡  [t]")
        assert prompts[0].startswith("Toggle script")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.variant == "simplified"


def hint(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#search-hint", Static).content)


async def test_no_match_goes_away_when_results_come_back(app: MuduApp) -> None:
    """xyz, three backspaces, 合肥: the list shows 合肥 and the hint no longer says No match."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        results = await open_search(pilot, "xyz")
        assert "No match" in hint(pilot)
        await pilot.press("backspace", "backspace", "backspace")
        pilot.app.screen.query_one(Input).insert_text_at_cursor("合肥")
        await pilot.pause()
        assert first_result(results) == "hefei"
        assert "No match" not in hint(pilot)
        assert "enter" in hint(pilot)


async def test_text_hits_follow_the_entities_and_start_find(app: MuduApp) -> None:
    """A word no entity is named for is found in the text; enter scrolls there and n steps on."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        results = await open_search(pilot, "密度")
        ids = [results.get_option_at_index(i).id for i in range(results.option_count)]
        texts = [i for i in ids if i and i.startswith("text:")]
        assert texts and "No match" not in hint(pilot)
        heading = next(i for i in range(results.option_count) if results.get_option_at_index(i).disabled)
        assert "In the text" in str(results.get_option_at_index(heading).prompt)
        assert all(i is None or i.startswith("text:") for i in ids[heading:])
        results.highlighted = ids.index(texts[-1])
        await pilot.press("enter")
        await pilot.pause()
        screen = main_screen(app)
        box = screen.query_one(FindBox)
        assert box.is_open and box.value == "密度"
        assert box.current == len(texts) - 1
        assert screen.focused is screen.query_one(ArticleView)
        assert f"{len(texts)}/{len(box.hits)}" in status(app)
        await pilot.press("n")
        await pilot.pause()
        assert box.current == len(texts) % len(box.hits)


async def test_find_says_when_it_wraps(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f", *"合肥", "enter")
        await pilot.pause()
        box = main_screen(app).query_one(FindBox)
        for _ in range(len(box.hits)):
            await pilot.press("n")
        await pilot.pause()
        assert box.current == 0
        assert any("到底了" in str(n.message) for n in app._notifications)


async def test_arrows_step_over_the_text_heading_and_a_click_chooses(app: MuduApp) -> None:
    """Down from the last entity lands on the first text hit, not on the heading between; a
    click on a row chooses it as enter does."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        results = await open_search(pilot, "合肥")
        heading = next(i for i in range(results.option_count) if results.get_option_at_index(i).disabled)
        results.highlighted = heading - 1
        await pilot.press("down")
        assert results.highlighted == heading + 1
        assert first_result(results) == "text:0"
        await pilot.press("up")
        assert results.highlighted == heading - 1
        # A click on the second text hit (rows start at the list's top; it does not scroll here).
        await pilot.click(results, offset=(4, heading + 2))
        await pilot.pause()
        box = main_screen(app).query_one(FindBox)
        assert box.is_open and box.value == "合肥" and box.current == 1


async def test_rank_reads_in_chinese_and_english_in_the_shown_script(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        results = await open_search(pilot, "hf")
        assert "首字母 initials" in str(results.highlighted_option.prompt)  # type: ignore[union-attr]
        await pilot.press("escape", "t")
        await pilot.pause()
        results = await open_search(pilot, "hef")
        assert "开头 prefix" in str(results.highlighted_option.prompt)  # type: ignore[union-attr]


async def test_a_search_opened_while_the_index_is_built_says_so_and_follows_it(
    app: MuduApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large index is built in the background: meanwhile the hint counts what is built and
    the results are those of the built part; as the build goes on they follow it."""
    from mudu_tui import app as app_module
    from mudu_tui.model.search import SearchIndex
    from mudu_tui.screens import search

    monkeypatch.setattr(app_module, "WARM_UP_DELAY", 60.0)  # no warm-up build in this test
    monkeypatch.setattr(search, "BUILD_AT_ONCE", 0)
    started: list[bool] = []
    monkeypatch.setattr(MuduApp, "build_search_index", lambda self: started.append(True))
    index = SearchIndex(app.pack.entities.values(), chunk=16)
    app._search = index
    hefei = list(app.pack.entities).index("hefei")
    index.build(16 * (hefei // 16))  # every chunk before Hefei's
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        results = await open_search(pilot, "hefei")
        assert started == [True]
        assert f"Indexing {index.built}/{index.total}" in hint(pilot)
        assert "hefei" not in [results.get_option_at_index(i).id for i in range(results.option_count)]
        index.build()
        await pilot.pause(search.PROGRESS_EVERY + 0.2)
        assert first_result(results) == "hefei"
        assert "Indexing" not in hint(pilot) and "enter" in hint(pilot)


async def test_a_book_is_folded_for_the_text_hits_in_the_background(
    app: MuduApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long article not yet folded for find is folded by a worker, not on a keystroke:
    meanwhile the entities are listed and the text says it is being searched."""
    import threading

    from mudu_tui import app as app_module
    from mudu_tui.screens import search

    monkeypatch.setattr(app_module, "WARM_UP_DELAY", 60.0)  # no warm-up fold in this test
    monkeypatch.setattr(search, "FOLD_AT_ONCE", 0)  # the bundled article counts as a book
    go = threading.Event()
    fold = app.text.prepare_find

    def slow_fold(variant: str) -> None:
        go.wait()
        fold(variant)  # type: ignore[arg-type]

    monkeypatch.setattr(app.text, "prepare_find", slow_fold)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        results = await open_search(pilot, "合肥")
        assert first_result(results) == "hefei"
        heading = next(i for i in range(results.option_count) if results.get_option_at_index(i).disabled)
        assert "searching" in str(results.get_option_at_index(heading).prompt)
        assert heading == results.option_count - 1  # no text hit yet
        assert "Searching the text" in hint(pilot)
        go.set()
        await pilot.pause(search.PROGRESS_EVERY + 0.3)
        total = len(app.text.find(app.variant, "合肥"))
        assert f"In the text ({total})" in str(results.get_option_at_index(heading).prompt)
        assert first_result(results) == "hefei" and results.option_count > heading + 1
        assert "Searching" not in hint(pilot)
