"""Pilot tests of the map pane (key 9): lazily made, linked like every pane, zoom and pan,
labels in the script variant, and packs whose places lie outside China."""

from __future__ import annotations

from textual.pilot import Pilot
from ui_helpers import SIZE, main_screen

from mudu_tui.app import MuduApp, create_app
from mudu_tui.widgets.details import Details
from mudu_tui.widgets.pane_tabs import PaneTabs


def map_pane(app: MuduApp):  # type: ignore[no-untyped-def]
    from mudu_tui.widgets.map import MapPane

    return main_screen(app).query_one(MapPane)


def screen_text(app: MuduApp) -> str:
    """What the map draws, line by line, as a person reads it."""
    pane = map_pane(app)
    return "\n".join(pane.render_line(y).text for y in range(pane.size.height))


async def open_map(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.press("9")
    await pilot.pause()


async def test_the_map_is_made_only_when_first_shown(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause(0.1)  # the hidden panes are mounted after the first frame
        from mudu_tui.widgets.map import MapPane

        assert not main_screen(app).query(MapPane)
        await pilot.press("9")
        await pilot.pause()
        pane = map_pane(app)
        assert pane.display and pane.has_focus
        assert main_screen(app).query_one(PaneTabs).active == "map"
        text = screen_text(app)
        for name in ("北京", "上海", "合肥", "深圳"):
            assert name in text
        assert any("\u2801" <= ch <= "\u28ff" for ch in text)  # braille outline dots


async def test_arrows_move_between_places_and_enter_selects_everywhere(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_map(pilot)
        pane = map_pane(app)
        assert pane.cursor == "beijing"  # the most mentioned place, to start from
        await pilot.press("down")
        first = pane.cursor
        assert first != "beijing"
        lat = {rid: lat for rid, _, lat, _ in pane.regions}
        assert lat[first] < lat["beijing"]
        await pilot.press("enter")
        await pilot.pause()
        screen = main_screen(app)
        assert screen.selection.item == first
        assert screen.query_one(Details).counter().startswith("1/")
        # The map stays on screen: choosing a place there does not jump to the cities list.
        assert screen.query_one(PaneTabs).active == "map" and pane.display
        assert pane.selected == first


async def test_a_selection_elsewhere_is_marked_on_the_map(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_map(pilot)
        main_screen(app).select("iflytek")  # a company in Hefei
        await pilot.pause()
        pane = map_pane(app)
        assert pane.selected == "iflytek" and "hefei" in pane.related
        await pilot.press("9")
        main_screen(app).select("hefei")
        await pilot.pause()
        assert pane.selected == "hefei" and pane.cursor == "hefei"
        assert "◉" in screen_text(app)


async def test_a_selected_province_is_shaded(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_map(pilot)
        pane = map_pane(app)
        assert not pane._shaded(pane.view)
        main_screen(app).select("anhui")
        await pilot.pause()
        shaded = pane._shaded(pane.view)
        hefei = next((lon, lat) for rid, lon, lat, _ in pane.regions if rid == "hefei")
        assert pane.view.cell(*hefei) in shaded
        main_screen(app).select("hefei")  # a city is not shaded
        await pilot.pause()
        assert not pane._shaded(pane.view)


async def test_filter_dims_unrelated_places(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_map(pilot)
        main_screen(app).select("anhui")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        pane = map_pane(app)
        assert pane.only is not None
        assert pane._bright("hefei") and pane._bright("anhui")
        assert not pane._bright("shenzhen")
        # Arrows go only to the places still bright; labels too.
        assert "深圳" not in screen_text(app)
        assert "合肥" in screen_text(app)
        await pilot.press("f")
        await pilot.pause()
        assert pane.only is None and "深圳" in screen_text(app)


async def test_filter_marks_places_only_nearby_with_a_hollow_marker(app: MuduApp) -> None:
    from mudu_tui.widgets.map import NEARBY

    async with app.run_test(size=SIZE) as pilot:
        await open_map(pilot)
        pane = map_pane(app)
        pack = main_screen(app).pack
        # An entity with a place that only shares a paragraph with it, and a related place.
        chosen, place, friend = next(
            (eid, near, rel)
            for eid in pack.entities
            for near in sorted((pack.cooccurring(eid) - pack.related(eid)) & pane._region_ids)
            for rel in sorted(pack.related(eid) & pane._region_ids)
        )
        main_screen(app).select(chosen)
        await pilot.pause()
        assert pane._marker(place, "●")[0] == "●"  # not marked before filtering, as in the lists
        await pilot.press("f")
        await pilot.pause()
        assert place in pane.nearby and place not in pane.related
        glyph, style, _ = pane._marker(place, "●")
        assert glyph == NEARBY
        assert style == pane.get_visual_style("map--nearby")
        assert pane._label_style(place) == pane.get_visual_style("map--nearby")
        related_glyph, related_style, _ = pane._marker(friend, "●")
        assert related_glyph == "●" and related_style == pane.get_visual_style("map--related")
        assert related_style != style
        # The hollow marker reaches the screen, on the place's row (the view frames every place).
        row = geo_cells(pane)[place][1]
        assert NEARBY in pane.render_line(row).text
        await pilot.press("f")
        await pilot.pause()
        assert not pane.nearby and pane._marker(place, "●")[0] == "●"


def geo_cells(pane) -> dict[str, tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Where each place's marker is drawn in the pane."""
    from mudu_tui.model import geo

    return geo.marker_cells(pane.markers(), pane.view)


async def test_zoom_pan_and_reset(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_map(pilot)
        pane = map_pane(app)
        home = pane.view
        await pilot.press("plus")
        assert pane.view.scale < home.scale
        await pilot.press("minus", "minus")
        assert pane.view.scale > home.scale
        await pilot.press("shift+right")
        assert pane.view.lon > home.lon
        await pilot.press("shift+up")
        assert pane.view.lat > home.lat
        await pilot.press("equals_sign")
        assert pane.view == home


async def test_labels_follow_the_script_variant(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_map(pilot)
        assert "濟南" in screen_text(app)
        await pilot.press("t")
        await pilot.pause()
        text = screen_text(app)
        assert "济南" in text and "濟南" not in text
        assert main_screen(app).query_one(PaneTabs).labels["map"] == "地图"


async def test_the_palette_opens_the_map(app: MuduApp) -> None:
    from textual.widgets import OptionList

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"map")
        for _ in range(40):  # the palette searches in a worker
            await pilot.pause(0.05)
            palette = app.screen.query_one(OptionList)
            prompts = [str(palette.get_option_at_index(i).prompt) for i in range(palette.option_count)]
            if prompts and "地圖" in prompts[0]:
                break
        assert "[9]" in prompts[0]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert map_pane(app).display


async def test_the_map_works_at_80x24(app: MuduApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_map(pilot)
        pane = map_pane(app)
        assert pane.size.width > 20 and pane.size.height > 4
        text = screen_text(app)
        assert "◉" not in text and ("●" in text or "•" in text)
        await pilot.press("enter")
        await pilot.pause()
        assert main_screen(app).selection.item == "beijing"


async def test_places_outside_china_still_draw(make_pack) -> None:  # type: ignore[no-untyped-def]
    # 海口 moved to Paris: no outline there, but its marker is framed with the rest.
    folder = make_pack(
        lambda text: text.replace("lat: 20.044\n    lon: 110.1999", "lat: 48.86\n    lon: 2.35")
    )
    app = create_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await open_map(pilot)
        pane = map_pane(app)
        paris = next((lon, lat) for rid, lon, lat, _ in pane.regions if rid == "haikou")
        assert paris == (2.35, 48.86)
        assert pane.view.contains(*paris) and pane.view.contains(116.4, 39.9)
        assert "海口" in screen_text(app)


async def test_unreadable_outlines_leave_the_places(app: MuduApp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from mudu_tui.model import geo

    def broken() -> geo.Outline:
        raise geo.OutlineError("not JSON")

    monkeypatch.setattr(geo, "load_outline", broken)
    async with app.run_test(size=SIZE) as pilot:
        await open_map(pilot)
        text = screen_text(app)
        assert "北京" in text and not any("\u2801" <= ch <= "\u28ff" for ch in text)
        assert any("map outlines unreadable" in n.message for n in app._notifications)


async def test_reopens_on_the_map(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from mudu_tui.state import StateStore

    app = create_app(state=StateStore(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_map(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("q")
    again = create_app(state=StateStore(tmp_path))
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        pane = map_pane(again)
        assert pane.display and pane.has_focus
        assert pane.selected == "beijing" and pane.cursor == "beijing"


async def test_a_click_on_a_place_selects_it(app: MuduApp) -> None:
    from mudu_tui.widgets.map import MapPane

    async with app.run_test(size=SIZE) as pilot:
        await open_map(pilot)
        pane = map_pane(app)
        shenzhen = next((lon, lat) for rid, lon, lat, _ in pane.regions if rid == "shenzhen")
        await pilot.click(MapPane, offset=pane.view.cell(*shenzhen))
        await pilot.pause()
        assert main_screen(app).selection.item == "shenzhen"
        label = pane._placed()["shenzhen"]
        main_screen(app).action_clear()
        await pilot.click(MapPane, offset=(label.col + 1, label.row))  # its name works too
        await pilot.pause()
        assert main_screen(app).selection.item == "shenzhen"


async def test_a_chosen_chart_sizes_the_markers_and_labels_its_values(app: MuduApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_map(pilot)
        pane = map_pane(app)
        assert pane.chart_values() == {}
        main_screen(app).select("fig_companies_2016_beijing")  # 人工智能相關企業數量, 2016
        await pilot.press("9")
        await pilot.pause()
        values = pane.chart_values()
        assert values["beijing"] == (3.98, "3.98")  # the chosen figure's year
        assert values["shenzhen"] == (3.61, "3.61")
        assert values["shanghai"][1] == "2.65"  # only 2016 given
        assert "hefei" not in values
        text = screen_text(app)
        assert "北京 3.98" in text and "深圳 3.61" in text
        glyphs = pane._glyphs(pane.markers())
        assert glyphs["beijing"] == "●" and glyphs["hefei"] == "·"
        main_screen(app).select("fig_companies_2023_shenzhen")
        await pilot.press("9")
        await pilot.pause()
        assert pane.chart_values()["shenzhen"][1] == "6.38"
        assert pane.chart_values()["beijing"][1] == "4.78"
