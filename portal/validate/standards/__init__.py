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

CODE_COLUMN = "全国地方公共団体コード"
STANDARD_NAMES: dict[str, tuple[str, str, str]] = {
    # type id: (ja name, en name, official file name stem)
    "01": ("公共施設一覧", "Public facilities", "public_facility"),
    "06": ("オープンデータ一覧", "Open data list", "opendata_list"),
    "03": ("指定緊急避難場所一覧", "Designated emergency evacuation sites", "evacuation_space"),
    # Not a standard type of its own (none was found): 03's leading columns and the fields of
    # GSI's 指定避難所 data, so shelters publish in the same shape as 03. Unconfirmed.
    "03-shelter": ("指定避難所一覧", "Designated evacuation shelters", "evacuation_shelter"),
}


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
        if found != name:
            yield Finding("standard-columns", file=table.file, row=1, line=1, column=name,
                          column_number=index + 1, value=found,
                          params={"standard": type_id})
    if CODE_COLUMN in table.header:
        index = table.header.index(CODE_COLUMN)
        column = table.cells[index]
        for value in column.unique():
            problem = code_problem(value)
            if problem is None:
                continue
            for position in column.index[column == value]:
                row = int(position) + 2
                yield Finding("local-government-code", file=table.file, row=row,
                              line=table.line_of_row(row), column=CODE_COLUMN,
                              column_number=index + 1, value=value,
                              params={"reason": problem})
