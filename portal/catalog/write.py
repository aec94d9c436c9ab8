"""Writing catalog entries back into catalog.yaml: the one writer `portal new` and `portal
import` share.

ruamel's round-trip mode keeps the comments, the key order and the flow/block layout staff
wrote. Two things are decided here once:

- no YAML anchors ever: a value used twice (the same date as ``issued`` and ``modified``) is
  written twice, never as ``&id001`` / ``*id001``, which staff cannot be expected to read;
- the layout of a new entry follows the hand-written ones: ``{ja: …, en: …}`` texts, tags and
  each resource on one line, a blank line between entries.

Writes are atomic (a temporary file renamed over catalog.yaml).
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import CommentMark
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.tokens import CommentToken

from portal.errors import UsageError

FLOW_LISTS = {"tags"}


class _NoAliasRepresenter(RoundTripRepresenter):
    """Every value is written out in full, however often the same object occurs."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class _Verbatim(str):
    """A scalar kept as its text, written back under its own tag (so unquoted, as it was)."""

    tag = ""


def _verbatim(node: Any) -> _Verbatim:
    text = _Verbatim(node.value)
    text.tag = node.tag
    return text


_NoAliasRepresenter.add_representer(
    _Verbatim, lambda representer, data: representer.represent_scalar(data.tag, str(data)))


class _TolerantConstructor(RoundTripConstructor):
    """An impossible date (2026-02-30) or an integer too long for Python (over 4,300 digits)
    stays its text, written back as it was: the catalog loader reports it on its line, rather
    than `portal new` stopping with a ValueError that names nothing (#22)."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return _verbatim(node)

    def construct_yaml_int(self, node: Any) -> Any:
        try:
            return super().construct_yaml_int(node)
        except ValueError:
            return _verbatim(node)


_TolerantConstructor.add_constructor("tag:yaml.org,2002:timestamp",
                                     _TolerantConstructor.construct_yaml_timestamp)
_TolerantConstructor.add_constructor("tag:yaml.org,2002:int",
                                     _TolerantConstructor.construct_yaml_int)


def catalog_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Representer = _NoAliasRepresenter
    yaml.Constructor = _TolerantConstructor
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load_document(path: Path, *, parameter: str = "--catalog") -> Any:
    """catalog.yaml as a round-trip document; a coded usage error when it is not there."""
    if not path.is_file():
        raise UsageError("catalog-file-missing", parameter=parameter, path=str(path))
    with path.open(encoding="utf-8") as handle:
        document = catalog_yaml().load(handle)
    if not isinstance(document, CommentedMap) or not isinstance(document.get("portal"),
                                                                Mapping):
        raise UsageError("catalog-file-missing", parameter=parameter, path=str(path))
    if document.get("datasets") is None:
        document["datasets"] = CommentedSeq()
    return document


def dumps(document: Any) -> str:
    buffer = io.StringIO()
    catalog_yaml().dump(document, buffer)
    return buffer.getvalue()


def dump_document(document: Any, path: Path) -> None:
    """Write ``document`` to ``path`` atomically."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(dumps(document), encoding="utf-8")
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def _text(value: Mapping[str, Any]) -> CommentedMap:
    node = CommentedMap(value)
    node.fa.set_flow_style()
    return node


def _node(key: str, value: Any) -> Any:
    if isinstance(value, Mapping):
        if set(value) <= {"ja", "en"} and value:
            return _text(value)
        return CommentedMap((k, _node(k, v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        if key in ("resources", "changes"):  # one line per item, as staff write them
            items = []
            for resource in value:
                item = CommentedMap((k, _node(k, v)) for k, v in resource.items())
                item.fa.set_flow_style()
                items.append(item)
            return CommentedSeq(items)
        seq = CommentedSeq(value)
        if key in FLOW_LISTS:
            seq.fa.set_flow_style()
        return seq
    return value


def entry_node(entry: Mapping[str, Any]) -> CommentedMap:
    """A plain entry (dicts, lists, strings, dates) → nodes in the catalog's layout."""
    return CommentedMap((key, _node(key, value)) for key, value in entry.items())


def first_published(day: date) -> dict[str, Any]:
    """The first item of an entry's ``changes:``, the history people read on its page."""
    return {"date": day, "summary": {"ja": "公開", "en": "First published"}}


def record_change(entry: Any, day: date, ja: str, en: str) -> None:
    """Add a change of ``day`` to an entry node's history, once per day."""
    changes = entry.get("changes")
    if changes is None:
        changes = entry["changes"] = CommentedSeq()
    if not any(str(c.get("date")) == day.isoformat() for c in changes):
        changes.append(_node("changes", [{"date": day, "summary": {"ja": ja, "en": en}}])[0])


def find_entry(document: Any, dataset_id: str) -> Any:
    return next((e for e in document["datasets"]
                 if isinstance(e, Mapping) and e.get("id") == dataset_id), None)


def missing_fields(entry: Mapping[str, Any], paths: tuple[str, ...]) -> tuple[str, ...]:
    """The dotted ``paths`` (``source.title``) an entry leaves blank; a ja/en text counts as
    blank when its ``ja`` is."""
    missing = []
    for path in paths:
        node: Any = entry
        for part in path.split("."):
            node = node.get(part) if isinstance(node, Mapping) else None
        if isinstance(node, Mapping):
            node = node.get("ja")
        if not node:
            missing.append(path)
    return tuple(missing)


def put_entry(document: Any, entry: Mapping[str, Any]) -> None:
    """Replace the entry with the same id in place (its comments kept), or append it."""
    node = entry_node(entry)
    entries = document["datasets"]
    existing = find_entry(document, entry["id"])
    if existing is not None:
        for key in list(existing):
            if key not in node:
                del existing[key]
        for key, value in node.items():
            if key not in existing or plain(existing[key]) != plain(value):
                existing[key] = value
        return
    if len(entries):
        _blank_line_after(entries, len(entries) - 1)
    entries.append(node)


def _blank_line_after(entries: CommentedSeq, index: int) -> None:
    """A blank line between the last entry and a new one, like the hand-written entries."""
    last = entries[index]
    if not isinstance(last, CommentedMap) or not len(last):
        return
    key = list(last)[-1]
    value = last[key]
    holder, slot = (value, len(value) - 1) if isinstance(value, CommentedSeq) and len(value) \
        else (last, key)
    if isinstance(holder[slot], CommentedMap | CommentedSeq) and len(holder[slot]) and \
            not holder[slot].fa.flow_style():
        return  # a nested block ends the entry; leave its layout alone
    comments = holder.ca.items.get(slot)
    if comments and any(c is not None for c in comments):
        return  # a comment (or blank line) already follows
    token = CommentToken("\n\n", CommentMark(0), None)
    if isinstance(holder, CommentedSeq):
        holder.ca.items[slot] = [token, None]
    else:
        holder.ca.items[slot] = [None, None, token, None]


def plain(node: Any) -> Any:
    """ruamel nodes → plain dicts and lists, to compare an entry with what would be written."""
    if isinstance(node, Mapping):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list | tuple):
        return [plain(v) for v in node]
    return node
