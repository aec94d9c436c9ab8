"""The CKAN Action API, read by the real ckanapi client and a harvester loop."""

from __future__ import annotations

import hashlib

import ckanapi
import pytest
import requests
from flask.testing import FlaskClient


@pytest.fixture(scope="module")
def remote(live_url: str) -> ckanapi.RemoteCKAN:
    return ckanapi.RemoteCKAN(live_url, user_agent="kanuma-portal-tests/1")


def test_package_list_and_show(remote: ckanapi.RemoteCKAN, live_url: str) -> None:
    assert remote.action.package_list() == ["generated-facilities", "generated-population"]
    package = remote.action.package_show(id="generated-population")
    assert (package["name"], package["title"], package["license_id"]) == (
        "generated-population", "生成された地区別人口(テスト用)", "CC-BY-4.0")
    assert package["organization"]["name"] == "citizens-division"
    assert package["groups"][0]["name"] == "population"
    assert package["tags"] == [{"name": "人口", "display_name": "人口"},
                               {"name": "テスト", "display_name": "テスト"}]
    assert package["metadata_modified"] == "2025-10-01T00:00:00"
    areas = next(r for r in package["resources"] if r["id"] == "generated-population/areas.csv")
    assert areas["url"] == f"{live_url}/datasets/generated-population/areas.csv"
    assert (areas["format"], areas["mimetype"]) == ("CSV", "text/csv")
    downloaded = requests.get(areas["url"], timeout=10)
    assert len(downloaded.content) == areas["size"]
    assert areas["hash"] == "sha256:" + hashlib.sha256(downloaded.content).hexdigest()


def test_unknown_package_is_ckans_not_found(remote: ckanapi.RemoteCKAN) -> None:
    with pytest.raises(ckanapi.NotFound):
        remote.action.package_show(id="nope")


def test_too_many_rows_is_a_validation_error(remote: ckanapi.RemoteCKAN) -> None:
    with pytest.raises(ckanapi.ValidationError) as raised:
        remote.action.package_search(rows=1001)
    assert raised.value.error_dict["rows"] == [
        'Parameter rows: "1001" is not valid (0–1000).']


def test_error_envelope_is_ckans(client: FlaskClient) -> None:
    response = client.get("/api/3/action/package_show?id=nope")
    assert response.status_code == 404
    assert response.get_json() == {
        "help": "http://localhost/api/3/action/help_show", "success": False,
        "error": {"__type": "Not Found Error", "message": "There is no dataset nope."}}


def test_harvester_pages_through_package_search_by_id(remote: ckanapi.RemoteCKAN) -> None:
    seen: list[str] = []
    start = 0
    while True:
        page = remote.action.package_search(q="", rows=1, start=start, sort="id asc")
        if not page["results"]:
            break
        seen += [p["name"] for p in page["results"]]
        start += 1
    assert seen == ["generated-facilities", "generated-population"] and page["count"] == 2


@pytest.mark.parametrize(("fq", "expected"), [
    ("tags:人口", ["generated-population"]),
    ("organization:general-affairs-division", ["generated-facilities"]),
    ("groups:population", ["generated-population"]),
    ("res_format:CSV", ["generated-facilities", "generated-population"]),
    ('tags:"テスト" license_id:CC-BY-4.0', ["generated-facilities", "generated-population"]),
])
def test_package_search_fq(remote: ckanapi.RemoteCKAN, fq: str, expected: list[str]) -> None:
    result = remote.action.package_search(fq=fq, sort="id asc")
    assert [p["name"] for p in result["results"]] == expected


def test_package_search_q_sort_and_facets(remote: ckanapi.RemoteCKAN) -> None:
    result = remote.action.package_search(q="テスト", sort="metadata_modified desc",
                                          **{"facet.field": '["groups", "tags"]'})
    assert [p["name"] for p in result["results"]] == ["generated-population",
                                                      "generated-facilities"]
    assert result["facets"] == {"groups": {"living": 1, "population": 1},
                                "tags": {"施設": 1, "テスト": 2, "人口": 1}}
    assert remote.action.package_search(q="郵便")["count"] == 1


def test_post_json_body(live_url: str) -> None:
    response = requests.post(f"{live_url}/api/3/action/package_search",
                             json={"fq": "groups:living", "rows": 5}, timeout=10)
    body = response.json()
    assert body["success"] is True
    assert [p["name"] for p in body["result"]["results"]] == ["generated-facilities"]


def test_lists_and_shows(remote: ckanapi.RemoteCKAN) -> None:
    assert remote.action.organization_list() == ["citizens-division",
                                                 "general-affairs-division"]
    assert remote.action.group_list() == ["living", "population"]
    assert remote.action.tag_list() == ["テスト", "人口", "施設"]
    organization = remote.action.organization_show(id="citizens-division")
    assert [p["name"] for p in organization["packages"]] == ["generated-population"]
    group = remote.action.group_show(id="living")
    assert (group["title"], group["package_count"]) == ("くらし・手続", 1)
    assert "CC-BY-4.0" in [lic["id"] for lic in remote.action.license_list()]
    assert remote.action.status_show()["api_version"] == 3
    resource = remote.action.resource_show(id="generated-facilities.json")
    assert (resource["format"], resource["package_id"]) == ("JSON", "generated-facilities")
    listed = remote.action.current_package_list_with_resources()
    assert [p["name"] for p in listed] == ["generated-population", "generated-facilities"]


@pytest.mark.parametrize(("fq", "expected"), [
    # ckanext-harvest's incremental gather: everything modified since the last job
    ("metadata_modified:[2025-09-30T23:59:59.999999Z TO *]", ["generated-population"]),
    ("organization:citizens-division OR organization:general-affairs-division",
     ["generated-facilities", "generated-population"]),
    ("-organization:citizens-division", ["generated-facilities"]),
    ("+dataset_type:dataset tags:テスト -tags:人口", ["generated-facilities"]),
])
def test_package_search_takes_the_solr_subset_harvesters_send(
        remote: ckanapi.RemoteCKAN, fq: str, expected: list[str]) -> None:
    result = remote.action.package_search(fq=fq, sort="id asc", rows=100, start=0)
    assert [p["name"] for p in result["results"]] == expected
    assert result["count"] == len(expected)


def test_package_search_q_with_fields_and_free_text(remote: ckanapi.RemoteCKAN) -> None:
    result = remote.action.package_search(q="テスト AND organization:citizens-division")
    assert [p["name"] for p in result["results"]] == ["generated-population"]


def test_a_query_outside_the_subset_is_a_validation_error_naming_fq(
        remote: ckanapi.RemoteCKAN) -> None:
    with pytest.raises(ckanapi.ValidationError) as raised:
        remote.action.package_search(fq="metadata_modified:[yesterday TO *]")
    assert raised.value.error_dict["fq"] == [
        "Parameter fq: \"metadata_modified:[yesterday TO *]\" is not valid ('yesterday' is "
        "not an ISO 8601 date (e.g. 2026-11-30T23:59:59Z))."]


def test_facet_limit_keeps_the_most_frequent_values(remote: ckanapi.RemoteCKAN) -> None:
    result = remote.action.package_search(**{"facet.field": '["tags"]', "facet.limit": "1"})
    assert result["facets"] == {"tags": {"テスト": 2}}
    assert result["search_facets"]["tags"]["items"] == [
        {"name": "テスト", "display_name": "テスト", "count": 2}]
