"""Pilot tests of the reader's linking: sections and scrolling, entity selection, mentions,
relations and history, the timeline, filter, marks, the copy card, help, the 80×24 layout, and
that text from a pack is never markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.content import Content
from textual.pilot import Pilot
from textual.style import Style
from textual.widgets import Input, OptionList, Static
from ui_helpers import SIZE, details_head, main_screen, marked_text, marks, option_ids, status

from mudu_tui.app import MuduApp, create_app
from mudu_tui.model.kinds import NAMED_KINDS, PANES
from mudu_tui.screens.help import HelpScreen
from mudu_tui.screens.main import MainScreen
from mudu_tui.widgets.article_view import ArticleView
from mudu_tui.widgets.details import Details
from mudu_tui.widgets.entity_list import EntityList
from mudu_tui.widgets.figures import FiguresPane
from mudu_tui.widgets.item_list import ItemList
from mudu_tui.widgets.key_bar import KeyBar
from mudu_tui.widgets.map import MapPane
from mudu_tui.widgets.pane_tabs import PaneTabs, tab_layout
from mudu_tui.widgets.search_results import SearchResults
from mudu_tui.widgets.sections import SectionList
from mudu_tui.widgets.timeline import Timeline


def row_of(article: ArticleView, paragraph: int, offset: int) -> int:
    """The laid-out row holding character ``offset`` (variant offsets) of ``paragraph``."""
    for index, row in enumerate(article.rows):
        if row.paragraph == paragraph and row.start <= offset < max(row.end, row.start + 1):
            return index
    raise AssertionError(f"no row for paragraph {paragraph} offset {offset}")


def in_view(article: ArticleView, row: int) -> bool:
    top = int(article.scroll_y)
    return top <= row < top + article.scrollable_content_region.height


def click_offset(article: ArticleView, row: int, column: int) -> tuple[int, int]:
    """Where, relative to the article widget, character ``column`` of laid-out ``row`` is drawn."""
    from mudu_tui.model.layout import text_width

    line = article.line_text(row)
    left = article.content_region.x - article.region.x
    top = article.content_region.y - article.region.y
    return left + text_width(line[:column]), top + row - int(article.scroll_y)


async def select_by_keys(pilot: Pilot[None], pane_key: str, entity: str) -> None:
    """Focus a pane with its number key, move the cursor to ``entity`` with j, press enter."""
    app = pilot.app
    await pilot.press(pane_key)
    await pilot.pause()
    pane = app.focused
    assert isinstance(pane, OptionList | ItemList)
    target = pane.get_option_index(entity)
    for _ in range(target - (pane.highlighted or 0)):
        await pilot.press("j")
    await pilot.press("enter")
    await pilot.pause()
    assert main_screen(app).selection.item == entity  # type: ignore[arg-type]


# --- sections and scrolling ------------------------------------------------------------------


async def test_choosing_a_section_scrolls_the_article(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article = main_screen(app).query_one(ArticleView)
        assert article.scroll_y == 0
        await pilot.press("1")
        assert isinstance(app.focused, SectionList)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert article.scroll_y > 0
        assert article.section_at_top() == 2
        assert app.focused is article  # reading goes on in the article
        assert main_screen(app).query_one(SectionList).highlighted == 2


async def test_scrolling_the_article_moves_the_sections_cursor(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        article = screen.query_one(ArticleView)
        sections = screen.query_one(SectionList)
        assert sections.highlighted == 0
        for target in (3, 2, 1):
            first = app.pack.article.sections[target].paragraphs[0]
            article.scroll_to_paragraph(app.pack.article.position(first))
            await pilot.pause()
            assert article.section_at_top() == target
            assert sections.highlighted == target
        # Keys scroll too: the end of the article is in the last section.
        article.focus()
        await pilot.press("G")
        await pilot.pause()
        assert article.section_at_top() >= 3
        assert sections.highlighted == article.section_at_top()
        await pilot.press("g")
        await pilot.pause()
        assert sections.highlighted == 0


# --- selecting an entity ---------------------------------------------------------------------


async def test_2_then_enter_selects_the_first_city(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        first = app.pack.index.of_kind("regions")[0]
        total = len(app.pack.mentions_of(first.id))
        assert total >= 2
        await pilot.press("2", "enter")
        await pilot.pause()
        assert screen.selection.item == first.id
        details = screen.query_one(Details)
        assert details.counter() == f"1/{total}"
        head = details_head(app)
        assert first.name in head and first.en in head and f"[1/{total}]" in head
        assert f"1/{total}" in status(app) and first.name in status(app)
        # Every mention highlighted, the first one current and in view.
        article = screen.query_one(ArticleView)
        mentions = app.pack.mentions_of(first.id)
        drawn = marked_text(article, "article--selected", "article--current")
        assert drawn == "".join(m.surface for m in mentions)
        current = marks(article, "article--current")
        assert current and in_view(article, current[0].row)
        # The current mention's own characters (the first mention of 中國 is its alias 我國).
        assert "".join(m.text for m in current) == mentions[0].surface
        # The kwic list holds one entry per mention.
        details = screen.query_one(Details)
        assert sum(i.startswith("mention:") for i in option_ids(details)) == total


async def test_2_and_enter_in_one_burst(app: MuduApp) -> None:
    """Keys that arrive together (a fast typist, a paste, tmux send-keys) act like typed ones:
    the enter goes to the pane the 2 focused, and selects its first entry."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.post_message(events.Key("2", "2"))
        app.post_message(events.Key("enter", "\r"))
        await pilot.pause()
        await pilot.pause()
        assert main_screen(app).selection.item == app.pack.index.of_kind("regions")[0].id


async def test_n_and_N_step_through_mentions_and_wrap(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        await select_by_keys(pilot, "2", "hefei")
        total = len(app.pack.mentions_of("hefei"))
        details = screen.query_one(Details)
        article = screen.query_one(ArticleView)
        seen = [marks(article, "article--current")[0][:2]]
        for n in range(2, total + 1):
            await pilot.press("n")
            await pilot.pause()
            assert details.counter() == f"{n}/{total}"
            assert f"{n}/{total}" in status(app)
            current = marks(article, "article--current")
            assert current and in_view(article, current[0].row)
            seen.append(current[0][:2])
        assert len(set(seen)) == total
        await pilot.press("n")  # wraps to the first
        assert details.counter() == f"1/{total}"
        await pilot.press("N")  # and back to the last
        assert details.counter() == f"{total}/{total}"
        await pilot.press("N")
        assert details.counter() == f"{total - 1}/{total}"


async def test_relation_jump_and_back(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        await select_by_keys(pilot, "2", "hefei")
        details = screen.query_one(Details)
        details.focus()
        await pilot.pause()
        # Focus lands on the first enabled entry (the heading above it is disabled).
        assert details.highlighted_option is not None and not details.highlighted_option.disabled
        while not (details.highlighted_option.id or "").startswith("go:iflytek"):
            before = details.highlighted
            await pilot.press("down")
            assert details.highlighted != before, "no relation to 科大訊飛 in 合肥's details"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.selection.item == "iflytek"
        assert screen.query_one(Details).item == "iflytek"
        await pilot.press("backspace")
        await pilot.pause()
        assert screen.selection.item == "hefei"
        # Again, and back with alt+left.
        details.focus()
        await pilot.pause()
        await pilot.press("enter")  # the first relation
        await pilot.pause()
        jumped = screen.selection.item
        assert jumped not in (None, "hefei")
        await pilot.press("alt+left")
        await pilot.pause()
        assert screen.selection.item == "hefei"
        # History is a stack: two selections, two steps back.
        screen.select("tencent")
        screen.select("baidu")
        await pilot.pause()
        await pilot.press("backspace")
        assert screen.selection.item == "tencent"
        await pilot.press("backspace")
        assert screen.selection.item == "hefei"


async def test_choosing_a_mention_in_context_scrolls_there(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        await select_by_keys(pilot, "2", "hefei")
        details = screen.query_one(Details)
        details.focus()
        details.highlighted = details.get_option_index("mention:2")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one(Details).counter() == f"3/{len(app.pack.mentions_of('hefei'))}"


async def test_clicking_a_mention_selects_its_entity(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        article = screen.query_one(ArticleView)
        row = next(i for i in range(len(article.rows)) if "科大訊飛" in article.line_text(i))
        column = article.line_text(row).index("科大訊飛")
        # The character just before the name is plain text: nothing is selected.
        await pilot.click(ArticleView, offset=click_offset(article, row, column - 1))
        await pilot.pause()
        assert screen.selection.item is None
        await pilot.click(ArticleView, offset=click_offset(article, row, column + 3))
        await pilot.pause()
        assert screen.selection.item == "iflytek"
        # After scrolling, a click still lands on the line under the pointer.
        article.scroll_to(y=row - 2, animate=False)
        await pilot.pause()
        await pilot.click(ArticleView, offset=click_offset(article, row, column))
        await pilot.pause()
        assert screen.selection.item == "iflytek"
        # Any other mention in view: a click on its last character selects its entity.
        for m in app.pack.mentions:
            paragraph = app.pack.article.position(m.paragraph)
            other = row_of(article, paragraph, m.end - 1)
            if m.entity != "iflytek" and other > row and in_view(article, other):
                break
        else:
            raise AssertionError("no other mention in view")
        column = m.end - 1 - article.rows[other].start
        await pilot.click(ArticleView, offset=click_offset(article, other, column))
        await pilot.pause()
        assert screen.selection.item == m.entity


async def test_timeline_event_scrolls_to_its_quote(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        article = screen.query_one(ArticleView)
        await pilot.press("7")
        timeline = app.focused
        assert isinstance(timeline, Timeline)
        await pilot.press("G", "enter")  # the last event: far down the article
        await pilot.pause()
        event = app.pack.index.events[-1]
        assert screen.selection.item == event.id
        quote = marks(article, "article--quote")
        assert "".join(m.text for m in quote) == event.quote
        assert article.scroll_y > 0
        assert all(in_view(article, m.row) for m in quote)
        head = details_head(app)
        assert event.label in head


async def test_events_are_in_date_order_with_inferred_marked(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        timeline = main_screen(app).query_one(Timeline)
        events = {e.id: e for e in app.pack.index.events}
        dates = [events[i].date for i in option_ids(timeline)]
        assert dates == sorted(dates)
        for index in range(timeline.option_count):
            option = timeline.get_option_at_index(index)
            prompt = str(option.prompt)
            assert events[option.id or ""].label in prompt
            assert ("（推定）" in prompt) == events[option.id or ""].inferred


async def test_filter_on_and_off(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        companies = screen.query_one("#companies", EntityList)
        everything = option_ids(companies)
        await select_by_keys(pilot, "2", "hefei")
        await pilot.press("f")
        await pilot.pause()
        shown = option_ids(companies)
        assert "iflytek" in shown and "cxmt" in shown
        # 騰訊 neither relates to 合肥 nor shares a paragraph with it. (百度 does share one:
        # "北京有百度…合肥有科大訊飛", and co-occurrence counts as related.)
        assert "tencent" not in shown
        allowed = app.pack.related("hefei") | app.pack.cooccurring("hefei")
        assert set(shown) <= allowed
        assert len(shown) < len(everything)
        # ● a direct relation, ○ only the same paragraph; relations listed first.
        assert companies.mark("iflytek") == "● " and companies.mark("baidu") == "○ "
        marks = [companies.mark(i) for i in shown]
        assert marks == sorted(marks, key=lambda m: m != "● ")
        assert "○ " in marks
        timeline = screen.query_one(Timeline)
        assert set(option_ids(timeline)) <= allowed
        assert option_ids(timeline)
        await pilot.press("f")
        await pilot.pause()
        assert option_ids(companies) == everything
        assert len(option_ids(timeline)) == len(app.pack.index.events)


async def test_filter_without_selection_does_nothing(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        await pilot.press("f")
        await pilot.pause()
        assert not screen.selection.filtered
        assert screen.query_one("#companies", EntityList).option_count == len(
            app.pack.index.of_kind("companies")
        )


async def test_related_entities_are_marked(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        await select_by_keys(pilot, "2", "hefei")
        companies = screen.query_one("#companies", EntityList)
        assert {"iflytek", "cxmt"} <= companies.related
        assert "baidu" not in companies.related
        prompt = str(companies.get_option("iflytek").prompt)
        assert prompt.startswith("● ")
        assert str(companies.get_option("baidu").prompt).startswith("  ")
        timeline = screen.query_one(Timeline)
        involving = {e.id for e in app.pack.index.events if "hefei" in e.involves or "iflytek" in e.involves}
        assert involving and involving <= timeline.related
        # The selection itself is marked ▶ in its own pane.
        assert str(screen.query_one("#regions", EntityList).get_option("hefei").prompt).startswith("▶ ")


async def test_y_copies_a_card(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await select_by_keys(pilot, "2", "hefei")
        await pilot.press("y")
        await pilot.pause()
        card = app.clipboard
        assert "合肥" in card and "Hefei" in card
        assert app.pack.entities["hefei"].summary in card
        for m in app.pack.mentions_of("hefei"):
            assert app.pack.article.sentence_at(m.paragraph, m.start, m.end) in card


async def test_escape_clears_the_selection(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        await select_by_keys(pilot, "2", "hefei")
        await pilot.press("f", "escape")
        await pilot.pause()
        assert screen.selection.item is None
        assert not screen.selection.filtered
        article = screen.query_one(ArticleView)
        assert marks(article, "article--selected") == [] and marks(article, "article--current") == []
        assert screen.query_one(Details).counter() == ""
        assert status(app) == ""
        assert screen.query_one("#companies", EntityList).related == set()
        # Clearing is remembered: back brings the selection again.
        await pilot.press("backspace")
        assert screen.selection.item == "hefei"


async def test_help_lists_every_binding(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text", Static).content)
        flat = "".join(text.split())  # descriptions are wrapped to the box's width
        for binding in [*MainScreen.BINDINGS, *MuduApp.BINDINGS, *MapPane.BINDINGS]:
            # Both languages: the Chinese description and the English one (the tooltip, or
            # what the script keys do for the open pack: Traditional here).
            assert binding.description and binding.tooltip, binding  # type: ignore[union-attr]
            english = app.binding_tooltip(binding) or binding.tooltip  # type: ignore[arg-type,union-attr]
            for shown in (binding.description, english):  # type: ignore[union-attr]
                assert "".join(shown.split()) in flat, binding
        for key in ("/", "?", "ctrl+f", "⌫, alt+left", "esc", "n", "N", "f", "y", "t", "v", "enter"):
            assert f"  {key} " in text, key
        assert "地圖 Map" in text  # the map's keys have their own group
        for mark in ("▶", "●", "⚠", "ℹ", "（推定）"):
            assert mark in text  # the legend
        # The legend's kind colours are the article's own (the registry's, as mudu.tcss has them).
        content = app.screen.query_one("#help-text", Static).content
        assert isinstance(content, Content)
        article = app.screen_stack[0].query_one(ArticleView)
        legend = content.plain.index("圖例")
        for kind, entry in NAMED_KINDS.items():
            start = content.plain.index(f"  {entry.chinese} ", legend) + 2
            styles = [span.style for span in content.spans if span.start == start]
            colours = [(Style.parse(s) if isinstance(s, str) else s).foreground for s in styles]
            wanted = Style.from_rich_style(article.get_component_rich_style(f"article--{kind}", partial=True))
            assert wanted.foreground is not None and wanted.foreground in colours, kind
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_quit_key(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


# --- 80×24 -----------------------------------------------------------------------------------


async def test_every_pane_is_reachable_at_80x24(app: MuduApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        assert screen.has_class("narrow")
        article = screen.query_one(ArticleView)
        assert article.region.width >= 30 and article.region.height >= 10
        panes = ["regions", "companies", "organizations", "people", "policies", "timeline", "figures"]
        for key, pane in enumerate(panes, start=2):
            await pilot.press(str(key))
            await pilot.pause()
            widget = screen.query_one(f"#{pane}")
            assert app.focused is widget
            assert screen.query_one(PaneTabs).active == pane
            assert [p.id for p in screen.query(".pane") if p.display] == [pane]
            assert widget.region.width >= 20 and widget.region.height >= 3, pane
        # The sections pane folds away and comes back over the article with 1.
        sections = screen.query_one(SectionList)
        assert sections.region.width == 0
        await pilot.press("1")
        await pilot.pause()
        assert app.focused is sections and sections.region.width > 0
        await pilot.press("down", "enter")
        await pilot.pause()
        assert article.section_at_top() == 1
        assert sections.region.width == 0  # folded again once chosen
        await pilot.press("0")
        assert app.focused is article


async def test_resize_relayouts_and_keeps_the_place(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        article = screen.query_one(ArticleView)
        article.scroll_to_paragraph(30)
        await pilot.pause()
        wide_rows = len(article.rows)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert screen.has_class("narrow")
        assert len(article.rows) != wide_rows
        assert article.top_paragraph() == 30


# --- text is data ----------------------------------------------------------------------------

MARKUP_TEXT = "一段文字[red]x[/red]，還有[@click=app.quit]點我[/]，以及\x1b[31m紅色。[b]甲[/b]城是一個城市。"


@pytest.fixture
def markup_pack(tmp_path: Path) -> Path:
    folder = tmp_path / "markup-pack"
    folder.mkdir()
    (folder / "index.yaml").write_text(
        "\n".join(
            [
                "schema: 1",
                'title: "小包[red]x[/red]"',
                "article: article.md",
                'source: "test [@click=app.quit]"',
                "language: zh-Hant",
                "regions:",
                "  - id: bcity",
                '    name: "[b]甲[/b]城"',
                '    en: "[i]B[/i] City"',
                "    kind: city",
                "    lat: 1.0",
                "    lon: 2.0",
                '    summary: "摘要[red]x[/red][@click=app.quit]q[/]"',
                "events:",
                "  - id: ev_one",
                '    date: "2023"',
                "    precision: year",
                '    summary: "事件[bold]y[/bold]"',
                '    quote: "第二段[link=x]"',
                "    involves: [bcity]",
                "figures:",
                "  - id: fig_one",
                '    metric: "數字[red]m[/red]"',
                "    value: 42",
                "    unit: 個",
                '    quote: "共42個"',
                '    chart: "c[b]x[/b]"',
                '    label: "[b]L[/b]"',
                "",
            ]
        ),
        "utf-8",
    )
    (folder / "article.md").write_text(
        f"# 小包[red]x[/red]\n\n{MARKUP_TEXT}\n\n第二段[link=x]。共42個。\n", "utf-8"
    )
    return folder


async def test_pack_text_is_never_markup(markup_pack: Path) -> None:
    app = create_app(markup_pack)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        article = screen.query_one(ArticleView)
        text = "".join(article.line_text(i) for i in range(len(article.rows)))
        assert "[red]x[/red]" in text and "[@click=app.quit]" in text and "[b]甲[/b]城" in text
        # On screen the escape character is shown as a visible mark, never sent to the terminal.
        rendered = "".join(article.render_line(y).text for y in range(len(article.rows)))
        assert "\x1b" not in rendered and "␛[31m" in rendered
        assert "小包[red]x[/red]" in rendered and "[red]x[/red]" in rendered
        assert "[red]x[/red]" in str(screen.query_one("#title-bar", Static).content)
        cities = screen.query_one("#regions", EntityList)
        assert "[b]甲[/b]城" in str(cities.get_option("bcity").prompt)
        assert "[i]B[/i] City" in str(cities.get_option("bcity").prompt)
        # Click on the [@click=app.quit] text: it is text, so nothing runs.
        row = next(i for i in range(len(article.rows)) if "@click" in article.line_text(i))
        column = article.line_text(row).index("@click")
        await pilot.click(ArticleView, offset=click_offset(article, row, column))
        await pilot.pause()
        assert app.is_running and app.return_code is None
        # Select the entity by clicking its mention; details and status show the names as text.
        row = next(i for i in range(len(article.rows)) if "甲" in article.line_text(i))
        await pilot.click(ArticleView, offset=click_offset(article, row, article.line_text(row).index("甲")))
        await pilot.pause()
        assert screen.selection.item == "bcity"
        head = details_head(app)
        assert "[b]甲[/b]城" in head and "摘要[red]x[/red][@click=app.quit]q[/]" in head
        assert "[b]甲[/b]城" in status(app)
        await pilot.press("y")
        assert "[b]甲[/b]城" in app.clipboard
        # The timeline, search and the command palette show it as text too.
        timeline = screen.query_one(Timeline)
        assert "事件[bold]y[/bold]" in str(timeline.get_option("ev_one").prompt)
        figures = screen.query_one(FiguresPane)
        assert "[b]L[/b]" in str(figures.get_option("fig_one").prompt)
        assert any(
            "數字[red]m[/red]" in str(figures.get_option_at_index(i).prompt)
            for i in range(figures.option_count)
        )
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press("甲")
        await pilot.pause()
        results = app.screen.query_one("#search-results", SearchResults)
        assert results.highlighted_option is not None
        assert "[b]甲[/b]城" in str(results.highlighted_option.prompt)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press("甲")
        await pilot.pause(0.3)
        palette = app.screen.query_one(OptionList)
        prompts = [str(palette.get_option_at_index(i).prompt) for i in range(palette.option_count)]
        assert any("[b]甲[/b]城" in p for p in prompts), prompts
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert not app.screen.query("#find")  # mounted on the first ctrl+f, not before
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.id == "find"


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (100, 30)])
async def test_every_article_line_fits_the_view(size: tuple[int, int]) -> None:
    """Hanging punctuation included, no line is wider than the view (none is cut off)."""
    from mudu_tui.model.layout import text_width

    app = create_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        article = main_screen(app).query_one(ArticleView)
        width = article.scrollable_content_region.width
        assert all(text_width(article.line_text(i)) <= width for i in range(len(article.rows)))
        assert any("暫行辦法》" in article.line_text(i) for i in range(len(article.rows)))


async def test_clicking_a_later_mention_makes_it_current_without_jumping(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        article = screen.query_one(ArticleView)
        mentions = app.pack.mentions_of("huawei")
        second = mentions[1]
        index = app.pack.article.position(second.paragraph)
        article.scroll_to_span(index, second.start)
        await pilot.pause()
        row = row_of(article, index, second.start)
        before = article.scroll_y
        await pilot.click(
            ArticleView, offset=click_offset(article, row, second.start - article.rows[row].start)
        )
        await pilot.pause()
        assert screen.selection.item == "huawei"
        assert screen.query_one(Details).counter() == f"2/{len(mentions)}"
        assert article.scroll_y == before


async def test_mentions_in_context_mark_the_mention_itself(app: MuduApp) -> None:
    """安徽 in 「…安徽省數據資源管理局…安徽…」: each context line underlines its own mention."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        screen.select("anhui")
        await pilot.pause()
        details = screen.query_one(Details)
        for n, m in enumerate(app.pack.mentions_of("anhui")):
            prompt = details.get_option(f"mention:{n}").prompt
            marked = [s for s in prompt.spans if "underline" in str(s.style)]
            assert len(marked) == 1
            plain = prompt.plain  # set to the pane's width: line breaks may stand in it
            start, end = marked[0].start, marked[0].end
            assert plain[start:end].replace("\n", "") == m.surface
            prefix = len(f"{n + 1:>2} ")
            lo, _ = app.pack.article.sentence_span(m.paragraph, m.start, m.end)
            assert start - plain[:start].count("\n") - prefix == m.start - lo


async def test_choosing_a_last_section_keeps_it_chosen(app: MuduApp) -> None:
    """參考資料 cannot scroll to the top; the sections pane still shows it, not the section above."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        sections = main_screen(app).query_one(SectionList)
        last = len(app.pack.article.sections) - 2  # 參考資料 (關鍵詞 is after it)
        await pilot.press("1", "G", "up", "enter")
        await pilot.pause()
        assert sections.highlighted == last
        assert main_screen(app).query_one(ArticleView).section_at_top() == last


async def test_pane_names_at_80x24_and_120x40(app: MuduApp) -> None:
    """At 80×24 the eight names are cut to their first characters, padded; at 120×40 they stand
    whole, one space apart."""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tabs = main_screen(app).query_one(PaneTabs)
        spans = tabs.spans()
        assert [span.label for span in spans] == [pane.chinese[:1] for pane in PANES]
        assert spans[-1].end <= tabs.size.width
        assert " 城  企  機  人  政  時  數  地 " in "\n".join(map(str, tabs.content_lines()))
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.pause()
        assert "城市 企業 機構 人物 政策 時間線 數據 地圖" in "\n".join(map(str, tabs.content_lines()))


def test_pane_names_shrink_to_their_first_character_when_nothing_else_fits() -> None:
    labels = [pane.chinese for pane in PANES]
    names = sum(2 * len(label) for label in labels)  # every name is Han characters, two cells each
    # Padded; bare, one apart, a cell from the left edge; first characters padded; then bare.
    widths = (names + 2 * len(labels), names + len(labels), 4 * len(labels), 3 * len(labels))
    roomy, tight, short, shortest = (tab_layout(labels, width) for width in widths)
    assert [s.label for s in roomy] == labels and roomy[0] == (0, 6, "城市")  # " 城市 ": six cells
    assert [s.label for s in tight] == labels and tight[-1].end == widths[1]
    assert [s.label for s in short] == [label[:1] for label in labels] and short[-1].end == widths[2]
    assert shortest[-1].end == widths[3]
    # Too narrow for anything: the last form, cropped by the terminal, rather than nothing.
    assert [s.label for s in tab_layout(labels, 5)] == [s.label for s in shortest]
    for spans in (roomy, tight, short, shortest):
        assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


async def test_clicking_a_pane_name_shows_and_focuses_that_pane(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        tabs = screen.query_one(PaneTabs)
        span = tabs.spans()[[pane.id for pane in PANES].index("timeline")]
        await pilot.click(PaneTabs, offset=(span.start + 1, 0))
        await pilot.pause()
        assert tabs.active == "timeline"
        assert app.focused is screen.query_one("#timeline")
        assert [p.id for p in screen.query(".pane") if p.display] == ["timeline"]


async def test_key_bar_shows_the_shown_bindings_and_runs_a_clicked_key(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = main_screen(app).query_one(KeyBar)
        shown, palette = bar.keys()
        assert [key.display for key in shown] == ["/", "^f", "n", "f", "t", "?", "q"]
        assert palette is not None and palette.display == "^p"
        line = str(bar.content_lines()[0])
        # Chinese on the bar (English in the tooltips).
        assert line.startswith(" / 搜索  ^f 查找 ") and line.rstrip().endswith("▏ ^p 命令")
        help_key = next(key for key in bar.placed if key.display == "?")
        await pilot.click(KeyBar, offset=(help_key.start + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_panes_mounted_after_the_first_frame_show_the_selection(app: MuduApp) -> None:
    """Only the first pane is composed; the others arrive hidden, already marking the selection."""
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        composed = [pane.id for pane in screen.query(".pane")]
        screen.select("iflytek")  # before the other panes exist, if they do not yet
        await pilot.pause()
        await pilot.pause()
        assert composed[0] == "regions"
        # The map is made the first time it is shown (test_map_ui.py).
        assert [pane.id for pane in screen.query(".pane")] == [pane.id for pane in PANES if not pane.lazy]
        companies = screen.query_one("#companies", EntityList)
        assert companies.display and companies.highlighted_id == "iflytek"
        assert companies.mark("iflytek") == "▶ "
        events = screen.query_one(Timeline)
        assert not events.display and events.related  # marked, though hidden


async def test_a_pane_key_before_the_panes_mount_still_shows_the_pane(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        screen.action_pane("figures")  # mounts what is missing at once
        await pilot.pause()
        assert screen.query_one(PaneTabs).active == "figures"
        assert [p.id for p in screen.query(".pane") if p.display] == ["figures"]
        assert app.focused is screen.query_one(FiguresPane)


async def test_pointing_at_a_pane_name_or_a_key_says_what_it_does(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tabs = main_screen(app).query_one(PaneTabs)
        await pilot.hover(PaneTabs, offset=(tabs.spans()[1].start + 1, 0))
        await pilot.pause()
        assert tabs.hover == 1 and tabs.tooltip == "企業 Companies (key 3)"
        bar = main_screen(app).query_one(KeyBar)
        find = next(key for key in bar.placed if key.display == "^f")
        await pilot.hover(KeyBar, offset=(find.start + 1, 0))
        await pilot.pause()
        assert tabs.hover is None and tabs.tooltip is None
        assert bar.tooltip == "Find text in the article, across scripts; n/N move, escape ends"
