"""Hostile workbooks (#22 item 7): an .xlsx whose XML declares a DTD (billion laughs, an
external entity) is refused with a finding naming the file, in validate and import; one
malformed row never stops an import nor leaves half-written files. The workbooks are generated
in the tests: openpyxl writes a real one, then its sheet XML is replaced."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

import portal.ingest.writer as writer
from portal.catalog.load import load_catalog
from portal.ingest.importer import import_list
from portal.validate.read import read_table
from portal.validate.workbook import xml_is_defused
from tests.conftest import TODAY
from tests.test_import import _row, _write_list

SHEET = "xl/worksheets/sheet1.xml"
LAUGHS = ('<!DOCTYPE worksheet [<!ENTITY a "lollollollollollollollollollol">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'
                    for i in range(9)) + "]>")
EXTERNAL = '<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


def _workbook(path: Path, doctype: str | None = None, entity: str = "j") -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["名称", "件数"])
    sheet.append(["鹿沼", 3])
    book.save(path)
    if doctype is None:
        return path
    with zipfile.ZipFile(path) as original:
        parts = {info.filename: original.read(info) for info in original.infolist()}
    xml = parts[SHEET].decode("utf-8")
    assert "<t>鹿沼</t>" in xml
    parts[SHEET] = (doctype + xml.replace("<t>鹿沼</t>", f"<t>&{entity};</t>")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for name, data in parts.items():
            rewritten.writestr(name, data)
    return path


def test_openpyxl_parses_with_defusedxml() -> None:
    assert xml_is_defused()


@pytest.mark.parametrize(("doctype", "entity"), [(LAUGHS, "j"), (EXTERNAL, "x")])
def test_a_workbook_with_a_dtd_is_refused_naming_the_file(tmp_path: Path, doctype: str,
                                                          entity: str) -> None:
    path = _workbook(tmp_path / "hostile.xlsx", doctype, entity)
    table, findings = read_table(path, "datasets/x/hostile.xlsx", "xlsx")
    assert table is None
    assert [(f.code, f.file) for f in findings] == [("xlsx-unsafe", "datasets/x/hostile.xlsx")]
    assert "EntitiesForbidden" in findings[0].params["reason"]


def test_a_workbook_with_broken_xml_is_a_finding(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "broken.xlsx", "<!DOCTYPE worksheet [<!ENTITY", "j")
    table, findings = read_table(path, "broken.xlsx", "xlsx")
    assert table is None
    assert [(f.code, f.file) for f in findings] == [("xlsx-unreadable", "broken.xlsx")]
    assert "not well-formed (invalid token): line 1" in findings[0].params["reason"]


def _three_rows(tmp_path: Path, catalog: Path) -> Path:
    files = tmp_path / "files"
    files.mkdir()
    _workbook(files / "first.xlsx")
    _workbook(files / "hostile.xlsx", LAUGHS)
    _workbook(files / "third.xlsx")
    return _write_list(files / "generated-list.csv", [
        _row("first", "一つ目", "first.xlsx"), _row("hostile", "二つ目", "hostile.xlsx"),
        _row("third", "三つ目", "third.xlsx")])


def test_a_hostile_middle_row_is_an_error_and_the_rows_around_it_are_imported(
        test_catalog: Path, tmp_path: Path) -> None:
    result = import_list(_three_rows(tmp_path, test_catalog), catalog_path=test_catalog,
                         today=TODAY)
    assert [(r.row, r.dataset_id, r.action) for r in result.rows] == [
        (2, "first", "created"), (3, "hostile", "error"), (4, "third", "created")]
    assert [(f.code, f.file) for f in result.rows[1].findings] == [
        ("xlsx-unsafe", "hostile.xlsx")]
    assert result.exit_code == 1
    catalog, _ = load_catalog(test_catalog)
    assert [d.id for d in catalog.datasets][-2:] == ["first", "third"]
    datasets = test_catalog.parent / "datasets"
    assert sorted(p.name for p in (datasets / "first").iterdir()) == [
        "first.csv", "first.schema.json", "original"]  # the workbook, as the department's
    assert not (datasets / "hostile").exists()


def test_an_import_stopped_half_way_leaves_no_file_without_its_entry(
        test_catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    listing = _three_rows(tmp_path, test_catalog)
    before_catalog = test_catalog.read_bytes()
    before = sorted(p.relative_to(test_catalog.parent)
                    for p in (test_catalog.parent / "datasets").rglob("*"))
    real = writer.write_dataset

    def interrupted(plan, document, opts):  # type: ignore[no-untyped-def]
        if plan.dataset_id == "third":
            raise KeyboardInterrupt  # the operator pressing Ctrl-C at row 4
        return real(plan, document, opts)

    monkeypatch.setattr(writer, "write_dataset", interrupted)
    with pytest.raises(KeyboardInterrupt):
        import_list(listing, catalog_path=test_catalog, today=TODAY)
    after = sorted(p.relative_to(test_catalog.parent)
                   for p in (test_catalog.parent / "datasets").rglob("*"))
    assert after == before
    assert test_catalog.read_bytes() == before_catalog


def test_portal_new_refuses_a_hostile_workbook_and_writes_nothing(test_catalog: Path,
                                                                  tmp_path: Path) -> None:
    from portal.scaffold import new_dataset

    source = _workbook(tmp_path / "hostile.xlsx", EXTERNAL, "x")
    before = test_catalog.read_bytes()
    result = new_dataset(source, "hostile", catalog_path=test_catalog, today=TODAY)
    assert [(f.code, f.file) for f in result.findings] == [("xlsx-unsafe", "hostile.xlsx")]
    assert result.exit_code == 1
    assert test_catalog.read_bytes() == before
    assert not (test_catalog.parent / "datasets/hostile").exists()


def test_empty_and_truncated_workbooks_are_findings_in_import_and_validate(
        test_catalog: Path, tmp_path: Path) -> None:
    """Takamatsu's purchasing_information list holds workbooks that came out empty or cut
    short in some copies (#19): each is a finding naming the file (``xlsx-unreadable``;
    ``file-empty`` where import sees 0 bytes, ``file-kind-mismatch`` where the first bytes
    show no workbook), never a traceback, and the rows around them
    import."""
    files = tmp_path / "files"
    files.mkdir()
    _workbook(files / "first.xlsx")
    (files / "empty.xlsx").write_bytes(b"")
    (files / "cut.xlsx").write_bytes(_workbook(tmp_path / "whole.xlsx").read_bytes()[:900])
    for name in ("empty.xlsx", "cut.xlsx"):
        table, findings = read_table(files / name, f"datasets/x/{name}", "xlsx")
        assert table is None
        assert [(f.code, f.file) for f in findings] == [("xlsx-unreadable",
                                                         f"datasets/x/{name}")]
    listing = _write_list(files / "generated-list.csv", [
        _row("first", "一つ目", "first.xlsx"), _row("empty", "二つ目", "empty.xlsx"),
        _row("cut", "三つ目", "cut.xlsx")])
    result = import_list(listing, catalog_path=test_catalog, today=TODAY, fix=True)
    assert [(r.row, r.dataset_id, r.action, [(f.code, f.file) for f in r.findings])
            for r in result.rows] == [
        (2, "first", "created", []),
        (3, "empty", "error", [("file-empty", "empty.xlsx")]),  # known empty from its size
        # its first bytes no longer show a workbook, so it is refused before it is opened
        (4, "cut", "error", [("file-kind-mismatch", "cut.xlsx")])]
    assert result.exit_code == 1
