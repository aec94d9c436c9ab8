"""The catalog as DCAT-AP 3 JSON-LD and as one Frictionless data package: pure functions."""

from __future__ import annotations

from typing import Any

from portal import urls
from portal.catalog.licenses import LICENSES
from portal.query.detail import dataset_detail
from portal.query.uses import list_uses
from portal.store.current import Build, DatasetView

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/", "spdx": "http://spdx.org/rdf/terms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "vcard": "http://www.w3.org/2006/vcard/ns#",
}
SPDX_SHA256 = "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"
GSP = "http://www.opengis.net/ont/geosparql#"


def _texts(pair: dict[str, str]) -> list[dict[str, str]]:
    return [{"@value": pair[lang], "@language": lang} for lang in ("ja", "en") if pair.get(lang)]


def _date(value: str) -> dict[str, str]:
    return {"@value": value, "@type": "xsd:date"}


def _license(license_id: str) -> dict[str, str]:
    found = LICENSES.get(license_id)
    return {"@id": found.url if found else f"https://spdx.org/licenses/{license_id}.html"}


def dcat_dataset(build: Build, dataset: DatasetView, base: str) -> dict[str, Any]:
    detail = dataset_detail(build, dataset.id, base)
    distributions = []
    for resource in detail["resources"]:
        for info in resource["files"]:
            distributions.append({
                "@id": info["url"], "@type": "dcat:Distribution",
                "dct:title": info["label"],
                "dcat:accessURL": {"@id": detail["page_url"]},
                "dcat:downloadURL": {"@id": info["url"]},
                "dcat:mediaType": {
                    "@id": f"https://www.iana.org/assignments/media-types/{info['media_type']}"},
                "dcat:byteSize": {"@value": str(info["size"]), "@type": "xsd:nonNegativeInteger"},
                "spdx:checksum": {"@type": "spdx:Checksum",
                                  "spdx:algorithm": {"@id": SPDX_SHA256},
                                  "spdx:checksumValue": info["sha256"]},
                "dct:license": _license(detail["license"]),
            })
    spatial = _spatial(dataset)
    referenced = used_by(build, dataset.id)
    return {
        **({"dct:spatial": spatial} if spatial else {}),
        **({"dct:isReferencedBy": referenced} if referenced else {}),
        "@id": detail["page_url"], "@type": "dcat:Dataset",
        "dct:identifier": detail["id"],
        "dct:title": _texts(detail["title"]), "dct:description": _texts(detail["description"]),
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": _texts(detail["publisher"])},
        "dcat:keyword": [{"@value": t, "@language": "ja"} for t in detail["keywords"]],
        "dcat:theme": detail["category"],
        "dct:issued": _date(detail["issued"]), "dct:modified": _date(detail["modified"]),
        "dct:license": _license(detail["license"]),
        "dcat:landingPage": {"@id": detail["page_url"]},
        "dcat:distribution": distributions,
    }


def used_by(build: Build, dataset_id: str) -> list[dict[str, Any]]:
    """The uses of a dataset (``uses:``, 利活用事例) as DCAT-AP's ``dct:isReferencedBy``: the
    address of each app, map or article made with it."""
    return [{"@id": use["url"], "dct:title": _texts(use["title"])}
            for use in list_uses(build, dataset=dataset_id)]


def _spatial(dataset: DatasetView) -> dict[str, Any] | None:
    """The bounding box of the dataset's locations (DCAT-AP 3 ``dcat:bbox`` as a GeoSPARQL
    WKT literal, WGS84 lon/lat), or None when it has none."""
    boxes = [r.geo["bbox"] for r in dataset.resources if r.geo and r.geo.get("bbox")]
    if not boxes:
        return None
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    ring = ", ".join(f"{x} {y}" for x, y in ((west, south), (east, south), (east, north),
                                              (west, north), (west, south)))
    return {"@type": "dct:Location",
            "dcat:bbox": {"@value": f"POLYGON(({ring}))", "@type": f"{GSP}wktLiteral"}}


def dcat_catalog(build: Build, base: str) -> dict[str, Any]:
    portal = build.portal
    return {
        "@context": CONTEXT, "@id": urls.absolute(base, urls.catalog_jsonld()),
        "@type": "dcat:Catalog",
        "dct:title": _texts(portal["title"]),
        "dct:description": _texts(portal.get("description") or {}),
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": _texts(portal["publisher"])},
        "dct:spatial": portal.get("local_government_code"),
        "dct:license": _license(portal.get("license", "CC-BY-4.0")),
        "foaf:homepage": {"@id": urls.absolute(base, "/")},
        "dcat:dataset": [dcat_dataset(build, d, base) for d in build.published],
    }


def _resource_url(base: str, dataset: DatasetView, name: str, kind: str = "csv") -> str:
    resource = dataset.resource(name)
    primary = resource is None or resource.primary
    return urls.absolute(base, urls.download(dataset.id, kind, None if primary else name))


def _package_url(base: str, dataset: DatasetView, entry: dict[str, Any]) -> str:
    if entry.get("format") == "geojson":  # "<resource>-geojson", see publishing/formats.py
        return _resource_url(base, dataset, str(entry["name"]).removesuffix("-geojson"),
                             "geojson")
    return _resource_url(base, dataset, entry["name"])


def absolute_datapackage(package: dict[str, Any], dataset: DatasetView,
                         base: str) -> dict[str, Any]:
    """A dataset's data package with each resource's relative path made an absolute URL."""
    resources = [{**r, "path": _package_url(base, dataset, r)}
                 for r in package.get("resources", [])]
    return {**package, "resources": resources}


def _schema(schema: dict[str, Any]) -> dict[str, Any]:
    # Table Schema allows a bare string primary key; Data Package v2 readers want a list.
    key = schema.get("primaryKey")
    return {**schema, "primaryKey": [key]} if isinstance(key, str) else dict(schema)


def catalog_datapackage(build: Build, base: str) -> dict[str, Any]:
    """Every published resource in one package; names are `<dataset>.<resource>`."""
    resources = []
    for dataset in build.published:
        for resource in dataset.resources:
            info = resource.file("csv")
            if info is None:
                continue
            title = resource.title or dataset.meta["title"]
            resources.append({
                "name": f"{dataset.id}.{resource.name}",
                "title": title["ja"], "description": dataset.meta["description"]["ja"],
                "path": _resource_url(base, dataset, resource.name), "format": "csv",
                "mediatype": "text/csv", "encoding": "utf-8", "bytes": info.size,
                "hash": f"sha256:{info.sha256}", "profile": "tabular-data-resource",
                "licenses": [{"name": dataset.meta["license"]}],
                "schema": _schema(resource.schema)})
    portal = build.portal
    return {"name": f"opendata-{portal.get('local_government_code', 'portal')}",
            "title": portal["title"]["ja"], "profile": "data-package",
            "homepage": urls.absolute(base, "/"), "version": build.build_id,
            "licenses": [{"name": portal.get("license", "CC-BY-4.0")}],
            "resources": resources}
