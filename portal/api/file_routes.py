"""The downloads, catalog documents and feeds, declared for the OpenAPI document as
``routes.py`` declares the JSON API: what each path serves, with what media type, and how it
fails. The views (``downloads.py``, ``feeds.py``) are written by hand; the test that walks the
URL map (tests/api/test_openapi.py) fails when one of them is served and not declared here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from portal.api import schemas
from portal.api.routes import ID, ROUTES, Param
from portal.query.search import FACETS
from portal.urls import DOWNLOAD_SUFFIXES

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KIND_MEDIA = {"csv": "text/csv", "excel-csv": "text/csv", "sjis-csv": "text/csv",
              "json": "application/json", "geojson": "application/geo+json", "xlsx": XLSX}
KIND_TEXT = {
    "csv": "UTF-8, LF, header row = the Table Schema's field names.",
    "excel-csv": "UTF-8 with BOM, CRLF, cells Excel would run as formulas neutralised.",
    "sjis-csv": "Shift_JIS (CP932), CRLF; 409 sjis-unavailable names the character that "
                "cannot be written.",
    "json": '{"fields": [...], "rows": [{field: value}, ...]} with typed values: '
            'pd.DataFrame(pd.read_json(url, orient="columns")["rows"].tolist()), or read '
            '"rows" with json.load.',
    "geojson": "Locations as RFC 7946 GeoJSON (WGS84 lon/lat): the primary resource when it "
               "has locations, else the first resource that has.",
    "xlsx": "Excel workbook: Table Schema string fields and columns with leading zeros are "
            "text cells (092053 stays 092053), integers and numbers stay numbers.",
}
RESOURCE = Param("resource", "Resource name (see the dataset's `resources`).",
                 location="path", example="measures")
FILENAME = Param("filename", "The file's name as published.", location="path",
                 pattern="^[^/]+$")
CONDITIONAL = "ETag and Last-Modified; If-None-Match / If-Modified-Since give 304."


@dataclass(frozen=True)
class FileRoute:
    name: str
    path: str  # OpenAPI form
    summary: str
    description: str
    media_type: str
    params: tuple[Param, ...] = ()
    schema: dict[str, Any] | None = None  # of a JSON body
    errors: Mapping[int, str] = field(default_factory=dict)
    conditional: bool = False  # answers 304 to a matching If-None-Match
    ranges: bool = False  # answers 206 to a Range
    example: str = ""


_MISSING = {404: "No such dataset, resource or file.", 503: "Nothing is built yet, or the "
            "file no longer matches the manifest (file-damaged)."}


def _download(kind: str, suffix: str, resource: bool) -> FileRoute:
    path = ("/datasets/{id}/{resource}" if resource else "/datasets/{id}") + suffix
    errors = {**_MISSING, **({409: "No Shift_JIS file: a character cannot be written in "
                                   "CP932."} if kind == "sjis-csv" else {}),
              412: "If-Match names another version (empty body)."}
    return FileRoute(
        f"download_{kind.replace('-', '_')}{'_resource' if resource else ''}", path,
        f"{'A resource' if resource else 'The primary resource'} as {suffix}",
        f"{KIND_TEXT[kind]} Served from the build's manifest with ETag = SHA-256, "
        "Last-Modified, Range (one range) and CORS.",
        KIND_MEDIA[kind], (ID, RESOURCE) if resource else (ID,),
        schemas.FEATURE_COLLECTION if kind == "geojson" else
        schemas.obj({"fields": schemas.listing({"type": "object"}),
                     "rows": schemas.listing({"type": "object"})}) if kind == "json" else None,
        errors, conditional=True, ranges=True,
        example=f"/datasets/kanuma-evacuation-sites{suffix}" if not resource else "")


FILE_ROUTES: dict[str, FileRoute] = {r.name: r for r in (
    *(_download(kind, suffix, resource) for resource in (False, True)
      for kind, suffix in DOWNLOAD_SUFFIXES.items()),
    FileRoute("dataset_datapackage", "/datasets/{id}/datapackage.json",
              "A dataset's data package",
              "Frictionless data package of the dataset, with absolute URLs.",
              "application/json", (ID,), schemas.DATA_PACKAGE, _MISSING, conditional=True,
              example="/datasets/kanuma-evacuation-sites/datapackage.json"),
    FileRoute("original_file", "/datasets/{id}/original/{filename}", "A file as published",
              "The file as committed (or the `original:` that `portal new --fix` kept).",
              "application/octet-stream", (ID, FILENAME), None, _MISSING, conditional=True,
              ranges=True),
    FileRoute("dataset_feed", "/datasets/{id}/feed.atom", "One dataset's Atom feed",
              f"An entry per item of the dataset's `changes:` and each data update. "
              f"{CONDITIONAL}", "application/atom+xml", (ID,), None,
              {404: "No such dataset.", 503: "Nothing is built yet."}, conditional=True,
              example="/datasets/kanuma-evacuation-sites/feed.atom"),
    FileRoute("feed", "/feed.atom", "The catalog's Atom feed",
              f"Newest datasets first; the search facets narrow it. {CONDITIONAL}",
              "application/atom+xml",
              tuple(Param(name, f"Keep datasets whose {name} is this value.")
                    for name in FACETS), None, {503: "Nothing is built yet."},
              conditional=True, example="/feed.atom?category=safety"),
    FileRoute("catalog_jsonld", "/catalog.jsonld", "DCAT-AP catalog",
              "DCAT-AP 3 JSON-LD of every published dataset and distribution.",
              "application/ld+json", (), schemas.DCAT, {503: "Nothing is built yet."},
              example="/catalog.jsonld"),
    FileRoute("catalog_datapackage", "/datapackage.json", "Whole-catalog data package",
              "Every published table in one data package, absolute URLs.",
              "application/json", (), schemas.DATA_PACKAGE, {503: "Nothing is built yet."},
              example="/datapackage.json"),
    FileRoute("catalog_csv", "/catalog.csv", "06 オープンデータ一覧",
              "The catalog as the standard open-data list (UTF-8 with BOM), a row per file.",
              "text/csv", (), None, {503: "Nothing is built yet."}, example="/catalog.csv"),
    FileRoute("sitemap", "/sitemap.xml", "Sitemap", "Every page in both languages.",
              "application/xml", (), None, {503: "Nothing is built yet."},
              example="/sitemap.xml"),
    FileRoute("robots", "/robots.txt", "robots.txt", "What crawlers may read.", "text/plain",
              example="/robots.txt"),
    FileRoute("openapi", "/api/openapi.json", "This document",
              "OpenAPI 3.1 of the native API, downloads and feeds.", "application/json",
              (), schemas.OPENAPI, example="/api/openapi.json"),
    FileRoute("openapi_ckan", "/api/openapi-ckan.json", "The CKAN Action API's document",
              "OpenAPI 3.1 of /api/3/action/ (and /api/action/).", "application/json", (),
              schemas.OPENAPI, example="/api/openapi-ckan.json"),
    FileRoute("api_docs", "/api/docs", "These documents as a page",
              "A plain HTML reading of both documents (no script).", "text/html",
              example="/api/docs"),
    FileRoute("chart_csv", "/api/v1/datasets/{id}/chart.csv", "A chart's aggregated rows as CSV",
              "The rows of /api/v1/datasets/{id}/chart as CSV (UTF-8 with BOM, for Excel), "
              "with the same parameters.", "text/csv", ROUTES["chart"].params, None,
              {400: "A parameter is not valid.", 404: "No such dataset.",
               503: "Nothing is built yet."},
              example="/api/v1/datasets/kanuma-evacuation-sites/chart.csv"),
    FileRoute("use_image", "/uses/images/{filename}", "A use's picture",
              "The image of a use of the data (利活用事例), as the catalog's `uses:` names it.",
              "application/octet-stream",
              (Param("filename", "The image's file name.", location="path"),), None,
              {404: "No use names this file.", 503: "Nothing is built yet."}),
)}
