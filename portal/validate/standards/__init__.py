"""自治体標準オープンデータセット: bundled column lists, file naming and code checks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import PurePosixPath
from typing import Any

from portal.validate.report import Finding
from portal.validate.standards.codes import code_problem
from portal.validate.table import Table
from portal.validate.tableschema import LOOKALIKES


def lookalike_chars(label: str, name: str) -> str | None:
    """The look-alike characters (U+2015 for ー, ～ for 〜 …) by which ``label`` differs
    from ``name``; None when they differ otherwise."""
    if len(label) != len(name) or label.translate(LOOKALIKES) != name.translate(LOOKALIKES):
        return None
    return ", ".join(f"U+{ord(a):04X}≠U+{ord(b):04X}" for a, b in zip(label, name, strict=True)
                     if a != b)


def recognise_standard(header: tuple[str, ...]) -> tuple[str, int, int] | None:
    """(type id, columns matched, columns of the layout) of the bundled layout the header
    matches best, counting look-alike spellings as matches; None below RECOGNISED_SHARE."""
    labels = {label.strip().translate(LOOKALIKES) for label in header}
    best: tuple[str, int, int] | None = None
    for type_id in STANDARD_NAMES:
        fields = standard_fields(type_id)
        matched = sum(1 for name in fields if name.translate(LOOKALIKES) in labels)
        if matched / len(fields) >= RECOGNISED_SHARE and (
                best is None or matched / len(fields) > best[1] / best[2]):
            best = (type_id, matched, len(fields))
    return best

CODE_COLUMN = "全国地方公共団体コード"
# The first versions of some definitions name the code column differently.
CODE_COLUMNS = (CODE_COLUMN, "都道府県コード又は市区町村コード")
STANDARD_NAMES: dict[str, tuple[str, str, str]] = {
    # type id: (ja name, en name, official file name stem)
    "01": ("公共施設一覧", "Public facilities", "public_facility"),
    "06": ("オープンデータ一覧", "Open data list", "opendata_list"),
    "03": ("指定緊急避難場所一覧", "Designated emergency evacuation sites", "evacuation_space"),
    # Not a standard type of its own (none was found): 03's leading columns and the fields of
    # GSI's 指定避難所 data, so shelters publish in the same shape as 03. Unconfirmed.
    "03-shelter": ("指定避難所一覧", "Designated evacuation shelters", "evacuation_shelter"),
    "07": ("AED設置箇所一覧", "AED locations", "aed"),
    "10": ("観光施設一覧", "Tourist facilities", "tourism"),
    "13": ("公衆トイレ一覧", "Public toilets", "public_toilet"),
}
# A header is recognised as a standard layout when it has this share of its columns.
RECOGNISED_SHARE = 0.6


@cache
def standard_schema(type_id: str) -> dict[str, Any]:
    text = resources.files("portal.validate.standards").joinpath(
        f"schemas/{type_id}.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def standard_fields(type_id: str) -> tuple[str, ...]:
    return tuple(f["name"] for f in standard_schema(type_id)["fields"])


def expected_file_name(type_id: str, local_government_code: str) -> str:
    return f"{local_government_code}_{STANDARD_NAMES[type_id][2]}.csv"


def check_standard(table: Table, type_id: str, resource_path: str,
                   local_government_code: str) -> Iterator[Finding]:
    """Columns and their order, the file name, and every local government code cell."""
    expected = expected_file_name(type_id, local_government_code)
    if PurePosixPath(resource_path).name != expected:
        yield Finding("standard-file-name", file=table.file, params={"expected": expected})
    fields = standard_fields(type_id)
    for index, name in enumerate(fields):
        found = table.header[index] if index < len(table.header) else ""
        if found == name:
            continue
        alike = next((label for label in table.header if label != name
                      and lookalike_chars(label, name)), None)
        if name in table.header:
            yield Finding("standard-columns", file=table.file, row=1, line=1, column=name,
                          column_number=index + 1, value=found,
                          params={"standard": type_id})
        elif alike is not None:
            yield Finding("header-lookalike", file=table.file, row=1, line=1, column=name,
                          column_number=table.header.index(alike) + 1, value=alike,
                          params={"chars": lookalike_chars(alike, name)})
        else:
            yield Finding("standard-column-missing", file=table.file, row=1, line=1,
                          column=name, column_number=index + 1,
                          params={"standard": type_id})
    code_column = next((c for c in CODE_COLUMNS if c in table.header), None)
    if code_column is not None:
        index = table.header.index(code_column)
        column = table.cells[index]
        for value in column.unique():
            problem = code_problem(value)
            if problem is None:
                continue
            for position in column.index[column == value]:
                row = int(position) + 2
                yield Finding("local-government-code", file=table.file, row=row,
                              line=table.line_of_row(row), column=code_column,
                              column_number=index + 1, value=value,
                              params={"reason": problem})
