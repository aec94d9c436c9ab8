"""`portal new` is an import of one row (#19): for the same file both commands write the
same folder byte for byte and the same entry, but for what only the list says."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from portal.catalog.write import find_entry, load_document, plain
from portal.ingest.importer import import_list
from portal.scaffold import new_dataset
from tests.conftest import empty_catalog_at
from tests.ingest.helpers import REAL, TODAY

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["全国地方公共団体コード", "ID", "地方公共団体名", "データ名称", "概要", "分類", "キーワード",
          "データ形式", "URL", "公開日", "最終更新日", "更新頻度", "ライセンス", "備考",
          "公開部署", "データ名称_英語", "概要_英語"]
# What a 06 list row says and `portal new` leaves to staff.
LIST_ONLY = {"title", "description", "publisher", "category", "tags", "license", "issued",
             "modified", "changes", "frequency", "source"}
CP932_TABLE = "番号,名称,人数,開設日\r\n1,中央,１２,2023-04-01\r\n2,北,3,2023-05-01\r\n"
FILES = {
    "csv": None,  # generated in the test: Shift_JIS, CRLF, a full-width number
    "xlsx": REAL / "derived-takamatsu-city-tax-excel.xlsx",  # a title above, notes below
    "geojson": ROOT / "tests/data/geo/catalog/datasets/gsi-hinanjo-mashiko/093424.geojson",
}


def _catalog(folder: Path) -> Path:
    return empty_catalog_at(folder)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def _list(folder: Path, name: str) -> Path:
    row = ["092053", "sample", "栃木県鹿沼市", "見本", "見本の概要", "行政・財政", "見本", "CSV", name,
           "2026-11-20", "2026-11-20", "不定期", "クリエイティブ・コモンズ 表示 4.0 国際", "", "",
           "Sample", "A sample"]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([HEADER, row])
    path = folder / "generated-list.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize("fix", [False, True])
@pytest.mark.parametrize("kind", sorted(FILES))
def test_new_and_a_one_row_import_write_the_same_folder_and_entry(
        tmp_path: Path, kind: str, fix: bool) -> None:
    files = tmp_path / "files"
    files.mkdir()
    source = files / f"sample.{kind}"  # the resource is named after the file by import
    if FILES[kind] is None:
        source.write_bytes(CP932_TABLE.encode("cp932"))
    else:
        shutil.copy(FILES[kind], source)
    by_new, by_import = _catalog(tmp_path / "new"), _catalog(tmp_path / "import")
    new_dataset(source, "sample", catalog_path=by_new, fix=fix, today=TODAY)
    import_list(_list(files, source.name), catalog_path=by_import, fix=fix, today=TODAY)
    written = _tree(by_new.parent / "datasets/sample")
    assert written == _tree(by_import.parent / "datasets/sample")
    assert "sample.schema.json" in written
    assert ("original/" + source.name in written) == (kind != "geojson")  # a layer is kept
    assert ("fix-report.md" in written) == (fix and kind != "geojson")
    entries = [plain(find_entry(load_document(path), "sample")) for path in (by_new, by_import)]
    assert list(entries[0]) == list(entries[1])  # the same fields, in the same order
    assert {k: v for k, v in entries[0].items() if k not in LIST_ONLY} == \
        {k: v for k, v in entries[1].items() if k not in LIST_ONLY}
    assert entries[0]["resources"][0]["name"] == "sample"
