"""`portal new` on the files staff really have: Excel, CP932 with CRLF, UTF-8 with BOM."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from portal.catalog.load import load_catalog
from portal.catalog.model import Change, Text
from portal.catalog.write import find_entry, load_document
from portal.errors import Conflict, NotFound, UsageError
from portal.scaffold import new_dataset

TODAY = date(2026, 11, 25)
ROWS = [["名称", "人数", "開設日", "緯度", "経度"],
        ["今宮コミュニティセンター", "120", "2023-04-01", "36.5671", "139.7455"],
        ["北押原コミュニティセンター", "85", "2023-05-01", "36.55", "139.76"]]


def _codes(result: object) -> list[tuple[str, int | None, str | None]]:
    return [(f.code, f.row, f.column) for d in result.report.datasets  # type: ignore[attr-defined]
            for f in d.findings]


def test_from_a_cp932_crlf_csv_writes_utf8_data_schema_and_entry(test_catalog: Path,
                                                                tmp_path: Path) -> None:
    source = tmp_path / "施設.csv"
    source.write_bytes("\r\n".join(",".join(r) for r in ROWS).encode("cp932") + b"\r\n")
    result = new_dataset(source, "generated-centres", catalog_path=test_catalog,
                         title="コミュニティセンター(生成)", today=TODAY)
    folder = test_catalog.parent / "datasets/generated-centres"
    data = (folder / "generated-centres.csv").read_bytes()
    assert data.decode("utf-8").splitlines() == [",".join(r) for r in ROWS]
    schema = json.loads((folder / "generated-centres.schema.json").read_text(encoding="utf-8"))
    assert [(f["name"], f["type"]) for f in schema["fields"]] == [
        ("名称", "string"), ("人数", "integer"), ("開設日", "date"), ("緯度", "number"),
        ("経度", "number")]
    assert schema["fields"][3]["description"].startswith("緯度")
    assert result.todo == ("title.en", "description.ja", "description.en", "publisher",
                           "category", "frequency", "source.title", "source.license")
    # The three required fields left blank, all at once; the files themselves are valid.
    assert [(f.code, f.params["field"]) for d in result.report.datasets
            for f in d.findings] == [("catalog-field-missing", "publisher"),
                                     ("catalog-field-missing", "category"),
                                     ("catalog-field-missing", "frequency")]
    assert result.exit_code == 1
    entry = test_catalog.read_text(encoding="utf-8").split("- id: generated-centres\n")[1]
    # No department guessed (staff name theirs: it is in the todo), and a first change item.
    assert "    publisher: ''\n" in entry
    assert ("    issued: 2026-11-25\n    modified: 2026-11-25\n    changes:\n"
            "      - {date: 2026-11-25, summary: {ja: 公開, en: First published}}\n") in entry


def test_comments_and_order_of_the_catalog_are_kept(test_catalog: Path, tmp_path: Path) -> None:
    before = test_catalog.read_text(encoding="utf-8")
    source = tmp_path / "data.csv"
    source.write_text("\n".join(",".join(r) for r in ROWS) + "\n", encoding="utf-8-sig")
    new_dataset(source, "generated-centres", catalog_path=test_catalog, today=TODAY)
    after = test_catalog.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))
    assert after.splitlines()[0] == "# A small generated catalog for the tests: the values are " \
                                    "made up and say so in their titles."
    catalog, findings = load_catalog(test_catalog)
    assert [d.id for d in catalog.datasets] == ["generated-facilities", "generated-population"]
    assert [label for label, _ in catalog.broken] == ["generated-centres"]


def test_excel_with_machine_readability_problems_reports_them_at_once(
        test_catalog: Path, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(ROWS[0])
    sheet.append(["今宮コミュニティセンター", 120, "令和5年4月1日", 36.5671, 139.7455])
    sheet.append(["北押原コミュニティセンター", "１２０", "2023-04-01", 36.55, 139.76])
    source = tmp_path / "generated_centres.xlsx"
    workbook.save(source)
    result = new_dataset(source, "generated-centres", catalog_path=test_catalog, today=TODAY)
    assert ("wareki-date", 2, "開設日") in _codes(result)
    assert ("fullwidth-digits", 3, "人数") in _codes(result)


def test_an_existing_id_is_refused_unless_updating(test_catalog: Path, tmp_path: Path) -> None:
    source = tmp_path / "data.csv"
    source.write_text("\n".join(",".join(r) for r in ROWS) + "\n", encoding="utf-8")
    with pytest.raises(Conflict) as caught:
        new_dataset(source, "generated-facilities", catalog_path=test_catalog, today=TODAY)
    assert caught.value.code == "new-id-exists"
    with pytest.raises(NotFound):
        new_dataset(source, "not-there", catalog_path=test_catalog, update=True, today=TODAY)
    with pytest.raises(UsageError):
        new_dataset(source, "Bad_Id", catalog_path=test_catalog, today=TODAY)


def test_update_replaces_the_data_and_keeps_the_schema(test_catalog: Path,
                                                       tmp_path: Path) -> None:
    folder = test_catalog.parent / "datasets/generated-population"
    schema_before = (folder / "population.schema.json").read_bytes()
    source = tmp_path / "population.csv"
    source.write_bytes("年,地区,人口,世帯数\r\n2025,北部,100,50\r\n".encode("cp932"))
    result = new_dataset(source, "generated-population", catalog_path=test_catalog,
                         update=True, today=TODAY)
    assert result.exit_code == 0
    assert (folder / "population.csv").read_text(encoding="utf-8") == (
        "年,地区,人口,世帯数\n2025,北部,100,50\n")
    assert (folder / "population.schema.json").read_bytes() == schema_before
    catalog, _ = load_catalog(test_catalog)
    assert catalog.get("generated-population").modified == TODAY  # type: ignore[union-attr]
    assert catalog.get("generated-population").changes == (  # type: ignore[union-attr]
        Change(date(2023, 4, 1), Text("公開", "First published")),
        Change(TODAY, Text("データを更新", "Data updated")))


def test_the_entry_is_written_without_yaml_anchors(test_catalog: Path, tmp_path: Path) -> None:
    """issued and modified are the same date object: written twice, never &id001 / *id001."""
    source = tmp_path / "data.csv"
    source.write_text("\n".join(",".join(r) for r in ROWS) + "\n", encoding="utf-8")
    new_dataset(source, "generated-centres", catalog_path=test_catalog, today=TODAY)
    text = test_catalog.read_text(encoding="utf-8")
    assert "&id" not in text and "*id" not in text
    entry = text[text.index("  - id: generated-centres"):].splitlines()
    assert "    issued: 2026-11-25" in entry and "    modified: 2026-11-25" in entry


def test_new_without_a_catalog_is_a_coded_usage_error(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from portal.cli import main

    source = tmp_path / "data.csv"
    source.write_text("\n".join(",".join(r) for r in ROWS) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["new", str(source), "--id", "generated-centres", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("portal new: The catalog catalog.yaml does not exist")
    assert "--catalog" in err and "Traceback" not in err
    assert not (tmp_path / "datasets").exists()


def test_new_without_a_catalog_in_a_subprocess_prints_no_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    source = tmp_path / "data.csv"
    source.write_text("\n".join(",".join(r) for r in ROWS) + "\n", encoding="utf-8")
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-m", "portal.cli", "new", str(source), "--id",
                           "generated-centres"], cwd=tmp_path, capture_output=True, text=True,
                          check=False, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 2
    assert done.stderr == (
        "portal new: カタログ catalog.yaml がありません(または portal: の項目がありません)。"
        "catalog.yaml のあるフォルダで実行するか、--catalog で指定してください。\n")
    assert done.stdout == ""


REAL = Path(__file__).resolve().parent / "data" / "real"  # public municipal files, SOURCES.md


@pytest.mark.parametrize("fix", [False, True])
def test_new_names_a_standard_file_as_the_standard_and_passes_its_own_check(
        test_catalog: Path, fix: bool) -> None:
    """Yaizu's AED list (code 222127 in every row) becomes 222127_aed.csv, the name
    `portal import` gives it, so validation has no standard-file-name to report."""
    result = new_dataset(REAL / "yaizu-aed.csv", "generated-aed", catalog_path=test_catalog,
                         fix=fix, today=TODAY)
    assert result.standard == "07"
    assert result.written[0] == "datasets/generated-aed/222127_aed.csv"
    entry = find_entry(load_document(test_catalog), "generated-aed")
    assert (entry["standard"], entry["resources"][0]["path"]) == (
        "07", "datasets/generated-aed/222127_aed.csv")
    codes = [code for code, _, _ in _codes(result)]
    assert [c for c in codes if c.startswith("standard-")] == []
    # publisher, category, frequency
    assert codes == ["catalog-field-missing", "catalog-field-missing", "catalog-field-missing"]
