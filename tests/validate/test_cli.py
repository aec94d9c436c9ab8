"""`portal validate`: exit codes and the text, JSON and GitHub renderings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from portal.cli import main

DATA = Path(__file__).resolve().parent.parent / "data" / "catalog"
POPULATION = "datasets/generated-population/population.csv"
FACILITIES = "datasets/generated-facilities/facilities.csv"


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "catalog")
    return tmp_path / "catalog" / "catalog.yaml"


def _break_population(catalog: Path) -> None:
    """Give row 2 of population.csv a unit: 15611 → 15611人."""
    path = catalog.parent / POPULATION
    text = path.read_text(encoding="utf-8-sig")
    assert "2015,北部,15611,4471\n" in text
    path.write_text(text.replace("2015,北部,15611,4471\n", "2015,北部,15611人,4471\n", 1),
                    encoding="utf-8-sig")


def test_valid_catalog_exits_0(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--catalog", str(catalog)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "2 件のデータセットを検査しました。エラーはありません(警告 1 件)。"


def test_valid_catalog_in_json(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--catalog", str(catalog), "--format", "json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["valid"] is True
    assert [(d["id"], d["valid"], d["errors"]) for d in body["datasets"]] == [
        ("generated-facilities", True, []), ("generated-population", True, [])]
    assert [w["code"] for w in body["datasets"][0]["warnings"]] == ["encoding-cp932"]


def test_broken_file_exits_1_and_the_other_dataset_stays_valid(
        catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _break_population(catalog)
    assert main(["validate", "--catalog", str(catalog), "--format", "json"]) == 1
    body = json.loads(capsys.readouterr().out)
    assert body["valid"] is False
    by_id = {d["id"]: d for d in body["datasets"]}
    assert list(by_id) == ["generated-facilities", "generated-population"]
    assert by_id["generated-facilities"]["valid"] is True
    assert by_id["generated-facilities"]["errors"] == []
    population = by_id["generated-population"]
    assert population["valid"] is False
    assert len(population["errors"]) == 1
    error = population["errors"][0]
    documented = {"code", "rule", "severity", "file", "row", "column", "value", "message"}
    assert documented <= set(error)
    assert {key: error[key] for key in documented} == {
        "code": "number-with-unit",
        "rule": "L3-01",
        "severity": "error",
        "file": POPULATION,
        "row": 2,
        "column": "人口",
        "value": "15611人",
        "message": {
            "ja": f"{POPULATION} 2 行目「人口」の数値「15611人」に単位や記号が含まれています。",
            "en": f'{POPULATION} row 2, column "人口": the number "15611人" contains a unit '
                  "or symbol.",
        },
    }
    assert (error["line"], error["column_number"]) == (2, 3)


def test_unknown_dataset_id_exits_1(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--catalog", str(catalog), "--format", "json",
                 "no-such-dataset"]) == 1
    body = json.loads(capsys.readouterr().out)
    assert body["valid"] is False
    assert body["datasets"] == []
    assert [(e["code"], e["file"], e["message"]["en"]) for e in body["catalog"]["errors"]] == [
        ("catalog-unknown-dataset", "catalog.yaml", "The catalog has no dataset no-such-dataset.")]


def test_selected_dataset_only(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _break_population(catalog)
    assert main(["validate", "--catalog", str(catalog), "--format", "json",
                 "generated-facilities"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert [d["id"] for d in body["datasets"]] == ["generated-facilities"]


def test_github_annotations(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _break_population(catalog)
    assert main(["validate", "--catalog", str(catalog), "--format", "github",
                 "--lang", "en"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"::warning file={FACILITIES},title=encoding-cp932::File {FACILITIES} is Shift_JIS "
        "(CP932); it is published converted to UTF-8.%0AIf you can, save it as "
        '"CSV UTF-8 (Comma delimited)".',
        f"::error file={POPULATION},line=2,col=3,title=number-with-unit::{POPULATION} row 2, "
        'column "人口": the number "15611人" contains a unit or symbol.%0AWrite the number '
        "alone; put the unit in the column name or schema (e.g. 123).",
    ]


def test_lang_en_prints_english(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _break_population(catalog)
    assert main(["validate", "--catalog", str(catalog), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert out.split("\n\n") == [
        f"{FACILITIES}: warning encoding-cp932 [L1-04]\n"
        f"  File {FACILITIES} is Shift_JIS (CP932); it is published converted to UTF-8.\n"
        '  How to fix: If you can, save it as "CSV UTF-8 (Comma delimited)".',
        f"{POPULATION}:2:3: error number-with-unit [L3-01]\n"
        f'  {POPULATION} row 2, column "人口": the number "15611人" contains a unit or symbol.\n'
        "  How to fix: Write the number alone; put the unit in the column name or schema "
        "(e.g. 123).",
        "Checked 2 dataset(s): 1 error(s), 1 warning(s).\n",
    ]
