"""`portal build`: every file read back with the libraries users use, reuse, isolation,
atomicity."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from frictionless import Package

from portal.publishing.formats import neutralise
from portal.publishing.pipeline import build
from tests.conftest import TODAY


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def _resource(out: Path, dataset_id: str, name: str) -> dict:
    entry = next(d for d in _manifest(out)["datasets"] if d["id"] == dataset_id)
    return next(r for r in entry["resources"] if r["name"] == name)


def _source(name: str) -> pd.DataFrame:
    folder = Path(__file__).parents[1] / "data/catalog/datasets"
    paths = {"facilities": ("generated-facilities/facilities.csv", "cp932"),
             "population": ("generated-population/population.csv", "utf-8-sig")}
    path, encoding = paths[name]
    return pd.read_csv(folder / path, encoding=encoding, dtype={"郵便番号": str})


def test_every_variant_reads_back_to_the_source_rows(built: Path) -> None:
    source = _source("facilities")
    folder = built / "datasets/generated-facilities"
    variants = {"facilities.csv": "utf-8", "facilities.excel.csv": "utf-8-sig",
                "facilities.sjis.csv": "cp932"}
    for name, encoding in variants.items():
        frame = pd.read_csv(folder / name, encoding=encoding, dtype={"郵便番号": str})
        pd.testing.assert_frame_equal(frame, source, check_dtype=False)
    rows = json.loads((folder / "facilities.json").read_text(encoding="utf-8"))["rows"]
    pd.testing.assert_frame_equal(pd.DataFrame(rows), source, check_dtype=False)
    assert rows[6]["名称"] == "㈱テスト①施設"  # CP932-only characters survive
    assert isinstance(rows[0]["ID"], int) and isinstance(rows[0]["緯度"], float)


def test_excel_variant_has_bom_and_crlf_and_plain_csv_has_neither(built: Path) -> None:
    folder = built / "datasets/generated-population"
    excel = (folder / "population.excel.csv").read_bytes()
    plain = (folder / "population.csv").read_bytes()
    assert excel.startswith(b"\xef\xbb\xbf") and b"\r\n" in excel
    assert not plain.startswith(b"\xef\xbb\xbf") and b"\r\n" not in plain


def test_formula_cells_are_neutralised_only_where_excel_would_run_them() -> None:
    assert neutralise("=SUM(A1:A9)", is_number=False) == "'=SUM(A1:A9)"
    assert neutralise("@cmd", is_number=False) == "'@cmd"
    assert neutralise("-5", is_number=True) == "-5"
    assert neutralise("鹿沼", is_number=False) == "鹿沼"


def test_no_sjis_file_when_a_character_does_not_encode_and_the_reason_is_recorded(
        built: Path) -> None:
    areas = _resource(built, "generated-population", "areas")
    assert "sjis-csv" not in [f["kind"] for f in areas["files"]]
    assert areas["sjis_unavailable"] == "𠮷 U+20BB7 in row 5, column 説明"


def test_manifest_sizes_and_checksums_match_the_files(built: Path) -> None:
    for entry in _manifest(built)["datasets"]:
        for resource in entry["resources"]:
            for info in resource["files"]:
                data = (built / info["path"]).read_bytes()
                assert info["size"] == len(data)
                assert info["sha256"] == hashlib.sha256(data).hexdigest()


def test_sqlite_has_typed_columns_and_an_index_per_column(built: Path) -> None:
    path = built / "datasets/generated-facilities/facilities.sqlite"
    with sqlite3.connect(path) as db:
        columns = {row[1]: row[2] for row in db.execute("PRAGMA table_info(rows)")}
        indexes = db.execute("SELECT count(*) FROM sqlite_master WHERE type='index' "
                             "AND name NOT LIKE 'cidx:%'").fetchone()
        first = db.execute('SELECT "ID", "郵便番号", "緯度" FROM rows ORDER BY rowid').fetchone()
    assert columns["ID"] == "INTEGER" and columns["緯度"] == "REAL" and columns["郵便番号"] == "TEXT"
    assert indexes[0] == len(columns)
    assert first == (1, "3228001", 36.551)


def test_datapackage_reads_with_frictionless(built: Path) -> None:
    package = Package(str(built / "datasets/generated-population/datapackage.json"))
    names = [r.name for r in package.resources]
    assert names == ["population", "areas"]
    rows = package.get_resource("population").read_rows()
    assert len(rows) == len(_source("population"))
    assert rows[0]["年"] == 2015


def test_catalog_csv_is_the_06_open_data_list(built: Path) -> None:
    frame = pd.read_csv(built / "catalog.csv", encoding="utf-8-sig", dtype=str)
    assert list(frame.columns[:4]) == ["全国地方公共団体コード", "ID", "地方公共団体名", "データ名称"]
    # One row per file, as the 06 list has it; a dataset's rows share its ID.
    assert list(zip(frame["ID"], frame["URL"], strict=True)) == [
        ("generated-facilities", "/datasets/generated-facilities/facilities.csv"),
        ("generated-population", "/datasets/generated-population/population.csv"),
        ("generated-population", "/datasets/generated-population/areas.csv")]
    assert set(frame["全国地方公共団体コード"]) == {"092053"}


def test_unchanged_datasets_are_reused_and_force_rebuilds(test_catalog: Path,
                                                          tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build(test_catalog, out, today=TODAY)
    assert first.built == ("generated-facilities", "generated-population")
    inode = (out / "datasets/generated-facilities/facilities.csv").stat().st_ino
    second = build(test_catalog, out, today=TODAY)
    assert (second.built, second.reused) == ((), ("generated-facilities",
                                                   "generated-population"))
    assert (out / "datasets/generated-facilities/facilities.csv").stat().st_ino == inode
    forced = build(test_catalog, out, force=True, today=TODAY)
    assert forced.built == ("generated-facilities", "generated-population")


def test_an_invalid_dataset_keeps_its_last_good_version_and_never_stops_the_others(
        test_catalog: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(test_catalog, out, today=TODAY)
    before = (out / "datasets/generated-facilities/facilities.csv").read_bytes()
    source = test_catalog.parent / "datasets/generated-facilities/facilities.csv"
    source.write_bytes(source.read_bytes().replace(b"\r\n3,", b"\r\nthree,", 1))
    population = test_catalog.parent / "datasets/generated-population/areas.csv"
    population.write_text(population.read_text(encoding="utf-8") + "新地区,追加\n",
                          encoding="utf-8")
    result = build(test_catalog, out, today=TODAY)
    assert result.exit_code == 1
    assert (result.built, result.stale) == (("generated-population",), ("generated-facilities",))
    entry = next(d for d in _manifest(out)["datasets"] if d["id"] == "generated-facilities")
    assert entry["state"] == "stale"
    assert [(f["code"], f["row"]) for f in entry["stale_findings"]] == [("cell-type-error", 4)]
    assert (out / "datasets/generated-facilities/facilities.csv").read_bytes() == before
    assert _resource(out, "generated-population", "areas")["rows"] == 6


def test_an_unknown_key_added_to_an_unchanged_entry_keeps_its_last_good_version(
        test_catalog: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(test_catalog, out, today=TODAY)
    text = test_catalog.read_text(encoding="utf-8")
    old = "    frequency: monthly\n"
    test_catalog.write_text(text.replace(old, old + "    licence: CC-BY-4.0\n", 1),
                            encoding="utf-8")
    result = build(test_catalog, out, today=TODAY)
    assert result.exit_code == 1
    assert (result.reused, result.stale) == (("generated-facilities",),
                                             ("generated-population",))
    entry = next(d for d in _manifest(out)["datasets"] if d["id"] == "generated-population")
    assert [(f["code"], f["line"]) for f in entry["stale_findings"]] == [
        ("catalog-unknown-field", text[:text.index(old)].count("\n") + 2)]


def test_an_invalid_dataset_never_published_is_left_out(test_catalog: Path,
                                                         tmp_path: Path) -> None:
    source = test_catalog.parent / "datasets/generated-facilities/facilities.csv"
    source.unlink()
    result = build(test_catalog, tmp_path / "out", today=TODAY)
    assert (result.built, result.excluded) == (("generated-population",),
                                               ("generated-facilities",))
    manifest = _manifest(tmp_path / "out")
    assert [d["id"] for d in manifest["datasets"]] == ["generated-population"]
    assert [(e["id"], [f["code"] for f in e["findings"]]) for e in manifest["excluded"]] == [
        ("generated-facilities", ["file-missing"])]


def test_a_real_directory_at_the_output_is_never_overwritten(test_catalog: Path,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("staff notes", encoding="utf-8")
    assert __import__("portal.cli", fromlist=["main"]).main(
        ["build", "--catalog", str(test_catalog), "--out", str(out)]) == 2
    assert (out / "keep.txt").read_text(encoding="utf-8") == "staff notes"


def _tree_digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_a_build_killed_part_way_leaves_the_previous_output_untouched(
        test_catalog: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(test_catalog, out, today=TODAY)
    link_before = os.readlink(out)
    digest_before = _tree_digest(out.resolve())
    # A generated dataset large enough that the build is still writing when it is killed.
    big = test_catalog.parent / "datasets/generated-population/population.csv"
    lines = ["年,地区,人口,世帯数"] + [f"{1000 + i // 5},{'北部中央南部東部西部'[i % 5 * 2:i % 5 * 2 + 2]},"
                                   f"{i},{i}" for i in range(300_000)]
    big.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "portal.cli", "build", "--catalog", str(test_catalog),
         "--out", str(out)], cwd=Path(__file__).parents[2], stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    builds = out.with_name("out.builds")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(
            p.name.startswith(".incomplete-") and (p / "datasets").exists()
            for p in builds.iterdir()):
        time.sleep(0.01)
    assert process.poll() is None, "the build finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert os.readlink(out) == link_before
    assert _tree_digest(out.resolve()) == digest_before
    # The next build clears what the killed one left and publishes normally.
    result = build(test_catalog, out, today=TODAY)
    assert result.exit_code == 0
    assert not any(p.name.startswith(".incomplete-") for p in builds.iterdir())
