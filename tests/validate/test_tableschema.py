"""Table Schema checks: header, cell types, constraints, primary keys and the schema file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from portal.tables.table import Table
from portal.validate.read import parse_csv
from portal.validate.report import Finding
from portal.validate.tableschema import check_schema, load_schema

Row = tuple[str, int | None, int | None, str | None, int | None, str | None]


def _table(text: str, shown: str = "t.csv") -> Table:
    table, findings = parse_csv(text, shown, "utf-8", "\n")
    assert findings == []
    assert table is not None
    return table


def _check(text: str, fields: list[dict[str, Any]], **schema: Any) -> list[Row]:
    descriptor = {"fields": fields, "missingValues": [""], **schema}
    return [(f.code, f.row, f.line, f.column, f.column_number, f.value)
            for f in check_schema(_table(text), descriptor)]


def test_type_errors_name_the_cell_and_the_type() -> None:
    fields = [{"name": "ID", "type": "integer"}, {"name": "開設日", "type": "date"},
              {"name": "面積", "type": "number"}, {"name": "有料", "type": "boolean"},
              {"name": "更新日", "type": "date", "format": "%Y/%m/%d"}]
    text = ("ID,開設日,面積,有料,更新日\n"
            "1,2020-04-01,1.5,true,2020/04/01\n"
            "x,2023-02-30,abc,maybe,2020-04-01\n")
    descriptor = {"fields": fields, "missingValues": [""]}
    findings = list(check_schema(_table(text), descriptor))
    assert [(f.code, f.row, f.line, f.column, f.column_number, f.value) for f in findings] == [
        ("cell-type-error", 3, 3, "ID", 1, "x"),
        ("cell-type-error", 3, 3, "開設日", 2, "2023-02-30"),
        ("cell-type-error", 3, 3, "面積", 3, "abc"),
        ("cell-type-error", 3, 3, "有料", 4, "maybe"),
        ("cell-type-error", 3, 3, "更新日", 5, "2020-04-01"),
    ]
    assert [f.params for f in findings] == [
        {"type": "integer"}, {"type": "date"}, {"type": "number"}, {"type": "boolean"},
        {"type": "date (%Y/%m/%d)"}]


def test_required_reports_each_blank_cell() -> None:
    fields = [{"name": "ID", "type": "integer"},
              {"name": "名称", "type": "string", "constraints": {"required": True}}]
    assert _check("ID,名称\n1,A館\n2,\n3,C館\n4,\n", fields) == [
        ("cell-required", 3, 3, "名称", 2, ""),
        ("cell-required", 5, 5, "名称", 2, ""),
    ]


def test_unique_names_the_first_row_with_the_value() -> None:
    fields = [{"name": "地区", "type": "string", "constraints": {"unique": True}}]
    descriptor = {"fields": fields, "missingValues": [""]}
    findings = list(check_schema(_table("地区\n北部\n中央\n北部\n\n\n中央\n"), descriptor))
    assert [(f.code, f.row, f.value, f.params) for f in findings] == [
        ("cell-unique", 4, "北部", {"first": 2}),
        ("cell-unique", 7, "中央", {"first": 3}),
    ]


def test_enum_minimum_and_pattern_are_cell_constraints() -> None:
    fields = [{"name": "地区", "type": "string", "constraints": {"enum": ["北部", "中央"]}},
              {"name": "定員", "type": "integer", "constraints": {"minimum": 0}},
              {"name": "郵便番号", "type": "string", "constraints": {"pattern": "[0-9]{7}"}}]
    descriptor = {"fields": fields, "missingValues": [""]}
    text = "地区,定員,郵便番号\n北部,10,3228001\n西部,-1,322-8001\n"
    findings = list(check_schema(_table(text), descriptor))
    assert [(f.code, f.row, f.line, f.column, f.value) for f in findings] == [
        ("cell-constraint", 3, 3, "地区", "西部"),
        ("cell-constraint", 3, 3, "定員", "-1"),
        ("cell-constraint", 3, 3, "郵便番号", "322-8001"),
    ]
    assert [f.params for f in findings] == [
        {"constraint": "enum", "expected": "['北部', '中央']"},
        {"constraint": "minimum", "expected": "0"},
        {"constraint": "pattern", "expected": "[0-9]{7}"},
    ]


def test_primary_key_duplicate_names_the_first_row() -> None:
    fields = [{"name": "年", "type": "integer"}, {"name": "地区", "type": "string"},
              {"name": "人口", "type": "integer"}]
    descriptor = {"fields": fields, "missingValues": [""], "primaryKey": ["年", "地区"]}
    text = "年,地区,人口\n2015,北部,100\n2015,中央,200\n2016,北部,110\n2015,北部,120\n"
    findings = list(check_schema(_table(text), descriptor))
    assert [(f.code, f.row, f.line, f.column, f.value, f.params) for f in findings] == [
        ("primary-key-duplicate", 5, 5, "年, 地区", "2015, 北部", {"first": 2}),
    ]


NAMES = [{"name": "地区", "type": "string"}, {"name": "人口", "type": "integer"},
         {"name": "世帯数", "type": "integer"}]


def test_header_missing_column() -> None:
    assert _check("地区,人口\n北部,100\n", NAMES) == [
        ("header-missing-column", 1, 1, "世帯数", 3, None)]


def test_header_extra_column() -> None:
    assert _check("地区,人口,世帯数,備考\n北部,100,40,\n", NAMES) == [
        ("header-extra-column", 1, 1, "備考", 4, "備考")]


def test_header_mismatch() -> None:
    assert _check("地区,人口数,世帯数\n北部,100,40\n", NAMES) == [
        ("header-mismatch", 1, 1, "人口", 2, "人口数")]


def test_header_blank() -> None:
    assert _check("地区, ,世帯数\n北部,100,40\n", NAMES) == [
        ("header-blank", 1, 1, "人口", 2, " ")]


def test_header_duplicate() -> None:
    assert _check("地区,人口,人口\n北部,100,40\n", NAMES) == [
        ("header-duplicate", 1, 1, "人口", 3, "人口")]


def test_schema_missing(tmp_path: Path) -> None:
    assert load_schema(tmp_path / "absent.schema.json", "absent.schema.json") == (
        None, [Finding("schema-missing", file="absent.schema.json")])


def test_schema_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.schema.json"
    path.write_text('{"fields": [', encoding="utf-8")
    descriptor, findings = load_schema(path, "broken.schema.json")
    assert descriptor is None
    assert [(f.code, f.file) for f in findings] == [("schema-invalid", "broken.schema.json")]
    assert findings[0].params["reason"].startswith("Expecting value: line 1 column 13")


def test_schema_invalid_without_fields(tmp_path: Path) -> None:
    path = tmp_path / "nofields.schema.json"
    path.write_text(json.dumps({"primaryKey": "ID"}), encoding="utf-8")
    schema, findings = load_schema(path, "nofields.schema.json")
    assert schema is None
    assert [(f.code, f.file, f.message("ja"), f.message("en")) for f in findings] == [
        ("schema-invalid", "nofields.schema.json",
         'Table Schema nofields.schema.json が不正です: "fields" のリストがありません',
         'Table Schema nofields.schema.json is invalid: the "fields" list is missing')]


def test_schema_invalid_field_type(tmp_path: Path) -> None:
    path = tmp_path / "badtype.schema.json"
    path.write_text(json.dumps({"fields": [{"name": "ID", "type": "integr"}]}),
                    encoding="utf-8")
    descriptor, findings = load_schema(path, "badtype.schema.json")
    assert descriptor is None
    assert [(f.code, f.file) for f in findings] == [("schema-invalid", "badtype.schema.json")]
    assert "integr" in findings[0].params["reason"]


def test_valid_schema_with_bom_loads(tmp_path: Path) -> None:
    path = tmp_path / "ok.schema.json"
    descriptor = {"fields": NAMES, "missingValues": [""]}
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(descriptor, ensure_ascii=False).encode())
    assert load_schema(path, "ok.schema.json") == (descriptor, [])


def test_columns_of_one_field_shape_are_judged_together_yet_reported_column_by_column(
        ) -> None:
    """The check runs once per field shape (issue #19: per column it took seconds for a wide
    table); findings still come column by column, rows in order, each with its own name.
    (２ is an integer to frictionless; ``fullwidth-digits`` reports it.)"""
    fields = [{"name": f"n{j}", "type": "integer", "constraints": {"required": True}}
              if j % 2 else {"name": f"d{j}", "type": "date"} for j in range(6)]
    text = ("d0,n1,d2,n3,d4,n5\n"
            "2020-01-01,1,x,２,2020-01-01,\n"
            "y,,2020-01-02,3,2020-13-01,x\n")
    assert _check(text, fields) == [
        ("cell-type-error", 3, 3, "d0", 1, "y"),
        ("cell-required", 3, 3, "n1", 2, ""),
        ("cell-type-error", 2, 2, "d2", 3, "x"),
        ("cell-type-error", 3, 3, "d4", 5, "2020-13-01"),
        ("cell-type-error", 3, 3, "n5", 6, "x"),
        ("cell-required", 2, 2, "n5", 6, "")]


def test_a_wide_schema_with_one_bad_field_is_refused_in_frictionless_words(
        tmp_path: Path) -> None:
    """load_schema validates one field per shape; a refusal is worded from the whole schema."""
    fields = [{"name": f"c{j}", "type": "string"} for j in range(3000)]
    fields[2500] = {"name": "c2500", "type": "intger"}
    fields[2700] = {"name": "c2700", "type": "intger"}
    path = tmp_path / "wide.schema.json"
    path.write_text(json.dumps({"fields": fields}), encoding="utf-8")
    assert load_schema(path, "wide.schema.json") == (None, [Finding(
        "schema-invalid", file="wide.schema.json",
        params={"reason": 'Field is not valid: field type "intger" is not supported'})])
    fields[2500] = fields[2700] = {"name": "c", "type": "string"}
    path.write_text(json.dumps({"fields": fields}), encoding="utf-8")
    _, findings = load_schema(path, "wide.schema.json")
    assert [(f.code, f.params["reason"]) for f in findings] == [(
        "schema-invalid", "Schema is not valid: descriptor is not valid")]
