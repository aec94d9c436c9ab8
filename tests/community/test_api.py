"""Uses over the APIs: ckanapi reads the ckanext-showcase actions, DCAT links a dataset's
uses, /uses/images/ serves only checked pictures; every use links to existing datasets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from threading import Thread

import ckanapi
import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from portal.app import create_app
from portal.config import load_settings
from portal.store.current import load_build
from tests.community_examples import generated_png


@pytest.fixture(scope="module")
def app(built_with_uses: Path, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return create_app(load_settings({}, build_dir=built_with_uses,
                                    cache_dir=tmp_path_factory.mktemp("cache"),
                                    data_dir=tmp_path_factory.mktemp("data")))


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="module")
def remote(app: Flask) -> Iterator[tuple[ckanapi.RemoteCKAN, str]]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    yield ckanapi.RemoteCKAN(url, user_agent="kanuma-portal-tests/1"), url
    server.shutdown()


def _showcase(**fields: object) -> dict[str, object]:
    return {"name": fields["id"], "type": "showcase", "state": "active", "private": False,
            "author_email": None, "maintainer": None, "maintainer_email": None,
            "license_id": None, "owner_org": None, "organization": None,
            "num_resources": 0, "num_tags": 0, "resources": [], "tags": [], "groups": [],
            **fields}


def test_ckanapi_reads_the_showcase_list_as_ckanext_showcase_shapes_it(
        remote: tuple[ckanapi.RemoteCKAN, str]) -> None:
    ckan, url = remote
    article = _showcase(
        id="generated-article", title="人口の記事(生成した例)", notes="",
        url="https://example.org/generated-article", author="生成した記者",
        metadata_created="2026-06-15T00:00:00", metadata_modified="2026-06-15T00:00:00",
        image_url="", image_display_url="",
        extras=[{"key": "title_en", "value": "An article on population (generated example)"},
                {"key": "kind", "value": "article"}, {"key": "author_en", "value": ""},
                {"key": "datasets", "value": "generated-population,generated-facilities"}])
    map_app = _showcase(
        id="generated-map-app", title="施設マップ(生成した例)", notes="",
        url="https://example.org/generated-map", author="生成した作者",
        metadata_created="2026-03-01T00:00:00", metadata_modified="2026-03-01T00:00:00",
        image_url=f"{url}/uses/images/generated-map.png",
        image_display_url=f"{url}/uses/images/generated-map.png",
        extras=[{"key": "title_en", "value": "Facility map (generated example)"},
                {"key": "kind", "value": "map"},
                {"key": "author_en", "value": "A generated maker"},
                {"key": "datasets", "value": "generated-facilities"}])
    assert ckan.action.ckanext_showcase_list() == [article, map_app]
    assert ckan.action.ckanext_showcase_show(id="generated-map-app") == map_app
    assert ckan.action.ckanext_package_showcase_list(package_id="generated-population") == [
        article]
    packages = ckan.action.ckanext_showcase_package_list(showcase_id="generated-article")
    assert [p["name"] for p in packages] == ["generated-population", "generated-facilities"]
    with pytest.raises(ckanapi.NotFound):
        ckan.action.ckanext_showcase_show(id="no-such-use")
    with pytest.raises(ckanapi.NotFound):
        ckan.action.ckanext_package_showcase_list(package_id="no-such-data")


def test_help_show_serves_the_showcase_actions_docstrings(client: FlaskClient) -> None:
    body = client.get("/api/3/action/help_show?name=ckanext_showcase_list").get_json()
    assert body["result"] == "Return a list of all showcases (uses of the data) in the site, " \
                             "newest first."


def test_every_use_links_to_datasets_the_build_publishes(built_with_uses: Path) -> None:
    build = load_build(built_with_uses.resolve())
    published = {d.id for d in build.published}
    uses = build.manifest["uses"]
    assert uses and all(set(u["datasets"]) <= published for u in uses)


def test_dcat_links_a_dataset_to_its_uses(client: FlaskClient) -> None:
    datasets = {d["dct:identifier"]: d for d in client.get("/catalog.jsonld").get_json()[
        "dcat:dataset"]}
    assert datasets["generated-population"]["dct:isReferencedBy"] == [
        {"@id": "https://example.org/generated-article",
         "dct:title": [{"@value": "人口の記事(生成した例)", "@language": "ja"},
                       {"@value": "An article on population (generated example)",
                        "@language": "en"}]}]
    assert [u["@id"] for u in datasets["generated-facilities"]["dct:isReferencedBy"]] == [
        "https://example.org/generated-article", "https://example.org/generated-map"]


def test_a_picture_is_served_as_the_image_it_is_and_nothing_else_is(
        client: FlaskClient) -> None:
    response = client.get("/uses/images/generated-map.png")
    assert (response.status_code, response.mimetype, response.data) == (
        200, "image/png", generated_png())
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    other = client.get("/uses/images/other.png")
    assert (other.status_code, other.get_json()["error"]["code"]) == (404, "use-not-found")
    # Out of the folder: no picture, and nothing of the build; the files surface's JSON 404.
    for path in ("/uses/images/..%2Fmanifest.json", "/uses/images/%2E%2E/manifest.json"):
        missing = client.get(path)
        assert (missing.status_code, missing.mimetype) == (404, "application/json"), path
        assert b"build_id" not in missing.data


def test_rdflib_reads_a_datasets_uses_from_dcat(client: FlaskClient) -> None:
    import rdflib
    from rdflib.namespace import DCTERMS

    graph = rdflib.Graph().parse(data=client.get("/catalog.jsonld").data, format="json-ld")
    page = rdflib.URIRef("http://localhost/datasets/generated-facilities")
    assert sorted(str(u) for u in graph.objects(page, DCTERMS.isReferencedBy)) == [
        "https://example.org/generated-article", "https://example.org/generated-map"]
