"""The KPI summary on the repository's real build: the plan's 13 KPIs, nothing guessed."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from portal.publishing.pipeline import build
from portal.query.kpi import kpi_summary
from portal.store.current import Build, load_build

ROOT = Path(__file__).resolve().parents[2]
# The day the evacuation datasets were issued: every dataset of the catalog is published.
TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Build]:
    root = tmp_path_factory.mktemp("real")
    shutil.copy(ROOT / "catalog.yaml", root / "catalog.yaml")
    shutil.copytree(ROOT / "datasets", root / "datasets")
    result = build(root / "catalog.yaml", root / "build", today=TODAY)
    assert result.exit_code == 0
    yield load_build((root / "build").resolve())


def test_all_13_kpis_grouped_by_policy_with_the_plans_targets(real_build: Build) -> None:
    summary = kpi_summary(real_build, TODAY)
    assert summary["kpi_count"] == 13
    assert [(p["number"], p["name"], len(p["kpis"])) for p in summary["policies"]] == [
        (1, "市民サービスの利便性向上", 3), (2, "効率的な行政運営", 6), (3, "活力ある地域づくり", 4)]
    kpis = {k["id"]: k for p in summary["policies"] for k in p["kpis"]}
    assert [t["target"] for t in kpis["2-1"]["targets"]] == [0, 0, 19, None]
    assert [t["target"] for t in kpis["1-3"]["targets"]] == [None, 10, 15, 20]
    assert kpis["2-6"]["unit"] == "枚"


def test_actuals_are_unpublished_until_staff_record_them(real_build: Build) -> None:
    kpis = {k["id"]: k for p in kpi_summary(real_build, TODAY)["policies"] for k in p["kpis"]}
    assert all(t["actual"] is None for t in kpis["1-1"]["targets"])
    assert kpis["1-1"]["actuals"] == []


def test_the_open_data_kpi_is_the_live_count(real_build: Build) -> None:
    summary = kpi_summary(real_build, TODAY)
    count = summary["published_datasets"]
    counted = [d for d in real_build.published if not d.meta.get("generated")]
    assert count["count"] == len(counted) == 12
    assert real_build.dataset("published-dataset-count") is not None
    assert (count["fiscal_year"], count["target"], count["gap"]) == (2026, 260, 248)
    # Years that ended before the catalog's first entry have no record, not zero.
    assert [(r["fiscal_year"], r["count"]) for r in count["by_fiscal_year"]] == [
        (2023, None), (2024, None), (2025, None), (2026, 12)]
    kpis = {k["id"]: k for p in summary["policies"] for k in p["kpis"]}
    assert [t["actual"] for t in kpis["3-2"]["targets"]] == [None, None, None, 12]


def test_share_of_datasets_updated_on_schedule(real_build: Build) -> None:
    from portal.query.kpi import up_to_date

    now = up_to_date(real_build, TODAY)
    assert (now["total"], now["current"], now["share"]) == (12, 12, 1.0)
    # A year and a day later, the datasets updated yearly are overdue; irregular ones never.
    later = up_to_date(real_build, date(2027, 11, 26))
    assert later["overdue"] == ["dx-kpi-actuals", "japan-national-holidays",
                                "kanuma-postal-codes", "portal-usage"]
    assert (later["total"], later["current"]) == (12, 8)
