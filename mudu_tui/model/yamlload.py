"""A safe, bounded YAML loader that remembers where every value stands.

Only plain data is built (mappings, sequences, strings, numbers, booleans, null, dates): tags
that would build Python objects are refused. Before anything is built, one pass over the event
stream bounds the nesting depth and the number of aliases, so an alias bomb ("billion laughs")
or a deeply nested document is refused at once with bounded memory.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from .errors import PackError, Problem
from .located import Located, Path_

MAX_DEPTH = 32
MAX_ALIASES = 64
MAX_NODES = 200_000

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

#: libyaml when PyYAML was built with it (about ten times faster), else the pure-Python parser;
#: both only parse and compose here: values are built by ``_Builder`` below.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _mark(node: yaml.Node | yaml.Event) -> tuple[int, int]:
    mark = node.start_mark
    if mark is None:  # PyYAML's parser always sets it; its types allow None
        return 0, 0
    return mark.line + 1, mark.column + 1


def _prescan(text: str, source: Path) -> None:
    depth = 0
    aliases = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            tag = getattr(event, "tag", None)
            if tag and tag.startswith("!") and not tag.startswith("!!"):
                raise PackError([Problem(source, f"custom tag {tag!r} is not allowed", *_mark(event))])
            if tag and tag.startswith(("tag:yaml.org,2002:python", "!!python")):
                raise PackError(
                    [Problem(source, f"tag {tag!r} would build a Python object; refused", *_mark(event))]
                )
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise PackError(
                        [Problem(source, f"nested more than {MAX_DEPTH} levels deep", *_mark(event))]
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    raise PackError(
                        [
                            Problem(
                                source,
                                f"more than {MAX_ALIASES} aliases (*name); refused as a possible alias bomb",
                                *_mark(event),
                            )
                        ]
                    )
    except yaml.YAMLError as exc:
        raise _syntax_problem(exc, source, text) from None
    except UnicodeEncodeError:
        raise PackError([Problem(source, "the text holds lone surrogates, which are not Unicode")]) from None


def _syntax_problem(exc: yaml.YAMLError, source: Path, text: str) -> PackError:
    if isinstance(exc, yaml.reader.ReaderError):
        # A character YAML does not allow (control characters such as ESC or NUL). The reader
        # stops at the first one; libyaml gives its position in bytes, so find it by character.
        found = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        at = found if found >= 0 else exc.position
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = (
            f"control character U+{code:04X} is not allowed in YAML; remove it, or write it "
            "as an escape in a double-quoted string"
        )
        return PackError([Problem(source, message, line, column)])
    if not isinstance(exc, yaml.MarkedYAMLError):
        return PackError([Problem(source, f"YAML: {exc}")])
    mark = exc.problem_mark or exc.context_mark
    message = f"YAML syntax: {exc.problem or exc.context}"
    if exc.context and exc.problem:
        message = f"YAML syntax: {exc.problem} ({exc.context})"
    if "maximum nesting depth" in str(exc.problem):
        # libyaml's own limit (1000), met while it scans ahead of our depth count.
        message = f"nested more than {MAX_DEPTH} levels deep"
    if mark is None:
        return PackError([Problem(source, message)])
    return PackError([Problem(source, message, mark.line + 1, mark.column + 1)])


class _Builder:
    def __init__(self, source: Path) -> None:
        self.source = source
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.nodes = 0
        self._constructor = yaml.constructor.SafeConstructor()
        self._open: set[int] = set()

    def build(self, node: yaml.Node, path: Path_, depth: int = 0) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise PackError([Problem(self.source, f"more than {MAX_NODES} values; refused", *_mark(node))])
        self.marks.setdefault(path, _mark(node))
        if node.tag not in _PLAIN_TAGS:
            raise PackError(
                [Problem(self.source, f"tag {node.tag!r} is not plain data; refused", *_mark(node))]
            )
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            # Aliases can nest deeper than the text shows, or refer to their own ancestor.
            if depth >= MAX_DEPTH:
                raise PackError(
                    [Problem(self.source, f"nested more than {MAX_DEPTH} levels deep", *_mark(node))]
                )
            if id(node) in self._open:
                raise PackError(
                    [
                        Problem(
                            self.source, "an alias refers to a value that contains it; refused", *_mark(node)
                        )
                    ]
                )
            self._open.add(id(node))
            try:
                if isinstance(node, yaml.MappingNode):
                    return self._mapping(node, path, depth + 1)
                return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
            finally:
                self._open.discard(id(node))
        try:
            value = self._constructor.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError, OverflowError) as exc:
            if node.tag == "tag:yaml.org,2002:timestamp":
                # 2023-02-30: keep the text; the validator explains what is wrong with the date.
                return node.value
            reason = getattr(exc, "problem", None) or str(exc)
            raise PackError(
                [Problem(self.source, f"cannot read the value {node.value!r}: {reason}", *_mark(node))]
            ) from None
        if isinstance(value, dt.datetime):
            value = value.isoformat()
        return value

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise PackError([Problem(self.source, "merge keys (<<) are not supported", *_mark(key_node))])
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "a collection"
                self.problems.append(Problem(self.source, f"key {shown!r} is not a string", *_mark(key_node)))
                continue
            key = key_node.value
            line, column = _mark(key_node)
            if key in result:
                self.problems.append(
                    Problem(
                        self.source,
                        f"duplicate key {key!r} (first at line {first_line[key]})",
                        line,
                        column,
                    )
                )
                continue
            first_line[key] = line
            self.marks[(*path, key)] = (line, column)
            result[key] = self.build(value_node, (*path, key), depth)
        return result


def load_yaml(text: str, source: Path) -> Located:
    """Parse ``text`` into plain data with positions; PackError for anything unsafe or broken."""
    if not text.strip():
        raise PackError([Problem(source, "the file is empty")])
    _prescan(text, source)
    try:
        nodes = list(yaml.compose_all(text, Loader=_LOADER))
    except yaml.YAMLError as exc:
        raise _syntax_problem(exc, source, text) from None
    except RecursionError:
        raise PackError([Problem(source, "the document is nested too deeply")]) from None
    if len(nodes) != 1 or nodes[0] is None:
        raise PackError([Problem(source, "expected exactly one YAML document")])
    builder = _Builder(source)
    try:
        data = builder.build(nodes[0], ())
    except (yaml.YAMLError, ValueError) as exc:
        raise PackError([Problem(source, f"cannot read a value: {exc}")]) from None
    except RecursionError:
        raise PackError([Problem(source, "the document is nested too deeply")]) from None
    if builder.problems:
        raise PackError(builder.problems)
    return Located(data, builder.marks)
