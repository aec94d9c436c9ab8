"""What a chart asks of a table: its type, x, y, aggregation, colour column and filters, read
from a query string (``/datasets/<id>/chart?type=bar&x=地区&y=人口&agg=sum&年__gte=2020``).

The filters are the rows API's (``col=value``, ``col__op=value``), parsed by its own parser, so
a chart and ``/api/v1/datasets/<id>/rows`` accept and refuse the same filters. What a column is
to a chart is decided here once: row numbers, identifiers, codes, flags, positions and years
are never quantities; years and fiscal years are categories.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from portal.errors import PortalError
from portal.query.rows import OPERATORS, parse_query

CHART_TYPES = ("bar", "line", "scatter", "pie")
# Aggregation → its SQL function; ``count`` counts rows and needs no y.
AGGREGATIONS = {"sum": "sum", "mean": "avg", "count": "count", "min": "min", "max": "max"}
CHART_PARAMS = ("type", "x", "y", "agg", "color")
# Parameters of the chart page that are not the chart (the form's filter row).
FILTER_FORM = ("_filter_column", "_filter_op", "_filter_value")
# Parameters of the chart page that change how it is shown, not what is drawn.
PAGE_PARAMS = ("embed",)
RESERVED_KEYS = frozenset((*CHART_PARAMS, *FILTER_FORM, *PAGE_PARAMS))
NUMBER_TYPES = frozenset({"integer", "number"})
TIME_TYPES = frozenset({"date", "datetime", "year", "yearmonth"})
TIME_NAMES = frozenset({"年", "年度", "年月", "日付", "年月日", "基準日", "西暦", "和暦年度",
                        "year", "month", "fiscal_year", "date"})
POSITION = frozenset({"緯度", "経度", "標高", "latitude", "longitude", "lat", "lon"})
# Row numbers and identifiers: 「No」「No.」「連番」「順序」「ID」「ID2」「KPI番号」「市区町村コード」…
IDENTIFIER = re.compile(
    r"(?i)(^no\.?$|^#$|連番$|順序$|順番$|番号$|コード$|code$|(^|_)id\d*$|ID\d*$)")
UNIT = "単位"
# A 和暦 label column beside a year column: 年度 → 和暦年度, 年 → 和暦年 / 和暦.
LABELS = {"年度": ("和暦年度",), "年": ("和暦年", "和暦")}


def field_types(schema: Mapping[str, Any]) -> dict[str, str]:
    return {f["name"]: f.get("type", "string") for f in schema.get("fields", [])}


def is_time(field: Mapping[str, Any]) -> bool:
    name = str(field["name"])
    return field.get("type") in TIME_TYPES or name in TIME_NAMES or name.endswith("年度")


def _keys(schema: Mapping[str, Any]) -> list[str]:
    keys = schema.get("primaryKey") or []
    return [keys] if isinstance(keys, str) else list(keys)


def is_identifier(field: Mapping[str, Any], schema: Mapping[str, Any]) -> bool:
    """A row number or an identifier: named so, or the table's one-column primary key (a
    column of a longer key, such as 地区 of (年, 地区), is a category)."""
    return _keys(schema) == [field["name"]] or bool(IDENTIFIER.search(str(field["name"])))


def is_quantity(field: Mapping[str, Any], schema: Mapping[str, Any]) -> bool:
    """A number that adds up: not an identifier or part of the key, a year, a position, nor a
    flag or code limited to a list of values (災害種別_洪水: 1 or empty)."""
    return (field.get("type") in NUMBER_TYPES and not is_time(field)
            and not is_identifier(field, schema) and field["name"] not in _keys(schema)
            and field["name"] not in POSITION and "enum" not in field.get("constraints", {}))


def quantity_fields(schema: Mapping[str, Any]) -> list[str]:
    return [f["name"] for f in schema.get("fields", []) if is_quantity(f, schema)]


def label_field(schema: Mapping[str, Any], x: str) -> str | None:
    """The column that names ``x``'s values as the data writes them (令和5年度 for 2023)."""
    names = field_types(schema)
    return next((n for n in LABELS.get(x, ()) if n in names), None)


def unit_field(schema: Mapping[str, Any]) -> str | None:
    return UNIT if UNIT in field_types(schema) else None


@dataclass(frozen=True)
class ChartSpec:
    kind: str
    x: str
    y: str | None  # None: count rows
    agg: str
    color: str | None = None
    filters: tuple[tuple[str, str, str], ...] = ()  # the rows API's (column, operator, value)

    def params(self) -> list[tuple[str, str]]:
        """The query string that asks for this chart again, in a fixed order."""
        pairs = [("type", self.kind), ("x", self.x)]
        if self.y is not None:
            pairs.append(("y", self.y))
        pairs.append(("agg", self.agg))
        if self.color is not None:
            pairs.append(("color", self.color))
        for column, operator, value in self.filters:
            # A column named like a chart parameter (「type」) keeps its operator.
            plain = operator == "exact" and column not in RESERVED_KEYS
            pairs.append((column if plain else f"{column}__{operator}", value))
        return pairs


def _choice(value: str, allowed: Sequence[str], parameter: str) -> str:
    if value not in allowed:
        raise PortalError("bad-parameter", parameter=parameter, value=value,
                          reason=" | ".join(allowed))
    return value


def _form_filter(values: Mapping[str, str], types: Mapping[str, str],
                 dataset_id: str) -> list[tuple[str, str]]:
    """The chart form's filter row (column, operator, value) as a rows API pair."""
    column, operator = values.get("_filter_column", ""), values.get("_filter_op", "exact")
    value = values.get("_filter_value", "")
    if not column or value == "":
        return []
    if column not in types:
        raise PortalError("unknown-column", parameter="_filter_column", column=column,
                          id=dataset_id, columns=", ".join(types))
    _choice(operator, tuple(OPERATORS), "_filter_op")
    return [(f"{column}__{operator}", value)]


def parse_chart(params: Sequence[tuple[str, str]], schema: Mapping[str, Any], dataset_id: str,
                default: ChartSpec | None = None) -> ChartSpec:
    """Query-string pairs → ChartSpec; what is not given comes from ``default``. A bad value
    is a PortalError naming its parameter: an unknown column, type or aggregation, a y that is
    no quantity, a missing x."""
    types = field_types(schema)
    known = ", ".join(types)
    chosen: dict[str, str] = {}
    form: dict[str, str] = {}
    rest: list[tuple[str, str]] = []
    for key, value in params:
        if key in CHART_PARAMS:
            chosen[key] = value
        elif key in FILTER_FORM:
            form[key] = value
        elif key in PAGE_PARAMS:
            continue
        else:
            rest.append((key, value))

    def column(parameter: str) -> str | None:
        name = chosen.get(parameter, "")
        if name == "":
            return None
        if name not in types:
            raise PortalError("unknown-column", parameter=parameter, column=name, id=dataset_id,
                              columns=known)
        return name

    given = any(chosen.get(k) for k in CHART_PARAMS)
    base = default if default is not None and not given else None
    kind = _choice(chosen.get("type") or (base.kind if base else "bar"), CHART_TYPES, "type")
    x = column("x") or (base.x if base else None)
    if x is None:
        x = default.x if default is not None else None
    if x is None:
        raise PortalError("chart-parameter-missing", parameter="x", id=dataset_id,
                          columns=known)
    y = column("y") if given else (base.y if base else None)
    agg = _choice(chosen.get("agg") or (base.agg if base else ("sum" if y else "count")),
                  tuple(AGGREGATIONS), "agg")
    if agg == "count":
        y = None
    elif y is None:
        raise PortalError("chart-parameter-missing", parameter="y", id=dataset_id,
                          columns=", ".join(quantity_fields(schema)) or "-")
    else:
        field = next(f for f in schema["fields"] if f["name"] == y)
        if not is_quantity(field, schema):
            raise PortalError("chart-not-quantity", parameter="y", column=y,
                              columns=", ".join(quantity_fields(schema)) or "-")
    color = column("color") if given else (base.color if base else None)
    if color == x:
        color = None
    if kind == "pie" and color is not None:
        raise PortalError("chart-pie-one-series", parameter="color", column=color)
    filters = parse_query([*rest, *_form_filter(form, types, dataset_id)], schema,
                          dataset_id).filters
    if base is not None and not rest and not form:
        filters = base.filters
    return ChartSpec(kind, x, y, agg, color, filters)
