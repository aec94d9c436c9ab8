"""Which composite indexes a resource's row database gets, within a size budget.

Every column has its own index already (portal/publishing/sqlite.py). A query with an equality
and a range or sort on another column (``town__exact=…&value__gte=…&_sort_desc=value``) cannot
use two of them: SQLite seeks ``(town)``, then reads every row of that town and sorts them in a
temporary b-tree. An index ``(town, value)`` reads the page in order, and the count table of the
pair (``pair_table``) counts it in two seeks — written when the pairs are few enough (at most one
for every ``PAIR_SHARE`` rows); otherwise the index, covering both columns, counts the range.

Three sources, in this order, each wanted index taken while the total stays within
``budget × the table's bytes`` (the setting PORTAL_INDEX_BUDGET):

- ``schema``: the Table Schema's ``x-indexes: [[col, col, …], …]`` (docs/catalog.md);
- ``advice``: what the access logs show was asked (``portal usage --advise-indexes``,
  portal/usage/advice.py), most asked first;
- ``shape``: each low-cardinality text or code column paired with each numeric or date column.

Sizes are estimated from the values before anything is written (SQLite's record format: a
header byte per column, the value's bytes, the rowid) and measured afterwards (``dbstat``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from portal.publishing.normalize import Column

SCHEMA, ADVICE, SHAPE = "schema", "advice", "shape"
# A column is low-cardinality when it has at most this many distinct values, and at most one
# for every LOW_CARDINALITY_SHARE rows (a 30-row table's 10 towns are not a grouping).
LOW_CARDINALITY = 200
LOW_CARDINALITY_SHARE = 10
GROUPING_TYPES = {"string", "integer"}
ORDERED_TYPES = {"integer", "number", "date", "datetime", "year"}
# Page fill and per-cell overhead of an index b-tree built by sorting (cell pointer, header).
CELL_OVERHEAD = 4
PAGE_FILL = 0.9
PAGE_SIZE = 4096  # SQLite's default: a b-tree takes whole pages, a small table's index one
PAIR_SHARE = 4


@dataclass(frozen=True)
class Wanted:
    columns: tuple[str, ...]
    reason: str  # SCHEMA | ADVICE | SHAPE


@dataclass(frozen=True)
class Planned:
    columns: tuple[str, ...]
    reason: str
    estimated_bytes: int  # the index and, for a pair, its count table
    counted: bool = False  # a two-column index with a count table


def declared_indexes(schema: Mapping[str, Any]) -> list[tuple[str, ...]]:
    """The well-formed entries of ``x-indexes`` naming only fields of ``schema``, two or more
    columns each (portal/validate/rules/indexes.py reports the others)."""
    names = {f.get("name") for f in schema.get("fields", [])}
    declared = schema.get("x-indexes")
    if not isinstance(declared, list):
        return []
    kept: list[tuple[str, ...]] = []
    for entry in declared:
        if (isinstance(entry, list) and len(entry) >= 2
                and all(isinstance(c, str) and c in names for c in entry)
                and len(set(entry)) == len(entry)):
            kept.append(tuple(entry))
    return kept


def shape_indexes(columns: Sequence[Column]) -> list[tuple[str, str]]:
    """(grouping column, ordered column) pairs: each low-cardinality text or code column with
    each numeric or date column, the groupings with fewest values first."""
    rows = len(columns[0].values) if columns else 0
    groupings: list[tuple[int, str]] = []
    for column in columns:
        if column.type not in GROUPING_TYPES:
            continue
        distinct = len({v for v in column.values if v is not None})
        if 2 <= distinct <= min(LOW_CARDINALITY, rows // LOW_CARDINALITY_SHARE):
            groupings.append((distinct, column.name))
    grouping_names = {name for _, name in groupings}
    ordered = [c.name for c in columns if c.type in ORDERED_TYPES
               and c.name not in grouping_names and not _increasing(c.values)]
    return [(name, other) for _, name in sorted(groupings) for other in ordered]


def _increasing(values: Sequence[Any]) -> bool:
    """A column rising with the row order (an ID): the grouping's own index, which ends in the
    rowid, already orders each group by it."""
    return all(a is not None and b is not None and a < b for a, b in zip(values, values[1:], strict=False))


def _value_bytes(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        magnitude = abs(value)
        return next(size for limit, size in ((1, 0), (128, 1), (32768, 2), (2**23, 3),
                                              (2**31, 4), (2**47, 6)) if magnitude < limit) \
            if magnitude < 2**47 else 8
    if isinstance(value, float):
        return 8
    return len(str(value).encode("utf-8"))


class _Sizes:
    """Each column's value bytes and each pair's distinct count, computed once per table: a
    wide table's shape suggests hundreds of pairs of the same few columns."""

    def __init__(self, by_name: Mapping[str, Column]) -> None:
        self.by_name = by_name
        self.values: dict[str, int] = {}
        self.pairs: dict[tuple[str, ...], set[tuple[Any, Any]]] = {}

    def column(self, name: str) -> int:
        if name not in self.values:
            self.values[name] = sum(_value_bytes(v) for v in self.by_name[name].values)
        return self.values[name]

    def index(self, columns: tuple[str, ...]) -> int:
        rows = len(self.by_name[columns[0]].values)
        return _pages(sum(self.column(c) for c in columns)
                      + rows * (len(columns) + 2 + 3 + CELL_OVERHEAD))  # header, rowid, cell

    def distinct_pairs(self, columns: tuple[str, ...]) -> set[tuple[Any, Any]]:
        if columns not in self.pairs:
            first, second = (self.by_name[c].values for c in columns)
            self.pairs[columns] = {p for p in zip(first, second, strict=True)
                                   if p[0] is not None and p[1] is not None}
        return self.pairs[columns]

    def count_table(self, columns: tuple[str, ...]) -> int | None:
        """Bytes of the pair's count table, or None when it is not written: it pays only with
        at most one distinct pair for every PAIR_SHARE rows; otherwise (nearly a pair per
        row, the index's own size) the index counts its range itself, as a covering index."""
        if len(columns) != 2:
            return None
        pairs = self.distinct_pairs(columns)
        if len(pairs) * PAIR_SHARE > len(self.by_name[columns[0]].values):
            return None
        return _pages(sum(_value_bytes(a) + _value_bytes(b) + 3 + 2 + 5 + CELL_OVERHEAD
                          for a, b in pairs))


def _pages(size: int) -> int:
    return -(-int(size / PAGE_FILL) // PAGE_SIZE) * PAGE_SIZE


def _served_by(columns: tuple[str, ...], chosen: Sequence[Planned]) -> bool:
    """An index is a prefix of a chosen one: that one serves its queries."""
    return any(p.columns[:len(columns)] == columns for p in chosen)


def plan_indexes(columns: Sequence[Column], wanted: Sequence[Wanted], table_bytes: int,
                 budget: float) -> tuple[list[Planned], list[Planned]]:
    """(indexes to build, indexes left out as over budget), ``wanted`` taken in order.
    Names no column of the table, fewer than two columns or a prefix of one already chosen:
    not an index to build and not reported."""
    by_name = {c.name: c for c in columns}
    sizes = _Sizes(by_name)
    limit = int(budget * table_bytes)
    chosen: list[Planned] = []
    over: list[Planned] = []
    spent = 0
    seen: set[tuple[str, ...]] = set()
    for want in wanted:
        key = want.columns
        if (len(key) < 2 or len(set(key)) != len(key) or key in seen
                or not all(c in by_name for c in key) or _served_by(key, chosen)):
            continue
        seen.add(key)
        size = sizes.index(key)
        # Past the budget on its index alone: no need to count its pairs.
        count = sizes.count_table(key) if spent + size <= limit else None
        size += count or 0
        planned = Planned(key, want.reason, size, count is not None)
        if spent + size <= limit:
            chosen.append(planned)
            spent += size
        else:
            over.append(planned)
    return chosen, over


def wanted_indexes(columns: Sequence[Column], schema: Mapping[str, Any],
                   advised: Sequence[tuple[str, ...]]) -> list[Wanted]:
    """Every source's indexes in the order they are taken: schema, advice, shape."""
    return ([Wanted(c, SCHEMA) for c in declared_indexes(schema)]
            + [Wanted(tuple(c), ADVICE) for c in advised]
            + [Wanted(c, SHAPE) for c in shape_indexes(columns)])
