"""The curated data requests of a build: the /requests list, a dataset's answered requests,
and the counts per fiscal year of the KPI page."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from portal import urls
from portal.catalog.counting import fiscal_year, reiwa_label
from portal.catalog.model import ANSWERED_STATUSES, REQUEST_STATUSES
from portal.store.current import Build


def _request(build: Build, item: dict[str, Any], lang: str) -> dict[str, Any]:
    ja, en = REQUEST_STATUSES[item["status"]]
    found = build.dataset(item["dataset"]) if item.get("dataset") else None
    dataset = None
    if found is not None and found.published:
        dataset = {"id": found.id, "title": found.meta["title"],
                   "url": urls.dataset_page(found.id, lang)}
    return {**item, "status_label": {"ja": ja, "en": en}, "dataset_link": dataset}


def curated_requests(build: Build, lang: str = "ja") -> list[dict[str, Any]]:
    """Every request staff published, newest first."""
    items = build.manifest.get("requests", [])
    ordered = sorted(items, key=lambda r: (r["received"], r["id"]), reverse=True)
    return [_request(build, item, lang) for item in ordered]


def requests_answered_by(build: Build, dataset_id: str, lang: str = "ja") -> list[dict[str, Any]]:
    """The requests whose answer was publishing ``dataset_id``."""
    return [r for r in curated_requests(build, lang)
            if r["status"] == "published" and r.get("dataset") == dataset_id]


def requests_per_fiscal_year(build: Build) -> list[dict[str, Any]]:
    """Requests received (by their ``received`` date) and answered (published or declined,
    by their ``answered`` date, else the received one) in each fiscal year, oldest first."""
    items = build.manifest.get("requests", [])
    received = Counter(fiscal_year(date.fromisoformat(r["received"])) for r in items)
    answered = Counter(fiscal_year(date.fromisoformat(r.get("answered") or r["received"]))
                       for r in items if r["status"] in ANSWERED_STATUSES)
    return [{"fiscal_year": year, "label": reiwa_label(year), "received": received[year],
             "answered": answered[year]} for year in sorted(set(received) | set(answered))]
