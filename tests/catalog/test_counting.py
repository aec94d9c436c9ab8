"""The counting rules of the published-dataset KPI."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from portal.catalog.counting import (
    count_series,
    counts_from_git,
    fiscal_year,
    fiscal_year_counts,
    published_count,
    reiwa_label,
)


def test_fiscal_year_boundary_is_1_april() -> None:
    assert fiscal_year(date(2024, 3, 31)) == 2023
    assert fiscal_year(date(2024, 4, 1)) == 2024
    assert reiwa_label(2023) == "令和5年度" and reiwa_label(2026) == "令和8年度"


def test_a_dataset_counts_from_issued_and_until_the_day_before_withdrawal() -> None:
    items = [{"id": "a", "issued": "2024-03-31", "withdrawn": None},
             {"id": "b", "issued": "2024-04-01", "withdrawn": "2025-04-01"}]
    assert published_count(items, date(2024, 3, 30)) == 0
    assert published_count(items, date(2024, 3, 31)) == 1
    assert published_count(items, date(2024, 4, 1)) == 2
    assert published_count(items, date(2025, 3, 31)) == 2
    assert published_count(items, date(2025, 4, 1)) == 1


def test_fiscal_year_counts_end_on_31_march_and_the_current_year_is_as_of_today() -> None:
    items = [{"id": "a", "issued": "2024-03-31"}, {"id": "b", "issued": "2024-04-01"}]
    rows = fiscal_year_counts(items, (2023, 2024, 2027), date(2024, 6, 1))
    assert [(r["fiscal_year"], r["count"], r["as_of"], r["final"]) for r in rows] == [
        (2023, 1, "2024-03-31", True), (2024, 2, "2024-06-01", False),
        (2027, None, None, False)]


def test_monthly_series_counts_at_each_month_end() -> None:
    items = [{"id": "a", "issued": "2024-01-15"}, {"id": "b", "issued": "2024-02-29",
                                                   "withdrawn": "2024-03-10"}]
    series = count_series(items, date(2024, 1, 1), date(2024, 3, 20))
    assert [(s["month"], s["as_of"], s["count"]) for s in series] == [
        ("2024-01", "2024-01-31", 1), ("2024-02", "2024-02-29", 2), ("2024-03", "2024-03-20", 1)]


def test_a_dataset_with_several_files_counts_once(built: Path) -> None:
    from portal.query.kpi import count_summary
    from portal.store.current import load_build

    build = load_build(built.resolve())
    population = build.dataset("generated-population")
    assert population is not None and len(population.resources) == 2
    assert count_summary(build, date(2026, 11, 25))["count"] == 2


def _commit(repo: Path, text: str, day: str) -> None:
    (repo / "catalog.yaml").write_text(text, encoding="utf-8")
    env = {"GIT_COMMITTER_DATE": f"{day}T12:00:00", "GIT_AUTHOR_DATE": f"{day}T12:00:00",
           "PATH": "/usr/bin:/bin"}
    for args in (["add", "catalog.yaml"], ["commit", "-qm", day]):
        subprocess.run(["git", "-C", str(repo), "-c", "user.email=s@example.invalid",
                        "-c", "user.name=s", *args], check=True, env=env, capture_output=True)


def test_history_that_adds_and_removes_entries(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    entry = "  - {{id: {0}, issued: {1}}}\n"
    _commit(tmp_path, "datasets:\n" + entry.format("a", "2024-04-01"), "2024-04-01")
    _commit(tmp_path, "datasets:\n" + entry.format("a", "2024-04-01")
            + entry.format("b", "2024-01-01"), "2024-05-01")
    _commit(tmp_path, "datasets:\n" + entry.format("b", "2024-01-01"), "2024-06-01")
    checks = counts_from_git(tmp_path / "catalog.yaml")
    assert [(c["date"], c["entries"], c["published"]) for c in checks["commits"]] == [
        ("2024-04-01", 1, 1), ("2024-05-01", 2, 2), ("2024-06-01", 1, 1)]
    # b claims 2024-01-01 but first appeared in the commit of 2024-05-01.
    assert checks["backdated"] == ["b"]


def test_without_git_the_cross_check_is_empty(tmp_path: Path) -> None:
    (tmp_path / "catalog.yaml").write_text("datasets: []\n", encoding="utf-8")
    assert counts_from_git(tmp_path / "catalog.yaml") == {"commits": [], "backdated": []}
