"""The entity index: its schema, its data classes, and validation of a loaded ``index.yaml``.

Validation collects every problem (never stopping at the first) with the line and column of
the offending key, and suggests the nearest valid id or key where one is close.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import Problem

if TYPE_CHECKING:
    from .yamlload import Located

#: The entity kinds, in pane order, with their Chinese and English titles.
ENTITY_KINDS: dict[str, tuple[str, str]] = {
    "regions": ("城市", "Cities"),
    "companies": ("企業", "Companies"),
    "organizations": ("機構", "Organizations"),
    "people": ("人物", "People"),
    "policies": ("政策", "Policies"),
    "products": ("產品", "Products"),
}


def _close_matches(word: str, options: Any, n: int = 1) -> list[str]:
    # difflib only when a did-you-mean is needed: opening a cached pack never needs it.
    import difflib

    return difflib.get_close_matches(word, options, n=n)


REGION_KINDS = ("country", "province", "city", "district")
ORGANIZATION_KINDS = (
    "government",
    "lab",
    "exchange",
    "standards",
    "consultancy",
    "media",
    "conference",
    "research",
    "industry-base",
)
POLICY_KINDS = ("law", "regulation", "plan", "programme", "agreement")
PRECISIONS = ("year", "month", "day")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")

Check = Callable[[Any], str | None]


def _str(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "must be a non-empty string"
    return None


def _str_list(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        return "must be a list of non-empty strings"
    return None


def _number(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "must be a number"
    return None


def _int(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return "must be a whole number"
    return None


def _bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _date(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return None
    if isinstance(value, int) and 1000 <= value <= 9999:
        return None
    if not isinstance(value, str) or not (m := _DATE.match(value)):
        return "must be a date: YYYY, YYYY-MM or YYYY-MM-DD"
    year, month, day = (int(g) if g else None for g in m.groups())
    try:
        dt.date(year or 1, month or 1, day or 1)
    except ValueError as exc:
        return f"is not a valid date ({exc})"
    return None


def _one_of(options: tuple[str, ...]) -> Check:
    def check(value: Any) -> str | None:
        if value in options:
            return None
        near = _close_matches(str(value), options, n=1)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        return f"must be one of {', '.join(options)}{hint}"

    return check


def _forms(value: Any) -> str | None:
    if not isinstance(value, dict) or not all(
        k in ("simplified", "taiwan", "hongkong") and isinstance(v, str) and v for k, v in value.items()
    ):
        return "must map simplified/taiwan/hongkong to names"
    return None


class Field(NamedTuple):
    """One key of the schema: its check, whether required, and what ids it may refer to."""

    check: Check
    required: bool = False
    refers: tuple[str, ...] = ()  # kinds whose ids it may name (a list of ids if many=True)
    many: bool = False


_ALL_NAMED = tuple(ENTITY_KINDS)
_COMMON: dict[str, Field] = {
    "id": Field(_str, True),
    "name": Field(_str, True),
    "aliases": Field(_str_list),
    "en": Field(_str, True),
    "pinyin": Field(_str),
    "summary": Field(_str, True),
    "note": Field(_str),
    "forms": Field(_forms),
    "related": Field(_str_list, refers=(*_ALL_NAMED, "events", "figures"), many=True),
}

SCHEMA: dict[str, dict[str, Field]] = {
    "regions": {
        **_COMMON,
        "kind": Field(_one_of(REGION_KINDS), True),
        "parent": Field(_str, refers=("regions",)),
        "lat": Field(_number, True),
        "lon": Field(_number, True),
    },
    "companies": {
        **_COMMON,
        "region": Field(_str, True, refers=("regions",)),
        "parent": Field(_str, refers=("companies",)),
    },
    "organizations": {
        **_COMMON,
        "kind": Field(_one_of(ORGANIZATION_KINDS), True),
        "region": Field(_str, refers=("regions",)),
        "parent": Field(_str, refers=("organizations", "companies")),
    },
    "people": {
        **_COMMON,
        "role": Field(_str, True),
        "affiliation": Field(_str, True, refers=("organizations", "companies")),
        "region": Field(_str, refers=("regions",)),
    },
    "policies": {
        **_COMMON,
        "kind": Field(_one_of(POLICY_KINDS), True),
        "issuer": Field(_str, refers=("organizations", "regions", "companies")),
        "date": Field(_date),
    },
    "products": {
        **_COMMON,
        "maker": Field(_str, True, refers=("companies", "organizations")),
        "date": Field(_date),
    },
    "events": {
        "id": Field(_str, True),
        "date": Field(_date, True),
        "precision": Field(_one_of(PRECISIONS), True),
        "inferred": Field(_bool),
        "note": Field(_str),
        "summary": Field(_str, True),
        "en": Field(_str),
        "quote": Field(_str, True),
        "involves": Field(_str_list, True, refers=_ALL_NAMED, many=True),
    },
    "figures": {
        "id": Field(_str, True),
        "metric": Field(_str, True),
        "en": Field(_str),
        "value": Field(_number, True),
        "unit": Field(_str, True),
        "year": Field(_int),
        "region": Field(_str, refers=("regions",)),
        "quote": Field(_str, True),
        "chart": Field(_str),
        "label": Field(_str),
        "forecast": Field(_bool),
        "disputed": Field(_bool),
        "note": Field(_str),
        "involves": Field(_str_list, refers=_ALL_NAMED, many=True),
    },
}

TOP_LEVEL: dict[str, Field] = {
    "schema": Field(_int, True),
    "title": Field(_str, True),
    "article": Field(_str, True),
    "source": Field(_str, True),
    "language": Field(_str, True),
    "note": Field(_str),
    **{kind: Field(lambda v: None if isinstance(v, list) else "must be a list") for kind in SCHEMA},
}

#: Relation keys shown in the details pane, with their Chinese labels.
RELATION_LABELS: dict[str, str] = {
    "parent": "上級",
    "region": "所在地",
    "affiliation": "所屬",
    "issuer": "發布者",
    "maker": "出品",
    "related": "相關",
}


@dataclass(frozen=True)
class Entity:
    """A named entity of one kind, as the index gives it."""

    id: str
    kind: str
    name: str
    aliases: tuple[str, ...]
    en: str
    summary: str
    pinyin: str | None = None
    note: str | None = None
    forms: dict[str, str] = field(default_factory=dict)
    attrs: dict[str, Any] = field(default_factory=dict)
    relations: tuple[tuple[str, str], ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The name and every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Event:
    """A dated event of the timeline, resting on a quote from the article."""

    id: str
    date: str
    precision: str
    summary: str
    quote: str
    involves: tuple[str, ...]
    inferred: bool = False
    note: str | None = None
    en: str | None = None

    @property
    def sort_key(self) -> str:
        """Dates sort as text once padded: 2023 < 2023-07 < 2023-08-11."""
        return self.date

    @property
    def label(self) -> str:
        """The date at the precision the article gives: 2020年, 2023年7月, 2017年11月17日."""
        return date_label(self.date)


def date_label(date: str) -> str:
    """``2017-11-17`` as 2017年11月17日, ``2023-07`` as 2023年7月, ``2020`` as 2020年."""
    parts = [int(p) for p in date.split("-")]
    text = f"{parts[0]}年"
    if len(parts) > 1:
        text += f"{parts[1]}月"
    if len(parts) > 2:
        text += f"{parts[2]}日"
    return text


@dataclass(frozen=True)
class Figure:
    """A number from the article: what it measures, its value and unit, and its quote."""

    id: str
    metric: str
    value: float
    unit: str
    quote: str
    year: int | None = None
    region: str | None = None
    chart: str | None = None
    label: str | None = None
    forecast: bool = False
    disputed: bool = False
    note: str | None = None
    en: str | None = None
    involves: tuple[str, ...] = ()

    @property
    def value_text(self) -> str:
        """The value as the article writes it: 3821, 3.98, 4.78."""
        if isinstance(self.value, float) and self.value.is_integer() and abs(self.value) < 1e16:
            return str(int(self.value))
        return str(self.value)


@dataclass
class Index:
    """A validated index: metadata, entities by id, events and figures."""

    title: str
    article: str
    source: str
    language: str
    note: str | None
    entities: dict[str, Entity]
    events: list[Event]
    figures: list[Figure]

    def of_kind(self, kind: str) -> list[Entity]:
        """The entities of one kind, in index order."""
        return [e for e in self.entities.values() if e.kind == kind]


def _normalise_date(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _Validator:
    def __init__(self, doc: Located, source: Path) -> None:
        self.doc = doc
        self.source = source
        self.problems: list[Problem] = []

    def problem(self, path: tuple[str | int, ...], message: str) -> None:
        where = self.doc.where(path)
        line, column = where if where else (None, None)
        self.problems.append(Problem(self.source, message, line, column))

    def check_fields(
        self, item: dict[str, Any], spec: dict[str, Field], path: tuple[str | int, ...], what: str
    ) -> None:
        for key, value in item.items():
            if key not in spec:
                near = _close_matches(key, spec, n=1)
                hint = f"; did you mean {near[0]!r}?" if near else ""
                self.problem((*path, key), f"unknown key {key!r} in {what}{hint}")
            elif (error := spec[key].check(value)) is not None:
                self.problem((*path, key), f"{key!r} {error}")
        for key, f in spec.items():
            if f.required and key not in item:
                self.problem(path, f"{what} is missing the required key {key!r}")


_SINGULAR = {
    "regions": "region",
    "companies": "company",
    "organizations": "organization",
    "people": "person",
    "policies": "policy",
    "products": "product",
    "events": "event",
    "figures": "figure",
}


def validate_index(doc: Located, source: Path) -> tuple[Index | None, list[Problem]]:
    """Check a loaded index against the schema; the Index, or None and the problems."""
    v = _Validator(doc, source)
    data = doc.data
    if not isinstance(data, dict):
        v.problem((), "the top level must be a mapping of keys (schema, title, article, …)")
        return None, v.problems
    v.check_fields(data, TOP_LEVEL, (), "the index")
    if isinstance(data.get("schema"), int) and data["schema"] != 1:
        v.problem(("schema",), f"schema {data['schema']} is not supported (this is version 1)")

    items: list[tuple[str, int, dict[str, Any]]] = []
    for kind, spec in SCHEMA.items():
        entries = data.get(kind) or []
        if not isinstance(entries, list):
            continue
        for i, item in enumerate(entries):
            path = (kind, i)
            if not isinstance(item, dict):
                v.problem(path, f"each entry of {kind!r} must be a mapping")
                continue
            label = f"{kind}[{i}]" + (f" ({item['id']})" if isinstance(item.get("id"), str) else "")
            v.check_fields(item, spec, path, label)
            items.append((kind, i, item))

    ids: dict[str, tuple[str, int]] = {}
    for kind, i, item in items:
        iid = item.get("id")
        if not isinstance(iid, str):
            continue
        if not _ID.match(iid):
            v.problem((kind, i, "id"), f"id {iid!r} must be lowercase ASCII: a-z, 0-9, _ and -")
        if iid in ids:
            first = doc.where((ids[iid][0], ids[iid][1], "id"))
            at = f" (first at line {first[0]})" if first else ""
            v.problem((kind, i, "id"), f"duplicate id {iid!r}{at}")
        else:
            ids[iid] = (kind, i)

    for kind, i, item in items:
        for key, f in SCHEMA[kind].items():
            if not f.refers or key not in item or f.check(item[key]) is not None:
                continue
            targets = item[key] if f.many else [item[key]]
            for j, target in enumerate(targets):
                where = (kind, i, key, j) if f.many else (kind, i, key)
                if target == item.get("id"):
                    v.problem(where, f"{key!r} refers to the entry itself")
                    continue
                if target in ids and ids[target][0] in f.refers:
                    continue
                allowed = [t for t, (k, _) in ids.items() if k in f.refers]
                near = _close_matches(str(target), allowed, n=1)
                hint = f"; did you mean {near[0]!r}?" if near else ""
                noun = " or ".join(_SINGULAR[k] for k in f.refers[:3])
                if target in ids:
                    v.problem(where, f"{target!r} is a {_SINGULAR[ids[target][0]]}, not a {noun}")
                else:
                    v.problem(where, f"unknown {noun if len(f.refers) <= 3 else 'entity'} {target!r}{hint}")

    for kind, i, item in items:
        if kind == "events":
            _check_event(v, item, (kind, i))
        if kind == "figures" and item.get("disputed") and not item.get("note"):
            v.problem((kind, i), "a disputed figure needs a 'note' saying why")

    if v.problems:
        return None, v.problems
    return _build(data), []


def _check_event(v: _Validator, item: dict[str, Any], path: tuple[str | int, ...]) -> None:
    date = item.get("date")
    precision = item.get("precision")
    if _date(date) is None and precision in PRECISIONS:
        parts = len(_normalise_date(date).split("-"))
        if PRECISIONS[parts - 1] != precision:
            v.problem(
                (*path, "precision"),
                f"precision {precision!r} does not agree with the date {_normalise_date(date)!r}",
            )
    if item.get("inferred") and not item.get("note"):
        v.problem(path, "an inferred date needs a 'note' saying how it was worked out")


_RELATION_KEYS = ("parent", "region", "affiliation", "issuer", "maker")


def _build(data: dict[str, Any]) -> Index:
    entities: dict[str, Entity] = {}
    for kind in ENTITY_KINDS:
        for item in data.get(kind) or []:
            relations = [(k, item[k]) for k in _RELATION_KEYS if k in item]
            relations += [("related", r) for r in item.get("related", [])]
            attrs = {k: val for k, val in item.items() if k not in _COMMON and k not in _RELATION_KEYS}
            if "date" in attrs:
                attrs["date"] = _normalise_date(attrs["date"])
            entities[item["id"]] = Entity(
                id=item["id"],
                kind=kind,
                name=item["name"],
                aliases=tuple(item.get("aliases", [])),
                en=item["en"],
                summary=item["summary"],
                pinyin=item.get("pinyin"),
                note=item.get("note"),
                forms=dict(item.get("forms", {})),
                attrs=attrs,
                relations=tuple(relations),
            )
    events = [
        Event(
            id=e["id"],
            date=_normalise_date(e["date"]),
            precision=e["precision"],
            summary=e["summary"],
            quote=e["quote"],
            involves=tuple(e["involves"]),
            inferred=bool(e.get("inferred", False)),
            note=e.get("note"),
            en=e.get("en"),
        )
        for e in data.get("events") or []
    ]
    events.sort(key=lambda e: e.sort_key)
    figures = [
        Figure(
            id=f["id"],
            metric=f["metric"],
            value=f["value"],
            unit=f["unit"],
            quote=f["quote"],
            year=f.get("year"),
            region=f.get("region"),
            chart=f.get("chart"),
            label=f.get("label"),
            forecast=bool(f.get("forecast", False)),
            disputed=bool(f.get("disputed", False)),
            note=f.get("note"),
            en=f.get("en"),
            involves=tuple(f.get("involves", [])),
        )
        for f in data.get("figures") or []
    ]
    return Index(
        title=data["title"],
        article=data["article"],
        source=data["source"],
        language=data["language"],
        note=data.get("note"),
        entities=entities,
        events=events,
        figures=figures,
    )
