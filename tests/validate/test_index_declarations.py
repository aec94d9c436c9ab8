"""A schema's ``x-indexes`` names the composite indexes staff want: each entry two or more
distinct fields of the schema, else a finding naming the entry and the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portal.validate.engine import validate_catalog

SCHEMA = "datasets/generated-population/population.schema.json"


def _declare(catalog: Path, declared: object) -> None:
    path = catalog.parent / SCHEMA
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["x-indexes"] = declared
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")


def _findings(catalog: Path) -> list[tuple[str, str | None, str | None, dict]]:
    report = validate_catalog(catalog, ids=["generated-population"])
    return [(f.code, f.file, f.column, dict(f.params)) for d in report.datasets
            for f in d.findings if f.code.startswith("index-")]


def test_declared_indexes_of_known_fields_are_valid(test_catalog: Path) -> None:
    _declare(test_catalog, [["地区", "人口"], ["年", "地区", "世帯数"]])
    assert _findings(test_catalog) == []


def test_an_unknown_column_in_x_indexes_is_an_error_naming_it(test_catalog: Path) -> None:
    _declare(test_catalog, [["地区", "人口"], ["町名", "人口"]])
    assert _findings(test_catalog) == [
        ("index-column-unknown", "datasets/generated-population/population.csv", "町名",
         {"index": '["町名", "人口"]', "column": "町名"})]


@pytest.mark.parametrize(("declared", "entry"), [
    ("地区", '"地区"'), ([["地区"]], '["地区"]'), ([["地区", "地区"]], '["地区", "地区"]'),
    ([["地区", 3]], '["地区", 3]'), (["地区", "人口"], '"地区"')])
def test_a_malformed_entry_is_an_error(test_catalog: Path, declared: object,
                                       entry: str) -> None:
    _declare(test_catalog, declared)
    assert _findings(test_catalog)[0] == (
        "index-declaration-invalid", "datasets/generated-population/population.csv", None,
        {"index": entry})
