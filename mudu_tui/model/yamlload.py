"""A safe, bounded YAML loader that remembers where every value stands.

Only plain data is built (mappings, sequences, strings, numbers, booleans, null, dates): tags
that would build Python objects are refused. The text is composed first (libyaml's composer
links an alias to the node it names and copies nothing, so memory stays bounded by the text);
before any value is built, one pass over the composed nodes bounds the nesting depth and the
number of aliases, so an alias bomb ("billion laughs") or a deeply nested document is refused
at once. Positions are looked up in the composed nodes only when a problem is reported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from itertools import chain
from pathlib import Path
from typing import Any

import yaml

from .errors import PackError, Problem
from .limits import MAX_INDEX_VALUES, REASON
from .located import Located, Path_

MAX_DEPTH = 32
MAX_ALIASES = 64
#: Values built at most: an alias bomb is cut off here too.
MAX_NODES = MAX_INDEX_VALUES

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


_YAML_TAG = "tag:yaml.org,2002:"


class _Screen:
    """Refuses tags that are not plain data, nesting deeper than MAX_DEPTH and more than
    MAX_ALIASES aliases, before anything is built. Composing only links an alias to the node
    it names (nothing is copied, so memory stays bounded by the text); this visits each node
    once, and a node reached a second time is an alias."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.seen: set[int] = set()
        self.aliases = 0

    def _refuse(self, message: str, node: yaml.Node) -> PackError:
        return PackError([Problem(self.source, message, *_mark(node))])

    def _alias(self, at: yaml.Node) -> None:
        """A node met a second time: an alias, written at ``at`` (the key it is the value of,
        or the list it is in)."""
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            message = f"more than {MAX_ALIASES} aliases (*name); refused as a possible alias bomb"
            raise self._refuse(message, at)

    def _tag(self, node: yaml.Node) -> None:
        tag = node.tag
        if not tag.startswith(_YAML_TAG) or tag.startswith("python", len(_YAML_TAG)):
            # Other tags are refused as they are built (not plain data); these say why.
            if tag.startswith("!") and not tag.startswith("!!"):
                raise self._refuse(f"custom tag {tag!r} is not allowed", node)
            if tag.startswith((_YAML_TAG + "python", "!!python")):
                raise self._refuse(f"tag {tag!r} would build a Python object; refused", node)

    def visit(self, node: yaml.Node, depth: int = 1) -> None:
        """Check ``node`` (met for the first time) and, if it is a collection at nesting
        ``depth``, all that is under it (the recursion stops at MAX_DEPTH)."""
        self.seen.add(id(node))
        self._tag(node)
        if type(node) is yaml.ScalarNode:
            return
        if depth > MAX_DEPTH:
            raise self._refuse(f"nested more than {MAX_DEPTH} levels deep", node)
        seen = self.seen
        scalar = yaml.ScalarNode
        # (child, where an alias there is written): a key and its value, or a list's items.
        children: Iterable[tuple[yaml.Node, yaml.Node]] = (
            chain.from_iterable(((key, key), (value, key)) for key, value in node.value)
            if isinstance(node, yaml.MappingNode)
            else ((item, node) for item in node.value)
        )
        for child, at in children:
            # The common case inline (a plain scalar met once): a pack has hundreds of thousands.
            if id(child) in seen:
                self._alias(at)
            elif type(child) is scalar and child.tag.startswith(_YAML_TAG):
                seen.add(id(child))
                if child.tag.startswith("python", len(_YAML_TAG)):
                    self._tag(child)
            else:
                self.visit(child, depth + 1)


def _screen(root: yaml.Node, source: Path) -> None:
    _Screen(source).visit(root)


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


_STR = "tag:yaml.org,2002:str"


class _Builder:
    def __init__(self, source: Path) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.nodes = 0
        self._constructor = yaml.constructor.SafeConstructor()
        self._open: set[int] = set()

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            message = f"more than {MAX_NODES:,} values; the limit is {MAX_NODES:,}: {REASON}"
            raise PackError([Problem(self.source, message, *_mark(node))])
        tag = node.tag
        if tag == _STR and type(node) is yaml.ScalarNode:
            return node.value  # most values: what the constructor would return, without its bookkeeping
        if tag not in _PLAIN_TAGS:
            raise PackError([Problem(self.source, f"tag {tag!r} is not plain data; refused", *_mark(node))])
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
                    return self._mapping(node, depth + 1)
                return [self.build(item, depth + 1) for item in node.value]
            finally:
                self._open.discard(id(node))
        try:
            value = self._constructor.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError, OverflowError) as exc:
            if tag == "tag:yaml.org,2002:timestamp":
                # 2023-02-30: keep the text; the validator explains what is wrong with the date.
                return node.value
            reason = getattr(exc, "problem", None) or str(exc)
            raise PackError(
                [Problem(self.source, f"cannot read the value {node.value!r}: {reason}", *_mark(node))]
            ) from None
        if isinstance(value, dt.datetime):
            value = value.isoformat()
        return value

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise PackError([Problem(self.source, "merge keys (<<) are not supported", *_mark(key_node))])
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "a collection"
                self.problems.append(Problem(self.source, f"key {shown!r} is not a string", *_mark(key_node)))
                continue
            key = key_node.value
            if key in result:
                line, column = _mark(key_node)
                self.problems.append(
                    Problem(
                        self.source,
                        f"duplicate key {key!r} (first at line {first_line[key]})",
                        line,
                        column,
                    )
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, depth)
        return result


class _Positions:
    """Where a value stands, found in the composed document when a problem asks for it: the
    key's position for a mapping's value, the item's own for a list's (as an editor shows
    them). Looking positions up only on demand keeps them off the path of a pack that passes."""

    def __init__(self, root: yaml.Node) -> None:
        self.root = root

    def __call__(self, path: Path_) -> tuple[int, int] | None:
        node = self.root
        at = _mark(node)
        for part in path:
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:  # the first of duplicate keys is the one kept
                    if type(key_node) is yaml.ScalarNode and key_node.tag == _STR and key_node.value == part:
                        node, at = value_node, _mark(key_node)
                        break
                else:
                    return None
            elif isinstance(node, yaml.SequenceNode) and type(part) is int and 0 <= part < len(node.value):
                node = node.value[part]
                at = _mark(node)
            else:
                return None
        return at


def load_yaml(text: str, source: Path) -> Located:
    """Parse ``text`` into plain data with positions; PackError for anything unsafe or broken."""
    if not text.strip():
        raise PackError([Problem(source, "the file is empty")])
    try:
        nodes = list(yaml.compose_all(text, Loader=_LOADER))
    except yaml.YAMLError as exc:
        raise _syntax_problem(exc, source, text) from None
    except RecursionError:  # the pure-Python composer, on nesting that libyaml refuses itself
        raise PackError([Problem(source, f"nested more than {MAX_DEPTH} levels deep")]) from None
    except UnicodeEncodeError:
        raise PackError([Problem(source, "the text holds lone surrogates, which are not Unicode")]) from None
    if len(nodes) != 1 or nodes[0] is None:
        raise PackError([Problem(source, "expected exactly one YAML document")])
    _screen(nodes[0], source)
    builder = _Builder(source)
    try:
        data = builder.build(nodes[0])
    except (yaml.YAMLError, ValueError) as exc:
        raise PackError([Problem(source, f"cannot read a value: {exc}")]) from None
    except RecursionError:
        raise PackError([Problem(source, "the document is nested too deeply")]) from None
    if builder.problems:
        raise PackError(builder.problems)
    return Located(data, locate=_Positions(nodes[0]))
