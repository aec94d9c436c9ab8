"""A pull request's symbolic links: nothing they point at is read, quoted or published."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portal.publishing.pipeline import build
from portal.validate.engine import validate_catalog
from tests.conftest import TODAY

SECRET = "root:x:0:0:secret-line-of-the-machine-that-builds\n"
FACILITIES = "datasets/generated-facilities/facilities.csv"
ENTRY = (f"      - {{name: facilities, path: {FACILITIES}, format: csv, "
         "schema: datasets/generated-facilities/facilities.schema.json}")


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "passwd"
    path.parent.mkdir()
    path.write_text(SECRET, encoding="utf-8")
    return path


def _with_original(catalog: Path, original: str) -> None:
    text = catalog.read_text(encoding="utf-8")
    assert ENTRY in text
    catalog.write_text(text.replace(ENTRY, ENTRY[:-1] + f", original: {original}}}"),
                       encoding="utf-8")


def _codes(catalog: Path) -> list[tuple[str, str | None, str]]:
    report = validate_catalog(catalog, today=TODAY)
    return [(f.code, f.file, str(f.params.get("link"))) for d in report.datasets
            for f in d.findings if f.is_error]


def test_an_original_that_is_a_symlink_is_refused_and_never_published(
        test_catalog: Path, secret: Path, tmp_path: Path) -> None:
    link = "datasets/generated-facilities/passwd.csv"
    (test_catalog.parent / link).symlink_to(secret)
    _with_original(test_catalog, link)
    assert _codes(test_catalog) == [("file-symlink", link, link)]
    out = tmp_path / "out"
    result = build(test_catalog, out, today=TODAY)
    assert result.exit_code == 1
    assert result.excluded == ("generated-facilities",)
    published = [p for p in out.resolve().rglob("*") if p.is_file()]
    assert published, "the other dataset is still built"
    assert not [p for p in published if SECRET.encode() in p.read_bytes()]


def test_a_data_file_that_is_a_symlink_is_not_read_so_no_finding_quotes_it(
        test_catalog: Path, secret: Path) -> None:
    data = test_catalog.parent / FACILITIES
    data.unlink()
    data.symlink_to(secret)
    report = validate_catalog(test_catalog, today=TODAY)
    assert _codes(test_catalog) == [("file-symlink", FACILITIES, FACILITIES)]
    assert "secret-line" not in json.dumps(report.to_dict(), ensure_ascii=False)


def test_a_dataset_folder_that_is_a_symlink_is_refused(test_catalog: Path,
                                                        tmp_path: Path) -> None:
    folder = test_catalog.parent / "datasets/generated-facilities"
    moved = tmp_path / "elsewhere"
    folder.rename(moved)
    folder.symlink_to(moved, target_is_directory=True)
    codes = _codes(test_catalog)
    assert ("file-symlink", FACILITIES, "datasets/generated-facilities") in codes
    assert {code for code, _, _ in codes} == {"file-symlink"}


def test_a_symlink_swapped_in_after_a_good_build_keeps_the_last_good_version(
        test_catalog: Path, secret: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(test_catalog, out, today=TODAY).exit_code == 0
    before = (out / FACILITIES).read_bytes()
    data = test_catalog.parent / FACILITIES
    data.unlink()
    data.symlink_to(secret)
    result = build(test_catalog, out, today=TODAY)
    assert result.stale == ("generated-facilities",)
    assert (out / FACILITIES).read_bytes() == before
