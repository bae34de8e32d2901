"""The map's model: shipped outlines, projection, braille raster, label placement, arrow moves."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mudu_tui.model import geo


def _place(pack, region_id: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    attrs = pack.entities[region_id].attrs
    return float(attrs["lon"]), float(attrs["lat"])


def _markers(pack) -> list[geo.Marker]:  # type: ignore[no-untyped-def]
    return [
        geo.Marker(e.id, e.name, *_place(pack, e.id), len(pack.mentions_of(e.id)))
        for e in pack.entities.values()
        if e.kind == "regions"
    ]


# -- the shipped outline ---------------------------------------------------------------------


def test_shipped_outline_is_small_and_sourced() -> None:
    data = resources.files("mudu_tui.model").joinpath(geo.OUTLINE_FILE).read_bytes()
    assert len(data) <= 200 * 1024
    outline = geo.load_outline()
    assert "Natural Earth" in outline.source and "public domain" in outline.licence
    assert all(outline.lines[layer] for layer in geo.LAYERS)
    assert len(outline.faces) >= 30  # China's provinces (and a few islands)


def test_province_faces_hold_their_own_places(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    outline = geo.load_outline()
    anhui = outline.face_at(*_place(bundled_pack, "anhui"))
    assert anhui is not None
    assert geo.point_in_ring(*_place(bundled_pack, "hefei"), anhui)  # its capital is inside
    assert not geo.point_in_ring(*_place(bundled_pack, "beijing"), anhui)
    assert not geo.point_in_ring(*_place(bundled_pack, "shanghai"), anhui)
    assert outline.face_at(0.0, 0.0) is None  # the Gulf of Guinea: no province


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[]",
        '{"scale": 100, "lines": {}, "faces": {}}',
        '{"scale": 0, "lines": {}, "faces": []}',
        '{"scale": 100, "lines": {"coast": [[1, 2, 3]]}, "faces": []}',
        '{"scale": 100, "lines": {"coast": [["1", "2"]]}, "faces": []}',
        '{"scale": 100, "lines": {"coast": 5}, "faces": []}',
        '{"scale": 100, "lines": {}, "faces": [[1.5, 2]]}',
    ],
)
def test_a_malformed_outline_is_refused(text: str) -> None:
    with pytest.raises(geo.OutlineError):
        geo.parse_outline(text)


def test_an_outline_parses_to_degrees() -> None:
    text = json.dumps({"scale": 100, "lines": {"coast": [[10000, 3000, 10100, 3050]]}, "faces": []})
    outline = geo.parse_outline(text)
    assert outline.lines["coast"] == (((100.0, 30.0), (101.0, 30.5)),)
    assert outline.lines["border"] == ()


# -- projection ------------------------------------------------------------------------------


def test_cities_keep_their_bearings(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    markers = _markers(bundled_pack)
    view = geo.frame([(m.lon, m.lat) for m in markers], 46, 18)
    at = {m.id: view.project(m.lon, m.lat) for m in markers}
    # Dot coordinates grow to the east (x) and to the south (y).
    assert at["beijing"][1] < at["hefei"][1]  # Beijing is north of Hefei
    assert at["shanghai"][0] > at["hefei"][0]  # Shanghai is east of Hefei
    assert at["shenzhen"][1] > at["hefei"][1] and at["shenzhen"][1] > at["shanghai"][1]
    assert at["shenzhen"][1] > at["beijing"][1]
    assert at["xian"][0] < at["zhengzhou"][0]  # Xi'an is west of Zhengzhou


def test_the_frame_shows_every_place(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    markers = _markers(bundled_pack)
    for width, height in ((46, 18), (38, 9), (100, 40), (10, 4)):
        view = geo.frame([(m.lon, m.lat) for m in markers], width, height)
        assert all(view.contains(m.lon, m.lat) for m in markers), (width, height)


def test_a_frame_around_places_anywhere() -> None:
    places = [(2.35, 48.86), (116.4, 39.9), (-74.0, 40.7)]  # Paris, Beijing, New York
    view = geo.frame(places, 46, 18)
    assert all(view.contains(lon, lat) for lon, lat in places)
    single = geo.frame([(116.4, 39.9)], 46, 18)
    assert single.contains(116.4, 39.9) and single.scale > 0


def test_projection_round_trips() -> None:
    view = geo.View(110.0, 30.0, 0.2, 40, 12, lat0=30.0)
    x, y = view.project(117.3, 31.8)
    lon, lat = view.unproject(x, y)
    assert lon == pytest.approx(117.3) and lat == pytest.approx(31.8)


def test_zoom_and_pan() -> None:
    view = geo.View(110.0, 30.0, 0.2, 40, 12)
    zoomed = view.zoomed(geo.ZOOM_STEP)
    assert zoomed.scale < view.scale and (zoomed.lon, zoomed.lat) == (view.lon, view.lat)
    assert zoomed.zoomed(1 / geo.ZOOM_STEP).scale == pytest.approx(view.scale)
    assert view.zoomed(1e9).scale == geo.MIN_SCALE and view.zoomed(1e-9).scale == geo.MAX_SCALE
    east = view.panned(4, 0)
    south = view.panned(0, 2)
    assert east.lon > view.lon and east.lat == view.lat
    assert south.lat < view.lat and south.lon == view.lon
    # A place one cell east of the centre moves one cell west when the view pans a cell east.
    col, row = view.cell(view.lon + 3 * geo.DOTS_X * view.scale / view.kx, view.lat)
    assert view.panned(1, 0).cell(view.lon + 3 * geo.DOTS_X * view.scale / view.kx, view.lat) == (
        col - 1,
        row,
    )


# -- raster ----------------------------------------------------------------------------------


def test_a_dot_is_one_braille_bit() -> None:
    raster = geo.Raster(2, 1)
    assert raster.cell(0, 0) == ("\u2800", None)
    raster.dot("coast", 0, 0)
    assert raster.cell(0, 0) == ("⠁", "coast")
    raster.dot("coast", 1, 3)
    assert raster.cell(0, 0) == ("⢁", "coast")
    raster.dot("coast", 99, 99)  # off the canvas: nothing, no error
    assert raster.cell(1, 0) == ("\u2800", None)


def test_lines_are_clipped_and_layered() -> None:
    raster = geo.Raster(4, 2)
    raster.line("province", (-10.0, 4.0), (100.0, 4.0))  # across, far past both edges
    assert all(raster.cell(col, 1)[1] == "province" for col in range(4))
    assert all(raster.cell(col, 0)[1] is None for col in range(4))
    raster.line("border", (0.0, 4.0), (0.0, 7.0))
    assert raster.cell(0, 1)[1] == "border"  # the top layer wins the cell's colour
    raster.line("coast", (-5.0, -5.0), (-1.0, -9.0))  # wholly off the canvas
    assert "coast" not in raster.masks


def test_the_outline_draws_inside_the_view(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    markers = _markers(bundled_pack)
    view = geo.frame([(m.lon, m.lat) for m in markers], 46, 18)
    raster = geo.draw_outline(geo.load_outline(), view)
    layers = {raster.cell(c, r)[1] for c in range(46) for r in range(18)}
    assert {"coast", "border", "province"} <= layers


def test_province_cells_are_its_own(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    outline = geo.load_outline()
    markers = _markers(bundled_pack)
    view = geo.frame([(m.lon, m.lat) for m in markers], 46, 18)
    cells = geo.cells_in_face(outline.face_at(*_place(bundled_pack, "anhui")) or (), view)
    assert view.cell(*_place(bundled_pack, "hefei")) in cells
    assert view.cell(*_place(bundled_pack, "beijing")) not in cells
    assert all(0 <= c < 46 and 0 <= r < 18 for c, r in cells)


# -- labels ----------------------------------------------------------------------------------


def _check_labels(markers: list[geo.Marker], view: geo.View, placed: dict[str, geo.Placed]) -> None:
    marker_cells = set(geo.marker_cells(markers, view).values())
    seen: set[tuple[int, int]] = set()
    for p in placed.values():
        cells = p.cells()
        assert not cells & marker_cells, f"{p.text} covers a marker"
        assert not cells & seen, f"{p.text} overlaps another label"
        assert all(0 <= c < view.width and 0 <= r < view.height for c, r in cells)
        seen |= cells | {(p.col - 1, p.row), (p.col + p.width, p.row)}


def test_labels_never_overlap_on_the_bundled_pack(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    markers = _markers(bundled_pack)
    for width, height in ((46, 18), (38, 9), (100, 36)):
        view = geo.frame([(m.lon, m.lat) for m in markers], width, height)
        placed = geo.place_labels(markers, view)
        _check_labels(markers, view, placed)
        # Markers are never dropped; at a comfortable size every label fits too.
        assert set(geo.marker_cells(markers, view)) == {m.id for m in markers}
    assert len(placed) == len(markers)


def test_labels_give_way_before_markers() -> None:
    # Twelve places a few kilometres apart: on a small canvas their labels cannot all fit.
    markers = [geo.Marker(f"p{i}", "長名字地方", 116.0 + 0.3 * i, 39.0 + 0.2 * (i % 3), i) for i in range(12)]
    view = geo.frame([(m.lon, m.lat) for m in markers], 24, 6)
    placed = geo.place_labels(markers, view)
    _check_labels(markers, view, placed)
    assert len(placed) < len(markers)
    assert set(geo.marker_cells(markers, view)) == {m.id for m in markers}
    assert "p11" in placed  # the weightiest place keeps its label


def test_the_selection_is_labelled_first() -> None:
    markers = [geo.Marker("a", "甲地", 116.0, 39.0, 9), geo.Marker("b", "乙地", 116.05, 39.0, 1)]
    view = geo.View(116.0, 39.0, 0.2, 12, 3)
    assert "a" in geo.place_labels(markers, view)
    assert "b" in geo.place_labels(markers, view, first="b")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(100, 125),
            st.floats(20, 45),
            st.text(alphabet="北京上海深圳合肥杭州abc", min_size=1, max_size=6),
        ),
        min_size=1,
        max_size=25,
    ),
    st.integers(8, 60),
    st.integers(3, 20),
)
@example([(100.0, 20.0, "a"), (100.0, 44.0, "a")], 8, 3)  # a frame wider than zooming out allows
def test_labels_never_overlap_anywhere(points, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    markers = [geo.Marker(f"m{i}", label, lon, lat, i % 4) for i, (lon, lat, label) in enumerate(points)]
    view = geo.frame([(m.lon, m.lat) for m in markers], width, height)
    placed = geo.place_labels(markers, view)
    _check_labels(markers, view, placed)
    assert set(geo.marker_cells(markers, view)) == {m.id for m in markers}


# -- arrow moves -----------------------------------------------------------------------------


def test_arrows_go_to_the_nearest_place_that_way(bundled_pack) -> None:  # type: ignore[no-untyped-def]
    points = {e.id: _place(bundled_pack, e.id) for e in bundled_pack.entities.values() if e.kind == "regions"}
    east = geo.nearest_in_direction(points, "hefei", (1, 0))
    assert east in {"nanjing", "shanghai", "hangzhou", "linping"}
    assert points[east][0] > points["hefei"][0]
    north = geo.nearest_in_direction(points, "shanghai", (0, 1))
    assert north is not None and points[north][1] > points["shanghai"][1]
    assert geo.nearest_in_direction(points, "haikou", (0, -1)) is None  # nothing south of Haikou
    # Without a current place the first press starts from the far side.
    assert geo.nearest_in_direction(points, None, (1, 0)) == min(points, key=lambda k: points[k][0])
    assert geo.nearest_in_direction({}, None, (1, 0)) is None
