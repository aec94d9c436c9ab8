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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from frictionless import Field, FrictionlessException, Schema

from portal.messages import reason
from portal.tables.table import Table
from portal.validate.report import Finding
from portal.validate.rules.columns import blank_mask, cell_mask

# Raw text that frictionless certainly accepts for a type with default format and no
# constraints; anything else goes through Field.read_cell.
# The codes the Table Schema rules own, and the finding --fix's header naming answers.
CODES = ("schema-missing", "schema-invalid", "header-missing-column", "header-extra-column",
         "header-blank", "header-duplicate", "header-lookalike", "header-mismatch",
         "cell-type-error", "cell-constraint", "cell-required", "cell-unique",
         "primary-key-duplicate")
FIXES = {"fix-header-named": "header-blank"}
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
                              params={"reason": reason("schema-fields-missing")})]
    problem = _problem(_distinct_fields(descriptor))
    if problem is not None:  # said of the whole schema, as frictionless words it
        problem = _problem(descriptor)
    if problem is not None:
        return None, [Finding("schema-invalid", file=shown, params={"reason": problem})]
    return descriptor, []


# Field properties whose value (a column's own words) frictionless checks only for its type.
OWN_WORDS = ("name", "title", "description")


def _distinct_fields(descriptor: dict[str, Any]) -> dict[str, Any]:
    """``descriptor`` with one field per distinct shape (type, format, constraints …), which
    frictionless judges exactly as the whole: building and validating a field cost ~0.5 ms,
    seconds for a wide table (issue #19). The whole schema where names repeat or keys refer to
    them, since those checks need every field."""
    fields = descriptor["fields"]
    names = [repr(f.get("name")) if isinstance(f, dict) else None for f in fields]
    if None in names or len(set(names)) != len(names) or "primaryKey" in descriptor \
            or "foreignKeys" in descriptor:
        return descriptor
    shapes: dict[str, dict[str, Any]] = {}
    for field in fields:
        key = json.dumps({k: [type(v).__name__, v == ""] if k in OWN_WORDS else v
                          for k, v in field.items()}, sort_keys=True, default=str)
        shapes.setdefault(key, field)
    return {**descriptor, "fields": list(shapes.values())}


def _problem(descriptor: dict[str, Any]) -> str | None:
    """Why frictionless refuses the Table Schema ``descriptor``; None when it accepts it."""
    try:
        schema = Schema.from_descriptor(descriptor)
        for field in schema.fields:
            field.create_value_reader()
    except FrictionlessException as exc:
        return str(exc.error.message)
    errors = Schema.validate_descriptor(descriptor).errors
    return "; ".join(e.message for e in errors[:3]) if errors else None


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


@dataclass(frozen=True)
class _Checked:
    """One column's cells as the field's group judged them (``_judge``)."""

    missing: np.ndarray  # bool per row: a missing value
    bad: np.ndarray  # bool per row: a value the field's reader rejects
    problems: dict[str, dict[str, str]]  # rejected raw value → frictionless notes


def _judge(table: Table, indexes: list[int], field: Field,
           descriptor: dict[str, Any]) -> dict[int, _Checked]:
    """Every column of ``indexes`` (all of one field shape) judged at once: one pandas call per
    group, not per column, and each distinct raw value read once by frictionless."""
    cells = table.cells[indexes]
    constraints = descriptor.get("constraints") or {}
    fast = FAST_PATHS.get(field.type) if not (set(constraints) - {"required", "unique"}) \
        and field.format in (None, "default") else None
    missing = blank_mask(cells, set(field.missing_values))  # spaces only count as blank
    candidate = ~missing
    if fast is not None and candidate.any():
        candidate &= ~cell_mask(cells, lambda flat: flat.str.fullmatch(fast))
    problems: dict[str, dict[str, str]] = {}
    for raw in pd.unique(cells.to_numpy(dtype=object)[candidate]):
        _, notes = field.read_cell(raw)
        if notes:
            problems[raw] = notes
    bad = cell_mask(cells, lambda flat: flat.isin(problems.keys())) if problems \
        else np.zeros(cells.shape, dtype=bool)
    return {index: _Checked(missing[:, j], bad[:, j], problems)
            for j, index in enumerate(indexes)}


def _column_findings(table: Table, index: int, field: Field, descriptor: dict[str, Any],
                     checked: _Checked) -> Iterator[Finding]:
    constraints = descriptor.get("constraints") or {}
    required = bool(constraints.get("required")) and checked.missing.any()
    if not (checked.bad.any() or required or constraints.get("unique")):
        return
    column = table.cells[index]
    shown_type = _type_label(field)
    name = str(descriptor.get("name") or field.name)
    for position, raw in column[checked.bad].items():
        row = int(position) + 2
        for constraint, note in checked.problems[raw].items():
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
    if required:
        for position in column.index[checked.missing]:
            row = int(position) + 2
            yield Finding("cell-required", file=table.file, row=row,
                          line=table.line_of_row(row), column=name, column_number=index + 1,
                          value=column[position])
    if constraints.get("unique"):
        present = column[~checked.missing]
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
    descriptors = schema["fields"][:len(table.header)]
    # One frictionless Field, and one pass over the cells, per distinct type/format/
    # constraints, not per column: per column, building a Field cost ~2 ms and the pandas
    # calls ~1 ms, most of a wide table's check (issue #19).
    groups: dict[str, list[int]] = {}
    for index, descriptor in enumerate(descriptors):
        key = json.dumps({k: v for k, v in descriptor.items()
                          if k not in ("name", "title", "description")},
                         sort_keys=True, default=str)
        groups.setdefault(key, []).append(index)
    fields: dict[int, Field] = {}
    checked: dict[int, _Checked] = {}
    for indexes in groups.values():
        field = Field.from_descriptor({**descriptors[indexes[0]]})
        field.missing_values = list(missing)
        fields.update(dict.fromkeys(indexes, field))
        checked.update(_judge(table, indexes, field, descriptors[indexes[0]]))
    for index, descriptor in enumerate(descriptors):
        yield from _column_findings(table, index, fields[index], descriptor, checked[index])
    yield from _primary_key(table, schema)
