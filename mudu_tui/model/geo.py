"""The map's geometry: outlines, projection, a braille raster and label placement.

Pure Python (no Textual), so the map pane only draws what this computes.

- :func:`load_outline` reads the shipped outlines (``china_map.json``, built from Natural
  Earth by ``scripts/build_map_data.py``) as untrusted data.
- :class:`View` projects longitude/latitude to braille dots (2×4 per terminal cell): an
  equirectangular projection whose x is shrunk by the cosine of the view's middle latitude, so
  shapes keep their proportions near it. Zoom and pan return new views.
- :class:`Raster` sets dots along lines, layer by layer, and hands back one braille character
  and its top layer per cell.
- :func:`place_labels` puts each marker's label beside it where it overlaps no other label and
  no marker; a label that cannot fit is dropped (markers never are).
- :func:`nearest_in_direction` is how arrow keys move between markers.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .layout import text_width

#: Dots per cell across and down (braille: 2×4).
DOTS_X = 2
DOTS_Y = 4
#: Braille dot bits by (x, y) within a cell (Unicode's dot numbering).
_BITS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))
BRAILLE_BLANK = 0x2800
#: The layers of the outline, lowest first (a cell shows the top layer among its dots).
LAYERS = ("province", "coast", "border")
#: The most zoomed-in and zoomed-out views, in degrees of longitude per dot.
MIN_SCALE = 0.005
MAX_SCALE = 2.0
#: How much one zoom step magnifies.
ZOOM_STEP = 1.5
#: The view around a single point (or points on top of each other), degrees each way.
MIN_SPAN = 4.0
#: Outline files larger than this are refused (the shipped one is about 110 KB).
MAX_OUTLINE_BYTES = 2_000_000
OUTLINE_FILE = "china_map.json"

Point = tuple[float, float]


class OutlineError(ValueError):
    """The outline file is not what the map expects."""


@dataclass(frozen=True)
class Outline:
    """Lines to draw by layer and the province faces (closed rings), in degrees (lon, lat)."""

    lines: dict[str, tuple[tuple[Point, ...], ...]]
    faces: tuple[tuple[Point, ...], ...]
    source: str = ""
    licence: str = ""

    def face_at(self, lon: float, lat: float) -> tuple[Point, ...] | None:
        """The province face holding a point, if any."""
        for face in self.faces:
            if point_in_ring(lon, lat, face):
                return face
        return None


def parse_outline(text: str) -> Outline:
    """An outline from the JSON text of ``china_map.json``; :class:`OutlineError` if malformed."""
    if len(text) > MAX_OUTLINE_BYTES:
        raise OutlineError("outline file too large")
    try:
        data = json.loads(text)
    except ValueError as error:
        raise OutlineError(f"not JSON: {error}") from None
    if not isinstance(data, dict):
        raise OutlineError("not a JSON object")
    scale = data.get("scale")
    lines = data.get("lines")
    faces = data.get("faces")
    if not isinstance(scale, int) or scale <= 0 or not isinstance(lines, dict) or not isinstance(faces, list):
        raise OutlineError("needs 'scale', 'lines' and 'faces'")

    def points(flat: object) -> tuple[Point, ...]:
        if not isinstance(flat, list) or len(flat) % 2 or not all(type(v) is int for v in flat):
            raise OutlineError("a line must be a flat list of integers, lon, lat, lon, lat…")
        return tuple((flat[i] / scale, flat[i + 1] / scale) for i in range(0, len(flat), 2))

    layers = {}
    for name in LAYERS:
        value = lines.get(name, [])
        if not isinstance(value, list):
            raise OutlineError(f"layer {name!r} must be a list of lines")
        layers[name] = tuple(points(line) for line in value)
    return Outline(
        lines=layers,
        faces=tuple(points(face) for face in faces),
        source=str(data.get("source", "")),
        licence=str(data.get("licence", "")),
    )


@lru_cache(maxsize=1)
def load_outline() -> Outline:
    """The shipped outline of China and its neighbours (read once, on first use)."""
    text = resources.files(__package__).joinpath(OUTLINE_FILE).read_text("utf-8")
    return parse_outline(text)


def point_in_ring(x: float, y: float, ring: Sequence[Point]) -> bool:
    """Whether (x, y) lies inside a closed ring (even-odd rule)."""
    inside = False
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


# -- projection -------------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """What part of the world a ``width``×``height`` cell canvas shows.

    ``lon``/``lat`` is the centre; ``scale`` is degrees of longitude per dot at the reference
    latitude ``lat0`` (fixed when the view is framed, so panning does not distort shapes).
    """

    lon: float
    lat: float
    scale: float
    width: int
    height: int
    lat0: float = 35.0

    @property
    def kx(self) -> float:
        """Longitude is shrunk by this factor, so a dot is as wide as it is tall on the ground."""
        return math.cos(math.radians(self.lat0))

    @property
    def dots(self) -> tuple[int, int]:
        """The canvas in dots across and down."""
        return self.width * DOTS_X, self.height * DOTS_Y

    def project(self, lon: float, lat: float) -> Point:
        """Dot coordinates (x right, y down; may fall outside the canvas)."""
        w, h = self.dots
        return (
            w / 2 + (lon - self.lon) * self.kx / self.scale,
            h / 2 - (lat - self.lat) / self.scale,
        )

    def unproject(self, x: float, y: float) -> Point:
        """Longitude and latitude at a dot position."""
        w, h = self.dots
        return self.lon + (x - w / 2) * self.scale / self.kx, self.lat - (y - h / 2) * self.scale

    def cell(self, lon: float, lat: float) -> tuple[int, int]:
        """The cell (column, row) a point falls in (may be outside the canvas)."""
        x, y = self.project(lon, lat)
        return math.floor(x / DOTS_X), math.floor(y / DOTS_Y)

    def contains(self, lon: float, lat: float) -> bool:
        """Whether a point falls on the canvas."""
        col, row = self.cell(lon, lat)
        return 0 <= col < self.width and 0 <= row < self.height

    def zoomed(self, factor: float) -> View:
        """The same centre, ``factor`` times larger (factor < 1 zooms out)."""
        scale = min(MAX_SCALE, max(MIN_SCALE, self.scale / factor))
        return View(self.lon, self.lat, scale, self.width, self.height, self.lat0)

    def panned(self, cells_x: int, cells_y: int) -> View:
        """Moved by whole cells (positive: east and south)."""
        lon = self.lon + cells_x * DOTS_X * self.scale / self.kx
        lat = self.lat - cells_y * DOTS_Y * self.scale
        return View(lon, max(-85.0, min(85.0, lat)), self.scale, self.width, self.height, self.lat0)

    def centred_on(self, lon: float, lat: float) -> View:
        """The same zoom, centred on a point."""
        return View(lon, lat, self.scale, self.width, self.height, self.lat0)

    def resized(self, width: int, height: int) -> View:
        """The same centre and zoom on a canvas of another size."""
        return View(self.lon, self.lat, self.scale, max(1, width), max(1, height), self.lat0)


def frame(points: Iterable[Point], width: int, height: int, margin: float = 0.08) -> View:
    """The view that shows every point with a margin (a share of each side) around them."""
    pts = list(points)
    width, height = max(1, width), max(1, height)
    if not pts:
        return View(105.0, 35.0, 0.5, width, height)
    lons = [p[0] for p in pts]
    lats = [p[1] for p in pts]
    lon_min, lon_max, lat_min, lat_max = min(lons), max(lons), min(lats), max(lats)
    lat = (lat_min + lat_max) / 2
    lat0 = max(-80.0, min(80.0, lat))
    kx = math.cos(math.radians(lat0))
    span_x = max((lon_max - lon_min) * kx, MIN_SPAN)
    span_y = max(lat_max - lat_min, MIN_SPAN)
    w, h = width * DOTS_X, height * DOTS_Y
    usable = max(1e-9, 1 - 2 * margin)
    scale = max(span_x / (w * usable), span_y / (h * usable))
    # Not capped at MAX_SCALE: the frame must hold every place, however small the canvas.
    scale = max(MIN_SCALE, scale)
    return View((lon_min + lon_max) / 2, lat, scale, width, height, lat0)


# -- raster -----------------------------------------------------------------------------------


@dataclass
class Raster:
    """Braille dots on a ``width``×``height`` cell canvas, one bit mask per layer and cell."""

    width: int
    height: int
    masks: dict[str, bytearray] = field(default_factory=dict)

    def _mask(self, layer: str) -> bytearray:
        if layer not in self.masks:
            self.masks[layer] = bytearray(self.width * self.height)
        return self.masks[layer]

    def dot(self, layer: str, x: int, y: int) -> None:
        """Set one dot (outside the canvas: nothing)."""
        if 0 <= x < self.width * DOTS_X and 0 <= y < self.height * DOTS_Y:
            col, sub_x = divmod(x, DOTS_X)
            row, sub_y = divmod(y, DOTS_Y)
            self._mask(layer)[row * self.width + col] |= _BITS[sub_x][sub_y]

    def line(self, layer: str, a: Point, b: Point) -> None:
        """Dots along a segment (a DDA walk, clipped to the canvas)."""
        clipped = _clip(a, b, self.width * DOTS_X, self.height * DOTS_Y)
        if clipped is None:
            return
        (x0, y0), (x1, y1) = clipped
        steps = max(1, math.ceil(max(abs(x1 - x0), abs(y1 - y0))))
        for i in range(steps + 1):
            t = i / steps
            self.dot(layer, math.floor(x0 + (x1 - x0) * t), math.floor(y0 + (y1 - y0) * t))

    def polyline(self, layer: str, points: Sequence[Point]) -> None:
        """Dots along a line of several segments."""
        for a, b in zip(points, points[1:], strict=False):
            self.line(layer, a, b)

    def cell(self, col: int, row: int, layers: Sequence[str] = LAYERS) -> tuple[str, str | None]:
        """The braille character of one cell and the top layer with a dot there."""
        if not (0 <= col < self.width and 0 <= row < self.height):
            # A frame drawn while the widget has grown and the raster not yet (a resize).
            return chr(BRAILLE_BLANK), None
        bits = 0
        top = None
        index = row * self.width + col
        for layer in layers:
            mask = self.masks.get(layer)
            if mask is not None and mask[index]:
                bits |= mask[index]
                top = layer
        return chr(BRAILLE_BLANK + bits), top


def _clip(a: Point, b: Point, w: float, h: float) -> tuple[Point, Point] | None:
    """A segment clipped to the box 0..w × 0..h (Liang–Barsky), or None if it misses."""
    x0, y0 = a
    dx, dy = b[0] - x0, b[1] - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0), (dx, w - 1e-6 - x0), (-dy, y0), (dy, h - 1e-6 - y0)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return (x0 + t0 * dx, y0 + t0 * dy), (x0 + t1 * dx, y0 + t1 * dy)


def draw_outline(outline: Outline, view: View) -> Raster:
    """The outline's layers rasterised for a view."""
    raster = Raster(view.width, view.height)
    project = view.project
    for layer in LAYERS:
        for line in outline.lines.get(layer, ()):
            raster.polyline(layer, [project(lon, lat) for lon, lat in line])
    return raster


def cells_in_face(face: Sequence[Point], view: View) -> set[tuple[int, int]]:
    """The cells whose centre lies inside a face (for shading a selected province)."""
    if not face:
        return set()
    cols = [view.project(lon, lat) for lon, lat in face]
    xs = [p[0] / DOTS_X for p in cols]
    ys = [p[1] / DOTS_Y for p in cols]
    ring = list(zip(xs, ys, strict=True))
    inside = set()
    for row in range(max(0, math.floor(min(ys))), min(view.height, math.ceil(max(ys)) + 1)):
        for col in range(max(0, math.floor(min(xs))), min(view.width, math.ceil(max(xs)) + 1)):
            if point_in_ring(col + 0.5, row + 0.5, ring):
                inside.add((col, row))
    return inside


# -- markers and labels -----------------------------------------------------------------------


@dataclass(frozen=True)
class Marker:
    """A region on the map: its id, label, position and how much it matters (mentions)."""

    id: str
    label: str
    lon: float
    lat: float
    weight: int = 0


@dataclass(frozen=True)
class Placed:
    """A label placed on the canvas: starting cell and width in cells."""

    id: str
    text: str
    col: int
    row: int
    width: int

    def cells(self) -> set[tuple[int, int]]:
        """The cells the label covers."""
        return {(self.col + i, self.row) for i in range(self.width)}


def marker_cells(markers: Iterable[Marker], view: View) -> dict[str, tuple[int, int]]:
    """Each marker's cell, for the markers that fall on the canvas."""
    cells = {}
    for m in markers:
        col, row = view.cell(m.lon, m.lat)
        if 0 <= col < view.width and 0 <= row < view.height:
            cells[m.id] = (col, row)
    return cells


def place_labels(markers: Sequence[Marker], view: View, first: str | None = None) -> dict[str, Placed]:
    """Labels beside their markers, greedily: ``first`` (the selection), then by weight.

    Each label tries the right, the left, above and below its marker (then the diagonals); it
    takes the first spot on the canvas that touches no marker, no placed label and leaves a
    blank cell between it and the labels beside it on its row. One that fits nowhere is dropped.
    """
    cells = marker_cells(markers, view)
    taken: set[tuple[int, int]] = set(cells.values())
    placed: dict[str, Placed] = {}
    order = sorted(
        (m for m in markers if m.id in cells),
        key=lambda m: (m.id != first, -m.weight, m.label),
    )
    for m in order:
        col, row = cells[m.id]
        width = text_width(m.label)
        if width == 0:
            continue
        centred = col - (width - 1) // 2
        for c, r in (
            (col + 2, row),
            (col - 1 - width, row),
            (centred, row - 1),
            (centred, row + 1),
            (col + 1, row - 1),
            (col + 1, row + 1),
            (col - width, row - 1),
            (col - width, row + 1),
        ):
            if c < 0 or r < 0 or c + width > view.width or r >= view.height:
                continue
            spot = Placed(m.id, m.label, c, r, width)
            # One blank cell either side, so neighbouring labels never read as one name.
            padded = spot.cells() | {(c - 1, r), (c + width, r)}
            if padded & taken:
                continue
            placed[m.id] = spot
            taken |= spot.cells()
            break
    return placed


def nearest_in_direction(
    points: dict[str, Point], current: str | None, direction: tuple[int, int]
) -> str | None:
    """The point nearest to ``current`` in a direction ((1, 0) east, (0, -1) north…).

    Points within 60° either side of the direction count; the score favours those straight
    ahead, so a far point dead ahead beats a near one off to the side only up to a point.
    Coordinates are (x east, y north). Without a current point: the west-most / north-most…
    point by the direction, so the first arrow press lands somewhere predictable.
    """
    if not points:
        return None
    dx, dy = direction
    if current is None or current not in points:
        return min(points, key=lambda k: (points[k][0] * dx + points[k][1] * dy, k))
    x0, y0 = points[current]
    best: tuple[float, str] | None = None
    for key, (x, y) in points.items():
        if key == current:
            continue
        vx, vy = x - x0, y - y0
        ahead = vx * dx + vy * dy
        side = abs(vx * dy - vy * dx)
        if ahead <= 0 or side > ahead * math.tan(math.radians(60)):
            continue
        score = math.hypot(vx, vy) + 2 * side
        if best is None or (score, key) < best:
            best = (score, key)
    return best[1] if best else None
