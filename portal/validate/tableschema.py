"""Table Schema checks, column-wise, with frictionless' own cell readers as the definition.

frictionless checks row by row in Python. Here each column is checked at once: values on a
vectorised fast path (plain ASCII integers, ISO dates, …) are accepted in bulk, and every other
*distinct* raw value is passed once to the frictionless ``Field.read_cell`` of its field, so
what is accepted or rejected is exactly what frictionless decides. Uniqueness and primary keys
are checked with pandas' ``duplicated``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
from frictionless import Field, FrictionlessException, Schema

from portal.tables.table import Table
from portal.validate.report import Finding
from portal.validate.rules.columns import blank_cells

# Raw text that frictionless certainly accepts for a type with default format and no
# constraints; anything else goes through Field.read_cell.
FAST_PATHS = {
    "integer": r"-?[1-9][0-9]{0,17}|0",
    "string": r".*",
    "any": r".*",
}


def load_schema(path: Path, shown: str) -> tuple[dict[str, Any] | None, list[Finding]]:
    """Read and validate a Table Schema file; problems are findings, never exceptions."""
    if not path.is_file():
        return None, [Finding("schema-missing", file=shown)]
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, [Finding("schema-invalid", file=shown, params={"reason": str(exc)})]
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("fields"), list):
        return None, [Finding("schema-invalid", file=shown,
                              params={"reason": '"fields" list is missing'})]
    try:
        schema = Schema.from_descriptor(descriptor)
        for field in schema.fields:
            field.create_value_reader()
    except FrictionlessException as exc:
        return None, [Finding("schema-invalid", file=shown,
                              params={"reason": exc.error.message})]
    errors = Schema.validate_descriptor(descriptor).errors
    if errors:
        return None, [Finding("schema-invalid", file=shown,
                              params={"reason": "; ".join(e.message for e in errors[:3])})]
    return descriptor, []


# Characters that look alike in Japanese text; a header that differs from its field name only in
# these was almost always typed or converted by hand.
LOOKALIKES = str.maketrans({"\u2015": "\u30fc", "\u2014": "\u30fc", "\u2010": "\u30fc",
                            "\u2212": "\u30fc", "\uff0d": "\u30fc", "-": "\u30fc",
                            "\uff5e": "\u301c", "~": "\u301c"})


def _lookalike_chars(label: str, name: str) -> str | None:
    if len(label) != len(name) or label.translate(LOOKALIKES) != name.translate(LOOKALIKES):
        return None
    return ", ".join(f"U+{ord(a):04X}≠U+{ord(b):04X}" for a, b in zip(label, name, strict=True)
                     if a != b)


def check_header(table: Table, schema: dict[str, Any]) -> Iterator[Finding]:
    names = [f["name"] for f in schema["fields"]]
    labels = list(table.header)
    seen: dict[str, int] = {}
    for index, label in enumerate(labels):
        number = index + 1
        if index >= len(names):
            if label or table.cells[index].astype(bool).any():
                yield Finding("header-extra-column", file=table.file, row=1, line=1,
                              column=label or None, column_number=number, value=label)
            continue
        if not label.strip():
            yield Finding("header-blank", file=table.file, row=1, line=1, column=names[index],
                          column_number=number, value=label)
        elif label in seen:
            yield Finding("header-duplicate", file=table.file, row=1, line=1, column=label,
                          column_number=number, value=label)
        elif label != names[index] and (chars := _lookalike_chars(label, names[index])):
            yield Finding("header-lookalike", file=table.file, row=1, line=1,
                          column=names[index], column_number=number, value=label,
                          params={"chars": chars})
        elif label != names[index]:
            yield Finding("header-mismatch", file=table.file, row=1, line=1,
                          column=names[index], column_number=number, value=label)
        seen.setdefault(label, number)
    for index in range(len(labels), len(names)):
        yield Finding("header-missing-column", file=table.file, row=1, line=1,
                      column=names[index], column_number=index + 1)


def _type_label(field: Field) -> str:
    return field.type if field.format in (None, "default") else f"{field.type} ({field.format})"


def _column_findings(table: Table, index: int, field: Field,
                     descriptor: dict[str, Any]) -> Iterator[Finding]:
    column = table.cells[index]
    missing_values = set(field.missing_values)
    constraints = descriptor.get("constraints") or {}
    fast = FAST_PATHS.get(field.type) if not (set(constraints) - {"required", "unique"}) \
        and field.format in (None, "default") else None
    is_missing = blank_cells(column, missing_values)  # spaces only count as blank
    candidates = column[~is_missing]
    if fast is not None:
        candidates = candidates[~candidates.str.fullmatch(fast)]
    problems: dict[str, dict[str, str]] = {}
    for raw in pd.unique(candidates):
        _, notes = field.read_cell(raw)
        if notes:
            problems[raw] = notes
    shown_type = _type_label(field)
    name = str(descriptor.get("name") or field.name)
    if problems:
        bad = column[column.isin(problems.keys())]
        for position, raw in bad.items():
            row = int(position) + 2
            for constraint, note in problems[raw].items():
                if constraint == "type":
                    yield Finding("cell-type-error", file=table.file, row=row,
                                  line=table.line_of_row(row), column=name,
                                  column_number=index + 1, value=raw,
                                  params={"type": shown_type})
                else:
                    yield Finding("cell-constraint", file=table.file, row=row,
                                  line=table.line_of_row(row), column=name,
                                  column_number=index + 1, value=raw,
                                  params={"constraint": constraint,
                                          "expected": note.split(" is ", 1)[-1].strip('"')})
    if constraints.get("required"):
        for position in column.index[is_missing]:
            row = int(position) + 2
            yield Finding("cell-required", file=table.file, row=row,
                          line=table.line_of_row(row), column=name, column_number=index + 1,
                          value=column[position])
    if constraints.get("unique"):
        present = column[~is_missing]
        repeated = present[present.duplicated(keep="first")]
        if len(repeated):
            first = present.drop_duplicates(keep="first")
            first_row = {value: int(pos) + 2 for pos, value in first.items()}
            for position, raw in repeated.items():
                row = int(position) + 2
                yield Finding("cell-unique", file=table.file, row=row,
                              line=table.line_of_row(row), column=name,
                              column_number=index + 1, value=raw,
                              params={"first": first_row[raw]})


def _primary_key(table: Table, schema: dict[str, Any]) -> Iterator[Finding]:
    key = schema.get("primaryKey")
    if not key:
        return
    key = [key] if isinstance(key, str) else list(key)
    names = [f["name"] for f in schema["fields"]]
    if any(k not in names for k in key):
        return
    frame = table.cells[[names.index(k) for k in key]]
    repeated = frame[frame.duplicated(keep="first")]
    if not len(repeated):
        return
    first_rows: dict[tuple[str, ...], int] = {}
    for position, values in frame.drop_duplicates(keep="first").iterrows():
        first_rows[tuple(values)] = int(position) + 2
    for position, values in repeated.iterrows():
        row = int(position) + 2
        yield Finding("primary-key-duplicate", file=table.file, row=row,
                      line=table.line_of_row(row), column=", ".join(key),
                      value=", ".join(values), params={"first": first_rows[tuple(values)]})


def check_schema(table: Table, schema: dict[str, Any]) -> Iterator[Finding]:
    """Header and cells of ``table`` against the Table Schema ``schema``."""
    yield from check_header(table, schema)
    missing = schema.get("missingValues", [""])
    width = len(table.header)
    # One frictionless Field per distinct type/format/constraints, not per column: building
    # and validating a Field cost ~2 ms, most of a wide table's check (issue #19).
    fields: dict[str, Field] = {}
    for index, descriptor in enumerate(schema["fields"]):
        if index >= width:
            break
        key = json.dumps({k: v for k, v in descriptor.items()
                          if k not in ("name", "title", "description")},
                         sort_keys=True, default=str)
        field = fields.get(key)
        if field is None:
            field = fields[key] = Field.from_descriptor({**descriptor})
            field.missing_values = list(missing)
        yield from _column_findings(table, index, field, descriptor)
    yield from _primary_key(table, schema)
