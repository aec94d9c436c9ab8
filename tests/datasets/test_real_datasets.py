"""The published datasets against their sources: the DX plan's facts, and generators that
rebuild their files byte for byte."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from portal.validate.engine import validate_catalog
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ROOT / "datasets"
PLAN = ROOT.parent / "shared/seeds/kanuma-dx-plan-2024.txt"


def _read(path: str) -> pd.DataFrame:
    return pd.read_csv(DATASETS / path, dtype=str, keep_default_na=False)


def test_the_repository_catalog_is_valid() -> None:
    report = validate_catalog(ROOT / "catalog.yaml", today=TODAY)
    assert [f.to_dict() for d in report.datasets for f in d.findings] == []
    assert report.valid and len(report.datasets) == 8


def test_13_kpis_for_4_fiscal_years_with_the_plans_targets() -> None:
    kpis = _read("dx-kpi-targets/kpi-targets.csv")
    assert len(kpis) == 52 and kpis["KPI番号"].nunique() == 13
    targets = {(r["KPI番号"], r["年度"]): r["目標値"] for _, r in kpis.iterrows()}
    assert [targets[("3-2", str(y))] for y in range(2023, 2027)] == ["200", "220", "240", "260"]
    assert [targets[("2-1", str(y))] for y in range(2023, 2027)] == ["0", "0", "19", ""]
    assert [targets[("2-6", str(y))] for y in range(2023, 2027)] == [
        "4000", "48000", "96000", "144000"]
    assert targets[("1-3", "2023")] == "" and targets[("3-4", "2024")] == "100"
    assert set(kpis["和暦年度"]) == {"令和5年度", "令和6年度", "令和7年度", "令和8年度"}


def test_policies_measures_projects_and_glossary_counts() -> None:
    assert len(_read("dx-measures/policies.csv")) == 3
    measures = _read("dx-measures/measures.csv")
    assert len(measures) == 13
    assert "デジタルデバイド対策" in set(measures["施策名"])
    assert not measures.apply(lambda c: c.str.contains("й|<li>|\n")).any().any()
    projects = _read("dx-projects/projects.csv")
    assert len(projects) == 25
    assert projects.loc[projects["重点事業"] == "true", "事業名"].tolist() == [
        "行政手続のオンライン申請システムの導入", "デジタル人材の育成", "ペーパーレス化の推進",
        "公共施設の公衆Wi-Fi設置", "市内事業者のDX推進の取組に対する支援"]
    schedule = _read("dx-projects/schedule.csv")
    assert set(schedule["事業番号"]) <= set(projects["事業番号"])
    assert not schedule["取組内容"].str.contains("^→|^➔|^$").any()
    assert len(_read("dx-glossary/glossary.csv")) == 22


@pytest.mark.skipif(not PLAN.exists(), reason="the plan's text is not beside the repository")
def test_the_extraction_script_reproduces_the_dx_datasets(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "scripts/extract_dx_plan.py"), str(PLAN),
                    "--out", str(tmp_path)], check=True)
    for produced in tmp_path.rglob("*.csv"):
        committed = DATASETS / produced.relative_to(tmp_path)
        assert produced.read_bytes() == committed.read_bytes(), committed


@pytest.mark.parametrize(("dataset", "file"), [
    ("kanuma-postal-codes", "postal-codes.csv"),
    ("tochigi-municipality-codes", "municipality-codes.csv"),
    ("japan-national-holidays", "holidays.csv"),
])
def test_generators_reproduce_their_files(dataset: str, file: str, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(f"generate_{dataset.replace('-', '_')}",
                                                  DATASETS / dataset / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path / file)
    assert (tmp_path / file).read_bytes() == (DATASETS / dataset / file).read_bytes()


def test_package_derived_facts() -> None:
    postal = _read("kanuma-postal-codes/postal-codes.csv")
    assert len(postal) == 113 and postal["郵便番号"].str.fullmatch(r"\d{7}").all()
    # 上永野 and 下永野 are served from the 328 (Tochigi city) delivery area.
    assert postal.loc[postal["郵便番号"].str.startswith("328"), "町域"].tolist() == [
        "上永野", "下永野"]
    assert set(postal["全国地方公共団体コード"]) == {"092053"}
    codes = _read("tochigi-municipality-codes/municipality-codes.csv")
    assert "092053" in set(codes["全国地方公共団体コード"])
    assert codes.loc[codes["全国地方公共団体コード"] == "092053", "市区町村名"].item() == "鹿沼市"
    holidays = _read("japan-national-holidays/holidays.csv")
    assert holidays.loc[holidays["日付"] == "2026-01-01", "名称"].item() == "元日"
