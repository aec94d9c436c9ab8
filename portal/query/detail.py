"""One dataset as data: the single function behind its page, /api/v1/datasets/<id> and more."""

from __future__ import annotations

from datetime import date
from typing import Any

from portal import urls
from portal.catalog.harvest import STANDARD_TAG
from portal.catalog.licenses import LICENSES
from portal.freshness import due_date
from portal.store.current import Build

KIND_LABELS = {"csv": "CSV (UTF-8)", "excel-csv": "CSV (Excel, UTF-8 BOM)",
               "sjis-csv": "CSV (Shift_JIS)", "json": "JSON", "original": "Original",
               "datapackage": "Data Package", "sqlite": "SQLite", "geojson": "GeoJSON",
               "xlsx": "Excel (.xlsx)"}
DOWNLOAD_KINDS = ("csv", "excel-csv", "sjis-csv", "xlsx", "json", "geojson")


def _download_url(dataset_id: str, resource: str, primary: bool, kind: str,
                  path: str) -> str | None:
    if kind in DOWNLOAD_KINDS:
        return urls.download(dataset_id, kind, None if primary else resource)
    if kind == "original":
        return urls.original(dataset_id, path.rsplit("/", 1)[-1])
    if kind == "datapackage":
        return urls.datapackage(dataset_id)
    return None  # the SQLite file is an internal index, not a download


def dataset_detail(build: Build, dataset_id: str, base_url: str = "",
                   today: date | None = None) -> dict[str, Any]:
    dataset = build.require(dataset_id)
    due = due_date(date.fromisoformat(str(dataset.meta["modified"])), dataset.meta["frequency"])
    meta = dict(dataset.meta)
    license_ = LICENSES.get(meta["license"])
    resources = []
    for resource in dataset.resources:
        files = []
        for info in resource.files:
            url = _download_url(dataset.id, resource.name, resource.primary, info.kind,
                                info.path)
            if url is None:
                continue
            files.append({"kind": info.kind, "label": KIND_LABELS[info.kind],
                          "url": urls.absolute(base_url, url), "media_type": info.media_type,
                          "encoding": info.encoding, "size": info.size, "sha256": info.sha256,
                          "rows": info.rows})
        resources.append({"name": resource.name, "title": resource.title,
                          "primary": resource.primary, "rows": resource.rows,
                          "schema": resource.schema, "files": files,
                          "sjis_unavailable": resource.sjis_unavailable,
                          "geo": resource.geo,
                          "rows_url": urls.absolute(base_url, urls.api_rows(dataset.id)) +
                          ("" if resource.primary else f"?_resource={resource.name}")})
    return {
        # What decides a rebuild (hashes, the index policy) and what search reads are the
        # build's, not the API's.
        **{k: v for k, v in meta.items()
           if k not in ("content_hash", "data_hash", "data_updates", "index_policy", "search")},
        "license_detail": {"id": meta["license"],
                           "title": {"ja": license_.ja, "en": license_.en} if license_ else None,
                           "url": license_.url if license_ else None},
        "page_url": urls.absolute(base_url, urls.dataset_page(dataset.id)),
        "update_due": due.isoformat() if due else None,
        "overdue": due is not None and (today or date.today()) > due,
        "resources": resources,
        # Tags for harvesters: a standard dataset also carries the tag aggregators look for
        # and the standard's name (portal.catalog.harvest).
        "keywords": [*meta.get("tags", []), *(
            [STANDARD_TAG, meta["standard_name"]["ja"]] if meta.get("standard_name") else [])],
    }
