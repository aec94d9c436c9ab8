"""A dataset's change history: what staff wrote, "data updated" when a data file changed
(by content hash), and never a commit subject."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

from portal.publishing.pipeline import build
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]


def _history(out: Path, dataset_id: str) -> list[dict]:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return next(d for d in manifest["datasets"] if d["id"] == dataset_id)["history"]


def _edit(data: Path) -> None:
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("西部の地区(生成)", "西部の地区(生成データ)"), encoding="utf-8")


def test_history_is_the_entrys_changes_newest_first(built: Path) -> None:
    assert _history(built, "generated-facilities") == [
        {"date": "2025-04-01", "summary": {"ja": "施設を2件追加", "en": "Added 2 facilities"}},
        {"date": "2024-04-01", "summary": {"ja": "公開", "en": "First published"}}]


def test_a_changed_data_file_without_a_word_from_staff_reads_data_updated(
        test_catalog: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    assert build(test_catalog, out, today=TODAY).exit_code == 0
    data = test_catalog.parent / "datasets/generated-population/areas.csv"
    _edit(data)
    assert build(test_catalog, out, today=date(2026, 1, 5)).exit_code == 0
    # Metadata only (a later entry edit) is not a data update; the day stays recorded.
    catalog = test_catalog.read_text(encoding="utf-8")
    test_catalog.write_text(catalog.replace("地区別・年別の人口です。", "地区別・年別の人口です"),
                            encoding="utf-8")
    assert build(test_catalog, out, today=date(2026, 2, 1)).exit_code == 0
    assert _history(out, "generated-population") == [
        {"date": "2026-01-05", "summary": {"ja": "データを更新", "en": "Data updated"}},
        {"date": "2023-04-01", "summary": {"ja": "公開", "en": "First published"}}]


def test_a_staff_change_on_the_day_of_a_data_update_replaces_data_updated(
        test_catalog: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    assert build(test_catalog, out, today=TODAY).exit_code == 0
    data = test_catalog.parent / "datasets/generated-population/areas.csv"
    _edit(data)
    catalog = test_catalog.read_text(encoding="utf-8").replace(
        "      - {date: 2023-04-01, summary: {ja: 公開, en: First published}}\n",
        "      - {date: 2023-04-01, summary: {ja: 公開, en: First published}}\n"
        "      - {date: 2026-01-05, summary: {ja: 地区を訂正, en: Corrected the areas}}\n")
    test_catalog.write_text(catalog, encoding="utf-8")
    assert build(test_catalog, out, today=date(2026, 1, 5)).exit_code == 0
    assert [h["summary"]["ja"] for h in _history(out, "generated-population")] == [
        "地区を訂正", "公開"]


def test_no_history_shows_a_commit_subject(tmp_path: Path) -> None:
    """Built from the repository itself, where git log is at hand."""
    subjects = set(subprocess.run(["git", "-C", str(ROOT), "log", "--format=%s"],
                                  capture_output=True, text=True, check=True).stdout.splitlines())
    assert subjects
    assert build(ROOT / "catalog.yaml", tmp_path / "build", today=TODAY).exit_code == 0
    manifest = json.loads((tmp_path / "build/manifest.json").read_text(encoding="utf-8"))
    shown = {text for d in manifest["datasets"] for h in d["history"]
             for text in h["summary"].values()}
    assert len(manifest["datasets"]) == 13 and shown
    assert not shown & subjects
    assert not [s for s in subjects for text in shown if s in text]
