"""Which chart a table gets, decided from its Table Schema and rows; figures as plain dicts.

A table gets a chart when it has numbers and a dimension to lay them out on: a time field whose
values repeat (years, fiscal years, months — one value per group of rows) gives lines, one per
category; otherwise a category field gives bars of the sums. Record-level dates (each row its
own day) are not a time axis.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

TIME_TYPES = frozenset({"date", "datetime", "year", "yearmonth"})
TIME_NAMES = frozenset({"年", "年度", "年月", "日付", "年月日", "基準日"})
NUMBER_TYPES = frozenset({"integer", "number"})
POSITION = ("緯度", "経度")
MAX_CATEGORIES = 12
# Numbers that are identifiers or positions, not quantities.
NOT_QUANTITY_SUFFIXES = ("ID", "番号", "コード", "緯度", "経度")


def _fields(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return list(schema.get("fields", []))


def time_field(schema: dict[str, Any], rows: list[dict[str, Any]]) -> str | None:
    for field in _fields(schema):
        if field.get("type") in TIME_TYPES or field["name"] in TIME_NAMES:
            values = [r.get(field["name"]) for r in rows if r.get(field["name"]) is not None]
            if values and len(set(values)) < len(values):
                return str(field["name"])
    return None


def quantity_fields(schema: dict[str, Any]) -> list[str]:
    keys = schema.get("primaryKey") or []
    keys = [keys] if isinstance(keys, str) else list(keys)
    # A number limited to a list of values is a flag or a code (災害種別_洪水: 1 or empty).
    return [f["name"] for f in _fields(schema)
            if f.get("type") in NUMBER_TYPES and f["name"] not in keys
            and f["name"] not in TIME_NAMES and not f["name"].endswith(NOT_QUANTITY_SUFFIXES)
            and "enum" not in f.get("constraints", {})]


def category_field(schema: dict[str, Any], rows: list[dict[str, Any]]) -> str | None:
    for field in _fields(schema):
        if field.get("type", "string") != "string" or field["name"] in POSITION:
            continue
        values = {r.get(field["name"]) for r in rows} - {None, ""}
        if 1 < len(values) <= MAX_CATEGORIES and len(values) < len(rows):
            return str(field["name"])
    return None


def chart_figure(schema: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A line or bar figure of the first quantity, or None when the table has no such shape."""
    # The first quantity with a value: an empty column is nothing to draw.
    value = next((q for q in quantity_fields(schema)
                  if any(row.get(q) is not None for row in rows)), None)
    if value is None:
        return None
    time = time_field(schema, rows)
    category = category_field(schema, rows)
    if time is not None:
        series: dict[str, dict[Any, float]] = defaultdict(lambda: defaultdict(float))
        for row in rows:
            if row.get(value) is not None and row.get(time) is not None:
                key = str(row.get(category)) if category else value
                series[key][row[time]] += row[value]
        data = [{"type": "scatter", "mode": "lines+markers", "name": name,
                 "x": [str(x) for x in sorted(points)], "y": [points[x] for x in sorted(points)]}
                for name, points in series.items()]
        return {"data": data, "layout": _layout(time, value)}
    if category is not None:
        sums: dict[str, float] = defaultdict(float)
        for row in rows:
            if row.get(value) is not None and row.get(category):
                sums[str(row[category])] += row[value]
        return {"data": [{"type": "bar", "name": value, "x": list(sums), "y": list(sums.values())}],
                "layout": _layout(category, value)}
    return None


def _layout(x: str, y: str) -> dict[str, Any]:
    return {"xaxis": {"title": {"text": x}}, "yaxis": {"title": {"text": y}},
            "margin": {"l": 60, "r": 10, "t": 10, "b": 50}, "height": 360,
            "legend": {"orientation": "h", "y": -0.25}}
