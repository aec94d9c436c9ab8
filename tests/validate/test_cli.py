"""`portal validate` as staff and CI run it: exit codes, text, JSON and GitHub annotations."""

import json
from pathlib import Path

import pytest

from portal.cli import main


def _break_facilities(catalog: Path) -> None:
    path = catalog.parent / "datasets/generated-facilities/facilities.csv"
    text = path.read_bytes().decode("cp932").replace("\r\n3,", "\r\nthree,", 1)
    path.write_bytes(text.encode("cp932"))


def test_a_valid_catalog_exits_0(test_catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--catalog", str(test_catalog)]) == 0
    assert "エラーはありません" in capsys.readouterr().out


def test_an_invalid_dataset_exits_1_and_the_other_is_still_reported_valid(
        test_catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _break_facilities(test_catalog)
    assert main(["validate", "--catalog", str(test_catalog), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    by_id = {d["id"]: d for d in report["datasets"]}
    assert by_id["generated-population"]["valid"] is True
    (error,) = by_id["generated-facilities"]["errors"]
    assert error == {
        "code": "cell-type-error", "rule": None, "severity": "error",
        "file": "datasets/generated-facilities/facilities.csv", "row": 4, "line": 4,
        "column": "ID", "column_number": 1, "value": "three",
        "message": {"ja": "datasets/generated-facilities/facilities.csv 4 行目「ID」の値「three」は "
                          "integer として読めません。",
                    "en": 'datasets/generated-facilities/facilities.csv row 4, column "ID": '
                          '"three" is not a valid integer.'},
        "fix": error["fix"],
    }
    assert set(error["fix"]) == {"ja", "en"}


def test_github_annotations_name_file_line_and_column(
        test_catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _break_facilities(test_catalog)
    assert main(["validate", "--catalog", str(test_catalog), "--format", "github",
                 "--lang", "en"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("::error file=datasets/generated-facilities/facilities.csv,"
                               "line=4,col=1,title=cell-type-error::") for line in lines)
    assert any(line.startswith("::warning file=datasets/generated-facilities/facilities.csv,"
                               "title=encoding-cp932::") for line in lines)


def test_english_text_output(test_catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _break_facilities(test_catalog)
    main(["validate", "--catalog", str(test_catalog), "--lang", "en"])
    out = capsys.readouterr().out
    assert "is not a valid integer" in out and "How to fix" in out


def test_only_the_named_dataset_and_unknown_ids(test_catalog: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    _break_facilities(test_catalog)
    assert main(["validate", "generated-population", "--catalog", str(test_catalog),
                 "--format", "json"]) == 0
    assert [d["id"] for d in json.loads(capsys.readouterr().out)["datasets"]] == [
        "generated-population"]
    assert main(["validate", "no-such-dataset", "--catalog", str(test_catalog),
                 "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [e["code"] for e in report["catalog"]["errors"]] == ["catalog-unknown-dataset"]


def test_a_broken_entry_is_reported_and_the_rest_still_validated(
        test_catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = test_catalog.read_text(encoding="utf-8")
    test_catalog.write_text(text.replace("    license: CC-BY-4.0\n    issued: 2023-04-01",
                                         "    license: GPL\n    issued: 2023-04-01"),
                            encoding="utf-8")
    assert main(["validate", "--catalog", str(test_catalog), "--format", "json"]) == 1
    by_id = {d["id"]: d for d in json.loads(capsys.readouterr().out)["datasets"]}
    assert by_id["generated-facilities"]["valid"] is True
    (error,) = by_id["generated-population"]["errors"]
    assert (error["code"], error["file"]) == ("catalog-field-invalid", "catalog.yaml")
    assert "license" in error["message"]["en"]


def test_usage_errors_exit_2(test_catalog: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["validate", "--format", "xml"])
    assert caught.value.code == 2
    assert main(["validate", "--catalog", str(test_catalog), "--changed-since",
                 "no-such-ref"]) == 2
