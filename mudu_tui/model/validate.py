"""Validation of a loaded ``index.yaml`` against the schema the kinds registry describes.

Validation collects every problem (never stopping at the first) with the line and column of
the offending key, and suggests the nearest valid id or key where one is close. It also
builds an index from the entries that passed, so the article's checks (names, quotes) can
run in the same pass: ``check`` reports schema and text problems together.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .charts import chart_of, unit_problems
from .errors import Problem
from .fields import PRECISIONS, Field, close_matches, date, normalise_date
from .index import Index, build_index
from .kinds import (
    CHART_FIELDS,
    KINDS,
    SCHEMA,
    SCHEMA_VERSION,
    SCHEMA_VERSIONS,
    SECTION_FIELDS,
    SINCE,
    TOP_LEVEL,
)

if TYPE_CHECKING:
    from .located import Located

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

Path_ = tuple[str | int, ...]


def with_article(noun: str) -> str:
    """``noun`` after "a" or "an": an organization, a region."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _either(nouns: list[str]) -> str:
    """organization, company or region."""
    return nouns[0] if len(nouns) == 1 else f"{', '.join(nouns[:-1])} or {nouns[-1]}"


class _Validator:
    def __init__(self, doc: Located, source: Path) -> None:
        self.doc = doc
        self.source = source
        self.problems: list[Problem] = []
        self.bad: set[Path_] = set()  # entries with a problem of their own: left out of the index
        self._required: dict[int, tuple[str, ...]] = {}

    def problem(self, path: Path_, message: str, *, exclude: bool = True) -> None:
        """Record a problem at ``path``; ``exclude``: leave its entry out of the index."""
        where = self.doc.where(path)
        line, column = where if where else (None, None)
        self.problems.append(Problem(self.source, message, line, column))
        if exclude and len(path) >= 2:
            self.bad.add(path[:2])

    def check_fields(
        self, item: dict[str, Any], spec: dict[str, Field], path: Path_, what: str | Callable[[], str]
    ) -> None:
        """Check each key of ``item`` against ``spec``; ``what`` names the item in messages
        (a callable: named only if there is something to say, as an index has thousands)."""
        for key, value in item.items():
            f = spec.get(key)
            if f is None:
                near = close_matches(str(key), spec, n=1)
                hint = f"; did you mean {near[0]!r}?" if near else ""
                self.problem((*path, key), f"unknown key {key!r} in {_named(what)}{hint}")
            elif (error := f.check(value)) is not None:
                self.problem((*path, key), f"{key!r} {error}")
        required = self._required.get(id(spec))
        if required is None:  # once per spec, not once per entry (specs live as long as self)
            required = self._required[id(spec)] = tuple(k for k, f in spec.items() if f.required)
        for key in required:
            if key not in item:
                self.problem(path, f"{_named(what)} is missing the required key {key!r}")


def _named(what: str | Callable[[], str]) -> str:
    return what if isinstance(what, str) else what()


def validate_index(doc: Located, source: Path, *, strict: bool = False) -> tuple[Index | None, list[Problem]]:
    """Check a loaded index against the schema: the index built from every entry that passed
    (None only when the file is not a mapping at all) and every problem found.

    ``strict`` also refuses entries still marked ``draft: true`` (`check --strict`)."""
    v = _Validator(doc, source)
    data = doc.data
    if not isinstance(data, dict):
        v.problem((), "the top level must be a mapping of keys (schema, title, article, …)")
        return None, v.problems
    v.check_fields(data, TOP_LEVEL, (), "the index")
    version = data.get("schema")
    if isinstance(version, int) and not isinstance(version, bool):
        if version not in SCHEMA_VERSIONS:
            known = ", ".join(map(str, SCHEMA_VERSIONS))
            v.problem(("schema",), f"schema {version} is not supported (this version reads {known})")
        else:
            for key, since in SINCE.items():
                if key in data and version < since:
                    v.problem((key,), f"{key!r} needs schema: {since} (the pack says {version})")
    if isinstance(data.get("sections"), dict):
        v.check_fields(data["sections"], SECTION_FIELDS, ("sections",), "sections")

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
            v.check_fields(item, spec, path, partial(_label, kind, i, item))
            items.append((kind, i, item))

    ids = _check_ids(v, items)
    _check_references(v, items, ids)
    charts = _check_charts(v, data, items)

    for kind, i, item in items:
        if kind == "events":
            _check_event(v, item, (kind, i))
        if kind == "figures" and item.get("disputed") and not item.get("note"):
            v.problem((kind, i), "a disputed figure needs a 'note' saying why")
        if strict and item.get("draft") is True:
            message = "a draft entry: check it against the article, then remove 'draft'"
            v.problem((kind, i, "draft"), message, exclude=False)

    return build_index(_passed(v, data, charts)), v.problems


def _label(kind: str, i: int, item: dict[str, Any]) -> str:
    """How a message names an entry: ``companies[3] (iflytek)``."""
    return f"{kind}[{i}]" + (f" ({item['id']})" if isinstance(item.get("id"), str) else "")


def _check_ids(v: _Validator, items: list[tuple[str, int, dict[str, Any]]]) -> dict[str, tuple[str, int]]:
    ids: dict[str, tuple[str, int]] = {}
    for kind, i, item in items:
        iid = item.get("id")
        if not isinstance(iid, str):
            continue
        if not _ID.match(iid):
            v.problem((kind, i, "id"), f"id {iid!r} must be lowercase ASCII: a-z, 0-9, _ and -")
        if iid in ids:
            first = v.doc.where((ids[iid][0], ids[iid][1], "id"))
            at = f" (first at line {first[0]})" if first else ""
            v.problem((kind, i, "id"), f"duplicate id {iid!r}{at}")
        else:
            ids[iid] = (kind, i)
    return ids


def _check_references(
    v: _Validator, items: list[tuple[str, int, dict[str, Any]]], ids: dict[str, tuple[str, int]]
) -> None:
    """Every id reference, by one rule: the target exists and is of a kind the key allows."""
    # The keys that refer, per kind, looked up once: an index has thousands of entries.
    referring = {kind: [(key, f) for key, f in spec.items() if f.refers] for kind, spec in SCHEMA.items()}
    for kind, i, item in items:
        for key, f in referring[kind]:
            if key not in item or f.check(item[key]) is not None:
                continue
            targets = item[key] if f.many else [item[key]]
            for j, target in enumerate(targets):
                where = (kind, i, key, j) if f.many else (kind, i, key)
                if target == item.get("id"):
                    v.problem(where, f"{key!r} refers to the entry itself", exclude=False)
                    continue
                if target in ids and ids[target][0] in f.refers:
                    continue
                allowed = [t for t, (k, _) in ids.items() if k in f.refers]
                near = close_matches(str(target), allowed, n=1)
                hint = f"; did you mean {near[0]!r}?" if near else ""
                nouns = [KINDS[k].singular for k in f.refers]
                noun = _either(nouns) if len(nouns) <= 3 else "entity"
                if target in ids:
                    found = with_article(KINDS[ids[target][0]].singular)
                    message = f"{target!r} is {found}, not {with_article(noun)}"
                    v.problem(where, message, exclude=False)
                else:
                    v.problem(where, f"unknown {noun} {target!r}{hint}", exclude=False)


def _check_charts(
    v: _Validator, data: dict[str, Any], items: list[tuple[str, int, dict[str, Any]]]
) -> list[dict[str, Any]]:
    """Declared charts, each figure's chart, and units that can share a chart; the good charts."""
    declared: dict[str, dict[str, Any]] = {}
    entries = data.get("charts") if isinstance(data.get("charts"), list) else []
    for i, chart in enumerate(entries or []):
        if not isinstance(chart, dict):
            v.problem(("charts", i), "each entry of 'charts' must be a mapping")
            continue
        before = len(v.problems)
        label = f"charts[{i}]" + (f" ({chart['id']})" if isinstance(chart.get("id"), str) else "")
        v.check_fields(chart, CHART_FIELDS, ("charts", i), label)
        if isinstance(chart.get("id"), str) and chart["id"] in declared:
            v.problem(("charts", i, "id"), f"duplicate chart id {chart['id']!r}")
        elif len(v.problems) == before:
            declared[chart["id"]] = chart | {"_at": i}
    from .index import Chart, Figure

    charts = {k: Chart(k, c["title"], c["unit"], c.get("kind", "bars")) for k, c in declared.items()}
    grouped: dict[str, list[tuple[int, Figure]]] = {}
    for kind, i, item in items:
        if kind != "figures" or not isinstance(item.get("chart"), str) or ("figures", i) in v.bad:
            continue
        key = item["chart"]
        if "charts" in data and key not in declared:
            near = close_matches(key, declared, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            v.problem(("figures", i, "chart"), f"'chart': unknown chart {key!r}{hint}")
            continue
        figure = Figure(item["id"], item["metric"], item["value"], item["unit"], item["quote"])
        grouped.setdefault(key, []).append((i, figure))
    for key, members in grouped.items():
        drawn = chart_of(key, charts, [f for _, f in members])
        if drawn.kind == "list":
            continue
        at = {f.id: i for i, f in members}
        for figure, why in unit_problems(drawn.unit, drawn.figures):
            v.problem(("figures", at[figure.id], "unit"), f"{why} ({key!r} draws bars; use kind: list)")
    return [c for k, c in declared.items() if k in charts]


def _passed(v: _Validator, data: dict[str, Any], charts: list[dict[str, Any]]) -> dict[str, Any]:
    """The index's data with what failed left out, so the article's checks can still run."""
    passed: dict[str, Any] = {}
    for key in ("title", "article", "source", "language"):
        passed[key] = data[key] if TOP_LEVEL[key].check(data.get(key)) is None else ""
    for key, spec in TOP_LEVEL.items():  # other blocks (the script rules) as they are, if valid
        if key not in passed and key not in SCHEMA and key not in ("sections", "charts", "note", "schema"):
            if key in data and spec.check(data[key]) is None:
                passed[key] = data[key]
    passed["note"] = data.get("note") if isinstance(data.get("note"), str) else None
    passed["schema"] = data.get("schema") if data.get("schema") in SCHEMA_VERSIONS else SCHEMA_VERSION
    sections = data.get("sections")
    if isinstance(sections, dict) and ("sections",) not in v.bad:
        passed["sections"] = {k: s for k, s in sections.items() if ("sections", k) not in v.bad}
    if "charts" in data:
        passed["charts"] = [{k: c for k, c in chart.items() if k != "_at"} for chart in charts]
    for kind in SCHEMA:
        entries = data.get(kind)
        if isinstance(entries, list):
            good = [(i, item) for i, item in enumerate(entries) if isinstance(item, dict)]
            passed[kind] = [dict(item) for i, item in good if (kind, i) not in v.bad]
    _drop_dangling(passed)
    return passed


def _drop_dangling(data: dict[str, Any]) -> None:
    """Leave out references to entries that were left out (so the index stays consistent)."""
    ids = {item["id"] for kind in SCHEMA for item in data.get(kind) or []}
    charts = {c["id"] for c in data.get("charts") or []}
    for kind, spec in SCHEMA.items():
        for item in data.get(kind) or []:
            for key, f in spec.items():
                if f.refers and key in item:
                    if f.many:
                        item[key] = [t for t in item[key] if t in ids]
                    elif item[key] not in ids:
                        del item[key]
            if kind == "figures" and "charts" in data and item.get("chart") not in charts:
                item.pop("chart", None)


def _check_event(v: _Validator, item: dict[str, Any], path: Path_) -> None:
    value = item.get("date")
    precision = item.get("precision")
    if date(value) is None and precision in PRECISIONS:
        parts = len(normalise_date(value).split("-"))
        if PRECISIONS[parts - 1] != precision:
            v.problem(
                (*path, "precision"),
                f"precision {precision!r} does not agree with the date {normalise_date(value)!r}",
            )
    if item.get("inferred") and not item.get("note"):
        v.problem(path, "an inferred date needs a 'note' saying how it was worked out")
