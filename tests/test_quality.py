"""The quality rules (portal/quality.py, docs/quality.md) on a stale, a broken-but-published
(warnings) and a clean dataset, and each star level. Entries are written here as the build
writes them into the manifest (generated, small)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from portal.findings import Finding
from portal.quality import Checks, CodeCount, assess, checks_in, checks_of, ckan_extras, stars

TODAY = date(2026, 11, 25)


def entry(**changes: Any) -> dict[str, Any]:
    """A manifest entry: one CSV resource with a primary key, published, current."""
    schema = {"fields": [{"name": "ID", "type": "integer"}, {"name": "名称", "type": "string"}],
              "primaryKey": "ID"}
    base: dict[str, Any] = {
        "id": "clean-set", "license": "CC-BY-4.0", "frequency": "annual",
        "modified": "2026-04-01", "state": "fresh", "stale_findings": [], "standard": None,
        "description": {"ja": "説明", "en": "A description."},
        "resources": [{"name": "data", "schema": schema,
                       "files": [{"kind": "csv"}, {"kind": "json"}]}]}
    return {**base, **changes}


def test_a_clean_dataset_has_no_next_step_but_keeping_it_current() -> None:
    quality = assess(entry(), Checks(), TODAY).to_dict()
    assert quality == {
        "as_of": "2026-11-25",
        "stars": 4,
        "machine_readable": {"state": "clean", "errors": 0, "warnings": []},
        "freshness": {"state": "on-time", "due": "2027-04-01", "days_late": 0},
        "standard": None,
        "english_description": True,
        "labels": ["stars-4", "no-warnings", "on-time", "english"],
        "next_steps": [{
            "code": "quality-nothing-to-do", "params": {"entry": "clean-set"},
            "message": {"ja": "clean-set: 直すところはありません。",
                        "en": "clean-set: nothing to fix."},
            "fix": {"ja": "更新頻度どおりに更新を続けてください。",
                    "en": "Keep updating it as often as declared."}}],
    }


def test_a_stale_dataset_is_late_by_the_days_past_its_due_date() -> None:
    # monthly, last modified 2025-10-01: due 2025-11-01, 389 days before 2026-11-25.
    quality = assess(entry(id="stale-set", frequency="monthly", modified="2025-10-01"),
                     Checks(), TODAY)
    assert quality.freshness.state == "late"
    assert quality.to_dict()["freshness"] == {"state": "late", "due": "2025-11-01",
                                              "days_late": 389}
    assert quality.labels == ("stars-4", "no-warnings", "late", "english")
    assert [(s.code, dict(s.params)) for s in quality.steps] == [
        ("quality-late", {"entry": "stale-set", "days": 389, "due": "2025-11-01"})]
    assert quality.steps[0].text("ja") == (
        "stale-set: 更新が 389 日遅れています(更新予定日 2025-11-01)。")


def test_the_day_after_the_due_date_is_one_day_late_and_the_due_date_itself_on_time() -> None:
    on_due = assess(entry(modified="2025-11-25"), Checks(), TODAY)
    assert (on_due.freshness.state, on_due.freshness.days_late) == ("on-time", 0)
    late = assess(entry(modified="2025-11-24"), Checks(), TODAY)
    assert (late.freshness.state, late.freshness.days_late) == ("late", 1)


def test_an_irregular_dataset_has_no_frequency_to_be_late_against() -> None:
    quality = assess(entry(frequency="irregular", modified="2020-01-01"), Checks(), TODAY)
    assert quality.to_dict()["freshness"] == {"state": "no-frequency", "due": None,
                                              "days_late": 0}
    assert [s.code for s in quality.steps] == ["quality-no-frequency"]


def test_a_published_dataset_with_warnings_counts_and_lists_them_by_code() -> None:
    findings = [Finding("cell-line-break", file="d.csv", row=row, column="備考",
                        column_number=3, value="a\nb") for row in (2, 3, 4)]
    findings += [Finding("encoding-cp932", file="d.csv"),
                 Finding("xlsx-several-sheets", file="d.xlsx")]
    checks = checks_of(findings)
    assert checks == Checks(warnings=(CodeCount("cell-line-break", 3),
                                      CodeCount("encoding-cp932", 1),
                                      CodeCount("xlsx-several-sheets", 1)))
    quality = assess(entry(id="warned-set"), checks, TODAY).to_dict()
    assert quality["machine_readable"] == {
        "state": "warnings", "errors": 0,
        "warnings": [{"code": "cell-line-break", "count": 3},
                     {"code": "encoding-cp932", "count": 1},
                     {"code": "xlsx-several-sheets", "count": 1}]}
    assert quality["labels"] == ["stars-4", "warnings", "on-time", "english"]
    assert [(s["code"], s["params"]) for s in quality["next_steps"]] == [
        ("quality-warnings", {"entry": "warned-set", "count": 5,
                              "codes": "cell-line-break, encoding-cp932, xlsx-several-sheets"})]
    assert quality["next_steps"][0]["message"]["en"] == (
        "warned-set: machine-readability warnings: 5 (cell-line-break, encoding-cp932, "
        "xlsx-several-sheets).")


def test_an_entry_kept_back_by_errors_says_how_many_the_latest_files_have() -> None:
    stale = entry(id="kept-back", state="stale",
                  stale_findings=[{"code": "cell-type-error"}, {"code": "file-missing"}])
    quality = assess(stale, Checks(), TODAY).to_dict()
    assert quality["machine_readable"] == {"state": "errors", "errors": 2, "warnings": []}
    assert quality["labels"] == ["stars-4", "errors-in-latest", "on-time", "english"]
    assert [(s["code"], s["params"]) for s in quality["next_steps"]] == [
        ("quality-errors-in-latest", {"entry": "kept-back", "count": 2})]


def test_standard_conformance_names_the_layout_and_the_optional_columns_missing() -> None:
    names = ["名称", "名称_カナ", "住所", "設置位置"]
    fields = [{"name": n, "type": "string"} for n in names]
    aed = entry(id="aed", standard="07",
                resources=[{"name": "aed", "schema": {"fields": fields, "primaryKey": "名称"},
                            "files": [{"kind": "csv"}]}])
    finding = Finding("standard-columns-optional-missing", file="aed.csv", row=1,
                      params={"standard": "07", "layout": "07-v1", "count": 2,
                              "columns": "NO、緯度", "missing": ("NO", "緯度")})
    order = Finding("standard-columns", file="aed.csv", row=1, column="住所",
                    params={"standard": "07", "layout": "07-v1"})
    checks = checks_of([finding, order])
    assert checks == Checks(standard=(CodeCount("standard-columns", 1),),
                            optional_missing=("NO", "緯度"))
    quality = assess(aed, checks, TODAY).to_dict()
    assert quality["standard"] == {"type": "07", "layout": "07-v1", "complete": False,
                                   "optional_missing": ["NO", "緯度"],
                                   "warnings": [{"code": "standard-columns", "count": 1}]}
    assert quality["machine_readable"]["state"] == "clean"
    assert quality["labels"] == ["stars-4", "no-warnings", "on-time", "standard", "english"]
    assert [(s["code"], s["params"]) for s in quality["next_steps"]] == [
        ("quality-standard-optional", {"entry": "aed", "layout": "07-v1", "count": 2,
                                       "columns": "NO、緯度"}),
        ("quality-standard-warnings", {"entry": "aed", "layout": "07-v1",
                                       "codes": "standard-columns"})]
    complete = assess(aed, Checks(), TODAY)
    assert complete.labels == ("stars-4", "no-warnings", "on-time", "standard-complete",
                               "english")


def test_the_optional_columns_validation_reports_reach_the_quality_record() -> None:
    import pandas as pd

    from portal.tables.table import Table
    from portal.validate.standards import check_standard

    header = ("名称", "名称_カナ", "住所", "設置位置")
    table = Table(file="aed.csv", header=header, encoding="utf-8", newline="\n",
                  cells=pd.DataFrame({i: ["a"] for i in range(4)}, dtype=object))
    checks = checks_of(check_standard(table, "07", "datasets/aed/aed.csv", "092053"))
    assert checks.optional_missing == (
        "都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "方書", "緯度",
        "経度", "電話番号", "内線番号", "法人番号", "団体名", "利用可能曜日", "開始時間",
        "終了時間", "利用可能日時特記事項", "小児対応設備の有無", "URL", "備考")


def test_no_english_description_is_a_step() -> None:
    quality = assess(entry(description={"ja": "説明", "en": "  "}), Checks(), TODAY)
    assert quality.english is False
    assert "english" not in quality.labels
    assert [s.code for s in quality.steps] == ["quality-no-english"]


@pytest.mark.parametrize(("changes", "expected"), [
    ({"license": "proprietary"}, 0),
    ({"resources": [{"name": "d", "schema": {}, "files": [{"kind": "csv"}]}]}, 1),
    ({"resources": [{"name": "d", "schema": {"fields": [{"name": "a"}]},
                     "files": [{"kind": "original"}]}]}, 2),
    ({"resources": [{"name": "d", "schema": {"fields": [{"name": "a"}]},
                     "files": [{"kind": "csv"}]}]}, 3),
    ({}, 4),
    ({"resources": [{"name": "d", "schema": {"fields": [{"name": "a"},
                                                        {"name": "URL", "format": "uri"}],
                                             "primaryKey": "a"},
                     "files": [{"kind": "csv"}]}]}, 5),
])
def test_stars_stop_at_the_first_level_the_portal_cannot_prove(
        changes: dict[str, Any], expected: int) -> None:
    assert stars(entry(**changes)) == expected


def test_three_stars_asks_for_a_primary_key() -> None:
    three = entry(resources=[{"name": "d", "schema": {"fields": [{"name": "a"}]},
                              "files": [{"kind": "csv"}]}])
    assert [s.code for s in assess(three, Checks(), TODAY).steps] == ["quality-no-primary-key"]


def test_a_reused_entry_is_assessed_from_the_checks_its_quality_holds() -> None:
    checks = Checks(warnings=(CodeCount("encoding-cp932", 1),),
                    standard=(CodeCount("standard-file-name", 1),), optional_missing=("NO",))
    aed = entry(standard="07")
    previous = {**aed, "quality": assess(aed, checks, TODAY).to_dict()}
    assert checks_in(previous) == checks
    assert checks_in(entry()) == Checks()


def test_ckan_extras_carry_the_quality_as_strings() -> None:
    quality = assess(entry(frequency="monthly", modified="2025-10-01"),
                     Checks(warnings=(CodeCount("encoding-cp932", 2),)), TODAY).to_dict()
    assert ckan_extras(quality) == [
        {"key": "quality_stars", "value": "4"},
        {"key": "quality_machine_readable", "value": "warnings"},
        {"key": "quality_warnings", "value": "2"},
        {"key": "quality_freshness", "value": "late"},
        {"key": "quality_days_late", "value": "389"},
        {"key": "quality_standard_layout", "value": ""},
        {"key": "quality_english_description", "value": "true"},
        {"key": "quality_as_of", "value": "2026-11-25"},
    ]
    assert ckan_extras(None) == []


def test_departments_list_their_datasets_with_most_to_do_first() -> None:
    from portal.quality import by_department

    def assessed(dataset_id: str, department: str, **changes: Any) -> dict[str, Any]:
        item = entry(id=dataset_id, department=department, **changes)
        return {**item, "quality": assess(item, Checks(), TODAY).to_dict()}

    entries = [assessed("b-clean", "citizens"),
               assessed("a-late", "citizens", frequency="monthly", modified="2025-10-01",
                        description={"ja": "説明", "en": ""}),
               assessed("c-other", "general-affairs"),
               {**entry(id="never-built", department="citizens")}]
    assert [(d, [e["id"] for e in items]) for d, items in by_department(entries)] == [
        ("citizens", ["a-late", "b-clean"]), ("general-affairs", ["c-other"])]
