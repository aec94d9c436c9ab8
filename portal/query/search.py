"""Search over a build: Japanese-aware free text, facets with counts, sort and paging.

Text on both sides is normalised the same way: NFKC (full-width ↔ half-width), lowercase, and
hiragana → katakana, so 郵便, ゆうびん and ユウビン find 郵便番号/ユウビン alike. Terms match as
substrings (Japanese has no spaces between words). Besides an entry's own words, the readings
of its title and tags (ひなんじょ finds 指定避難所) and the words inside a small table's data
(オンライン申請 in dx-kpi-targets) match, as the build computed them (portal.readings). The
index is built once per build.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from portal.query.usage import usage_of
from portal.store.current import Build, DatasetView
from portal.store.text import fold

FACETS = ("category", "tag", "publisher", "format", "license", "standard", "quality")
SORTS = ("relevance", "modified", "title", "downloads")
# readings: the kana of the Japanese title and tags; cells: the words inside the data of a
# small table (both computed by the build, portal.readings).
WEIGHTS = (("title", 8), ("tags", 5), ("readings", 4), ("columns", 3), ("description", 1),
           ("cells", 1))


@dataclass(frozen=True)
class IndexEntry:
    dataset: DatasetView
    fields: dict[str, str]  # normalised text per weighted field
    facets: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class SearchResult:
    total: int
    items: list[DatasetView]
    facets: dict[str, list[tuple[str, int]]]
    page: int
    size: int
    matched: tuple[str, ...] = ()  # the ids of every matching dataset, in order


def _facet_values(dataset: DatasetView) -> dict[str, tuple[str, ...]]:
    meta = dataset.meta
    formats = {"CSV", "JSON"}
    if any("spreadsheetml" in f.media_type for r in dataset.resources for f in r.files):
        formats.add("XLSX")
    if any(r.file("geojson") is not None for r in dataset.resources):
        formats.add("GeoJSON")
    return {
        "category": (meta["category"],),
        "tag": tuple(meta.get("tags", [])),
        "publisher": (meta["publisher"]["ja"],),
        "format": tuple(sorted(formats)),
        "license": (meta["license"],),
        "standard": (meta["standard"],) if meta.get("standard") else (),
        "quality": tuple((meta.get("quality") or {}).get("labels", [])),  # portal/quality.py
    }


def _entry(dataset: DatasetView) -> IndexEntry:
    meta = dataset.meta
    columns = " ".join(f"{f.get('name', '')} {f.get('title', '')}"
                       for r in dataset.resources for f in r.schema.get("fields", []))
    raw = {
        "title": f"{meta['title']['ja']} {meta['title']['en']} {meta['id']}",
        "tags": " ".join(meta.get("tags", [])),
        "columns": columns,
        "description": f"{meta['description']['ja']} {meta['description']['en']}",
        # A build older than the readings has none: its entries match on their own words.
        "readings": (meta.get("search") or {}).get("readings", ""),
        "cells": (meta.get("search") or {}).get("cells", ""),
    }
    return IndexEntry(dataset, {k: fold(v) for k, v in raw.items()},
                      _facet_values(dataset))


_lock = threading.Lock()
_indexes: dict[str, list[IndexEntry]] = {}


def index_of(build: Build) -> list[IndexEntry]:
    found = _indexes.get(build.build_id)
    if found is None:
        found = [_entry(d) for d in build.published]
        with _lock:
            _indexes.clear()  # one build at a time is enough: the index is cheap to rebuild
            _indexes[build.build_id] = found
    return found


def score(entry: IndexEntry, terms: Sequence[str]) -> int:
    total = 0
    for term in terms:
        hit = sum(weight for name, weight in WEIGHTS if term in entry.fields[name])
        if hit == 0:
            return 0
        total += hit
    return total


def search(build: Build, q: str = "", filters: Mapping[str, Sequence[str]] | None = None,
           sort: str = "relevance", page: int = 1, size: int = 20,
           lang: str = "ja") -> SearchResult:
    filters = {k: list(v) for k, v in (filters or {}).items() if k in FACETS and v}
    terms = [fold(t) for t in q.split() if t.strip()]
    scored: list[tuple[int, IndexEntry]] = []
    for entry in index_of(build):
        points = score(entry, terms) if terms else 1
        if points:
            scored.append((points, entry))
    counts: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    matching = []
    for points, entry in scored:
        # A facet's counts apply the other facets' filters, so choosing a value keeps its
        # siblings visible with the numbers they would give.
        for name in FACETS:
            if all(any(v in entry.facets[other] for v in values)
                   for other, values in filters.items() if other != name):
                counts[name].update(entry.facets[name])
        if all(any(v in entry.facets[name] for v in values) for name, values in filters.items()):
            matching.append((points, entry))
    if sort == "modified":
        matching.sort(key=lambda p: (p[1].dataset.meta["modified"], p[1].dataset.id),
                      reverse=True)
    elif sort == "title":
        title_lang = "en" if lang == "en" else "ja"
        matching.sort(key=lambda p: (fold(p[1].dataset.meta["title"][title_lang]),
                                     p[1].dataset.id))
    elif sort == "downloads":
        usage = usage_of(build)  # the last 12 months of the published usage table
        matching.sort(key=lambda p: (-usage.of(p[1].dataset.id), p[1].dataset.id))
    else:
        matching.sort(key=lambda p: (-p[0], p[1].dataset.id))
    start = (page - 1) * size
    items = [e.dataset for _, e in matching[start:start + size]]
    facets = {name: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))
              for name, c in counts.items()}
    return SearchResult(len(matching), items, facets, page, size,
                        tuple(e.dataset.id for _, e in matching))


def dataset_summary(dataset: DatasetView) -> dict[str, Any]:
    meta = dataset.meta
    return {"id": meta["id"], "title": meta["title"], "description": meta["description"],
            "category": meta["category"], "tags": meta.get("tags", []),
            "publisher": meta["publisher"], "license": meta["license"],
            "issued": meta["issued"], "modified": meta["modified"],
            "standard": meta.get("standard"), "state": meta.get("state", "fresh"),
            "quality": meta.get("quality")}


def catalog_stats(build: Build, today: date) -> dict[str, Any]:
    """Published datasets counted by category, licence and format, and their rows in total;
    "published" as everywhere else (``published_ids``: the generated count is not counted)."""
    from portal.query.kpi import published_ids

    ids = published_ids(build, today)
    index = [entry for entry in index_of(build) if entry.dataset.id in ids]

    def count(facet: str) -> dict[str, int]:
        counter: Counter[str] = Counter()
        for entry in index:
            counter.update(entry.facets[facet])
        return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))

    return {"build_id": build.build_id, "datasets": len(index),
            "resources": sum(len(e.dataset.resources) for e in index),
            "rows": sum(r.rows for e in index for r in e.dataset.resources),
            "by_category": count("category"), "by_license": count("license"),
            "by_format": count("format")}
