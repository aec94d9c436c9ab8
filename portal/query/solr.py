"""The part of Solr's query syntax that CKAN clients send in ``package_search``'s ``q`` and ``fq``.

Harvesters and aggregators talk to CKAN, and CKAN hands ``q`` and ``fq`` to Solr. What they
send (ckanext-harvest's gather stage, BODIK's ODM, search.ckan.jp): ``field:value``,
``field:"quoted value"``, ranges ``[a TO b]`` / ``{a TO b}`` with ``*`` for an open end (on
``metadata_modified`` after each harvest), ``OR``, ``AND`` and juxtaposition (AND, as CKAN's
``q.op``; it binds loosest, so the harvester's ``organization:a OR organization:b
metadata_modified:[… TO *]`` is the organizations' datasets changed since then),
``-field:value``, ``NOT``, ``+``, parentheses, ``field:(a OR b)``, and bare words
(free text). ``parse`` reads that with a grammar, and anything outside it is a ``QueryError``
that says what was not understood and where; ``matches`` evaluates the result against one
package's fields. No Solr is involved: the catalog has hundreds of datasets, not millions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from lark import Lark, Token, Transformer, UnexpectedInput
from lark.exceptions import VisitError

FIELDS = ("id", "name", "title", "tags", "organization", "groups", "res_format", "license_id",
          "metadata_modified", "metadata_created", "dataset_type", "state", "capacity")
DATE_FIELDS = ("metadata_modified", "metadata_created")
MAX_DEPTH = 16  # nested parentheses and brackets; clients send two or three

GRAMMAR = r"""
?start: expr?
?expr: disj+                              -> both
?disj: conj (_OR conj)*                   -> either
?conj: unary (_AND unary)*                -> both
?unary: _NOT unary                        -> negate
      | "-" primary                       -> negate
      | "+" primary
      | primary
?primary: "(" expr ")"
        | FIELD ":" value                 -> field
        | word                            -> text
?value: word                              -> equals
      | range
      | "(" choice ")"
choice: word (_OR? word)*
range: OPEN bound _TO bound CLOSE
?bound: word
?word: QUOTED | WORD | STAR

_OR.2: /OR(?![^\s()\[\]{}])/ | "||"
_AND.2: /AND(?![^\s()\[\]{}])/ | "&&"
_NOT.2: /NOT(?![^\s()\[\]{}])/ | "!"
_TO.2: /TO(?![^\s()\[\]{}])/
FIELD.3: /[A-Za-z_][A-Za-z0-9_.]*(?=:)/
OPEN: "[" | "{"
CLOSE: "]" | "}"
STAR.2: "*"
QUOTED: /"(?:[^"\\]|\\.)*"/
WORD: /[^\s()\[\]{}"+\-!*][^\s()\[\]{}"]*/
%ignore /\s+/
"""
_PARSER = Lark(GRAMMAR, parser="lalr", maybe_placeholders=False)


class QueryError(ValueError):
    """A query outside the subset; the message says what and where (for CKAN's 409)."""


@dataclass(frozen=True)
class Node:
    kind: str  # "all", "either", "both", "not", "text", "equals", "range"
    field: str = ""
    values: tuple[Any, ...] = ()
    children: tuple[Node, ...] = ()

    def words(self) -> list[str]:
        """The free-text words of the query, outside any NOT."""
        if self.kind == "text":
            return list(self.values)
        if self.kind in ("either", "both"):
            return [w for child in self.children for w in child.words()]
        return []

    def is_words(self) -> bool:
        """Whether the query is only words, all required (or nothing): plain free text."""
        return self.kind in ("all", "text") or (
            self.kind == "both" and all(child.kind == "text" for child in self.children))


MATCH_ALL = Node("all")


def _unquote(token: Token | str) -> str:
    text = str(token)
    if text.startswith('"') and text.endswith('"') and len(text) >= 2:
        return text[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return text


def parse_date(text: str) -> datetime:
    """An ISO 8601 date or date-time as Solr takes it (``2026-11-30T23:59:59.999999Z``,
    without fractional seconds or ``Z`` too, or a bare date), in UTC."""
    value = text.strip().removesuffix("Z").removesuffix("z")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise QueryError(f"{text!r} is not an ISO 8601 date (e.g. 2026-11-30T23:59:59Z)") \
            from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _value(field: str, text: str) -> Any:
    if text == "*":
        return None  # any value
    return parse_date(text) if field in DATE_FIELDS else text


class _ToNodes(Transformer):  # type: ignore[type-arg]
    def either(self, children: list[Node]) -> Node:
        return children[0] if len(children) == 1 else Node("either", children=tuple(children))

    def both(self, children: list[Node]) -> Node:
        # ``a AND b c`` is one conjunction of three: flat, so that words alone stay words.
        flat = tuple(n for child in children
                     for n in (child.children if child.kind == "both" else (child,)))
        return flat[0] if len(flat) == 1 else Node("both", children=flat)

    def negate(self, children: list[Node]) -> Node:
        return Node("not", children=(children[0],))

    def text(self, children: list[Token]) -> Node:
        return Node("text", values=(_unquote(children[0]),))

    def field(self, children: list[Any]) -> Node:
        name, value = str(children[0]), children[1]
        if name not in FIELDS:
            raise QueryError(f"field {name!r} is not searchable (fields: {', '.join(FIELDS)})")
        kind, raw = value
        if kind == "range":
            low, high, inclusive = raw
            return Node("range", name, (_value(name, low), _value(name, high), inclusive))
        return Node("equals", name, tuple(_value(name, v) for v in raw))

    def equals(self, children: list[Token]) -> tuple[str, tuple[str, ...]]:
        return "equals", (_unquote(children[0]),)

    def choice(self, children: list[Token]) -> tuple[str, tuple[str, ...]]:
        return "equals", tuple(_unquote(c) for c in children)

    def range(self, children: list[Token]) -> tuple[str, tuple[str, str, tuple[bool, bool]]]:
        opening, low, high, closing = children
        return "range", (_unquote(low), _unquote(high), (opening == "[", closing == "]"))


def _depth(text: str) -> int:
    depth = deepest = 0
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif not quoted and char in ")]}":
            depth -= 1
    return deepest


def parse(text: str) -> Node:
    """The query ``text`` as a tree of nodes; an empty query matches everything."""
    if not text.strip():
        return MATCH_ALL
    if _depth(text) > MAX_DEPTH:
        raise QueryError(f"nested more than {MAX_DEPTH} levels deep")
    try:
        tree = _PARSER.parse(text)
    except UnexpectedInput as exc:
        near = text[exc.pos_in_stream:exc.pos_in_stream + 20] if exc.pos_in_stream is not None \
            else ""
        where = f"at column {exc.column}" if isinstance(exc.column, int) and exc.column > 0 \
            else "at the end"
        raise QueryError(f"not understood {where}" + (f": {near!r}" if near else "")) from None
    try:
        node = _ToNodes().transform(tree)
    except VisitError as exc:  # lark wraps what the transformer raises
        if isinstance(exc.orig_exc, QueryError):
            raise exc.orig_exc from None
        raise
    return node if isinstance(node, Node) else MATCH_ALL


def _compare(value: Any, low: Any, high: Any, inclusive: tuple[bool, bool]) -> bool:
    if low is not None and (value < low or (value == low and not inclusive[0])):
        return False
    return not (high is not None and (value > high or (value == high and not inclusive[1])))


def matches(node: Node, doc: Mapping[str, Sequence[Any]],
            text_match: Callable[[str], bool]) -> bool:
    """Whether the package whose field values are ``doc`` (field → values) matches ``node``;
    ``text_match(word)`` answers for a free-text word."""
    kind = node.kind
    if kind == "all":
        return True
    if kind == "either":
        return any(matches(child, doc, text_match) for child in node.children)
    if kind == "both":
        return all(matches(child, doc, text_match) for child in node.children)
    if kind == "not":
        return not matches(node.children[0], doc, text_match)
    if kind == "text":
        return text_match(node.values[0])
    values = doc.get(node.field, ())
    if kind == "equals":
        return any(v is None and values or v in values for v in node.values)
    low, high, inclusive = node.values
    return any(_compare(v, low, high, inclusive) for v in values)
