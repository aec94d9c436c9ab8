"""Catalog values a pull request can write (#22 items 9, 11, 16): impossible dates, huge
integers, reserved ids and script URLs are findings with file, line and entry; the other
entries are still checked and built. Catalogs are generated in the tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portal.catalog.load import CatalogUnreadable, load_catalog
from portal.cli import main
from portal.errors import UsageError
from portal.publishing.pipeline import build
from portal.scaffold import new_dataset
from tests.catalog.test_load import PORTAL, entry, write
from tests.conftest import TODAY

GOOD_LINES = PORTAL.count("\n") + 1  # the line of the first entry


def _invalid(path: Path) -> list[tuple[str | None, int | None, str, str, str]]:
    _, findings = load_catalog(path)
    return [(f.file, f.line, f.code, f.params.get("entry", ""), f.params.get("field", ""))
            for f in findings if f.is_error]


@pytest.mark.parametrize(("key", "value", "field", "offset"), [
    ("issued", "2026-02-30", "issued", 7),
    ("modified", "2026-13-01", "modified", 8),
    ("changes", "[{date: 2026-02-31, summary: {ja: 公開, en: Published}}]", "changes[0].date", 12),
])
def test_an_impossible_date_is_a_finding_on_its_entry_and_line(
        tmp_path: Path, key: str, value: str, field: str, offset: int) -> None:
    path = write(tmp_path, entry("broken", **{key: value}), entry("fine"))
    catalog, _ = load_catalog(path)
    assert _invalid(path) == [("catalog.yaml", GOOD_LINES + offset, "catalog-field-invalid",
                               "broken", field)]
    assert [d.id for d in catalog.datasets] == ["fine"]


def test_a_5001_digit_code_is_a_finding_naming_its_line_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text(PORTAL.replace('"092053"', "9" * 5001) + entry("fine"), encoding="utf-8")
    with pytest.raises(CatalogUnreadable) as caught:
        load_catalog(path)
    finding = caught.value.finding
    assert (finding.file, finding.line, finding.code) == ("catalog.yaml", 6,
                                                          "catalog-field-invalid")
    assert (finding.params["entry"], finding.params["field"]) == (
        "portal", "portal.local_government_code")


def test_a_5001_digit_integer_in_an_entry_is_a_finding_on_that_entry(tmp_path: Path) -> None:
    path = write(tmp_path, entry("broken", issued="9" * 5001), entry("fine"))
    catalog, _ = load_catalog(path)
    assert _invalid(path) == [("catalog.yaml", GOOD_LINES + 7, "catalog-field-invalid",
                               "broken", "issued")]
    assert [d.id for d in catalog.datasets] == ["fine"]


def test_validate_and_build_report_the_bad_date_and_build_the_other_entry(
        test_catalog: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = test_catalog.read_text(encoding="utf-8")
    test_catalog.write_text(text.replace("issued: 2024-04-01", "issued: 2026-02-30", 1),
                            encoding="utf-8")
    line = text.splitlines().index("    issued: 2024-04-01") + 1
    assert main(["validate", "--catalog", str(test_catalog), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    errors = [(d["id"], f["file"], f["line"], f["code"]) for d in report["datasets"]
              for f in d["errors"]]
    assert errors == [("generated-facilities", "catalog.yaml", line, "catalog-field-invalid")]
    assert "no such date: 2026-02-30 (day is out of range for month)" in (
        report["datasets"][1]["errors"][0]["message"]["en"])
    result = build(test_catalog, tmp_path / "out", today=TODAY)
    assert result.build_id is not None
    assert "generated-population" in result.built
    assert "generated-facilities" not in result.built


def test_a_reserved_id_in_the_catalog_is_refused_on_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, entry("published-dataset-count"), entry("fine"))
    catalog, _ = load_catalog(path)
    assert _invalid(path) == [("catalog.yaml", GOOD_LINES, "catalog-id-reserved",
                               "published-dataset-count", "id")]
    assert [d.id for d in catalog.datasets] == ["fine"]


def test_portal_new_refuses_a_reserved_id(test_catalog: Path, tmp_path: Path) -> None:
    source = tmp_path / "counts.csv"
    source.write_text("年月,件数\n2026-01,3\n", encoding="utf-8")
    before = test_catalog.read_bytes()
    with pytest.raises(UsageError) as caught:
        new_dataset(source, "published-dataset-count", catalog_path=test_catalog, today=TODAY)
    assert (caught.value.code, caught.value.parameter) == ("catalog-id-reserved", "--id")
    assert test_catalog.read_bytes() == before
    assert not (test_catalog.parent / "datasets/published-dataset-count").exists()


@pytest.mark.parametrize("url", ['"javascript:alert(1)"', '"data:text/html,<b>x</b>"', "//evil.example/",
                                 "ftp://example.jp/x", '"http://"', "[1, 2]"])
def test_a_source_url_that_is_not_http_is_a_finding(tmp_path: Path, url: str) -> None:
    source = "{title: {ja: 鹿沼市, en: Kanuma City}, license: CC BY 4.0, url: " + url + "}"
    path = write(tmp_path, entry("broken", source=source), entry("fine"))
    catalog, findings = load_catalog(path)
    assert _invalid(path) == [("catalog.yaml", GOOD_LINES + 10, "catalog-url-invalid",
                               "broken", "source.url")]
    assert [d.id for d in catalog.datasets] == ["fine"]


def test_an_https_source_url_is_kept(tmp_path: Path) -> None:
    source = "{title: {ja: 鹿沼市, en: Kanuma City}, license: CC BY 4.0, url: https://example.jp/a}"
    catalog, findings = load_catalog(write(tmp_path, entry("fine", source=source)))
    assert [f.code for f in findings if f.is_error] == []
    assert catalog.datasets[0].source.url == "https://example.jp/a"


def test_a_script_contact_url_is_refused_with_its_line(tmp_path: Path) -> None:
    portal = PORTAL.replace("    address:", "    url: javascript:alert(document.cookie)\n"
                                           "    address:")
    path = tmp_path / "catalog.yaml"
    path.write_text(portal + entry("fine"), encoding="utf-8")
    with pytest.raises(CatalogUnreadable) as caught:
        load_catalog(path)
    finding = caught.value.finding
    line = portal.splitlines().index("    url: javascript:alert(document.cookie)") + 1
    assert (finding.file, finding.line, finding.code, finding.params["field"]) == (
        "catalog.yaml", line, "catalog-url-invalid", "portal.contact.url")


def test_portal_new_keeps_an_impossible_date_as_written_for_validate_to_report(
        test_catalog: Path, tmp_path: Path) -> None:
    text = test_catalog.read_text(encoding="utf-8")
    test_catalog.write_text(text.replace("issued: 2024-04-01", "issued: 2026-02-30", 1),
                            encoding="utf-8")
    source = tmp_path / "counts.csv"
    source.write_text("年月,件数\n2026-01,3\n", encoding="utf-8")
    result = new_dataset(source, "counts", catalog_path=test_catalog, today=TODAY)
    assert result.written[-1] == "catalog.yaml"
    written = test_catalog.read_text(encoding="utf-8")
    assert "    issued: 2026-02-30\n" in written and "  - id: counts\n" in written
    _, findings = load_catalog(test_catalog)
    assert [(f.code, f.params["entry"], f.params["field"]) for f in findings if f.is_error] == [
        ("catalog-field-invalid", "generated-facilities", "issued"),
        ("catalog-field-missing", "counts", "publisher"),  # for staff to fill in
        ("catalog-field-missing", "counts", "category"),
        ("catalog-field-missing", "counts", "frequency")]


def test_portal_import_leaves_out_a_reserved_id_even_when_the_portal_does_not_generate_it(
        test_catalog: Path, tmp_path: Path) -> None:
    from portal.ingest.importer import import_list
    from tests.test_import import _row, _write_list

    assert "generated:" not in test_catalog.read_text(encoding="utf-8")
    files = tmp_path / "files"
    files.mkdir()
    (files / "counts.csv").write_text("年月,件数\n2026-01,3\n", encoding="utf-8")
    listing = _write_list(files / "generated-list.csv", [
        _row("published-dataset-count", "公開数", "counts.csv")])
    before = test_catalog.read_bytes()
    result = import_list(listing, catalog_path=test_catalog, today=TODAY)
    assert [(r.row, r.action, [f.code for f in r.findings]) for r in result.rows] == [
        (2, "unchanged", ["import-id-generated"])]
    assert test_catalog.read_bytes() == before
