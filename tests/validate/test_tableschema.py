"""Table Schema checks: frictionless' decisions, reported column-wise with exact places."""

import json
from pathlib import Path

from portal.validate.tableschema import load_schema
from tests.validate.helpers import check

ID = {"name": "ID", "type": "integer", "constraints": {"required": True, "unique": True}}
NAME = {"name": "名称", "type": "string"}


def test_type_error_names_row_column_and_value(tmp_path: Path) -> None:
    assert check(tmp_path, "ID,名称\n1,今宮\nx,西沢\n", [ID, NAME]) == [
        ("cell-type-error", 3, 3, "ID")]


def test_required_and_unique_name_the_first_row(tmp_path: Path) -> None:
    found = check(tmp_path, "ID,名称\n1,今宮\n1,西沢\n,上殿\n", [ID, NAME])
    assert found == [("cell-required", 4, 4, "ID"), ("cell-unique", 3, 3, "ID")]


def test_constraints(tmp_path: Path) -> None:
    fields = [{"name": "地区", "type": "string", "constraints": {"enum": ["北部", "南部"]}},
              {"name": "郵便番号", "type": "string", "constraints": {"pattern": "[0-9]{7}"}},
              {"name": "定員", "type": "integer", "constraints": {"minimum": 0}}]
    found = check(tmp_path, "地区,郵便番号,定員\n北部,3228601,10\n東部,322-8601,-1\n", fields)
    assert found == [("cell-constraint", 3, 3, "地区"), ("cell-constraint", 3, 3, "郵便番号"),
                     ("cell-constraint", 3, 3, "定員")]


def test_primary_key_duplicate(tmp_path: Path) -> None:
    fields = [{"name": "年", "type": "integer"}, {"name": "地区", "type": "string"}]
    found = check(tmp_path, "年,地区\n2024,北部\n2024,南部\n2024,北部\n", fields,
                  primaryKey=["年", "地区"])
    assert found == [("primary-key-duplicate", 4, 4, "年, 地区")]


def test_header_problems(tmp_path: Path) -> None:
    fields = [ID, NAME, {"name": "備考", "type": "string"}]
    assert check(tmp_path, "ID,氏名,備考\n1,a,b\n", fields) == [("header-mismatch", 1, 1, "名称")]
    assert check(tmp_path, "ID,名称\n1,a\n", fields) == [("header-missing-column", 1, 1, "備考")]
    assert check(tmp_path, "ID,名称,備考,余分\n1,a,b,c\n", fields) == [
        ("header-extra-column", 1, 1, "余分")]
    assert check(tmp_path, "ID,,備考\n1,a,b\n", fields) == [("header-blank", 1, 1, "名称")]
    assert check(tmp_path, "ID,ID,備考\n1,2,b\n", fields) == [("header-duplicate", 1, 1, "ID")]


def test_missing_and_invalid_schemas(tmp_path: Path) -> None:
    assert [f.code for f in load_schema(tmp_path / "nope.json", "nope.json")[1]] == [
        "schema-missing"]
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert [f.code for f in load_schema(broken, "broken.json")[1]] == ["schema-invalid"]
    wrong_type = tmp_path / "wrong.json"
    wrong_type.write_text(json.dumps({"fields": [{"name": "a", "type": "integr"}]}),
                          encoding="utf-8")
    schema, findings = load_schema(wrong_type, "wrong.json")
    assert schema is None and [f.code for f in findings] == ["schema-invalid"]
