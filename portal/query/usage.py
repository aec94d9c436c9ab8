"""Downloads per dataset from the published usage table (the dataset ``portal-usage``, which
`portal usage` writes): read once per build, shared by the dataset page, the home page and the
dataset search's ``sort=downloads``."""

from __future__ import annotations

import csv
import threading
from dataclasses import dataclass, field
from datetime import date

from portal.freshness import add_months
from portal.store.current import Build, DatasetView
from portal.usage.classify import COLUMNS, is_download

USAGE_DATASET = "portal-usage"
WINDOW_MONTHS = 12
DOWNLOAD_COLUMNS = tuple(c for c in COLUMNS if is_download(c))


@dataclass(frozen=True)
class Usage:
    """Downloads over the last ``WINDOW_MONTHS`` months of the table (ending at its latest
    month, which is named, so a figure never claims to be newer than its data)."""

    first_month: str | None = None
    last_month: str | None = None
    downloads: dict[str, int] = field(default_factory=dict)  # dataset id → downloads

    def of(self, dataset_id: str) -> int:
        return self.downloads.get(dataset_id, 0)


def _months_back(month: str, count: int) -> str:
    """The first of ``count`` months ending with ``month`` ('2026-11', 12 → '2025-12')."""
    return add_months(date.fromisoformat(f"{month}-01"), 1 - count).isoformat()[:7]


def _read(build: Build) -> Usage:
    dataset = build.dataset(USAGE_DATASET)
    info = dataset.primary.file("csv") if dataset and dataset.published and dataset.resources \
        else None
    if info is None:
        return Usage()
    with build.path(info.path).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if not rows:
        return Usage()
    last = max(r["month"] for r in rows)
    first = _months_back(last, WINDOW_MONTHS)
    totals: dict[str, int] = {}
    for row in rows:
        if first <= row["month"] <= last:
            totals[row["dataset"]] = totals.get(row["dataset"], 0) + sum(
                int(row[c] or 0) for c in DOWNLOAD_COLUMNS)
    return Usage(first, last, totals)


_cache: dict[str, Usage] = {}
_lock = threading.Lock()


def usage_of(build: Build) -> Usage:
    found = _cache.get(build.build_id)
    if found is None:
        found = _read(build)
        with _lock:
            _cache.clear()  # one build at a time
            _cache[build.build_id] = found
    return found


def most_downloaded(build: Build, limit: int = 5) -> list[tuple[DatasetView, int]]:
    """Published datasets with downloads, most first; empty when nothing was counted."""
    usage = usage_of(build)
    ranked = [(d, usage.of(d.id)) for d in build.published if usage.of(d.id) > 0]
    return sorted(ranked, key=lambda p: (-p[1], p[0].id))[:limit]
