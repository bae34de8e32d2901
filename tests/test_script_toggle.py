"""Pilot tests of the script variants: `t` and `v`, what converts, and what a toggle keeps."""

from __future__ import annotations

from textual.widgets import Static
from ui_helpers import SIZE, article_text, details_head, main_screen, marked_text, marks, option_ids

from mudu_tui.app import MuduApp, create_app
from mudu_tui.model.script import VARIANTS, convert
from mudu_tui.widgets.article_view import ArticleView
from mudu_tui.widgets.details import Details
from mudu_tui.widgets.entity_list import EntityList
from mudu_tui.widgets.find_box import FindBox
from mudu_tui.widgets.pane_tabs import PaneTabs
from mudu_tui.widgets.sections import SectionList


def tab_label(app: MuduApp, pane: str) -> str:
    tabs = main_screen(app).query_one(PaneTabs)
    # What the strip shows, not only what it holds.
    assert tabs.labels[pane] in "\n".join(map(str, tabs.content_lines()))
    return tabs.labels[pane]


def title_bar(app: MuduApp) -> str:
    return str(main_screen(app).query_one("#title-bar", Static).content)


def line_in_paragraph(article: ArticleView) -> int:
    """Which line of its paragraph the article's top line is (0: the paragraph's first)."""
    top = int(article.scroll_y)
    paragraph = article.rows[top].paragraph
    return top - next(i for i, row in enumerate(article.rows) if row.paragraph == paragraph)


async def test_t_toggles_simplified_and_back(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        original = article_text(app)
        assert "數據" in original and "数据" not in original
        assert tab_label(app, "companies") == "企業"
        await pilot.press("t")
        await pilot.pause()
        assert app.variant == "simplified"
        simplified = article_text(app)
        assert "数据" in simplified and "數據" not in simplified
        assert tab_label(app, "companies") == "企业"
        assert tab_label(app, "timeline") == "时间线"
        assert "简体" in title_bar(app)
        assert "争做「模都」，中国城市有多拼？" in title_bar(app)
        sections = main_screen(app).query_one(SectionList)
        assert "挑战与机遇并存" in str(sections.get_option_at_index(3).prompt)
        await pilot.press("t")
        await pilot.pause()
        assert app.variant == "original"
        assert article_text(app) == original  # the stored text, not a conversion back
        assert tab_label(app, "companies") == "企業"
        assert "原文" in title_bar(app)


async def test_v_cycles_the_five_variants(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seen = [(app.variant, title_bar(app))]
        for _ in range(5):
            await pilot.press("v")
            await pilot.pause()
            seen.append((app.variant, title_bar(app)))
        assert [v for v, _ in seen] == [*VARIANTS, "original"]
        labels = ["原文", "简体", "繁體", "臺灣正體", "香港繁體", "原文"]
        for (_, title), label in zip(seen, labels, strict=True):
            assert f"[{label}]" in title
        assert app.sub_title == "原文"


async def test_everything_chinese_converts(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        screen.select("iflytek")
        await pilot.press("t")
        await pilot.pause()
        companies = screen.query_one("#companies", EntityList)
        assert "科大讯飞" in str(companies.get_option("iflytek").prompt)
        head = details_head(app)
        assert "科大讯飞" in head and "总部位于合肥" in head
        assert "科大讯飞" in str(screen.query_one("#status", Static).content)
        assert screen.query_one(Details).border_title == "详情 Details"
        await pilot.press("y")
        assert app.clipboard.startswith("科大讯飞")
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = str(app.screen.query_one("#help-text", Static).content)
        assert "阅读 Reader" in help_text and "閱讀" not in help_text


async def test_place_is_kept_across_toggles(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article = main_screen(app).query_one(ArticleView)
        article.scroll_to_paragraph(20)
        await pilot.pause()
        assert article.top_paragraph() == 20
        for key in ("t", "t", "v", "v", "v", "v"):
            await pilot.press(key)
            await pilot.pause()
            assert article.top_paragraph() == 20, (key, app.variant)


async def test_place_inside_a_paragraph_is_kept(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article = main_screen(app).query_one(ArticleView)
        article.scroll_to_paragraph(20)
        await pilot.pause()
        article.scroll_to(y=article.scroll_y + 1, animate=False)
        await pilot.pause()
        offset = line_in_paragraph(article)
        assert offset == 1
        await pilot.press("t")
        await pilot.pause()
        assert article.top_paragraph() == 20
        # The same line of the paragraph: Simplified 「」 become “” (one cell each), so lines may
        # break at other characters, but the reader stays on the paragraph's second line.
        assert line_in_paragraph(article) == offset


async def test_selection_counter_filter_and_focus_survive(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        screen.select("hefei")
        await pilot.pause()
        await pilot.press("n", "f", "3")
        await pilot.pause()
        companies = screen.query_one("#companies", EntityList)
        assert app.focused is companies
        filtered = option_ids(companies)
        article = screen.query_one(ArticleView)
        mentions = app.pack.mentions_of("hefei")
        total = len(mentions)
        for key, variant in (
            ("t", "simplified"),
            ("v", "traditional"),
            ("v", "taiwan"),
            ("v", "hongkong"),
            ("v", "original"),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert app.variant == variant
            assert screen.selection.item == "hefei"
            assert screen.selection.current == 1
            assert screen.selection.filtered
            assert screen.query_one(Details).counter() == f"2/{total}"
            assert f"2/{total}" in str(screen.query_one("#status", Static).content)
            assert option_ids(companies) == filtered
            # Every mention still lit, the second one current, on the converted characters.
            current = "".join(m.text for m in marks(article, "article--current"))
            assert current == convert(mentions[1].surface, variant)
            drawn = marked_text(article, "article--selected", "article--current")
            assert drawn == "".join(convert(m.surface, variant) for m in mentions)
            assert app.focused is companies
            assert screen.query_one(PaneTabs).active == "companies"


async def test_find_follows_the_variant(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        await pilot.press("ctrl+f")
        await pilot.press(*"數據")
        await pilot.pause()
        hits = list(screen.query_one(FindBox).hits)
        assert hits
        await pilot.press("enter", "t")
        await pilot.pause()
        assert screen.query_one(FindBox).hits == hits  # t2s keeps length: the same places
        article = screen.query_one(ArticleView)
        drawn = marked_text(article, "article--find", "article--find-current")
        assert drawn == "数据" * len(hits)


async def test_create_app_starts_in_a_variant() -> None:
    app = create_app(variant="simplified")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.variant == "simplified"
        assert "[简体]" in title_bar(app)
        text = article_text(app)
        assert "数据" in text and "數據" not in text
        assert tab_label(app, "companies") == "企业"
        await pilot.press("t")
        await pilot.pause()
        assert app.variant == "original"
        assert "數據" in article_text(app)


async def test_a_heading_at_the_top_stays_there_through_every_variant(app: MuduApp) -> None:
    """The title at the very top, or a section heading scrolled to the top, is not scrolled
    past when the script changes (the view anchors on the row, not the next paragraph)."""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        article = main_screen(app).query_one(ArticleView)
        assert article.scroll_y == 0
        title = article.line_text(0)
        for key in ("v", "v", "v", "v", "v"):
            await pilot.press(key)
            await pilot.pause()
            assert article.scroll_y == 0, app.variant
            assert article.line_text(0) == convert(title, app.variant)
        article.scroll_to_section(2)
        await pilot.pause()
        top = int(article.scroll_y)
        heading = article.line_text(top)
        assert article.rows[top].paragraph < 0, heading  # a heading row, not a paragraph's
        await pilot.press("t")
        await pilot.pause()
        assert article.line_text(int(article.scroll_y)) == convert(heading, app.variant)
