"""A chart's numbers, aggregated in the row database: one GROUP BY over the filtered rows,
never the table shipped anywhere.

The answer is bounded (``MAX_GROUPS`` x values, ``MAX_SERIES`` colours, a pie's
``MAX_SERIES`` slices) and so is the time it may take: a progress handler stops a statement
that runs past ``TIME_LIMIT`` seconds, and the request gets ``chart-timeout`` instead of a
worker held. Quantities of different units are never added up: when the table has a 単位
column and the rows left hold more than one unit, the chart must group or filter by it.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portal.errors import PortalError
from portal.query.chart_spec import AGGREGATIONS, ChartSpec, field_types, label_field, unit_field
from portal.query.rows import RowsQuery, where
from portal.query.totals import where_sql
from portal.store.sqlite import discard, pooled, quote

MAX_GROUPS = 500
MAX_SERIES = 12
TIME_LIMIT = 2.0  # seconds a chart's statements may run
PROGRESS_STEPS = 10_000  # SQLite virtual-machine steps between two looks at the clock


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # one per x category, None where the group is empty


@dataclass(frozen=True)
class ChartData:
    spec: ChartSpec
    x: tuple[Any, ...]  # the x values, in order
    labels: tuple[str, ...]  # how each is shown (令和5年度, or the value as text)
    series: tuple[Series, ...]
    rows: tuple[tuple[Any, ...], ...]  # the aggregated rows: x, [label], [colour], value
    columns: tuple[str, ...]
    truncated: bool  # more than MAX_GROUPS groups: the first ones are shown


def _text(value: Any) -> str:
    """A category as text: a whole number without separators or decimals (2023, not 2,023
    or 2023.0)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _with_deadline(connection: sqlite3.Connection, run: Callable[[], Any]) -> Any:
    deadline = time.monotonic() + TIME_LIMIT
    connection.set_progress_handler(lambda: int(time.monotonic() > deadline), PROGRESS_STEPS)
    try:
        return run()
    except sqlite3.OperationalError as error:
        if "interrupted" in str(error):
            raise PortalError("chart-timeout", parameter="x", seconds=TIME_LIMIT) from None
        raise
    finally:
        connection.set_progress_handler(None, 0)


def _filtered(spec: ChartSpec, types: Mapping[str, str]) -> tuple[str, list[Any]]:
    return where_sql(where(RowsQuery(filters=spec.filters), types))


def _units(connection: sqlite3.Connection, unit: str, clause: str,
           args: Sequence[Any]) -> list[str]:
    sql = (f"SELECT DISTINCT {quote(unit)} FROM rows WHERE {quote(unit)} IS NOT NULL"
           f"{' AND ' + clause if clause else ''} LIMIT {MAX_SERIES + 1}")
    return sorted(str(u) for (u,) in connection.execute(sql, list(args)))


def _statement(spec: ChartSpec, label: str | None, clause: str) -> str:
    value = "count(*)" if spec.y is None else f"{AGGREGATIONS[spec.agg]}({quote(spec.y)})"
    selected = [quote(spec.x)]
    if label is not None:
        selected.append(f"min({quote(label)})")
    groups = [quote(spec.x)]
    if spec.color is not None:
        selected.append(quote(spec.color))
        groups.append(quote(spec.color))
    conditions = [f"{quote(spec.x)} IS NOT NULL", *([clause] if clause else [])]
    # GROUP BY in the order of the (x, colour) covering index the build writes for large
    # tables, so SQLite reads it in order instead of sorting the rows.
    return (f"SELECT {', '.join(selected)}, {value} FROM rows WHERE {' AND '.join(conditions)}"
            f" GROUP BY {', '.join(groups)} ORDER BY {', '.join(groups)} "
            f"LIMIT {MAX_GROUPS * MAX_SERIES + 1}")


def aggregate(db_path: Path, schema: Mapping[str, Any], spec: ChartSpec,
              dataset_id: str) -> ChartData:
    """The groups of ``spec`` over the rows of ``db_path``."""
    types = field_types(schema)
    label = label_field(schema, spec.x)
    unit = unit_field(schema)
    clause, args = _filtered(spec, types)
    connection = pooled(db_path)
    try:
        def run() -> list[tuple[Any, ...]]:
            if spec.y is not None and unit is not None and unit not in (spec.x, spec.color):
                units = _units(connection, unit, clause, args)
                if len(units) > 1:
                    raise PortalError("chart-mixed-units", parameter="y", column=spec.y,
                                      unit=unit, units=", ".join(units), id=dataset_id)
            cursor = connection.cursor()
            cursor.row_factory = None
            return list(cursor.execute(_statement(spec, label, clause), args).fetchall())

        fetched: list[tuple[Any, ...]] = _with_deadline(connection, run)
    except sqlite3.Error:
        discard(db_path)
        raise
    return _shape(spec, label, fetched, dataset_id)


def _shape(spec: ChartSpec, label: str | None, fetched: list[tuple[Any, ...]],
           dataset_id: str) -> ChartData:
    xs: list[Any] = []
    labels: dict[Any, str] = {}
    colours: list[Any] = []
    cells: dict[tuple[Any, Any], float | None] = {}
    for row in fetched:
        x, rest = row[0], list(row[1:])
        shown = _text(rest.pop(0)) if label is not None else _text(x)
        colour = rest.pop(0) if spec.color is not None else None
        if x not in labels:
            if len(xs) == MAX_GROUPS:
                break
            xs.append(x)
            labels[x] = shown or _text(x)
        if colour not in colours:
            colours.append(colour)
        cells[(x, colour)] = rest[0]
    limit_parameter = "color" if spec.color is not None else "x"
    if len(colours) > MAX_SERIES or (spec.kind == "pie" and len(xs) > MAX_SERIES):
        counted = len(colours) if spec.color is not None else len(xs)
        raise PortalError("chart-too-many-series", parameter=limit_parameter,
                          column=spec.color or spec.x, count=counted, limit=MAX_SERIES,
                          id=dataset_id)
    name = spec.y or "count"
    series = tuple(Series(name if c is None else _text(c),
                          tuple(cells.get((x, c)) for x in xs)) for c in colours)
    columns = [spec.x, *([label] if label else []), *([spec.color] if spec.color else []),
               f"{spec.agg}({spec.y})" if spec.y else "count"]
    kept = tuple(r for r in fetched if r[0] in labels)
    return ChartData(spec, tuple(xs), tuple(labels[x] for x in xs), series, kept,
                     tuple(columns), len(labels) < len({r[0] for r in fetched}))
