"""CKAN's datastore_search, read by ckanapi: the same rows as /api/v1 for the same filter."""

from __future__ import annotations

import csv
import io

import ckanapi
import pytest
import requests

POPULATION = "generated-population.csv"


@pytest.fixture(scope="module")
def remote(live_url: str) -> ckanapi.RemoteCKAN:
    return ckanapi.RemoteCKAN(live_url, user_agent="kanuma-portal-tests/1")


def test_a_tables_csv_resource_is_datastore_active(remote: ckanapi.RemoteCKAN) -> None:
    package = remote.action.package_show(id="generated-population")
    active = sorted(r["id"] for r in package["resources"] if r["datastore_active"])
    assert active == ["generated-population.csv", "generated-population/areas.csv"]
    assert remote.action.resource_show(id=POPULATION)["datastore_active"] is True


def test_filters_sort_and_paging_give_the_rows_api_s_rows(remote: ckanapi.RemoteCKAN,
                                                        live_url: str) -> None:
    result = remote.action.datastore_search(resource_id=POPULATION, filters={"地区": "北部"},
                                            sort="年 desc", limit=3)
    assert [f["id"] for f in result["fields"]] == ["_id", "年", "地区", "人口", "世帯数"]
    assert [f["type"] for f in result["fields"]] == ["int", "int", "text", "int", "int"]
    rows = requests.get(f"{live_url}/api/v1/datasets/generated-population/rows",
                        params={"地区": "北部", "_sort_desc": "年", "_size": "3"},
                        timeout=10).json()
    assert [{k: v for k, v in r.items() if k != "_id"} for r in result["records"]] == \
        rows["rows"]
    assert result["total"] == rows["total"]
    second = remote.action.datastore_search(resource_id=POPULATION, filters={"地区": "北部"},
                                            sort="年 desc", limit=3, offset=3)
    assert [r["年"] for r in second["records"]] == \
        [r["年"] for r in requests.get(
            f"{live_url}/api/v1/datasets/generated-population/rows",
            params={"地区": "北部", "_sort_desc": "年", "_size": "6"}, timeout=10,
        ).json()["rows"][3:]]
    assert "offset=6" in second["_links"]["next"]


def test_a_list_of_values_q_fields_distinct_and_csv(remote: ckanapi.RemoteCKAN) -> None:
    both = remote.action.datastore_search(resource_id=POPULATION,
                                          filters={"地区": ["北部", "南部"], "年": 2015},
                                          fields="地区,人口", sort="地区")
    assert both["records"] == [{"地区": "北部", "人口": 15611}, {"地区": "南部", "人口": 7373}]
    assert remote.action.datastore_search(resource_id="generated-population/areas.csv",
                                          q="𠮷野家")["records"][0]["地区"] == "東部"
    assert remote.action.datastore_search(resource_id="generated-population/areas.csv",
                                          q={"説明": "中央"})["total"] == 1
    distinct = remote.action.datastore_search(resource_id=POPULATION, fields=["地区"],
                                              distinct=True, sort="地区")
    assert [r["地区"] for r in distinct["records"]] == ["中央", "北部", "南部", "東部", "西部"]
    assert distinct["total"] == 5
    as_csv = remote.action.datastore_search(resource_id=POPULATION, fields=["年", "地区"],
                                            filters={"年": 2015}, sort="地区",
                                            records_format="csv", include_total=False)
    assert list(csv.reader(io.StringIO(as_csv["records"]))) == [
        ["2015", "中央"], ["2015", "北部"], ["2015", "南部"], ["2015", "東部"], ["2015", "西部"]]
    assert "total" not in as_csv


@pytest.mark.parametrize(("params", "field"), [
    ({"filters": {"nope": 1}}, "filters"),
    ({"filters": {"年": "二千"}}, "filters"),
    ({"sort": "年 sideways"}, "sort"),
    ({"records_format": "xml"}, "records_format"),
    ({"limit": -1}, "limit"),
])
def test_bad_parameters_are_validation_errors_naming_them(remote: ckanapi.RemoteCKAN,
                                                          params: dict, field: str) -> None:
    with pytest.raises(ckanapi.ValidationError) as raised:
        remote.action.datastore_search(resource_id=POPULATION, **params)
    assert field in raised.value.error_dict


def test_an_unknown_resource_is_not_found(remote: ckanapi.RemoteCKAN) -> None:
    with pytest.raises(ckanapi.NotFound):
        remote.action.datastore_search(resource_id="generated-population/nope.csv")
