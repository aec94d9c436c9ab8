"""catalog.yaml → records: malformed entries become findings, the others still load."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from portal.catalog.load import CatalogUnreadable, load_catalog
from portal.catalog.model import Change, Text

PORTAL = """\
portal:
  title: {ja: 鹿沼市オープンデータ, en: Kanuma City Open Data}
  description: {ja: 説明, en: Description}
  city: {ja: 鹿沼市, en: Kanuma City}
  prefecture: {ja: 栃木県, en: Tochigi}
  local_government_code: "092053"
  publisher: digital-policy
  departments:
    - {id: digital-policy, ja: 総合政策部 デジタル政策課, en: Digital Policy Division}
    - {id: general-affairs, ja: 総務部 総務課, en: General Affairs Division}
  contact:
    name: {ja: デジタル推進係, en: Digital Promotion Section}
    email: johoseisaku@city.kanuma.lg.jp
    phone: 0289-63-2252
    address: 栃木県鹿沼市今宮町1688-1
  license: CC-BY-4.0
datasets:
"""


def entry(dataset_id: str, **changes: str) -> str:
    fields = {
        "title": "{ja: 施設一覧, en: Facilities}",
        "description": "{ja: 説明, en: Description}",
        "publisher": "general-affairs",
        "category": "administration",
        "tags": "[施設]",
        "license": "CC-BY-4.0",
        "issued": "2024-04-01",
        "modified": "2024-05-01",
        "frequency": "annual",
        "source": "{title: {ja: 鹿沼市, en: Kanuma City}, license: CC BY 4.0}",
        "resources": f"[{{name: main, path: datasets/{dataset_id}/main.csv, format: csv, "
                     f"schema: datasets/{dataset_id}/main.schema.json}}]",
    }
    fields.update(changes)
    body = "".join(f"    {key}: {value}\n" for key, value in fields.items() if value != "DROP")
    return f"  - id: {dataset_id}\n{body}"


def write(tmp_path: Path, *entries: str) -> Path:
    path = tmp_path / "catalog.yaml"
    path.write_text(PORTAL + "".join(entries), encoding="utf-8")
    return path


def test_a_valid_entry_loads_into_typed_records(tmp_path: Path) -> None:
    catalog, findings = load_catalog(write(tmp_path, entry("facilities")))
    assert findings == ()
    (dataset,) = catalog.datasets
    assert dataset.id == "facilities"
    assert dataset.title.ja == "施設一覧" and dataset.title.en == "Facilities"
    assert dataset.issued == date(2024, 4, 1)
    assert dataset.resources[0].path == "datasets/facilities/main.csv"
    assert dataset.line == PORTAL.count("\n") + 1
    assert catalog.portal.local_government_code == "092053"
    assert (dataset.department, dataset.publisher) == (
        "general-affairs", Text("総務部 総務課", "General Affairs Division"))
    # The portal speaks for the city: its department named with the city.
    assert catalog.portal.publisher == Text("鹿沼市 総合政策部 デジタル政策課",
                                            "Digital Policy Division, Kanuma City")
    assert dataset.changes == ()


@pytest.mark.parametrize("publisher", [
    "{ja: 総務部 総務課, en: General Affairs Division}",  # a name, even the declared one
    "総務部 総務課",
    "no-such-department",
])
def test_a_publisher_must_be_a_declared_department_id(tmp_path: Path, publisher: str) -> None:
    catalog, findings = load_catalog(write(tmp_path, entry("x", publisher=publisher)))
    assert catalog.datasets == ()
    assert [(f.code, f.params["entry"], f.params["field"]) for f in findings] == [
        ("catalog-field-invalid", "x", "publisher")]
    assert "general-affairs" in findings[0].message("en")


def test_two_entries_of_one_department_carry_one_name(tmp_path: Path) -> None:
    catalog, _ = load_catalog(write(tmp_path, entry("a"), entry("b")))
    assert {d.publisher for d in catalog.datasets} == {
        Text("総務部 総務課", "General Affairs Division")}


def test_changes_load_oldest_first_with_both_languages(tmp_path: Path) -> None:
    changes = ("[{date: 2024-04-01, summary: {ja: 公開, en: First published}}, "
               "{date: 2024-05-01, summary: {ja: 5月分を追加, en: Added May}}]")
    catalog, findings = load_catalog(write(tmp_path, entry("x", changes=changes)))
    assert findings == ()
    assert catalog.datasets[0].changes == (
        Change(date(2024, 4, 1), Text("公開", "First published")),
        Change(date(2024, 5, 1), Text("5月分を追加", "Added May")))


@pytest.mark.parametrize(("changes", "field"), [
    ("[{date: 2024-04-01}]", "changes[0].date/summary"),
    ("[{date: 2024/04/01, summary: {ja: 公開, en: First published}}]", "changes[0].date"),
    ("[{date: 2024-04-01, summary: 公開}]", "changes[0].summary"),
    ("公開", "changes"),
])
def test_a_malformed_change_names_its_item(tmp_path: Path, changes: str, field: str) -> None:
    _, findings = load_catalog(write(tmp_path, entry("x", changes=changes)))
    assert [(f.params["entry"], f.params["field"]) for f in findings] == [("x", field)]


def test_a_missing_field_names_the_entry_and_field_and_the_others_still_load(
        tmp_path: Path) -> None:
    catalog, findings = load_catalog(
        write(tmp_path, entry("first"), entry("second", license="DROP"), entry("third")))
    assert [d.id for d in catalog.datasets] == ["first", "third"]
    (finding,) = findings
    assert finding.code == "catalog-field-missing"
    assert finding.params == {"entry": "second", "field": "license"}
    assert "second" in finding.message("en") and "license" in finding.message("en")
    assert finding.message("ja") == "データセット second に必須項目 license がありません。"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"license": "GPL-3.0"}, "license"),
        ({"category": "weather"}, "category"),
        ({"frequency": "sometimes"}, "frequency"),
        ({"issued": "2024/04/01"}, "issued"),
        ({"modified": "2024-01-01"}, "modified"),  # before issued
        ({"title": "施設一覧"}, "title"),  # English missing
        ({"resources": "[{name: main, path: ../secret.csv, format: csv, "
                       "schema: datasets/x/main.schema.json}]"}, "resources[0].path"),
        ({"resources": "[]"}, "resources"),
    ],
)
def test_an_invalid_value_is_reported_with_its_field(tmp_path: Path, changes: dict[str, str],
                                                     field: str) -> None:
    catalog, findings = load_catalog(write(tmp_path, entry("x", **changes)))
    assert catalog.datasets == ()
    assert [(f.code, f.params["entry"], f.params["field"]) for f in findings] == [
        ("catalog-field-invalid", "x", field)]


def test_an_id_that_is_not_a_slug_is_rejected(tmp_path: Path) -> None:
    _, findings = load_catalog(write(tmp_path, entry("Public_Facilities")))
    assert [(f.code, f.params["field"]) for f in findings] == [("catalog-field-invalid", "id")]


def test_a_duplicate_id_keeps_the_first_entry(tmp_path: Path) -> None:
    catalog, findings = load_catalog(write(tmp_path, entry("same"), entry("same")))
    assert [d.id for d in catalog.datasets] == ["same"]
    assert [f.code for f in findings] == ["catalog-duplicate-id"]


def test_withdrawn_needs_its_date_and_counts_until_the_day_before(tmp_path: Path) -> None:
    _, findings = load_catalog(write(tmp_path, entry("gone", status="withdrawn")))
    assert [(f.code, f.params["field"]) for f in findings] == [
        ("catalog-field-missing", "withdrawn")]
    catalog, findings = load_catalog(
        write(tmp_path, entry("gone", status="withdrawn", withdrawn="2025-04-01")))
    (dataset,) = catalog.datasets
    assert findings == ()
    assert dataset.is_published_on(date(2025, 3, 31))
    assert not dataset.is_published_on(date(2025, 4, 1))
    assert not dataset.is_published_on(date(2024, 3, 31))  # before issued


def test_an_unknown_field_is_an_error_naming_it(tmp_path: Path) -> None:
    catalog, findings = load_catalog(write(tmp_path, entry("x", licence="CC-BY-4.0")))
    assert len(catalog.datasets) == 1
    assert [(f.code, f.severity, f.params["field"]) for f in findings] == [
        ("catalog-unknown-field", "error", "licence")]


def test_broken_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text(PORTAL + "  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(CatalogUnreadable) as caught:
        load_catalog(path)
    assert caught.value.finding.code == "catalog-unreadable"
    assert caught.value.finding.line is not None


def test_a_missing_catalog_is_reported(tmp_path: Path) -> None:
    with pytest.raises(CatalogUnreadable) as caught:
        load_catalog(tmp_path / "nope.yaml")
    assert caught.value.finding.message("ja") == "catalog.yaml を読めません: ファイルがありません"
    assert caught.value.finding.message("en") == "catalog.yaml cannot be read: file not found"


def test_a_misspelt_key_in_a_change_or_department_is_an_error(tmp_path: Path) -> None:
    changes = "[{date: 2024-04-01, summary: {ja: 公開, en: First published}, note: x}]"
    path = write(tmp_path, entry("x", changes=changes))
    path.write_text(path.read_text(encoding="utf-8").replace(
        "en: Digital Policy Division}", "en: Digital Policy Division, kana: デジタル}", 1),
        encoding="utf-8")
    _, findings = load_catalog(path)
    assert sorted((f.code, f.params["field"]) for f in findings) == [
        ("catalog-unknown-field", "changes[0].note"),
        ("catalog-unknown-key", "portal.departments[0].kana")]
