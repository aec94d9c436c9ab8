"""Geographic resources served: GeoJSON and original downloads read back with geopandas, the
rows API's _shape=geojson and _bbox on features, DCAT's dct:spatial, the data package."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import geopandas as gpd
import pyogrio
import rdflib
import shapely
from flask.testing import FlaskClient

from portal.app import create_app
from portal.config import load_settings
from portal.publishing.pipeline import build
from portal.store.current import load_build
from tests.geo.conftest import GEO_CATALOG

DID_ZIP = GEO_CATALOG / "datasets/estat-did-tochigi/2010_did_ddsw_09.zip"
# Around central Kanuma: 139.70–139.80 E, 36.53–36.60 N.
KANUMA = "139.70,36.53,139.80,36.60"


def test_polygon_geojson_download_reads_back_to_the_source(geo_client: FlaskClient) -> None:
    response = geo_client.get("/datasets/estat-did-tochigi.geojson")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/geo+json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    files = geo_client.get("/api/v1/datasets/estat-did-tochigi").get_json()["resources"][0]
    sha256 = next(f["sha256"] for f in files["files"] if f["kind"] == "geojson")
    assert response.headers["ETag"] == f'"{sha256}"'
    published = gpd.read_file(io.BytesIO(response.data))
    source = gpd.read_file(f"zip://{DID_ZIP}!2010_did_ddsw_09/h22_did_09.shp").to_crs(4326)
    assert published["CITYNAME"].tolist() == source["CITYNAME"].tolist()
    distance = shapely.hausdorff_distance(published.to_crs(6677).geometry.values,
                                          source.to_crs(6677).geometry.values)
    assert distance.max() < 1.0
    same = geo_client.get("/datasets/estat-did-tochigi/did.geojson")
    assert same.data == response.data


def test_original_shapefile_zip_downloads_and_opens(geo_client: FlaskClient) -> None:
    response = geo_client.get("/datasets/derived-zone9-did-kanuma/original/did_zone9.zip")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/zip"
    frame = pyogrio.read_dataframe(io.BytesIO(response.data))
    assert frame.crs.to_epsg() == 2451
    assert frame["CITYNAME"].tolist() == ["鹿沼市", "日光市"]


def test_rows_of_features_as_geojson_keep_geometry_and_paging(geo_client: FlaskClient) -> None:
    response = geo_client.get("/api/v1/datasets/derived-zone9-did-kanuma/rows"
                              "?_shape=geojson&_size=1&_col=CITYNAME")
    assert response.status_code == 200
    body = response.get_json(force=True)
    assert (body["type"], body["total"], body["dataset"], body["resource"]) == (
        "FeatureCollection", 2, "derived-zone9-did-kanuma", "did")
    assert [f["properties"] for f in body["features"]] == [{"CITYNAME": "鹿沼市"}]
    page = gpd.GeoDataFrame.from_features(body["features"], crs=4326)
    whole = gpd.read_file(io.BytesIO(geo_client.get(
        "/datasets/derived-zone9-did-kanuma.geojson").data))
    assert page.geometry[0].equals_exact(whole.geometry[0], 1e-9)
    second = geo_client.get(body["next_url"]).get_json(force=True)
    assert [f["properties"] for f in second["features"]] == [{"CITYNAME": "日光市"}]
    assert second["next"] is None


def test_bbox_keeps_features_whose_box_intersects_it(geo_client: FlaskClient) -> None:
    body = geo_client.get(f"/api/v1/datasets/estat-did-tochigi/rows?_bbox={KANUMA}"
                          "&_col=CITYNAME").get_json()
    assert body["rows"] == [{"CITYNAME": "鹿沼市"}]
    assert body["columns"] == ["CITYNAME"]
    everything = geo_client.get("/api/v1/datasets/estat-did-tochigi/rows").get_json()
    assert everything["total"] == 22
    assert "_geometry" not in everything["columns"]
    assert all("_minx" not in row for row in everything["rows"])


def test_bbox_on_points_of_a_geojson_resource(geo_client: FlaskClient) -> None:
    body = geo_client.get("/api/v1/datasets/gsi-hinanjo-mashiko/rows"
                          "?_bbox=140.08,36.42,140.09,36.44&_col=施設・場所名").get_json()
    assert body["rows"] == [{"施設・場所名": "田野小学校"}, {"施設・場所名": "田野中学校"}]


def test_dataset_api_and_dcat_give_the_bounding_box(geo_client: FlaskClient) -> None:
    detail = geo_client.get("/api/v1/datasets/derived-hinanjo-mashiko-table").get_json()
    resource = detail["resources"][0]
    assert resource["geo"]["bbox"] == [140.085544, 36.429377, 140.118562, 36.49769]
    assert [f["kind"] for f in resource["files"]].count("geojson") == 1
    text = geo_client.get("/catalog.jsonld").data
    graph = rdflib.Graph().parse(data=text, format="json-ld")
    boxes = list(graph.objects(None, rdflib.URIRef("http://www.w3.org/ns/dcat#bbox")))
    assert len(boxes) == 6 and all(str(b).startswith("POLYGON((") for b in boxes)
    catalog = json.loads(text)
    dataset = next(d for d in catalog["dcat:dataset"]
                   if d["dct:identifier"] == "derived-hinanjo-mashiko-table")
    assert dataset["dct:spatial"] == {
        "@type": "dct:Location",
        "dcat:bbox": {"@value": "POLYGON((140.085544 36.429377, 140.118562 36.429377, "
                                "140.118562 36.49769, 140.085544 36.49769, "
                                "140.085544 36.429377))",
                      "@type": "http://www.opengis.net/ont/geosparql#wktLiteral"}}
    geojson = [d for d in dataset["dcat:distribution"]
               if d["dcat:mediaType"]["@id"].endswith("application/geo+json")]
    assert [d["dcat:downloadURL"]["@id"] for d in geojson] == [
        "http://localhost/datasets/derived-hinanjo-mashiko-table.geojson"]


def test_datapackage_gives_the_geojson_its_download_url(geo_client: FlaskClient) -> None:
    package = geo_client.get("/datasets/gsi-hinanjo-mashiko/datapackage.json").get_json()
    assert [(r["name"], r["path"]) for r in package["resources"]] == [
        ("hinanjo", "http://localhost/datasets/gsi-hinanjo-mashiko.csv"),
        ("hinanjo-geojson", "http://localhost/datasets/gsi-hinanjo-mashiko.geojson")]


def test_search_and_ckan_know_the_geojson_format(geo_client: FlaskClient) -> None:
    found = geo_client.get("/api/v1/datasets?format=GeoJSON&size=100").get_json()
    assert found["total"] == 6
    package = geo_client.get("/api/3/action/package_show?id=gsi-hinanjo-mashiko").get_json()
    formats = [(r["id"], r["format"]) for r in package["result"]["resources"]]
    assert ("gsi-hinanjo-mashiko.geojson", "GeoJSON") in formats
    shown = geo_client.get("/api/3/action/resource_show?id=gsi-hinanjo-mashiko.geojson")
    assert shown.get_json()["result"]["mimetype"] == "application/geo+json"


def test_dataset_pages_of_geographic_datasets_render(geo_client: FlaskClient) -> None:
    for dataset_id in ("estat-did-tochigi", "derived-zone9-did-kanuma", "gsi-hinanjo-mashiko"):
        response = geo_client.get(f"/datasets/{dataset_id}")
        assert response.status_code == 200
        assert dataset_id.encode() in response.data


def test_dataset_geojson_is_the_first_resource_with_locations(tmp_path: Path) -> None:
    """A dataset whose primary resource is a table without coordinates serves the locations
    of its second resource at /datasets/<id>.geojson."""
    shutil.copytree(GEO_CATALOG, tmp_path / "catalog")
    folder = tmp_path / "catalog/datasets/gsi-hinanjo-mashiko"
    (folder / "notes.csv").write_text("種別,件数\n指定避難所,15\n", encoding="utf-8")
    (folder / "notes.schema.json").write_text(json.dumps(
        {"fields": [{"name": "種別", "type": "string"}, {"name": "件数", "type": "integer"}]},
        ensure_ascii=False), encoding="utf-8")
    catalog = tmp_path / "catalog/catalog.yaml"
    text = catalog.read_text(encoding="utf-8")
    first = "      - {name: hinanjo, path: datasets/gsi-hinanjo-mashiko/093424.geojson"
    catalog.write_text(text.replace(first, "      - {name: notes, path: datasets/gsi-hinanjo-"
                                           "mashiko/notes.csv, format: csv, schema: datasets/"
                                           "gsi-hinanjo-mashiko/notes.schema.json}\n" + first),
                       encoding="utf-8")
    result = build(catalog, tmp_path / "out")
    assert result.exit_code == 0, [(d.id, [f.message("en") for f in d.findings])
                                   for d in result.report.datasets if d.findings]
    view = load_build((tmp_path / "out").resolve()).require("gsi-hinanjo-mashiko")
    assert (view.primary.name, view.located.name if view.located else None) == (
        "notes", "hinanjo")
    client = create_app(load_settings({}, build_dir=tmp_path / "out",
                                      cache_dir=tmp_path / "cache")).test_client()
    served = client.get("/datasets/gsi-hinanjo-mashiko.geojson")
    assert served.status_code == 200
    assert len(gpd.read_file(io.BytesIO(served.data))) == 15
    assert served.data == client.get("/datasets/gsi-hinanjo-mashiko/hinanjo.geojson").data
    assert client.get("/datasets/gsi-hinanjo-mashiko/notes.geojson").status_code == 404
