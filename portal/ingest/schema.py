"""Table Schema for a table read from a real file: always valid for frictionless.

Without --fix the schema records the type each column is meant to have (a column of numbers
with a few full-width digits is still an integer column), so the validator reports the cells
to fix. With --fix it records the type the fixed cells have; a column left as written is text.
Field names are never empty or repeated.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import numpy as np
import pandas as pd

from portal.tables.table import Table
from portal.validate.rules.columns import cell_mask
from portal.validate.rules.dates import looks_like_date
from portal.validate.standards import standard_schema
from portal.validate.tableschema import LOOKALIKES

GEO = {"緯度": "緯度(十進度、世界測地系) / latitude, decimal degrees",
       "経度": "経度(十進度、世界測地系) / longitude, decimal degrees"}


def intended_type(cells: pd.Series) -> str:
    """The type a column is meant to have, judged on NFKC-normalised text."""
    values = cells[cells.str.strip() != ""].map(lambda v: unicodedata.normalize("NFKC", v))
    if values.empty:
        return "string"
    plain = values.str.replace(",", "", regex=False).str.strip()
    if plain.str.fullmatch(r"0\d+").any():
        return "string"  # a code: leading zeros are data
    if plain.str.fullmatch(r"[+-]?\d+").all():
        return "integer"
    if plain.str.fullmatch(r"[+-]?\d+(?:\.\d+)?").all():
        return "number"
    if values.map(looks_like_date).all():
        return "date"  # 令和5年4月1日, 2024/4/1 …; 令和6年度 is a label, not a date
    if values.str.lower().isin(["true", "false"]).all():
        return "boolean"
    return "string"


def field_names(header: tuple[str, ...]) -> list[str]:
    names: list[str] = []
    taken: set[str] = set()  # a set: a list made this quadratic in columns (issue #19)
    for index, label in enumerate(header):
        name = label.strip() or f"column_{index + 1}"
        base, k = name, 2
        while name in taken:
            name, k = f"{base}_{k}", k + 1
        names.append(name)
        taken.add(name)
    return names


def build_schema(table: Table, types: tuple[str, ...] | None = None,
                 standard: str | None = None) -> dict[str, Any]:
    """``types``: the fixed columns' types ("" = text); None infers the intended types."""
    standard_types = {}
    if standard is not None:
        standard_types = {f["name"].translate(LOOKALIKES): f["type"]
                          for f in standard_schema(standard)["fields"]}
    fields = []
    # Every cell at once (cell_mask), not a pandas call per column (issue #19).
    filled = np.asarray(cell_mask(table.cells, lambda flat: flat.str.strip() != "").all(axis=0))
    for index, name in enumerate(field_names(table.header)):
        column = table.cells[index]
        if name.translate(LOOKALIKES) in standard_types:
            kind = standard_types[name.translate(LOOKALIKES)]
        elif name in GEO:
            kind = "number"
        elif types is not None:
            kind = types[index] or "string"
        else:
            kind = intended_type(column)
        descriptor: dict[str, Any] = {"name": name, "title": name, "type": kind}
        if name in GEO:
            descriptor["description"] = GEO[name]
        if len(column) and filled[index]:
            descriptor["constraints"] = {"required": True}
        fields.append(descriptor)
    return {"fields": fields, "missingValues": [""]}
