"""The reader on a pack other than the bundled one: header, kind labels, charts, search
examples, `i` (about the pack) and `--watch` (Pilot)."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Input, Static
from ui_helpers import toasts

from mudu_tui.app import create_app
from mudu_tui.widgets.details import Details
from mudu_tui.widgets.figures import BAR, DISPUTED, FiguresPane
from mudu_tui.widgets.problems import ProblemsPanel

BAY = Path(__file__).resolve().parent / "packs" / "bay"


def _text(widget: Static) -> str:
    return str(widget.render())


async def test_header_and_kind_labels_come_from_the_pack() -> None:
    app = create_app(BAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        header = _text(app.screen.query_one("#title-bar", Static))
        assert header.startswith("湾区经济观察：大湾区如何追赶东京湾区")
        regions = app.screen.query_one("#regions")
        ids = ("hongkong", "gba", "nanshan", "boluo", "tokyo_bay")
        rows = {item: str(regions.prompt(item)) for item in ids}
        # The registry's labels, in the script the article shows (this pack is Simplified).
        assert "特别行政区" in rows["hongkong"] and "区域" in rows["gba"]
        assert "区 " in rows["nanshan"] and "县" in rows["boluo"] and "外国地区" in rows["tokyo_bay"]
        app.screen.select("nanshan")
        await pilot.pause()
        details = app.screen.query_one("#details")
        # Shenzhen's details list its district under 區, not under 城市.
        app.screen.select("shenzhen")
        await pilot.pause()
        labels = [str(details.get_option_at_index(i).prompt) for i in range(details.option_count)]
        assert any(label.startswith("区 南山区") for label in labels), labels


async def test_a_simplified_article_has_the_apps_own_text_in_simplified_too() -> None:
    """原文 of a Simplified article: the labels, titles, keys and messages around it are in
    Simplified as well, not in the Traditional they are written in; 繁體 turns both."""
    app = create_app(BAY)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        assert app.variant == "original"
        assert screen.query_one("#details").border_title == "详情 Details"
        assert screen.query_one("#sections").border_title == "章节 Sections"
        tabs = screen.query_one("#tabs")
        assert "企业" in str(tabs.render_line(0).text) and "时间线" in str(tabs.render_line(0).text)
        keys = str(screen.query_one("#keys").render_line(0).text)
        assert "下一个" in keys and "帮助" in keys
        await pilot.press("backspace")  # nothing to go back to
        await pilot.pause()
        assert any("没有更早的选择" in toast for toast in toasts(app))
        await pilot.press("t")  # to 繁體
        await pilot.pause()
        assert screen.query_one("#details").border_title == "詳情 Details"
        assert "企業" in str(screen.query_one("#tabs").render_line(0).text)


async def test_bars_compare_yi_with_wanyi_and_warnings_stay_in_view() -> None:
    app = create_app(BAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("8")
        await pilot.pause()
        pane = app.screen.query_one(FiguresPane)
        ids = ("fig_gba", "fig_guangdong", "fig_nine", "fig_nansha")
        bars = {f: str(pane.prompt(f)).count(BAR) for f in ids}
        # 13万亿 > 12.9万亿 > 10.5万亿 > 2000亿, whatever the digits say.
        assert bars["fig_gba"] >= bars["fig_guangdong"] > bars["fig_nine"] > bars["fig_nansha"] == 1
        assert any("地区经济规模（亿元）" in str(pane.heading(row)) for row in range(pane.option_count))
        # ⚠ stands before the label, so the drawn row (cut to the narrow pane) still has it.
        drawn = pane.render_line(pane.get_option_index("fig_hk")).text
        assert drawn.lstrip().startswith(DISPUTED), drawn
        assert pane.size.width < 40


async def test_search_suggests_the_packs_own_names() -> None:
    app = create_app(BAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        placeholder = app.screen.query_one(Input).placeholder
        assert placeholder.startswith("粤港澳大湾区 / yuegangaodawanqu / ygadwq")
        assert "合肥" not in placeholder


async def test_i_shows_what_the_pack_says_about_itself() -> None:
    app = create_app(BAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        text = _text(app.screen.query_one("#about-text", Static))
        assert "湾区经济观察：大湾区如何追赶东京湾区" in text
        assert "mudu-tui 测试用文章" in text  # source
        assert "简体中文 (zh-Hans)" in text  # language
        assert "为测试而写的短文" in text  # the editor's note
        assert "来源 Source" in text and "编者按" in text  # the screen's labels: Simplified too
        assert "9  城市 Cities" in text and "特别行政区 1" in text
        assert "2  事件 Events" in text and "8  数据 Figures" in text and "2  图表 Charts" in text
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query("#about-text")


async def test_watch_reloads_in_place_and_shows_problems_in_a_panel(tmp_path: Path) -> None:
    folder = tmp_path / "bay"
    shutil.copytree(BAY, folder)
    index = folder / "index.yaml"
    good = index.read_text("utf-8")
    app = create_app(folder, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.select("tencent")
        await pilot.pause()
        app.reloader.poll()  # nothing changed: nothing happens
        first = app.screen

        index.write_text(good.replace("总部在深圳南山区的互联网企业。", "总部在深圳的互联网企业。"), "utf-8")
        app.reloader.poll()
        await pilot.pause()
        await pilot.pause()
        assert app.screen is not first
        assert app.pack.entities["tencent"].summary == "总部在深圳的互联网企业。"
        assert app.screen.selection.item == "tencent"  # the place is kept
        assert "téng xùn" in str(app.screen.query_one(Details).get_option("head").prompt)
        # Replaced, not stacked: the first reader is gone (it held the whole pack).
        assert first not in app.screen_stack and not first.is_attached
        stacked = len(app.screen_stack)

        index.write_text(good.replace("    lat: 22.3193", "    lat: north"), "utf-8")
        app.reloader.poll()
        await pilot.pause()
        panel = app.screen.query_one(ProblemsPanel)
        assert "'lat' must be a number" in _text(panel)
        assert "1 problem" in str(panel.border_title)
        assert app.pack.entities["tencent"].summary == "总部在深圳的互联网企业。"  # the last good one

        index.write_text(good, "utf-8")
        app.reloader.poll()
        await pilot.pause()
        await pilot.pause()
        assert not app.screen.query(ProblemsPanel)
        assert app.pack.entities["tencent"].summary == "总部在深圳南山区的互联网企业。"
        assert len(app.screen_stack) == stacked  # each reload replaces the last
