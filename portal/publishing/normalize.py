"""A validated ``Table`` → typed columns, decided by frictionless' own cell readers.

Each distinct raw value of a column is read once by the frictionless field of its schema, so
the published value is exactly what frictionless makes of the cell; the result is a column of
Python values (None for missing) and its canonical text for the CSV files.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from frictionless import Field

from portal.tables.table import Table


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    values: list[Any]  # typed Python values, None where missing
    texts: list[str]  # canonical text, "" where missing


def canonical_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list | dict):
        import json

        return json.dumps(value, ensure_ascii=False)
    return str(value)


def json_value(value: Any) -> Any:
    """A typed value as JSON can carry it (decimals as numbers, dates as ISO text)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "." not in str(value) \
            else float(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


def normalize(table: Table, schema: dict[str, Any]) -> list[Column]:
    missing = list(schema.get("missingValues", [""]))
    columns: list[Column] = []
    for index, descriptor in enumerate(schema["fields"]):
        field = Field.from_descriptor(dict(descriptor))
        field.missing_values = missing
        raw = table.cells[index]
        mapping: dict[str, Any] = {}
        for cell in raw.unique():
            value, _ = field.read_cell(cell)
            mapping[cell] = value
        values = [mapping[c] for c in raw]
        text_of = {cell: canonical_text(value) for cell, value in mapping.items()}
        columns.append(Column(descriptor["name"], descriptor.get("type", "string"),
                              [json_value(v) for v in values], [text_of[c] for c in raw]))
    return columns
