"""The curated requests and the uses as the pages read them."""

from __future__ import annotations

from pathlib import Path

from portal.query.requests import curated_requests, requests_answered_by, requests_per_fiscal_year
from portal.query.uses import latest_uses, list_uses, use_kinds_in
from portal.store.current import load_build


def test_requests_received_and_answered_per_fiscal_year(built_with_uses: Path) -> None:
    build = load_build(built_with_uses.resolve())
    # Received 2025-05-10 (FY2025, answered 2025-07-01), 2026-04-20 (FY2026, declined
    # 2026-05-01), 2026-06-02 (FY2026, under review).
    assert requests_per_fiscal_year(build) == [
        {"fiscal_year": 2025, "label": "令和7年度", "received": 1, "answered": 1},
        {"fiscal_year": 2026, "label": "令和8年度", "received": 2, "answered": 1}]


def test_curated_requests_newest_first_with_status_and_dataset(built_with_uses: Path) -> None:
    build = load_build(built_with_uses.resolve())
    items = curated_requests(build, "en")
    assert [(r["id"], r["status_label"]["en"]) for r in items] == [
        ("generated-request-trees", "under review"),
        ("generated-request-buses", "cannot be published"),
        ("generated-request-facilities", "published")]
    assert items[2]["dataset_link"] == {
        "id": "generated-facilities", "url": "/en/datasets/generated-facilities",
        "title": {"ja": "生成された施設一覧(テスト用)", "en": "Generated facilities (test data)"}}
    assert [r["id"] for r in requests_answered_by(build, "generated-facilities")] == [
        "generated-request-facilities"]
    assert requests_answered_by(build, "generated-population") == []


def test_uses_filtered_by_kind_and_dataset(built_with_uses: Path) -> None:
    build = load_build(built_with_uses.resolve())
    ids = [u["id"] for u in list_uses(build)]
    assert ids == ["generated-article", "generated-map-app"]
    assert [u["id"] for u in list_uses(build, kind="map")] == ["generated-map-app"]
    assert [u["id"] for u in list_uses(build, dataset="generated-population")] == [
        "generated-article"]
    assert list_uses(build, kind="map", dataset="generated-population") == []
    assert list_uses(build, kind="<script>") == []
    assert use_kinds_in(build) == ["map", "article"]
    assert [u["id"] for u in latest_uses(build, count=1)] == ["generated-article"]
