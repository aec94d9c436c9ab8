"""The published datasets against their sources: the DX plan's facts, and generators that
rebuild their files byte for byte."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from portal.catalog.load import load_catalog
from portal.validate.engine import validate_catalog
from portal.validate.standards import standard_fields
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ROOT / "datasets"
PLAN = ROOT / "sources/kanuma-dx-plan-2024.txt"
FISCAL_YEARS = ("2023", "2024", "2025", "2026")
CONTINUED = "(前年度から継続)"
STANDARD_FILES = {"092053_evacuation_space.csv": "03", "092053_evacuation_shelter.csv": "03-shelter"}
GSI = ROOT / "sources/gsi-evacuation-sites"


def _read(path: str) -> list[dict[str, str]]:
    with (DATASETS / path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _csv_files() -> list[Path]:
    return sorted(DATASETS.glob("*/*.csv"))


def test_the_repository_catalog_is_valid() -> None:
    catalog, findings = load_catalog(ROOT / "catalog.yaml")
    assert findings == ()
    assert [d.id for d in catalog.datasets] == [
        "dx-kpi-targets", "dx-kpi-actuals", "dx-measures", "dx-projects", "dx-glossary",
        "kanuma-postal-codes", "tochigi-municipality-codes", "japan-national-holidays",
        "portal-usage", "kanuma-evacuation-sites", "kanuma-evacuation-shelters",
        "kanuma-town-points"]
    report = validate_catalog(ROOT / "catalog.yaml", today=TODAY)
    assert [f.to_dict() for d in report.datasets for f in d.findings] == []
    assert report.valid and len(report.datasets) == 12


def test_dx_entries_name_the_plan_and_when_it_was_adopted() -> None:
    catalog, _ = load_catalog(ROOT / "catalog.yaml")
    for dataset in catalog.datasets:
        if dataset.id.startswith("dx-"):
            assert dataset.publisher.ja == "総合政策部 デジタル政策課", dataset.id
            assert dataset.license == "CC-BY-4.0", dataset.id
            # The plan was adopted in February 2024: nothing derived from it predates that.
            assert "2024-02-01" <= str(dataset.issued) <= str(dataset.modified), dataset.id
            assert "令和6年2月" in dataset.description.ja + dataset.source.title.ja, dataset.id


@pytest.mark.parametrize("path", _csv_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_file_is_utf8_lf_with_its_schemas_japanese_header(path: Path) -> None:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw and raw.endswith(b"\n")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    schema = json.loads(path.with_suffix(".schema.json").read_text(encoding="utf-8"))
    assert rows[0] == [field["name"] for field in schema["fields"]]
    assert schema["missingValues"] == [""]
    # A standard dataset's columns are the standard's own (ID, URL, 連絡先FormURL …).
    standard = set(standard_fields(STANDARD_FILES[path.name])) if path.name in STANDARD_FILES \
        else set()
    for field in schema["fields"]:
        # portal-usage is written by `portal usage`, whose columns (month, page_views, …) are
        # a documented interface (docs/usage.md); its Japanese names are the schema's titles.
        # A standard dataset's columns are the standard's own (ID, URL, 連絡先FormURL …).
        if path.parent.name != "portal-usage":
            assert (re.fullmatch(r"[^\sA-Za-z]+|KPI番号", field["name"])
                    or field["name"] in standard), field["name"]
        assert field["title"] and " / " in field["description"], field["name"]
    # One paragraph per cell: a line break inside a cell breaks many spreadsheet imports.
    assert not [cell for row in rows for cell in row if "\n" in cell or "\r" in cell]


def test_13_kpis_for_4_fiscal_years_with_the_plans_targets() -> None:
    kpis = _read("dx-kpi-targets/kpi-targets.csv")
    assert len(kpis) == 52 and len({r["KPI番号"] for r in kpis}) == 13
    assert all(r["KPI番号"] == r["施策番号"] for r in kpis)
    targets = {(r["KPI番号"], r["年度"]): r["目標値"] for r in kpis}
    assert [targets[("3-2", y)] for y in FISCAL_YEARS] == ["200", "220", "240", "260"]
    # "—" in the plan: no target for 令和8年度, which is not a target of zero.
    assert [targets[("2-1", y)] for y in FISCAL_YEARS] == ["0", "0", "19", ""]
    assert [targets[("2-6", y)] for y in FISCAL_YEARS] == ["4000", "48000", "96000", "144000"]
    assert sorted(k for k, v in targets.items() if v == "") == [
        ("1-3", "2023"), ("2-1", "2026"), ("3-1", "2023"), ("3-4", "2023")]
    assert {(r["年度"], r["和暦年度"]) for r in kpis} == {
        ("2023", "令和5年度"), ("2024", "令和6年度"), ("2025", "令和7年度"), ("2026", "令和8年度")}
    assert {r["単位"] for r in kpis} == {"件", "%", "業務", "人", "人/月", "枚"}


def _plan_kpis(plan: str) -> dict[str, tuple[str, str, list[str]]]:
    """KPI番号 → (indicator, unit, targets) read from the plan's KPI tables."""
    found, measure = {}, ""
    for line in plan.splitlines():
        heading = re.match(r"(\d-\d) ", line)
        if heading:
            measure = heading.group(1)
        row = re.fullmatch(r"([^\t]+)\(([^()\t]+)\)((?:\t[\d,]+|\t-|\t—){4})\t?", line)
        if row:
            targets = [v.replace(",", "").strip("-—") for v in row.group(3)[1:].split("\t")]
            found[measure] = (row.group(1), row.group(2), targets)
    return found


def test_every_kpi_target_matches_the_plans_table() -> None:
    plan = _plan_kpis(PLAN.read_text(encoding="utf-8"))
    assert len(plan) == 13
    published: dict[str, tuple[str, str, list[str]]] = {}
    for row in _read("dx-kpi-targets/kpi-targets.csv"):
        name, unit, targets = published.setdefault(row["KPI番号"], (row["指標名"], row["単位"], []))
        targets.append(row["目標値"])
    assert published == plan


def test_measures_and_policies_follow_the_plan() -> None:
    plan = PLAN.read_text(encoding="utf-8")
    policies = _read("dx-measures/policies.csv")
    assert [(r["基本方針番号"], r["基本方針名"]) for r in policies] == [
        ("1", "市民サービスの利便性向上"), ("2", "効率的な行政運営"), ("3", "活力ある地域づくり")]
    assert all(r["説明"] in plan for r in policies)
    measures = _read("dx-measures/measures.csv")
    assert [r["施策番号"] for r in measures] == [
        "1-1", "1-2", "1-3", "2-1", "2-2", "2-3", "2-4", "2-5", "2-6", "3-1", "3-2", "3-3", "3-4"]
    assert list(measures[0]) == ["施策番号", "基本方針番号", "施策名", "施策名_英語", "現状", "課題",
                                 "方針"]
    assert measures[9]["施策名"] == "デジタルデバイド対策"
    assert "デジタルデバイドの解消" in measures[9]["方針"]
    cells = [cell for row in measures for cell in row.values()]
    assert not [c for c in cells if "й" in c or "<" in c or ">" in c]
    # The bullets of 2-3's 方針 (an HTML list in the plan) become one paragraph.
    assert measures[5]["方針"].startswith("・AI-OCR及びRPAを活用し、既存の導入業務については")
    assert measures[5]["方針"].count("・") >= 3
    kpi_numbers = {r["KPI番号"] for r in _read("dx-kpi-targets/kpi-targets.csv")}
    assert kpi_numbers == {r["施策番号"] for r in measures}


ENGLISH_COLUMNS = {
    "dx-kpi-targets/kpi-targets.csv": ("施策名", "指標名", "単位"),
    "dx-measures/measures.csv": ("施策名",),
    "dx-measures/policies.csv": ("基本方針名",),
    "dx-projects/projects.csv": ("事業名",),
}


@pytest.mark.parametrize("path", sorted(ENGLISH_COLUMNS))
def test_every_name_has_one_english_translation_in_english_only(path: str) -> None:
    rows = _read(path)
    for column in ENGLISH_COLUMNS[path]:
        english: dict[str, set[str]] = {}
        for row in rows:
            text = row[f"{column}_英語"]
            assert text and text.isascii() and text == text.strip(), (path, row)
            # A unit is translated per KPI (件 is procedures, datasets or grants).
            key = row["KPI番号"] if column == "単位" else row[column]
            english.setdefault(key, set()).add(text)
        # One Japanese name, one English name: a translation never varies between rows.
        assert all(len(v) == 1 for v in english.values()), english
        if column != "単位":
            assert len({next(iter(v)) for v in english.values()}) == len(english), english


def test_the_13_kpis_and_3_policies_have_their_english_names() -> None:
    kpis = {r["KPI番号"]: r for r in _read("dx-kpi-targets/kpi-targets.csv")}
    assert (kpis["3-2"]["指標名_英語"], kpis["3-2"]["単位_英語"], kpis["3-2"]["施策名_英語"]) == (
        "Number of open datasets published", "datasets", "Using and sharing data")
    assert len({r["指標名_英語"] for r in kpis.values()}) == 13
    assert [r["基本方針名_英語"] for r in _read("dx-measures/policies.csv")] == [
        "Making services more convenient for residents", "Efficient administration",
        "Building a vibrant community"]


def test_dx_descriptions_say_the_english_names_are_translations() -> None:
    catalog, _ = load_catalog(ROOT / "catalog.yaml")
    for dataset_id in ("dx-kpi-targets", "dx-measures", "dx-projects"):
        dataset = catalog.get(dataset_id)
        assert dataset is not None
        assert "_英語" in dataset.description.ja and "英訳" in dataset.description.ja
        assert "translation" in dataset.description.en
        assert "not the plan's text" in dataset.description.en, dataset_id


def test_25_projects_and_the_plans_5_priority_projects() -> None:
    plan = PLAN.read_text(encoding="utf-8")
    assert "25の事業" in plan
    projects = _read("dx-projects/projects.csv")
    assert len(projects) == 25 and len({r["事業番号"] for r in projects}) == 25
    focus = [(r["重点事業番号"], r["事業名"]) for r in projects if r["重点事業"] == "true"]
    marks = "①②③④⑤"
    assert focus == [(str(n), name) for n, name in enumerate(
        (re.search(rf"^{mark} (.+)$", plan, re.M).group(1)  # type: ignore[union-attr]
         for mark in marks), start=1)]
    assert all(r["重点事業番号"] == "" for r in projects if r["重点事業"] == "false")
    by_number = {r["事業番号"]: r for r in projects}
    assert by_number["1-1-01"]["担当課"] == "行政経営課・デジタル政策課・関係各課"
    assert by_number["2-3-02"] == {"事業番号": "2-3-02", "施策番号": "2-3", "事業名": "生成AIの活用",
                                   "事業名_英語": "Using generative AI",
                                   "重点事業": "false", "重点事業番号": "", "担当課": ""}
    assert [r["事業名"] for r in projects].count("電子決裁の導入") == 1


def test_arrows_become_the_previous_activity_continued() -> None:
    schedule = _read("dx-projects/schedule.csv")
    assert not [r for r in schedule if r["取組内容"] in ("", "→", "➔")]
    continued = [r for r in schedule if r["取組内容"].endswith(CONTINUED)]
    assert len(continued) == 14
    for row in continued:
        base = row["取組内容"].removesuffix(CONTINUED)
        previous = str(int(row["年度"]) - 1)
        assert [r for r in schedule if r["事業番号"] == row["事業番号"] and r["年度"] == previous
                and r["取組内容"] in (base, row["取組内容"])], row
    # 生成AIの活用: the arrow of 令和8年度 continues 令和7年度's activity.
    assert [(r["年度"], r["取組内容"]) for r in schedule if r["事業番号"] == "2-3-02"] == [
        ("2023", "生成AI活用・導入方法の検討 利用ルールの検討"), ("2024", "文章生成AIの導入・利用"),
        ("2025", "文章生成AIの利用"), ("2026", "文章生成AIの利用" + CONTINUED)]


def test_electronic_approval_is_one_project_with_its_three_systems() -> None:
    rows = [(r["年度"], r["対象"], r["取組内容"])
            for r in _read("dx-projects/schedule.csv") if r["事業番号"] == "2-6-03"]
    assert rows == [
        ("2023", "文書管理システム", "導入検討"),
        ("2024", "文書管理システム", "決裁区分の見直し検討"),
        ("2025", "文書管理システム", "決裁区分の見直し システム、対象業務選定"),
        ("2026", "文書管理システム", "稼働"),
        ("2023", "就業管理システム", "運用"),
        ("2024", "公会計システム", "試験運用"),
        ("2025", "公会計システム", "一部運用開始"),
        ("2026", "公会計システム", "運用開始"),
    ]


def test_glossary_has_every_term_of_the_plan_under_its_heading() -> None:
    plan = PLAN.read_text(encoding="utf-8")
    section = plan[plan.index("用語集\n\n用語\t解説"):plan.index("鹿沼市 DX推進計画")]
    terms = [line for line in section.splitlines()
             if "\t" in line and line.split("\t")[1].strip() and not line.startswith("用語\t")]
    glossary = _read("dx-glossary/glossary.csv")
    assert len(terms) == len(glossary) == 22
    by_term = {r["用語"]: r for r in glossary}
    assert by_term["RPA"] == {"見出し": "あ", "用語": "RPA", "読み": "アールピーエー",
                              "解説": by_term["RPA"]["解説"]}
    assert (by_term["オープンデータ"]["読み"], by_term["マイナポータル"]["見出し"]) == ("", "ま")
    assert "情報や通信に関連する" in by_term["ICT"]["解説"]
    assert [r["見出し"] for r in glossary] == sorted(
        (r["見出し"] for r in glossary), key="あうえおきけこしそてひふま".index)


def test_kpi_actuals_has_its_header_and_no_invented_rows() -> None:
    text = (DATASETS / "dx-kpi-actuals/kpi-actuals.csv").read_text(encoding="utf-8")
    assert text == "KPI番号,年度,和暦年度,実績値,基準日,出典,備考\n"


def test_portal_usage_has_the_header_of_portal_usage_and_no_invented_rows() -> None:
    from portal.usage.table import HEADER

    text = (DATASETS / "portal-usage/usage.csv").read_text(encoding="utf-8")
    assert text == ",".join(HEADER) + "\n"
    schema = json.loads((DATASETS / "portal-usage/usage.schema.json").read_text("utf-8"))
    assert tuple(f["name"] for f in schema["fields"]) == HEADER


@pytest.mark.parametrize(("dataset", "file"), [
    ("kanuma-postal-codes", "postal-codes.csv"),
    ("tochigi-municipality-codes", "municipality-codes.csv"),
    ("japan-national-holidays", "holidays.csv"),
    ("kanuma-evacuation-sites", "092053_evacuation_space.csv"),
    ("kanuma-evacuation-shelters", "092053_evacuation_shelter.csv"),
    ("kanuma-town-points", "town-points.csv"),
])
def test_generators_reproduce_their_files(dataset: str, file: str, tmp_path: Path) -> None:
    out = tmp_path / file
    subprocess.run([sys.executable, str(DATASETS / dataset / "generate.py"), str(out)],
                   check=True, cwd=tmp_path)
    assert out.read_bytes() == (DATASETS / dataset / file).read_bytes()


def test_the_extraction_script_reproduces_the_dx_datasets(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "scripts/extract_dx_plan.py"), str(PLAN),
                    "--out", str(tmp_path)], check=True)
    produced = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.csv"))
    assert len(produced) == 6
    for path in produced:
        assert (tmp_path / path).read_bytes() == (DATASETS / path).read_bytes(), path


def test_package_derived_facts() -> None:
    postal = _read("kanuma-postal-codes/postal-codes.csv")
    assert len(postal) == 113 and all(re.fullmatch(r"\d{7}", r["郵便番号"]) for r in postal)
    # 上永野 and 下永野 are served from the 328 (Tochigi city) delivery area.
    assert [r["町域"] for r in postal if r["郵便番号"].startswith("328")] == ["上永野", "下永野"]
    assert {r["全国地方公共団体コード"] for r in postal} == {"092053"}
    # The city-wide code: Japan Post's 「以下に掲載がない場合」 comes as an empty area.
    assert [r for r in postal if r["郵便番号"] == "3220000"] == [
        {"郵便番号": "3220000", "全国地方公共団体コード": "092053", "都道府県": "栃木県",
         "市区町村": "鹿沼市", "町域": "", "都道府県_カナ": "トチギケン", "市区町村_カナ": "カヌマシ",
         "町域_カナ": ""}]
    codes = _read("tochigi-municipality-codes/municipality-codes.csv")
    assert len(codes) == 26 and codes[0]["全国地方公共団体コード"] == "090000"
    assert [r for r in codes if r["全国地方公共団体コード"] == "092053"] == [
        {"全国地方公共団体コード": "092053", "都道府県名": "栃木県", "市区町村名": "鹿沼市",
         "都道府県名_カナ": "トチギケン", "市区町村名_カナ": "カヌマシ"}]
    holidays = _read("japan-national-holidays/holidays.csv")
    assert (holidays[0]["日付"], holidays[-1]["日付"]) == ("2020-01-01", "2027-11-23")
    assert {"日付": "2026-01-01", "曜日": "木", "名称": "元日"} in holidays


def _gsi(kind: str) -> list[dict[str, Any]]:
    return list(json.loads((GSI / f"{kind}-092053.geojson").read_text(encoding="utf-8"))[
        "features"])


def test_evacuation_sites_are_gsis_65_sites_of_kanuma_in_layout_03() -> None:
    sites = _read("kanuma-evacuation-sites/092053_evacuation_space.csv")
    source = {f["properties"]["共通ID"]: f for f in _gsi("emergency")}
    assert len(sites) == len(source) == 65
    assert list(sites[0]) == list(standard_fields("03"))
    assert [r["ID"] for r in sites] == sorted(source)
    for row in sites:
        feature = source[row["ID"]]
        given = feature["properties"]
        assert (row["名称"], row["所在地_連結表記"]) == (given["施設・場所名"], given["住所"])
        assert [float(row["経度"]), float(row["緯度"])] == feature["geometry"]["coordinates"]
        assert row["指定避難所との重複"] == given["指定避難所との住所同一"]
        assert row["災害種別_大規模な火事"] == given["大規模な火事"]
    assert sites[0] == {**dict.fromkeys(standard_fields("03"), ""),
                        "全国地方公共団体コード": "092053", "ID": "E0920500001201",
                        "名称": "児子沼公園", "所在地_全国地方公共団体コード": "092053",
                        "所在地_連結表記": "栃木県鹿沼市さつき町14", "所在地_都道府県": "栃木県",
                        "所在地_市区町村": "鹿沼市", "緯度": "36.535964", "経度": "139.807264",
                        "地方公共団体名": "栃木県鹿沼市", "災害種別_大規模な火事": "1"}
    hazards = {h: sum(r[f"災害種別_{h}"] == "1" for r in sites)
               for h in ("洪水", "崖崩れ、土石流及び地滑り", "高潮", "地震", "津波", "大規模な火事",
                         "内水氾濫", "火山現象")}
    assert hazards == {"洪水": 40, "崖崩れ、土石流及び地滑り": 39, "高潮": 0, "地震": 40,
                       "津波": 0, "大規模な火事": 18, "内水氾濫": 37, "火山現象": 0}
    # Every site lies in Kanuma: 36.4–36.8° N, 139.4–139.9° E.
    assert all(36.4 < float(r["緯度"]) < 36.8 and 139.4 < float(r["経度"]) < 139.9
               for r in sites)


def test_evacuation_shelters_are_gsis_58_shelters_of_kanuma() -> None:
    shelters = _read("kanuma-evacuation-shelters/092053_evacuation_shelter.csv")
    source = {f["properties"]["共通ID"]: f for f in _gsi("evacuation")}
    assert len(shelters) == len(source) == 58
    assert list(shelters[0]) == list(standard_fields("03-shelter"))
    assert {r["ID"]: (r["名称"], r["所在地_連結表記"], r["受入対象者"]) for r in shelters} == {
        key: (f["properties"]["施設・場所名"], f["properties"]["住所"],
              f["properties"]["受入対象者"]) for key, f in source.items()}
    assert sum(r["受入対象者"] == "要配慮者" for r in shelters) == 12
    assert {r["指定緊急避難場所との重複"] for r in shelters} == {"1"}
    assert {r["全国地方公共団体コード"] for r in shelters} == {"092053"}


def test_evacuation_files_are_valid_against_their_schemas_and_the_standard() -> None:
    from frictionless import Resource, Schema

    for folder, name in (("kanuma-evacuation-sites", "092053_evacuation_space"),
                         ("kanuma-evacuation-shelters", "092053_evacuation_shelter")):
        schema = Schema.from_descriptor(json.loads(
            (DATASETS / folder / f"{name}.schema.json").read_text(encoding="utf-8")))
        report = Resource(path=f"{name}.csv", basepath=str(DATASETS / folder),
                          schema=schema).validate()
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])
        assert [f.name for f in schema.fields] == list(
            standard_fields(STANDARD_FILES[f"{name}.csv"]))


def test_town_points_are_geolonias_131_towns_of_kanuma() -> None:
    towns = _read("kanuma-town-points/town-points.csv")
    source = json.loads((ROOT / "sources/geolonia-addresses/kanuma-towns.json")
                        .read_text(encoding="utf-8"))
    assert len(towns) == len(source) == 131
    assert [(r["大字町丁目名"], float(r["緯度"]), float(r["経度"])) for r in towns] == [
        (t["town"], t["lat"], t["lng"]) for t in source]
    assert towns[0] == {"全国地方公共団体コード": "092053", "都道府県名": "栃木県",
                        "市区町村名": "鹿沼市", "大字町丁目名": "麻苧町", "緯度": "36.563155",
                        "経度": "139.744289"}
    # The towns of the evacuation sites' addresses are among them.
    names = {r["大字町丁目名"] for r in towns}
    assert {"さつき町", "みなみ町", "上殿町", "草久"} <= names
