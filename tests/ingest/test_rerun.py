"""`portal import` as staff rerun it (#19): a failed row stays failed, a dry run says what the
real run does, an update rewrites a schema that no longer fits, the original is the file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from portal.cli import main
from portal.ingest.importer import import_list
from tests.conftest import empty_catalog_at
from tests.ingest.helpers import TODAY

HEADER = ["全国地方公共団体コード", "ID", "地方公共団体名", "データ名称", "概要", "分類", "キーワード",
          "データ形式", "URL", "公開日", "最終更新日", "更新頻度", "ライセンス", "備考",
          "公開部署", "データ名称_英語", "概要_英語"]
# A Shift_JIS table with one full-width number: an error the import does not fix without --fix.
COUNTS = "番号,名称,人数\n1,中央,１２\n2,北,3\n"


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    return empty_catalog_at(tmp_path / "repo")


def _list(folder: Path, url: str) -> Path:
    row = ["092053", "counts", "栃木県鹿沼市", "地区別人数", "地区別の人数", "行政・財政", "人数", "CSV",
           url, "2026-11-25", "2026-11-25", "不定期", "クリエイティブ・コモンズ 表示 4.0 国際", "",
           "", "Counts by district", "Counts by district"]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([HEADER, row])
    path = folder / "generated-list.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _files(tmp_path: Path, text: str = COUNTS) -> Path:
    folder = tmp_path / "files"
    folder.mkdir(exist_ok=True)
    (folder / "counts.csv").write_bytes(text.encode("cp932"))
    return folder


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def _cli(listing: Path, catalog: Path, *extra: str) -> int:
    return main(["import", str(listing), "--files", str(listing.parent), "--catalog",
                 str(catalog), *extra])


def test_a_rerun_after_a_failed_import_still_fails(catalog: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    listing = _list(_files(tmp_path), "counts.csv")
    assert _cli(listing, catalog) == 1
    capsys.readouterr()
    assert _cli(listing, catalog) == 1
    out = capsys.readouterr().out
    assert "2 行目 counts → counts: 変更なし" in out
    assert "✗ fullwidth-digits [L3-03]: datasets/counts/counts.csv 2 行目「人数」" in out
    assert "要対応 1。" in out
    again = import_list(listing, catalog_path=catalog, today=TODAY)
    assert [(r.action, r.files, [f.code for f in r.findings if f.is_error])
            for r in again.rows] == [("unchanged", (), ["fullwidth-digits"])]


def test_a_dry_run_reports_what_the_real_run_does_and_writes_nothing(
        catalog: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listing = _list(_files(tmp_path), "counts.csv")
    before = _tree(catalog.parent)
    dry = import_list(listing, catalog_path=catalog, dry_run=True, today=TODAY)
    assert _tree(catalog.parent) == before
    real = import_list(listing, catalog_path=catalog, today=TODAY)
    assert {**dry.to_dict(), "dry_run": False} == real.to_dict()
    assert dry.to_dict()["summary"]["attention"] == 1 and dry.exit_code == 1
    capsys.readouterr()
    assert _cli(listing, catalog, "--dry-run", "--update") == 1
    out = capsys.readouterr().out
    assert "を書き込みました" not in out
    assert "--dry-run: 何も書き込んでいません。" in out


def test_a_dry_run_lists_the_files_it_would_write(catalog: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    listing = _list(_files(tmp_path), "counts.csv")
    assert _cli(listing, catalog, "--dry-run") == 1
    out = capsys.readouterr().out
    assert [line.strip() for line in out.splitlines() if "datasets/counts/" in line
            and "書き込みます" in line] == [
        f"datasets/counts/{name} を書き込みます(--dry-run のため書き込んでいません)。"
        for name in ("counts.csv", "counts.schema.json", "original/counts.csv")]
    assert not (catalog.parent / "datasets").exists()


def test_update_rewrites_a_schema_that_no_longer_fits_and_keeps_one_that_does(
        catalog: Path, tmp_path: Path) -> None:
    files = _files(tmp_path)
    listing = _list(files, "counts.csv")
    import_list(listing, catalog_path=catalog, today=TODAY)
    schema = catalog.parent / "datasets/counts/counts.schema.json"
    edited = json.loads(schema.read_text(encoding="utf-8"))
    edited["fields"][0]["description"] = "職員が書いた説明"
    schema.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    kept = import_list(listing, catalog_path=catalog, update=True, fix=True, today=TODAY)
    assert json.loads(schema.read_text(encoding="utf-8")) == edited  # still fits: kept
    assert "ingest-schema-replaced" not in [f.code for r in kept.rows for f in r.findings]
    # The department renames its columns: the kept schema would fail every row.
    _files(tmp_path, COUNTS.replace("番号,名称,人数", "No,地区,人数"))
    result = import_list(listing, catalog_path=catalog, update=True, fix=True, today=TODAY)
    notices = [f for r in result.rows for f in r.findings if f.code == "ingest-schema-replaced"]
    assert [(f.file, f.params, f.is_error) for f in notices] == [
        ("datasets/counts/counts.schema.json", {"old": "番号, 名称, 人数", "new": "No, 地区, 人数"},
         False)]
    assert [f["name"] for f in json.loads(schema.read_text(encoding="utf-8"))["fields"]] == \
        ["No", "地区", "人数"]
    assert "datasets/counts/counts.schema.json" in result.rows[0].files
    assert result.exit_code == 0


def test_update_writes_a_deleted_schema_again(catalog: Path, tmp_path: Path) -> None:
    listing = _list(_files(tmp_path), "counts.csv")
    import_list(listing, catalog_path=catalog, fix=True, today=TODAY)
    schema = catalog.parent / "datasets/counts/counts.schema.json"
    written = schema.read_bytes()
    schema.unlink()
    result = import_list(listing, catalog_path=catalog, update=True, fix=True, today=TODAY)
    assert schema.read_bytes() == written
    assert [f.code for r in result.rows for f in r.findings if f.is_error] == []


def test_the_original_is_the_departments_file_byte_for_byte_without_fix(
        catalog: Path, tmp_path: Path) -> None:
    files = _files(tmp_path)
    import_list(_list(files, "counts.csv"), catalog_path=catalog, today=TODAY)
    folder = catalog.parent / "datasets/counts"
    assert (folder / "original/counts.csv").read_bytes() == (files / "counts.csv").read_bytes()
    assert (folder / "counts.csv").read_bytes() == COUNTS.encode("utf-8")
    assert "original: datasets/counts/original/counts.csv" in catalog.read_text(encoding="utf-8")


def test_a_utf8_file_published_as_it_is_has_no_second_copy(catalog: Path,
                                                            tmp_path: Path) -> None:
    files = tmp_path / "files"
    files.mkdir()
    (files / "counts.csv").write_bytes("番号,名称,人数\n1,中央,12\n".encode())
    result = import_list(_list(files, "counts.csv"), catalog_path=catalog, today=TODAY)
    assert not any("/original/" in path for r in result.rows for path in r.files)


def test_a_corrected_file_is_imported_again_without_update(catalog: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    listing = _list(_files(tmp_path), "counts.csv")
    assert _cli(listing, catalog) == 1
    _files(tmp_path, COUNTS.replace("１２", "12"))  # the department corrects its file
    capsys.readouterr()
    assert _cli(listing, catalog) == 0
    out = capsys.readouterr().out
    assert "2 行目 counts → counts: 更新" in out
    assert "import-retried" in out
    assert (catalog.parent / "datasets/counts/counts.csv").read_text(
        encoding="utf-8").splitlines()[1] == "1,中央,12"


def test_a_changed_file_of_a_valid_dataset_is_said_but_needs_update(
        catalog: Path, tmp_path: Path) -> None:
    listing = _list(_files(tmp_path, COUNTS.replace("１２", "12")), "counts.csv")
    assert import_list(listing, catalog_path=catalog, today=TODAY).exit_code == 0
    _files(tmp_path, COUNTS.replace("１２", "14"))
    before = _tree(catalog.parent)
    again = import_list(listing, catalog_path=catalog, today=TODAY)
    assert _tree(catalog.parent) == before
    assert [(r.action, [f.code for f in r.findings]) for r in again.rows] == [
        ("unchanged", ["import-file-changed"])]
    assert again.exit_code == 0
    updated = import_list(listing, catalog_path=catalog, update=True, today=TODAY)
    assert [r.action for r in updated.rows] == ["updated"]
    assert "1,中央,14" in (catalog.parent / "datasets/counts/counts.csv").read_text(
        encoding="utf-8")
