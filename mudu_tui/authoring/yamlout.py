"""The draft index written as YAML an author edits by hand: keys in schema order, short lists
on one line, a blank line before each kind."""

from __future__ import annotations

import re
from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    """Lists of plain values (aliases, involves) in flow style: ``[a, b]``."""


def _list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(isinstance(x, (str, int, float)) for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _list)
_TOP_LIST = re.compile(r"^(?=[a-z]+:\n)", re.MULTILINE)


def dump_index(index: dict[str, Any]) -> str:
    """``index`` as YAML text."""
    text = yaml.dump(index, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)
    return _TOP_LIST.sub("\n", text)
