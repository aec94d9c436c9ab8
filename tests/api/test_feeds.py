"""Whole-catalog documents, read by the libraries harvesters use: rdflib, feedparser,
frictionless."""

from __future__ import annotations

import io
import json
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
import frictionless
import pandas as pd
import pytest
import rdflib
from flask.testing import FlaskClient
from rdflib.namespace import DCAT, DCTERMS, RDF

from portal.app import create_app
from portal.config import load_settings

SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")


def test_dcat_catalog_parses_with_rdflib(client: FlaskClient) -> None:
    response = client.get("/catalog.jsonld")
    assert response.headers["Content-Type"] == "application/ld+json"
    graph = rdflib.Graph().parse(data=response.data, format="json-ld")
    catalog = next(graph.subjects(RDF.type, DCAT.Catalog))
    datasets = sorted(str(d) for d in graph.objects(catalog, DCAT.dataset))
    assert datasets == ["http://localhost/datasets/generated-facilities",
                        "http://localhost/datasets/generated-population"]
    page = rdflib.URIRef("http://localhost/datasets/generated-population")
    titles = {(t.language, str(t)) for t in graph.objects(page, DCTERMS.title)}
    assert titles == {("ja", "生成された地区別人口(テスト用)"),
                      ("en", "Generated population by area (test data)")}
    assert str(graph.value(page, DCTERMS.license)) == \
        "https://creativecommons.org/licenses/by/4.0/"
    areas = rdflib.URIRef("http://localhost/datasets/generated-population/areas.csv")
    assert areas in set(graph.objects(page, DCAT.distribution))
    assert graph.value(areas, DCAT.downloadURL) == areas
    size = int(graph.value(areas, DCAT.byteSize))
    assert size == len(client.get("/datasets/generated-population/areas.csv").data)
    checksum = graph.value(areas, SPDX.checksum)
    assert len(str(graph.value(checksum, SPDX.checksumValue))) == 64


def test_atom_feed_is_newest_first(client: FlaskClient) -> None:
    feed = feedparser.parse(client.get("/feed.atom").data)
    assert feed.bozo == 0
    assert [e.link for e in feed.entries] == [
        "http://localhost/datasets/generated-population",
        "http://localhost/datasets/generated-facilities"]
    assert feed.entries[0].title == "生成された地区別人口(テスト用)"
    assert feed.entries[0].updated == "2025-10-01T00:00:00Z"
    # What changed, as staff wrote it in the entry's changes: (the dataset page's 変更履歴).
    assert [e.summary for e in feed.entries] == [
        "2023-04-01: 公開", "2025-04-01: 施設を2件追加"]


def test_sitemap_lists_pages_and_datasets(client: FlaskClient) -> None:
    root = ET.fromstring(client.get("/sitemap.xml").data)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text for loc in root.findall("s:url/s:loc", ns)]
    pages = ["/", "/datasets", "/kpi", "/about", "/developers",
             "/datasets/generated-facilities", "/datasets/generated-population"]
    assert locs == [f"http://localhost{prefix}{path}" for path in pages
                    for prefix in ("", "/en")]
    # Each URL names its twins, as the HTML head does.
    ns["x"] = "http://www.w3.org/1999/xhtml"
    twins = {link.get("hreflang"): link.get("href")
             for link in root.findall("s:url", ns)[3].findall("x:link", ns)}
    assert twins == {"ja": "http://localhost/datasets", "en": "http://localhost/en/datasets",
                     "x-default": "http://localhost/datasets"}


def test_robots_points_at_the_sitemap(client: FlaskClient) -> None:
    assert client.get("/robots.txt").data.decode() == (
        "User-agent: *\nDisallow: /api/\nDisallow: /_dash\n"
        "Sitemap: http://localhost/sitemap.xml\n")


def test_catalog_csv_is_the_builds_open_data_list(client: FlaskClient) -> None:
    response = client.get("/catalog.csv")
    frame = pd.read_csv(io.BytesIO(response.data), encoding="utf-8-sig", dtype=str)
    # One row per file, as the 06 list has it; a dataset's rows share its ID.
    assert frame["ID"].tolist() == ["generated-facilities", "generated-population",
                                    "generated-population"]
    # The standard expects absolute URLs: the request's origin when none is configured; each
    # names its file, so `portal import` can read the list back.
    assert frame["URL"].tolist() == [
        "http://localhost/datasets/generated-facilities/facilities.csv",
        "http://localhost/datasets/generated-population/population.csv",
        "http://localhost/datasets/generated-population/areas.csv"]
    assert frame["全国地方公共団体コード"].unique().tolist() == ["092053"]
    assert response.headers["Content-Disposition"] == \
        "attachment; filename=092053_opendata_list.csv"


def test_catalog_datapackage_is_valid_with_absolute_urls(client: FlaskClient) -> None:
    descriptor = json.loads(client.get("/datapackage.json").data)
    package = frictionless.Package.from_descriptor(descriptor)
    assert [r.name for r in package.resources] == [
        "generated-facilities.facilities", "generated-population.population",
        "generated-population.areas"]
    assert [r.path for r in package.resources] == [
        "http://localhost/datasets/generated-facilities.csv",
        "http://localhost/datasets/generated-population.csv",
        "http://localhost/datasets/generated-population/areas.csv"]
    assert [e.message for e in frictionless.Package.metadata_validate(descriptor)] == []


def test_dataset_datapackage_reads_back_with_frictionless(client: FlaskClient,
                                                          tmp_path: Path) -> None:
    descriptor = json.loads(client.get("/datasets/generated-population/datapackage.json").data)
    assert [r["path"] for r in descriptor["resources"]] == [
        "http://localhost/datasets/generated-population.csv",
        "http://localhost/datasets/generated-population/areas.csv"]
    # Read the resources through the served files: each URL is fetched with the test client.
    for resource in descriptor["resources"]:
        local = tmp_path / f"{resource['name']}.csv"
        local.write_bytes(client.get(resource["path"].removeprefix("http://localhost")).data)
        resource["path"] = local.name
    package = frictionless.Package.from_descriptor(descriptor, basepath=str(tmp_path))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])
    areas = package.get_resource("areas").read_rows()
    assert [row["地区"] for row in areas] == ["北部", "中央", "南部", "東部", "西部"]


@pytest.fixture(scope="module")
def configured(built: Path, tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    """The portal with PORTAL_BASE_URL set: every absolute URL starts with it."""
    settings = load_settings({"PORTAL_BASE_URL": "https://opendata.example.jp/"},
                             build_dir=built, cache_dir=tmp_path_factory.mktemp("c"))
    return create_app(settings).test_client()


def test_catalog_csv_urls_use_the_configured_base_url(configured: FlaskClient) -> None:
    response = configured.get("/catalog.csv")
    frame = pd.read_csv(io.BytesIO(response.data), encoding="utf-8-sig", dtype=str)
    assert frame["URL"].tolist() == [
        "https://opendata.example.jp/datasets/generated-facilities/facilities.csv",
        "https://opendata.example.jp/datasets/generated-population/population.csv",
        "https://opendata.example.jp/datasets/generated-population/areas.csv"]
    again = configured.get("/catalog.csv", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_dcat_uses_the_configured_base_url(configured: FlaskClient) -> None:
    graph = rdflib.Graph().parse(data=configured.get("/catalog.jsonld").data, format="json-ld")
    catalog = next(graph.subjects(RDF.type, DCAT.Catalog))
    assert str(catalog) == "https://opendata.example.jp/catalog.jsonld"
    assert sorted(str(d) for d in graph.objects(catalog, DCAT.dataset)) == [
        "https://opendata.example.jp/datasets/generated-facilities",
        "https://opendata.example.jp/datasets/generated-population"]
    urls = {str(u) for u in graph.objects(None, DCAT.downloadURL)}
    assert urls and all(u.startswith("https://opendata.example.jp/datasets/") for u in urls)


def test_data_packages_use_the_configured_base_url(configured: FlaskClient) -> None:
    package = frictionless.Package.from_descriptor(
        json.loads(configured.get("/datasets/generated-population/datapackage.json").data))
    assert [r.path for r in package.resources] == [
        "https://opendata.example.jp/datasets/generated-population.csv",
        "https://opendata.example.jp/datasets/generated-population/areas.csv"]
    whole = frictionless.Package.from_descriptor(
        json.loads(configured.get("/datapackage.json").data))
    assert whole.homepage == "https://opendata.example.jp/"
    assert all(r.path.startswith("https://opendata.example.jp/datasets/")
               for r in whole.resources)
