"""The build writes each entry's quality (rules: tests/test_quality.py): from this build's
findings when it validates a dataset, from the last build's when it reuses one, and on the
day of the build either way."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from portal.publishing.pipeline import build
from tests.conftest import TODAY


def _quality(out: Path, dataset_id: str) -> dict[str, Any]:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return next(d for d in manifest["datasets"] if d["id"] == dataset_id)["quality"]


def test_a_reused_dataset_keeps_its_warnings_and_is_judged_on_the_new_day(
        test_catalog: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(test_catalog, out, today=TODAY)
    first = _quality(out, "generated-facilities")
    # facilities.csv is CP932: published, with the encoding warning.
    assert first["machine_readable"] == {"state": "warnings", "errors": 0,
                                         "warnings": [{"code": "encoding-cp932", "count": 1}]}
    assert (first["as_of"], first["freshness"]) == (
        "2026-11-25", {"state": "late", "due": "2026-04-01", "days_late": 238})
    later = build(test_catalog, out, today=TODAY + timedelta(days=10))
    assert later.reused == ("generated-facilities", "generated-population")
    second = _quality(out, "generated-facilities")
    assert second["machine_readable"] == first["machine_readable"]
    assert (second["as_of"], second["freshness"]["days_late"]) == ("2026-12-05", 248)


def test_a_dataset_kept_back_by_errors_is_reported_with_them(test_catalog: Path,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(test_catalog, out, today=TODAY)
    source = test_catalog.parent / "datasets/generated-facilities/facilities.csv"
    source.write_bytes(source.read_bytes().replace(b"\r\n3,", b"\r\nthree,", 1))
    build(test_catalog, out, today=TODAY)
    quality = _quality(out, "generated-facilities")
    # The version served still has its CP932 warning; the new files have one error.
    assert quality["machine_readable"] == {"state": "errors", "errors": 1,
                                           "warnings": [{"code": "encoding-cp932", "count": 1}]}
    assert [s["code"] for s in quality["next_steps"]] == [
        "quality-errors-in-latest", "quality-warnings", "quality-late"]


def test_the_generated_count_dataset_has_a_quality_too(test_catalog: Path,
                                                       tmp_path: Path) -> None:
    text = test_catalog.read_text(encoding="utf-8")
    test_catalog.write_text(text.replace("\ndatasets:", "\n  generated: [published-dataset-count]"
                                         "\ndatasets:", 1), encoding="utf-8")
    out = tmp_path / "out"
    build(test_catalog, out, today=TODAY)
    quality = _quality(out, "published-dataset-count")
    assert (quality["stars"], quality["machine_readable"]["state"],
            quality["freshness"]["state"]) == (4, "clean", "on-time")
