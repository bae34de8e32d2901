"""Validation of a loaded ``index.yaml`` against the schema the kinds registry describes.

Validation collects every problem (never stopping at the first) with the line and column of
the offending key, and suggests the nearest valid id or key where one is close.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Problem
from .fields import PRECISIONS, Field, close_matches, date, normalise_date
from .index import Index, build_index
from .kinds import KINDS, SCHEMA, TOP_LEVEL

if TYPE_CHECKING:
    from .yamlload import Located

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


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
                near = close_matches(key, spec, n=1)
                hint = f"; did you mean {near[0]!r}?" if near else ""
                self.problem((*path, key), f"unknown key {key!r} in {what}{hint}")
            elif (error := spec[key].check(value)) is not None:
                self.problem((*path, key), f"{key!r} {error}")
        for key, f in spec.items():
            if f.required and key not in item:
                self.problem(path, f"{what} is missing the required key {key!r}")


def validate_index(
    doc: Located, source: Path, *, strict: bool = False
) -> tuple[Index | None, list[Problem]]:
    """Check a loaded index against the schema; the Index, or None and the problems.

    ``strict`` also refuses entries still marked ``draft: true`` (`check --strict`)."""
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
                near = close_matches(str(target), allowed, n=1)
                hint = f"; did you mean {near[0]!r}?" if near else ""
                noun = " or ".join(KINDS[k].singular for k in f.refers[:3])
                if target in ids:
                    v.problem(where, f"{target!r} is a {KINDS[ids[target][0]].singular}, not a {noun}")
                else:
                    v.problem(where, f"unknown {noun if len(f.refers) <= 3 else 'entity'} {target!r}{hint}")

    for kind, i, item in items:
        if kind == "events":
            _check_event(v, item, (kind, i))
        if kind == "figures" and item.get("disputed") and not item.get("note"):
            v.problem((kind, i), "a disputed figure needs a 'note' saying why")
        if strict and item.get("draft") is True:
            v.problem((kind, i, "draft"), "a draft entry: check it against the article, then remove 'draft'")

    if v.problems:
        return None, v.problems
    return build_index(data), []


def _check_event(v: _Validator, item: dict[str, Any], path: tuple[str | int, ...]) -> None:
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


