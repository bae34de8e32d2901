"""The map pane (地圖): the pack's regions where they are, on braille outlines of China.

Drawing only: projection, rasterising, label placement and arrow-key moves come from
:mod:`mudu_tui.model.geo`. It follows the selection like the list panes (the same ``show``
and ``highlight_id``), and posts :class:`ItemChosen` when a marker is chosen.
"""

from __future__ import annotations

from functools import cached_property

from textual.binding import Binding
from textual.content import Content
from textual.events import Click, Focus, Resize
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widget import Widget

from ..model import geo
from ..model.charts import in_unit
from ..model.reading import VariantText
from ..model.safety import visible
from ..model.script import Variant
from .lists import ItemChosen

#: Markers: a region the article mentions at least this often is drawn large.
MANY_MENTIONS = 5
BIG, SMALL, SELECTED = "●", "•", "◉"
#: A place that only shares a paragraph with the selection (while filtering): ○, as in the lists.
NEARBY = "○"
#: While a chart's figure is selected: a place with no value in the chart.
NO_VALUE = "·"
#: Arrow keys as (x east, y north) directions, and the way each one goes.
DIRECTIONS = {"left": (-1, 0), "right": (1, 0), "up": (0, 1), "down": (0, -1)}
WAYS = {"left": "west", "right": "east", "up": "north", "down": "south"}
#: The same ways in Chinese, for the bindings' (Chinese) descriptions.
WAYS_ZH = {"left": "西", "right": "東", "up": "北", "down": "南"}
#: Cells one shift+arrow press pans by.
PAN_CELLS = 4


class MapPane(Widget, can_focus=True):
    """Every region of the pack as a marker with its name, over coast, borders and provinces."""

    HELP = (
        "地圖 Map: arrows move to the nearest place in that direction, `enter` selects it. "
        "`+`/`-` zoom, shift+arrows pan, `=` frames every place again. "
        "Outlines: Natural Earth (public domain)."
    )

    DEFAULT_CSS = """
    MapPane { height: 1fr; background: $surface; }
    MapPane > .map--coast { color: $foreground 45%; }
    MapPane > .map--border { color: $foreground 70%; }
    MapPane > .map--province { color: $foreground 22%; }
    MapPane > .map--marker { color: #5fafff; }
    MapPane > .map--related { color: #ffd75f; text-style: bold; }
    MapPane > .map--nearby { color: #d7af87; text-style: italic; }
    MapPane > .map--selected { color: #000000; background: #d7af00; text-style: bold; }
    MapPane > .map--label { color: $foreground; }
    MapPane > .map--dim { color: $foreground 30%; }
    MapPane > .map--shade { background: #3a3a6a; }
    MapPane:focus > .map--cursor { text-style: reverse; }
    MapPane > .map--empty { color: $text-muted; text-style: italic; }
    """

    COMPONENT_CLASSES = {
        "map--coast",
        "map--border",
        "map--province",
        "map--marker",
        "map--related",
        "map--nearby",
        "map--selected",
        "map--label",
        "map--dim",
        "map--shade",
        "map--cursor",
        "map--empty",
    }

    BINDINGS = [
        *(
            Binding(
                key,
                f"move('{key}')",
                f"往{WAYS_ZH[key]}",
                show=False,
                id=f"map.{key}",
                tooltip=f"Nearest place {way}",
            )
            for key, way in WAYS.items()
        ),
        *(
            Binding(
                f"shift+{key}",
                f"pan('{key}')",
                f"向{WAYS_ZH[key]}平移",
                show=False,
                id=f"map.pan_{key}",
                tooltip=f"Pan {way}",
            )
            for key, way in WAYS.items()
        ),
        Binding(
            "enter",
            "select",
            "選擇",
            show=False,
            id="map.select",
            tooltip="Select the place under the cursor",
        ),
        Binding("plus", "zoom(1)", "放大", show=False, id="map.zoom_in", tooltip="Zoom in"),
        Binding("minus", "zoom(-1)", "縮小", show=False, id="map.zoom_out", tooltip="Zoom out"),
        Binding(
            "equals_sign", "reset", "顯示全部", show=False, id="map.reset", tooltip="Frame every place again"
        ),
    ]

    def __init__(self, text: VariantText, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text
        self.variant: Variant = "original"
        self.selected: str | None = None
        self.related: set[str] = set()
        #: Places that only share a paragraph with the selection (given while filtering).
        self.nearby: set[str] = set()
        self.only: set[str] | None = None
        #: The place the arrow keys start from and `enter` selects.
        self.cursor: str | None = None
        #: The view; None until the pane has a size (then framed on every place).
        self.view: geo.View | None = None
        self._moved = False  # zoomed or panned by the user: a resize keeps the view
        self._raster: tuple[geo.View, geo.Raster] | None = None
        self._lines: list[Strip] | None = None

    # -- data --------------------------------------------------------------------------------

    @cached_property
    def outline(self) -> geo.Outline:
        """The shipped outlines, read the first time the map is drawn."""
        try:
            return geo.load_outline()
        except (OSError, geo.OutlineError) as error:
            self.notify(f"map outlines unreadable: {error}", severity="warning", markup=False)
            return geo.Outline(lines={}, faces=())

    @cached_property
    def regions(self) -> list[tuple[str, float, float, int]]:
        """Every region with coordinates: id, lon, lat and how often the article names it."""
        pack = self.text.pack
        found = []
        for entity in pack.entities.values():
            lat, lon = entity.attrs.get("lat"), entity.attrs.get("lon")
            if entity.kind == "regions" and isinstance(lat, int | float) and isinstance(lon, int | float):
                found.append((entity.id, float(lon), float(lat), len(pack.mentions_of(entity.id))))
        return found

    def markers(self) -> list[geo.Marker]:
        """The markers in the current script (labels are names as the variant writes them).

        While a figure of a chart is selected, each place's value in that chart follows its
        name, and the values (not mention counts) decide which labels go first."""
        entities = self.text.pack.entities
        values = self.chart_values()
        markers = []
        for rid, lon, lat, weight in self.regions:
            label = visible(self.text.name(entities[rid], self.variant))
            if rid in values:
                label += f" {values[rid][1]}"
            markers.append(geo.Marker(rid, label, lon, lat, weight))
        return markers

    def chart_values(self) -> dict[str, tuple[float, str]]:
        """Each place's value in the chart of the selected figure (none if no chart is chosen):
        the selected figure's year where a place has several."""
        figures = self.text.pack.figures
        chosen = figures.get(self.selected or "")
        if chosen is None or chosen.chart is None:
            return {}
        values: dict[str, tuple[float, str]] = {}
        best: dict[str, tuple[bool, int]] = {}
        for fig in figures.values():
            if fig.chart != chosen.chart or fig.region not in self._region_ids:
                continue
            rank = (fig.year == chosen.year, fig.year or 0)
            if fig.region not in best or rank > best[fig.region]:
                best[fig.region] = rank
                # Markers compare like with like: 2000億 and 1.3萬億 in one unit (see model.charts).
                values[fig.region] = (in_unit(fig, chosen.unit), fig.value_text)
        return values

    def _points(self) -> dict[str, geo.Point]:
        """Places in ground coordinates (x east, y north) for arrow moves."""
        view = self.view
        kx = view.kx if view is not None else 1.0
        return {rid: (lon * kx, lat) for rid, lon, lat, _ in self.regions}

    # -- the interface every linked pane has -------------------------------------------------

    def show(
        self,
        variant: Variant,
        selected: str | None,
        related: set[str],
        only: set[str] | None,
        nearby: set[str] | None = None,
    ) -> None:
        """Marks, filter and script, as the list panes take them: a related place in the
        related colour, a place only nearby as ○ (its label in the nearby style)."""
        self.variant = variant
        self.selected = selected
        self.related = related
        self.nearby = (nearby or set()) - related
        self.only = only
        if selected in self._region_ids:
            self.cursor = selected
            self._keep_in_view(selected)
        self._changed()

    def highlight_id(self, item_id: str) -> None:
        """Put the cursor on a place (other items are not on the map)."""
        if item_id in self._region_ids:
            self.cursor = item_id
            self._keep_in_view(item_id)
            self._changed()

    @cached_property
    def _region_ids(self) -> set[str]:
        return {rid for rid, *_ in self.regions}

    # -- view --------------------------------------------------------------------------------

    def _home(self) -> geo.View:
        size = self.content_region.size
        return geo.frame([(lon, lat) for _, lon, lat, _ in self.regions], size.width, size.height)

    def on_resize(self, event: Resize) -> None:
        size = self.content_region.size
        if self.view is None or not self._moved:
            self.view = self._home()
        else:
            self.view = self.view.resized(size.width, size.height)
        self._changed()

    def _keep_in_view(self, rid: str) -> None:
        """Re-centre on a place the cursor moved to off the canvas."""
        if self.view is None:
            return
        for r, lon, lat, _ in self.regions:
            if r == rid and not self.view.contains(lon, lat):
                self.view = self.view.centred_on(lon, lat)
                self._moved = True

    def action_zoom(self, step: int) -> None:
        """Zoom in (1) or out (-1), about the cursor if it is on the canvas."""
        if self.view is None:
            return
        self.view = self.view.zoomed(geo.ZOOM_STEP if step > 0 else 1 / geo.ZOOM_STEP)
        if self.cursor is not None:
            self._keep_in_view(self.cursor)
        self._moved = True
        self._changed()

    def action_pan(self, direction: str) -> None:
        """Pan a few cells in an arrow's direction."""
        if self.view is None:
            return
        dx, dy = DIRECTIONS[direction]
        # Cells are twice as tall as wide: twice the columns make the same distance across.
        self.view = self.view.panned(dx * PAN_CELLS * 2, -dy * PAN_CELLS)
        self._moved = True
        self._changed()

    def action_reset(self) -> None:
        """Frame every place again."""
        self.view = self._home()
        self._moved = False
        self._changed()

    # -- cursor ------------------------------------------------------------------------------

    def action_move(self, direction: str) -> None:
        """Move the cursor to the nearest place in a direction."""
        points = {rid: p for rid, p in self._points().items() if self._bright(rid)} or self._points()
        found = geo.nearest_in_direction(points, self.cursor, DIRECTIONS[direction])
        if found is not None:
            self.cursor = found
            self._keep_in_view(found)
            self._changed()

    def action_select(self) -> None:
        """Select the place under the cursor everywhere."""
        if self.cursor is None:
            self._default_cursor()
        if self.cursor is not None:
            self.post_message(ItemChosen(self.cursor))

    def _default_cursor(self) -> None:
        if self.cursor is None and self.regions:
            self.cursor = max(self.regions, key=lambda r: (r[3], r[0]))[0]

    def on_focus(self, event: Focus) -> None:
        self._default_cursor()
        self._changed()

    def on_blur(self) -> None:
        self._changed()

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self.view is None:
            return
        cells = geo.marker_cells(self.markers(), self.view)
        hit = [rid for rid, cell in cells.items() if cell == (offset.x, offset.y)]
        placed = self._placed()
        hit += [rid for rid, p in placed.items() if p.row == offset.y and p.col <= offset.x < p.col + p.width]
        if hit:
            self.cursor = hit[0]
            self.post_message(ItemChosen(hit[0]))

    # -- drawing -----------------------------------------------------------------------------

    def _bright(self, rid: str) -> bool:
        return self.only is None or rid in self.only or rid == self.selected

    def _changed(self) -> None:
        self._lines = None
        self.refresh()

    def notify_style_update(self) -> None:
        self._lines = None
        super().notify_style_update()

    def _placed(self) -> dict[str, geo.Placed]:
        assert self.view is not None
        values = self.chart_values()
        bright = [m for m in self.markers() if self._bright(m.id)]
        if values:  # a chart is chosen: its places' labels go first, the largest values first
            bright = [
                geo.Marker(
                    m.id, m.label, m.lon, m.lat, round(values[m.id][0] * 1000) if m.id in values else -1
                )
                for m in bright
            ]
        return geo.place_labels(bright, self.view, first=self.selected or self.cursor)

    def _draw(self) -> list[Strip]:
        view = self.view
        width, height = self.content_region.size
        base = self.visual_style
        if view is None or width <= 0:
            return []
        if not self.regions:
            none = self.text.ui("（沒有地點）", self.variant)
            empty = Content.styled(none, self.get_visual_style("map--empty"))
            return [Strip(empty.render_segments(base), empty.cell_length)]
        if self._raster is None or self._raster[0] != view:
            self._raster = (view, geo.draw_outline(self.outline, view))
        raster = self._raster[1]
        style = {name: self.get_visual_style(f"map--{name}") for name in ("coast", "border", "province")}
        shade_style = self.get_visual_style("map--shade")
        shaded = self._shaded(view)
        # What each cell shows on top of the outline: (text, style, width).
        over: dict[tuple[int, int], tuple[str, VisualStyle, int]] = {}
        markers = self.markers()
        cells = geo.marker_cells(markers, view)
        glyphs = self._glyphs(markers)
        for m in markers:
            if m.id in cells:
                over[cells[m.id]] = self._marker(m.id, glyphs[m.id])
        for placed in self._placed().values():
            label_style = self._label_style(placed.id)
            over[(placed.col, placed.row)] = (placed.text, label_style, placed.width)
        lines = []
        for row in range(height):
            pieces: list[tuple[str, VisualStyle]] = []
            col = 0
            while col < width:
                shade = shade_style if (col, row) in shaded else None
                if (col, row) in over:
                    text, piece_style, cells_wide = over[(col, row)]
                    if col + cells_wide > width:
                        break
                    pieces.append((text, piece_style + shade if shade else piece_style))
                    col += cells_wide
                    continue
                char, layer = raster.cell(col, row)
                piece_style = style[layer] if layer else base
                pieces.append((char, piece_style + shade if shade else piece_style))
                col += 1
            line = Content.assemble(*pieces)
            lines.append(Strip(line.render_segments(base), line.cell_length))
        return lines

    def _shaded(self, view: geo.View) -> set[tuple[int, int]]:
        """The cells of the selected province, if a province is selected."""
        entity = self.text.pack.entities.get(self.selected or "")
        if entity is None or entity.kind != "regions" or entity.attrs.get("kind") != "province":
            return set()
        for rid, lon, lat, _ in self.regions:
            if rid == entity.id:
                face = self.outline.face_at(lon, lat)
                return geo.cells_in_face(face, view) if face else set()
        return set()

    def _glyphs(self, markers: list[geo.Marker]) -> dict[str, str]:
        """Each marker's size: by mentions, or by value in the chosen chart (half the largest
        value or more: large)."""
        values = self.chart_values()
        if not values:
            return {m.id: BIG if m.weight >= MANY_MENTIONS else SMALL for m in markers}
        top = max(abs(v) for v, _ in values.values()) or 1.0
        return {
            m.id: NO_VALUE if m.id not in values else BIG if abs(values[m.id][0]) >= top / 2 else SMALL
            for m in markers
        }

    def _marker(self, rid: str, glyph: str) -> tuple[str, VisualStyle, int]:
        if rid == self.selected:
            glyph, name = SELECTED, "selected"
        else:
            name = self._mark_name(rid, "marker" if self._bright(rid) else "dim")
            if name == "nearby":
                glyph = NEARBY
        style = self.get_visual_style(f"map--{name}")
        if rid == self.cursor and self.has_focus:
            style = style + self.get_visual_style("map--cursor")
        return glyph, style, 1

    def _mark_name(self, rid: str, otherwise: str) -> str:
        """The component class for a place that is not the selection: related, nearby or
        ``otherwise``."""
        if rid in self.related:
            return "related"
        return "nearby" if rid in self.nearby else otherwise

    def _label_style(self, rid: str) -> VisualStyle:
        name = "selected" if rid == self.selected else self._mark_name(rid, "label")
        style = self.get_visual_style(f"map--{name}")
        if rid == self.cursor and self.has_focus:
            style = style + self.get_visual_style("map--cursor")
        return style

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.visual_style.rich_style
        if self._lines is None:
            self._lines = self._draw()
        if y >= len(self._lines):
            return Strip.blank(width, base)
        return self._lines[y].extend_cell_length(width, base).crop(0, width)
