"""Every public URL of the portal, built in one place."""

from __future__ import annotations

from urllib.parse import quote, urlencode

DOWNLOAD_SUFFIXES = {"csv": ".csv", "excel-csv": ".excel.csv", "sjis-csv": ".sjis.csv",
                     "json": ".json", "geojson": ".geojson"}


def dataset_page(dataset_id: str) -> str:
    return f"/datasets/{quote(dataset_id)}"


def download(dataset_id: str, kind: str, resource: str | None = None) -> str:
    """The primary resource at /datasets/<id>.<suffix>, others at /datasets/<id>/<name>.<suffix>."""
    suffix = DOWNLOAD_SUFFIXES[kind]
    if resource is None:
        return f"/datasets/{quote(dataset_id)}{suffix}"
    return f"/datasets/{quote(dataset_id)}/{quote(resource)}{suffix}"


def original(dataset_id: str, filename: str) -> str:
    return f"/datasets/{quote(dataset_id)}/original/{quote(filename)}"


def datapackage(dataset_id: str) -> str:
    return f"/datasets/{quote(dataset_id)}/datapackage.json"


def api_dataset(dataset_id: str) -> str:
    return f"/api/v1/datasets/{quote(dataset_id)}"


def api_rows(dataset_id: str, **params: str) -> str:
    query = f"?{urlencode(params)}" if params else ""
    return f"/api/v1/datasets/{quote(dataset_id)}/rows{query}"


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def api_docs() -> str:
    return "/api/docs"


def openapi() -> str:
    return "/api/openapi.json"


def ckan_action(action: str) -> str:
    return f"/api/3/action/{quote(action)}"


def catalog_jsonld() -> str:
    return "/catalog.jsonld"


def catalog_datapackage() -> str:
    return "/datapackage.json"


def catalog_csv() -> str:
    return "/catalog.csv"


def feed() -> str:
    return "/feed.atom"


def sitemap() -> str:
    return "/sitemap.xml"


def datasets_page() -> str:
    return "/datasets"
