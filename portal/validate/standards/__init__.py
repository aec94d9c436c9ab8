"""自治体標準オープンデータセット: bundled layouts (``layouts``), recognising one from a header
(``recognise``), the file name (``naming``) and the checks of a file that claims a standard."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import PurePosixPath

from portal.tables.table import Table
from portal.validate.report import Finding
from portal.validate.standards.codes import code_problem
from portal.validate.standards.layouts import (
    RENAMED,
    TYPES,
    Layout,
    best_layout,
    comparable,
    layout,
    layouts,
    layouts_of,
    standard_fields,
    standard_schema,
)
from portal.validate.standards.naming import (
    CODE_COLUMN,
    CODE_COLUMNS,
    code_column,
    data_code,
    standard_file_name,
)
from portal.validate.standards.recognise import Recognised, recognise_standard
from portal.validate.tableschema import LOOKALIKES

__all__ = ["CODES", "CODE_COLUMN", "CODE_COLUMNS", "FIXES", "STANDARD_NAMES", "TYPES", "Layout", "Recognised",
           "best_layout", "check_standard", "code_column", "data_file_name", "layout", "layouts",
           "layouts_of", "lookalike_chars", "recognise_standard", "standard_fields", "standard_file_name",
           "standard_schema", "table_code", "table_file_name"]

# The codes the standard-layout rule owns (``header-lookalike``, which it also reports, is
# tableschema.py's: one rule for a header that differs from a name only in look-alikes).
CODES = ("standard-column-missing", "standard-columns-optional-missing", "standard-columns",
         "standard-file-name", "local-government-code")
# --fix writes the standard column name over a look-alike header (portal/ingest/fixes.py).
FIXES = {"fix-standard-name": "header-lookalike"}

# type id: (ja name, en name, file name stem or None)
STANDARD_NAMES: dict[str, tuple[str, str, str | None]] = {
    type_id: (kind.ja, kind.en, kind.stem) for type_id, kind in TYPES.items()}


def standard_title(type_id: str | None) -> dict[str, str] | None:
    """The standard's name in ja and en, or None for no (or an unknown) standard."""
    if type_id not in STANDARD_NAMES:
        return None
    ja, en, _ = STANDARD_NAMES[type_id]
    return {"ja": ja, "en": en}


def lookalike_chars(label: str, name: str) -> str | None:
    """The look-alike characters (U+2015 for ー, ～ for 〜 …) by which ``label`` differs
    from ``name``; None when they differ otherwise."""
    if len(label) != len(name) or label.translate(LOOKALIKES) != name.translate(LOOKALIKES):
        return None
    return ", ".join(f"U+{ord(a):04X}≠U+{ord(b):04X}" for a, b in zip(label, name, strict=True)
                     if a != b)


def table_code(table: Table) -> str | None:
    """The local government code the table's own code column agrees on, if any."""
    column = code_column(table.header)
    if column is None:
        return None
    return data_code(table.cells[table.header.index(column)])


def table_file_name(type_id: str, table: Table, *fallback_codes: str) -> str | None:
    """The file name of a standard file: named by the code written in the data, else by the
    first valid fallback (a 06 list row's code, then the portal's). None when the type has
    no confirmed file name stem or no code is known."""
    code = table_code(table) or next(
        (c.strip() for c in fallback_codes if c.strip() and code_problem(c.strip()) is None),
        None)
    return None if code is None else standard_file_name(type_id, code)


def data_file_name(type_id: str | None, table: Table, default_stem: str,
                   *fallback_codes: str) -> str:
    """The name `portal new` and `portal import` give a dataset's data CSV: a standard file
    named as the standard says (``table_file_name``), anything else ``<default_stem>.csv``."""
    standard = table_file_name(type_id, table, *fallback_codes) if type_id else None
    return standard or f"{default_stem}.csv"


def _same(label: str, name: str) -> bool:
    """The same column name, up to width (（ and ( are one character under NFKC)."""
    return unicodedata.normalize("NFKC", label).strip() == unicodedata.normalize("NFKC", name)


def _column_findings(table: Table, item: Layout) -> Iterator[Finding]:
    shown = {"standard": item.type_id, "layout": item.id}
    header = list(table.header)
    found: dict[str, int] = {}  # standard name -> position in the header
    optional_missing = []
    for field in item.fields:
        at = next((i for i, label in enumerate(header) if _same(label, field.name)), None)
        if at is None:
            alike = next((i for i, label in enumerate(header)
                          if comparable(label) == comparable(field.name)), None)
            renamed = next((i for i, label in enumerate(header) for other in
                            RENAMED.get(field.name, ()) if _same(label, other)), None)
            if alike is not None:
                found[field.name] = alike
                yield Finding("header-lookalike", file=table.file, row=1, line=1,
                              column=field.name, column_number=alike + 1, value=header[alike],
                              params={"chars": lookalike_chars(header[alike], field.name)
                                      or header[alike]})
            elif renamed is not None:
                found[field.name] = renamed
            elif field.required:
                yield Finding("standard-column-missing", file=table.file, row=1, line=1,
                              column=field.name, params=shown)
            else:
                optional_missing.append(field.name)
            continue
        found[field.name] = at
    if optional_missing:
        yield Finding("standard-columns-optional-missing", file=table.file, row=1, line=1,
                      params={**shown, "count": len(optional_missing),
                              "columns": "、".join(optional_missing),
                              "missing": tuple(optional_missing)})
    in_header = sorted(found, key=found.__getitem__)
    in_layout = [name for name in item.names if name in found]
    for wanted, actual in zip(in_layout, in_header, strict=True):
        if wanted != actual:
            yield Finding("standard-columns", file=table.file, row=1, line=1, column=wanted,
                          column_number=found[actual] + 1, value=header[found[actual]],
                          params=shown)
            break


def check_standard(table: Table, type_id: str, resource_path: str,
                   local_government_code: str) -> Iterator[Finding]:
    """Columns (required, optional, order) against the layout of ``type_id`` the header is
    closest to, the file name, and every local government code cell."""
    item = best_layout(type_id, table.header)
    expected = table_file_name(type_id, table, local_government_code)
    if expected is not None and PurePosixPath(resource_path).name != expected:
        yield Finding("standard-file-name", file=table.file, params={"expected": expected})
    yield from _column_findings(table, item)
    column_name = code_column(table.header)
    if column_name is None:
        return
    index = table.header.index(column_name)
    column = table.cells[index]
    for value in column.unique():
        problem = code_problem(value)
        if problem is None:
            continue
        for position in column.index[column == value]:
            row = int(position) + 2
            yield Finding("local-government-code", file=table.file, row=row,
                          line=table.line_of_row(row), column=column_name,
                          column_number=index + 1, value=value, params={"reason": problem})
