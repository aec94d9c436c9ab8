"""The keys each mapping of catalog.yaml may hold: one declaration per record.

An unknown key is an error wherever it appears (a misspelt `licence`, or YAML reading
`en: A title, glossary` in a flow mapping as a shorter title plus a key `glossary`), so every
key the loader reads must be declared here — and documented in docs/catalog.md, which
tests/catalog/test_keys.py checks. To add a key, add it to its record below; a key whose
value is itself a mapping (or a list of mappings) names that record's shape, so its own keys
are checked too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias


@dataclass(frozen=True)
class ListOf:
    """A key whose value is a list of mappings of one shape (`resources: [...]`)."""

    item: Shape


# key → None (a plain value: text, number, date, list of strings), a Shape (a mapping) or
# ListOf(Shape) (a list of mappings).
Shape: TypeAlias = Mapping[str, "Shape | ListOf | None"]

TEXT: Shape = {"ja": None, "en": None}
SOURCE: Shape = {"title": TEXT, "url": None, "license": None}
RESOURCE: Shape = {"name": None, "title": TEXT, "path": None, "format": None, "schema": None,
                   "original": None}
CHANGE: Shape = {"date": None, "summary": TEXT}
DATASET: Shape = {
    "id": None, "title": TEXT, "description": TEXT, "publisher": None, "category": None,
    "tags": None, "license": None, "issued": None, "modified": None, "changes": ListOf(CHANGE),
    "frequency": None, "source": SOURCE, "standard": None, "status": None, "withdrawn": None,
    "resources": ListOf(RESOURCE),
}
CONTACT: Shape = {"name": TEXT, "email": None, "phone": None, "address": None, "url": None}
DEPARTMENT: Shape = {"id": None, "ja": None, "en": None}
PORTAL: Shape = {
    "title": TEXT, "description": TEXT, "city": TEXT, "prefecture": TEXT,
    "local_government_code": None, "publisher": None, "departments": ListOf(DEPARTMENT),
    "contact": CONTACT, "license": None, "generated": None,
}
REQUEST: Shape = {"id": None, "title": TEXT, "received": None, "status": None,
                  "dataset": None, "reason": TEXT, "answered": None, "note": TEXT}
USE: Shape = {"id": None, "title": TEXT, "kind": None, "url": None, "maker": TEXT,
              "date": None, "datasets": None, "image": None, "description": TEXT}
CATALOG: Shape = {"portal": PORTAL, "datasets": ListOf(DATASET), "requests": ListOf(REQUEST),
                  "uses": ListOf(USE)}


def _line(node: Any, key: Any) -> int | None:
    lc = getattr(node, "lc", None)
    try:
        return int(lc.key(key)[0]) + 1 if lc is not None else None
    except (KeyError, IndexError, TypeError, AttributeError):
        return None


def unknown_keys(node: Any, shape: Shape, path: str = "") -> Iterator[tuple[str, int | None]]:
    """(dotted path of the key, 1-based line) of every key ``shape`` does not declare, at any
    depth. Values of the wrong kind (a string where a mapping belongs) are left to the loader,
    which reports them as invalid."""
    if not isinstance(node, Mapping):
        return
    for key, value in node.items():
        where = f"{path}.{key}" if path else str(key)
        if key not in shape:
            yield where, _line(node, key)
            continue
        child = shape[key]
        if isinstance(child, ListOf):
            for index, item in enumerate(value if isinstance(value, list) else []):
                yield from unknown_keys(item, child.item, f"{where}[{index}]")
        elif child is not None:
            yield from unknown_keys(value, child, where)
