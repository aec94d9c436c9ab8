"""`portal new --fix` on real files: the fixed table, the input kept as the original, the fix
report, the entry's `original:` and `standard:`, and the build publishing the original."""

from __future__ import annotations

import json
from pathlib import Path

from ruamel.yaml import YAML

from portal.catalog.load import load_catalog
from portal.cli import main
from portal.ingest import ingest_file
from portal.ingest.pipeline import ingest_sheets
from portal.publishing.pipeline import build
from portal.scaffold import new_dataset
from tests.ingest.helpers import REAL, TODAY

EXCEL = REAL / "derived-takamatsu-city-tax-excel.xlsx"


def _complete_entry(catalog: Path, dataset_id: str) -> None:
    """Fill in what `portal new` leaves to staff, as they would."""
    yaml = YAML(typ="rt")
    document = yaml.load(catalog.read_text(encoding="utf-8"))
    entry = next(e for e in document["datasets"] if e["id"] == dataset_id)
    entry["title"]["en"] = "City tax settlement"
    entry["description"]["ja"], entry["description"]["en"] = "市税の決算状況", "City tax"
    entry["publisher"] = "digital-policy"
    entry["category"], entry["frequency"] = "administration", "annual"
    entry["source"]["title"]["ja"], entry["source"]["title"]["en"] = "高松市", "Takamatsu City"
    entry["source"]["license"] = "CC BY 4.0"
    with catalog.open("w", encoding="utf-8") as handle:
        yaml.dump(document, handle)


def test_fix_writes_the_table_keeps_the_original_and_writes_the_report(
        test_catalog: Path) -> None:
    result = new_dataset(EXCEL, "city-tax", catalog_path=test_catalog, title="市税決算状況",
                         fix=True, today=TODAY)
    folder = test_catalog.parent / "datasets/city-tax"
    assert result.written == (
        "datasets/city-tax/city-tax.csv", "datasets/city-tax/city-tax.schema.json",
        f"datasets/city-tax/original/{EXCEL.name}", "datasets/city-tax/fix-report.md",
        "catalog.yaml")
    lines = (folder / "city-tax.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == ("No,年度,税目,内訳,区分,金額(円)_調定額,金額(円)_収入額,金額(円)_不納欠損額,"
                        "金額(円)_収入未済額,率(%)_収入率,率(%)_前年度比")
    assert lines[2].startswith("2,令和6年度,市民税,個人,滞納繰越分,532403372,")
    assert len(lines) == 11
    assert (folder / "original" / EXCEL.name).read_bytes() == EXCEL.read_bytes()
    report = (folder / "fix-report.md").read_text(encoding="utf-8")
    assert "| L2-06 | 「上と同じ」の空欄に上の値を入れた | 税目 | 6, 7, 8, 10, 11, 12, 13 | 7 |" in report
    catalog, _ = load_catalog(test_catalog)
    assert [label for label, _ in catalog.broken] == ["city-tax"]  # still to be filled in
    data_errors = [f.code for d in result.report.datasets for f in d.findings
                   if f.is_error and f.code != "catalog-field-missing"]
    assert data_errors == []
    _complete_entry(test_catalog, "city-tax")
    catalog, findings = load_catalog(test_catalog)
    resource = catalog.get("city-tax").resources[0]  # type: ignore[union-attr]
    assert resource.original == f"datasets/city-tax/original/{EXCEL.name}"


def test_the_build_publishes_the_input_as_the_original(test_catalog: Path,
                                                       tmp_path: Path) -> None:
    new_dataset(EXCEL, "city-tax", catalog_path=test_catalog, fix=True, today=TODAY)
    _complete_entry(test_catalog, "city-tax")
    out = tmp_path / "build"
    result = build(test_catalog, out, today=TODAY)
    assert result.exit_code == 0, result.report.to_dict()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entry = next(d for d in manifest["datasets"] if d["id"] == "city-tax")
    files = {f["kind"]: f for f in entry["resources"][0]["files"]}
    original = files["original"]
    assert original["path"].endswith(f"/original/{EXCEL.name}")
    assert original["media_type"].startswith("application/vnd.openxmlformats")
    assert (out / original["path"]).read_bytes() == EXCEL.read_bytes()


def test_without_fix_the_schema_is_valid_and_the_would_be_fixes_are_printed(
        test_catalog: Path, capsys: object) -> None:
    source = REAL / "takamatsu-environmental-facilities.csv"
    code = main(["new", str(source), "--id", "environmental-facilities",
                 "--catalog", str(test_catalog)])
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert code == 1
    assert "schema-invalid" not in out and "Schema is not valid" not in out
    assert ("takamatsu-environmental-facilities.csv の 1, 2, 3, 4, 5 … (+3) 行目は見出しより上の"
            "タイトルや説明の行のようです(例: 「#LINK」)") in out
    assert "LinkData のメタデータ行を削除" in out and "--fix を付けると次のように直します" in out
    assert not (test_catalog.parent / "datasets/environmental-facilities/fix-report.md").exists()


def test_cli_fix_prints_the_report_and_sets_the_standard(test_catalog: Path,
                                                         capsys: object) -> None:
    source = REAL / "derived-yaizu-aed-lookalike.csv"
    main(["new", str(source), "--id", "yaizu-aed", "--catalog", str(test_catalog), "--fix",
          "--lang", "en"])
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "look-alike header replaced by the standard column name" in out
    text = test_catalog.read_text(encoding="utf-8")
    assert 'standard: "07"' in text or "standard: '07'" in text
    assert "original: datasets/yaizu-aed/original/derived-yaizu-aed-lookalike.csv" in text


def test_a_file_without_a_header_row_says_why_and_writes_nothing(test_catalog: Path,
                                                                 tmp_path: Path) -> None:
    source = tmp_path / "generated-numbers.csv"
    source.write_text("1,2,3\n4,5,6\n", encoding="utf-8")
    result = new_dataset(source, "numbers", catalog_path=test_catalog, today=TODAY)
    assert [f.code for f in result.findings] == ["ingest-header-not-found"]
    assert result.written == () and result.exit_code == 1
    assert not (test_catalog.parent / "datasets/numbers").exists()


def test_a_second_table_in_the_sheet_is_reported_and_left_out(tmp_path: Path) -> None:
    source = tmp_path / "generated-two-tables.csv"
    source.write_text("地区,人口\n北部,100\n南部,200\n\n地区,世帯数\n北部,40\n南部,80\n",
                      encoding="utf-8")
    result = ingest_file(source, fix=True)
    assert [(f.code, f.rule, f.params["all_rows"]) for f in result.findings] == [
        ("trailing-empty-row", "L2-05", (4,)),
        ("ingest-several-tables", "L1-01", (5, 6, 7))]
    assert result.table is not None and list(result.table.cells[1]) == ["100", "200"]


def test_a_header_of_years_is_still_the_header(tmp_path: Path) -> None:
    source = tmp_path / "generated-years.csv"
    source.write_text("地区,2019,2020\n北部,\"1,200\",\"1,250\"\n南部,800,820\n",
                      encoding="utf-8")
    result = ingest_file(source, fix=True)
    assert result.table is not None and result.table.header == ("地区", "2019", "2020")
    assert list(result.table.cells[1]) == ["1200", "800"]


def test_a_workbook_with_two_sheets_is_one_table_per_sheet_under_fix(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "人口"
    book.active.append(["地区", "人口"])
    book.active.append(["北部", 100])
    other = book.create_sheet("世帯")
    other.append(["地区", "世帯数"])
    other.append(["北部", 40])
    source = tmp_path / "generated-two-sheets.xlsx"
    book.save(source)
    plain = ingest_file(source)
    assert [(f.code, f.rule, f.severity) for f in plain.findings] == [
        ("xlsx-several-sheets", "L1-01", "warning")]
    first, second = ingest_sheets(source, fix=True)
    assert [f.code for f in first.findings] == []  # a change now, not a finding
    assert [(c.code, c.rule, c.before) for c in first.fixes] == [
        ("fix-sheet-split", "L1-01", "世帯")]
    assert first.table is not None and first.table.header == ("地区", "人口")
    assert second.table is not None and second.table.header == ("地区", "世帯数")
    assert second.sheet == "世帯"


def test_a_further_sheet_without_a_table_is_reported_not_lost(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "人口"
    book.active.append(["地区", "人口"])
    book.active.append(["北部", 100])
    book.create_sheet("集計").append([1, 2, 3])  # numbers only: no header row
    source = tmp_path / "generated-numbers-sheet.xlsx"
    book.save(source)
    results = ingest_sheets(source, fix=True)
    assert len(results) == 1
    assert [(f.code, f.file) for f in results[0].findings] == [
        ("ingest-header-not-found", f"{source.name} [集計]")]
    assert [c.code for c in results[0].fixes] == []


def test_portal_new_fix_writes_a_resource_per_sheet_and_drops_the_example(
        test_catalog: Path) -> None:
    source = REAL / "derived-takamatsu-childcare-several-sheets.xlsx"
    result = new_dataset(source, "childcare", catalog_path=test_catalog, title="保育施設",
                         fix=True, today=TODAY)
    folder = "datasets/childcare"
    assert result.written == (
        f"{folder}/childcare.csv", f"{folder}/childcare.schema.json",
        f"{folder}/original/{source.name}", f"{folder}/childcare-2.csv",
        f"{folder}/childcare-2.schema.json", f"{folder}/fix-report.md", "catalog.yaml")
    report = (test_catalog.parent / folder / "fix-report.md").read_text(encoding="utf-8")
    assert "| L1-01 | 入力例・見本のシートを取り込まなかった | 記入例 |" in report
    assert "| L1-01 | シートを別のリソースとして取り込んだ |" in report
    assert f"## {source.name} [保育所 一覧] の機械判読対応の修正(--fix)" in report
    _complete_entry(test_catalog, "childcare")
    catalog, _ = load_catalog(test_catalog)
    dataset = catalog.get("childcare")
    assert dataset is not None
    assert [(r.name, r.title.ja if r.title else None, r.original)
            for r in dataset.resources] == [
        ("childcare", None, f"{folder}/original/{source.name}"),
        ("childcare-2", "保育所 一覧", f"{folder}/original/{source.name}")]


def test_a_japanese_header_after_the_preamble_is_preferred_to_the_property_row(
        tmp_path: Path) -> None:
    source = tmp_path / "generated-linkdata-ja.csv"
    source.write_text("#LINK,,\n#property,name,address\n#object_type_xsd,string,string\n"
                      "番号,名称,住所\n1,北部公民館,鹿沼市北部1\n", encoding="utf-8")
    result = ingest_file(source, fix=True)
    assert result.table is not None and result.table.header == ("番号", "名称", "住所")
    assert [(c.code, c.rows) for c in result.fixes] == [("fix-linkdata-removed", (1, 2, 3))]
