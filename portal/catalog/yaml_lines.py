"""Read YAML fast and keep where each key and item was: libyaml's parser, YAML 1.2 scalars.

The catalog is read on every validation, build and history count, and a 1,000-entry catalog
took ruamel's pure-Python round-trip loader about 8 s. libyaml (through PyYAML) reads it in a
fraction of that; this module adds back what the loader needs from ruamel: the line of every
mapping key and sequence item (``node.lc.key(k)``, ``node.lc.item(i)``, ``node.lc.line``, the
same shape as ruamel's), an error for duplicate keys, and YAML 1.2's scalars (``yes``, ``on``,
``no`` stay strings, as staff mean them; ``0755`` is not octal). Dates stay text for the
loader to read and check.

Writing the catalog back with its comments (``portal new``) still uses ruamel.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, SequenceNode

YAMLError = yaml.YAMLError
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Lines:
    """0-based positions, as ruamel's ``lc`` gives them."""

    def __init__(self, node: Node) -> None:
        self.line, self.col = node.start_mark.line, node.start_mark.column
        self.keys: dict[Any, tuple[int, int]] = {}
        self.items: list[tuple[int, int]] = []

    def key(self, key: Any) -> tuple[int, int]:
        return self.keys[key]

    def item(self, index: int) -> tuple[int, int]:
        return self.items[index]


class LineMap(dict[Any, Any]):
    lc: Lines


class LineList(list[Any]):
    lc: Lines


class _Loader(_Base):  # type: ignore[misc,valid-type]
    pass


# YAML 1.2 core schema booleans and integers instead of YAML 1.1's.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int")]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                              re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:int",
                              re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
                              list("-+0123456789"))


# No catalog value is an integer this long; a longer literal stays text, for the field's own
# check to report on its line (Python refuses to convert over 4,300 digits to or from text,
# and a ValueError here would stop the whole catalog, naming nothing).
MAX_INT_LENGTH = 64


def _int(loader: Any, node: Node) -> int | str:
    text = loader.construct_scalar(node)
    if len(text) > MAX_INT_LENGTH:
        return str(text)
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text)


def _timestamp(loader: Any, node: Node) -> str:
    """A date stays its text: the catalog loader reads it, so an impossible one such as
    2026-02-30 is a finding on its entry and line, not an error that stops the load."""
    return str(loader.construct_scalar(node))


def _mapping(loader: Any, node: MappingNode) -> Any:
    data = LineMap()
    data.lc = Lines(node)
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            seen = key in data
        except TypeError:
            raise ConstructorError("while reading a mapping", node.start_mark,
                                   "found a key that cannot be a key", key_node.start_mark) from None
        if seen:
            raise ConstructorError("while reading a mapping", node.start_mark,
                                   f"found duplicate key {key!r}", key_node.start_mark)
        data.lc.keys[key] = (key_node.start_mark.line, key_node.start_mark.column)
        data[key] = loader.construct_object(value_node, deep=True)


def _sequence(loader: Any, node: SequenceNode) -> Any:
    data = LineList()
    data.lc = Lines(node)
    yield data
    for child in node.value:
        data.lc.items.append((child.start_mark.line, child.start_mark.column))
        data.append(loader.construct_object(child, deep=True))


_Loader.add_constructor("tag:yaml.org,2002:map", _mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _sequence)
_Loader.add_constructor("tag:yaml.org,2002:int", _int)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def load(text: str) -> Any:
    """Parse ``text``; raises ``YAMLError`` (with ``problem_mark``) on broken YAML."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 (a safe loader)


def compose(text: str) -> Node | None:
    """The node tree only (positions, no Python objects): for comparing parts of a text."""
    return yaml.compose(text, Loader=_Loader)  # noqa: S506 (composing runs no constructor)
