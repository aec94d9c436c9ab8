"""A dataset's chart: the one function behind the chart builder, its page, its JSON and its CSV.

``default_chart`` picks what a table is drawn as before a reader chooses: for the DX plan's
KPI datasets, one indicator's targets and actuals over the fiscal years; elsewhere a time
column whose values repeat (years, fiscal years) gives lines, one per category, else a category
gives bars of the sums; a 単位 column with several units becomes the grouping. A table without a
quantity or a dimension gets none. ``dataset_chart`` aggregates a chart, adding the KPI
companion series (actuals beside targets) when the chart is one indicator over fiscal years.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from portal.errors import NotFound, PortalError
from portal.query.aggregate import MAX_SERIES, ChartData, Series, aggregate
from portal.query.chart_spec import (
    ChartSpec,
    is_identifier,
    is_time,
    parse_chart,
    quantity_fields,
    unit_field,
)
from portal.query.kpi import kpi_summary
from portal.store.current import Build, ResourceView
from portal.store.sqlite import discard, pooled, quote, rank_table

KPI_KEY, KPI_YEAR = "KPI番号", "年度"
# The KPI datasets' value columns, and the dataset that holds the other one.
KPI_VALUES = {"dx-kpi-targets": ("目標値", "dx-kpi-actuals", "実績値"),
              "dx-kpi-actuals": ("実績値", "dx-kpi-targets", "目標値")}


@dataclass(frozen=True)
class ChartTable:
    """The table a dataset's chart reads: its primary resource's row database."""

    dataset_id: str
    resource: ResourceView
    db_path: Path


def chart_table(build: Build, dataset_id: str) -> ChartTable | None:
    """The primary table of a published dataset, or None when it has no row database."""
    view = build.require(dataset_id)
    if not view.published or not view.resources:
        raise NotFound("dataset-not-found", parameter="id", id=dataset_id)
    database = view.primary.file("sqlite")
    if database is None:
        return None
    return ChartTable(dataset_id, view.primary, build.path(database.path))


def _distinct(connection: sqlite3.Connection, column: str, limit: int) -> int:
    """How many distinct non-null values ``column`` has, counted up to ``limit``: the rows of
    its rank table, one per value, so a million-row table costs what its values cost (a
    DISTINCT over the column walked its whole index, ~50 ms on 1,000,000 rows); a database
    built before rank tables is asked directly."""
    table = rank_table(column)
    ranked = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                (table,)).fetchone()
    source = (f"SELECT 1 FROM {quote(table)}" if ranked else
              f"SELECT DISTINCT {quote(column)} FROM rows WHERE {quote(column)} IS NOT NULL")
    return int(connection.execute(f"SELECT count(*) FROM ({source} LIMIT ?)",
                                  (limit,)).fetchone()[0])


def _first(connection: sqlite3.Connection, column: str) -> Any:
    row = connection.execute(f"SELECT min({quote(column)}) FROM rows").fetchone()
    return None if row is None else row[0]


def default_chart(table: ChartTable, first_kpi: str | None = None) -> ChartSpec | None:
    """The table's chart before a reader chooses; ``first_kpi``: the indicator a KPI dataset
    starts with (else its first)."""
    schema = table.resource.schema
    fields = list(schema.get("fields", []))
    rows = table.resource.rows
    connection = pooled(table.db_path)
    try:
        filled = [q for q in quantity_fields(schema)
                  if connection.execute(f"SELECT 1 FROM rows WHERE {quote(q)} IS NOT NULL "
                                        f"LIMIT 1").fetchone()]
        if not filled:
            return None
        names = {f["name"] for f in fields}
        own = KPI_VALUES.get(table.dataset_id)
        if own is not None and {KPI_KEY, KPI_YEAR, own[0]} <= names:
            first = first_kpi or _first(connection, KPI_KEY)
            return ChartSpec("bar", KPI_YEAR, own[0], "sum", None,
                             ((KPI_KEY, "exact", str(first)),))
        value = filled[0]
        unit = unit_field(schema)
        units = _distinct(connection, unit, 2) if unit else 0
        # A time axis is a period (year, fiscal year, month) whose values repeat (years of
        # several areas); record dates (開設日, each row its own day) are not.
        time = next((f["name"] for f in fields if is_time(f)
                     and f.get("type") not in ("date", "datetime")
                     and 0 < _distinct(connection, f["name"], rows) < rows), None)
        category = next((f["name"] for f in fields
                         if f.get("type", "string") == "string" and not is_time(f)
                         and not is_identifier(f, schema) and f["name"] != unit
                         and 1 < _distinct(connection, f["name"], MAX_SERIES + 1) <= MAX_SERIES
                         and _distinct(connection, f["name"], rows) < rows), None)
    except sqlite3.Error:
        discard(table.db_path)
        raise
    colour = unit if units > 1 else None
    if time is not None:
        return ChartSpec("line", time, value, "sum", colour or category)
    if category is not None:
        return ChartSpec("bar", category, value, "sum", colour)
    return None


def read_chart(table: ChartTable, params: Sequence[tuple[str, str]],
               first_kpi: str | None = None) -> ChartSpec | None:
    """The chart a query string asks for; without chart parameters, the table's default (None
    when the table has nothing to draw)."""
    default = default_chart(table, first_kpi)
    if default is None and not any(k in ("x", "y", "agg", "type", "color") for k, _ in params):
        return None
    return parse_chart(params, table.resource.schema, table.dataset_id, default)


def _first_with_actuals(summary: dict[str, Any]) -> str | None:
    """The first KPI with a published actual value (the portal's own count, 3-2, has one):
    its chart compares something."""
    kpis = [k for p in summary["policies"] for k in p["kpis"]]
    return next((k["id"] for k in kpis if any(t["actual"] is not None for t in k["targets"])),
                None)


def _companion(dataset_id: str, spec: ChartSpec, summary: dict[str, Any]) -> ChartData | None:
    """The other KPI value of the one indicator ``spec`` shows over the fiscal years: its
    actuals beside its targets (the published ones, and the portal's live count for 3-2),
    or its targets beside its actuals (portal/query/kpi.py)."""
    own = KPI_VALUES.get(dataset_id)
    one_kpi = [f[2] for f in spec.filters if f[0] == KPI_KEY and f[1] == "exact"]
    if (own is None or spec.x != KPI_YEAR or spec.y != own[0] or spec.color is not None
            or len(one_kpi) != 1 or len(spec.filters) != 1):
        return None
    kpi = next((k for p in summary["policies"] for k in p["kpis"] if k["id"] == one_kpi[0]),
               None)
    if kpi is None:
        return None
    key = "actual" if own[2] == "実績値" else "target"
    years = [t for t in kpi["targets"] if t[key] is not None]
    return ChartData(replace(spec, y=own[2]), tuple(t["fiscal_year"] for t in years),
                     tuple(t["label"] for t in years),
                     (Series(own[2], tuple(t[key] for t in years)),), (), (), False)


def _merged(data: ChartData, companion: ChartData, name: str) -> ChartData:
    """``data`` and the companion's one series over the fiscal years of either."""
    xs = list(data.x)
    labels = list(data.labels)
    for x, label in zip(companion.x, companion.labels, strict=True):
        if x not in xs:
            xs.append(x)
            labels.append(label)
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    xs, labels = [xs[i] for i in order], [labels[i] for i in order]

    def aligned(series: Series, source: Sequence[Any]) -> Series:
        values = dict(zip(source, series.values, strict=True))
        return Series(series.name, tuple(values.get(x) for x in xs))

    extra = companion.series[0] if companion.series else Series(name, ())
    series = (*(aligned(s, data.x) for s in data.series), aligned(extra, companion.x))
    return replace(data, x=tuple(xs), labels=tuple(labels), series=series)


def dataset_chart(build: Build, dataset_id: str, params: Sequence[tuple[str, str]],
                  today: date) -> ChartData | None:
    """The aggregated chart of ``dataset_id`` for the query string ``params``; ``today``
    dates the live count of the KPI datasets' companion series."""
    table = chart_table(build, dataset_id)
    if table is None:
        return None
    summary = kpi_summary(build, today) if dataset_id in KPI_VALUES else None
    spec = read_chart(table, params, _first_with_actuals(summary) if summary else None)
    if spec is None:
        return None
    data = aggregate(table.db_path, table.resource.schema, spec, dataset_id)
    companion = _companion(dataset_id, spec, summary) if summary else None
    if companion is None:
        return data
    return _merged(data, companion, KPI_VALUES[dataset_id][2])


_lock = threading.Lock()
_defaults: dict[tuple[str, str, date], ChartData | None] = {}


def opening_chart(build: Build, dataset_id: str, today: date) -> ChartData | None:
    """The chart a dataset's page opens with, aggregated once per build and day (a build
    never changes its files; the KPI datasets' live count changes with the day), not on
    every view of the page."""
    key = (build.build_id, dataset_id, today)
    if key in _defaults:
        return _defaults[key]
    data = dataset_chart(build, dataset_id, [], today)
    with _lock:
        if any(k[0] != build.build_id or k[2] != today for k in _defaults):
            _defaults.clear()  # one build and day at a time
        _defaults[key] = data
    return data


def chart_rows(data: ChartData) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
    """The aggregated rows as a table: the x label, then one column per series."""
    header = (data.spec.x, *(s.name for s in data.series))
    rows = [{data.spec.x: label, **{s.name: s.values[i] for s in data.series}}
            for i, label in enumerate(data.labels)]
    return header, rows


def chart_request_error(build: Build, dataset_id: str,
                        params: Sequence[tuple[str, str]]) -> PortalError | None:
    """What is wrong with a chart page's query string, read without aggregating (its page
    is then served with that error's status); None when it reads."""
    try:
        table = chart_table(build, dataset_id)
        if table is not None:
            read_chart(table, params)
    except PortalError as error:
        return error
    return None

