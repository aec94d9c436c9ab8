"""Which dataset a request path is about, and which column of the usage table it counts in.

The download kinds are those of the download routes (``portal/urls.py``,
``portal/api/downloads.py``) plus the file as published (``original``); a page is the dataset
page in either language (``/datasets/<id>``, ``/en/datasets/<id>``); an API request is the
native API's dataset or rows, the data package, or CKAN's ``package_show``.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote

from portal.catalog.ids import ID_PATTERN
from portal.urls import DOWNLOAD_SUFFIXES

SLUG = ID_PATTERN.pattern
DOWNLOAD_KINDS = (*DOWNLOAD_SUFFIXES, "original")
PAGE_VIEWS = "page_views"
API_REQUESTS = "api_requests"


def download_column(kind: str) -> str:
    return "downloads_" + kind.replace("-", "_")


COLUMNS = (PAGE_VIEWS, *(download_column(k) for k in DOWNLOAD_KINDS), API_REQUESTS)

_SUFFIXES = "|".join(re.escape(s) for s in sorted(DOWNLOAD_SUFFIXES.values(), key=len,
                                                          reverse=True))
_KIND_OF_SUFFIX = {suffix: kind for kind, suffix in DOWNLOAD_SUFFIXES.items()}
PAGE = re.compile(rf"(?:/en)?/datasets/({SLUG})/?")
PRIMARY = re.compile(rf"/datasets/({SLUG})({_SUFFIXES})")
RESOURCE = re.compile(rf"/datasets/({SLUG})/{SLUG}({_SUFFIXES})")
ORIGINAL = re.compile(rf"/datasets/({SLUG})/original/[^/]+")
API = re.compile(rf"/api/v1/datasets/({SLUG})(?:/rows)?/?|/datasets/({SLUG})/datapackage\.json")
CKAN_SHOW = "/api/3/action/package_show"


def classify(path: str, query: str = "") -> tuple[str, str] | None:
    """(dataset id, usage column) of a request, or None when it counts for no dataset."""
    path = unquote(path)
    if match := PAGE.fullmatch(path):
        return match.group(1), PAGE_VIEWS
    # Before the downloads: /datasets/<id>/datapackage.json would pass for a resource's .json.
    if match := API.fullmatch(path):
        return match.group(1) or match.group(2), API_REQUESTS
    if match := PRIMARY.fullmatch(path) or RESOURCE.fullmatch(path):
        return match.group(1), download_column(_KIND_OF_SUFFIX[match.group(2)])
    if match := ORIGINAL.fullmatch(path):
        return match.group(1), download_column("original")
    if path == CKAN_SHOW:
        ids = parse_qs(query).get("id", [])
        if ids and re.fullmatch(SLUG, ids[0]):
            return ids[0], API_REQUESTS
    return None


def is_download(column: str) -> bool:
    return column.startswith("downloads_")
