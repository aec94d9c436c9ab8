"""/api/v1/datasets/<id>/rows: Datasette's conventions, keyset paging, exact 400 bodies."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

URL = "/api/v1/datasets/generated-facilities/rows"


def _ids(client: FlaskClient, query: str) -> list[int]:
    response = client.get(f"{URL}?{query}&_col=ID")
    assert response.status_code == 200, response.get_json()
    return [row["ID"] for row in response.get_json()["rows"]]


@pytest.mark.parametrize(("query", "expected"), [
    ("ID=3", [3]), ("ID__exact=3", [3]), ("ID__lt=3", [1, 2]), ("ID__lte=2", [1, 2]),
    ("ID__gt=58", [59, 60]), ("ID__gte=59", [59, 60]), ("ID__in=5,7,9", [5, 7, 9]),
    ("名称__contains=①", [7]), ("名称__startswith=テスト施設1", [1] + list(range(10, 20))),
    ("ID__not=1&ID__lt=4", [2, 3]), ("定員__isnull=1", []),
])
def test_filters(client: FlaskClient, query: str, expected: list[int]) -> None:
    assert _ids(client, query + "&_size=100") == expected


def test_sort_and_columns(client: FlaskClient) -> None:
    body = client.get(f"{URL}?_sort_desc=定員&_col=ID&_col=定員&_size=3").get_json()
    assert body["columns"] == ["ID", "定員"]
    values = [r["定員"] for r in body["rows"]]
    assert values == sorted(values, reverse=True) and body["total"] == 60


def test_cursor_paging_returns_every_row_once(client: FlaskClient) -> None:
    seen: list[int] = []
    url = f"{URL}?_sort=地区&_size=7&_col=ID"
    pages = 0
    while url:
        body = client.get(url.replace("http://localhost", "")).get_json()
        seen += [r["ID"] for r in body["rows"]]
        url = body["next_url"]
        pages += 1
    assert sorted(seen) == list(range(1, 61)) and pages == 9


def test_facets(client: FlaskClient) -> None:
    body = client.get(f"{URL}?_facet=地区&_size=1").get_json()
    assert {f["value"]: f["count"] for f in body["facets"]["地区"]} == {
        "北部": 12, "中央": 12, "南部": 12, "東部": 12, "西部": 12}


@pytest.mark.parametrize(("query", "code", "parameter"), [
    ("nope=1", "unknown-column", "nope"),
    ("ID__near=1", "unknown-operator", "ID__near"),
    ("ID__gt=abc", "bad-value", "ID__gt"),
    ("_size=1001", "bad-size", "_size"),
    ("_size=0", "bad-size", "_size"),
    ("_next=!!!", "bad-cursor", "_next"),
    ("_sort=nope", "unknown-column", "_sort"),
    ("_bogus=1", "bad-parameter", "_bogus"),
])
def test_bad_parameters_are_400s_that_name_the_parameter(client: FlaskClient, query: str,
                                                          code: str, parameter: str) -> None:
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert (error["code"], error["parameter"]) == (code, parameter)
    assert error["message"]["ja"] and error["message"]["en"]


def test_unknown_dataset_is_404(client: FlaskClient) -> None:
    response = client.get("/api/v1/datasets/nope/rows")
    assert response.status_code == 404
    assert response.get_json() == {"error": {
        "code": "dataset-not-found", "parameter": "id",
        "message": {"ja": "データセット nope は見つかりません。", "en": "There is no dataset nope."}}}


def test_search_finds_japanese_partial_words_and_kana_variants(client: FlaskClient) -> None:
    def ids(q: str) -> list[str]:
        return [d["id"] for d in client.get(f"/api/v1/datasets?q={q}").get_json()["datasets"]]

    assert ids("郵便") == ["generated-facilities"]  # a column name: 郵便番号
    # The readings of the title and tags (computed by the build): half-width katakana,
    # hiragana and the kanji alike.
    assert ids("ｼﾞﾝｺｳ") == ["generated-population"]
    assert ids("じんこう") == ["generated-population"] and ids("人口") == ["generated-population"]
    assert ids("テスト") == ["generated-facilities", "generated-population"]
    body = client.get("/api/v1/datasets?category=population").get_json()
    assert [d["id"] for d in body["datasets"]] == ["generated-population"]
    assert {f["value"]: f["count"] for f in body["facets"]["category"]} == {
        "living": 1, "population": 1}


@pytest.mark.parametrize("order", ["_sort", "_sort_desc"])
@pytest.mark.parametrize("bound", ["定員__gte=50", "定員__gt=50", "定員__lt=150", "定員__lte=150"])
def test_cursor_walk_with_a_bound_on_the_sort_column(client: FlaskClient, order: str,
                                                     bound: str) -> None:
    url = f"{URL}?{bound}&{order}=定員&_size=4&_col=ID&_col=定員"
    expected = client.get(f"{URL}?{bound}&_size=1000&_col=ID").get_json()
    seen: list[int] = []
    values: list[int] = []
    while url:
        body = client.get(url.replace("http://localhost", "")).get_json()
        seen += [r["ID"] for r in body["rows"]]
        values += [r["定員"] for r in body["rows"]]
        url = body["next_url"]
    assert sorted(seen) == sorted(r["ID"] for r in expected["rows"])
    assert len(seen) == len(set(seen)) == expected["total"]
    assert values == sorted(values, reverse=order == "_sort_desc")


def test_date_filters_compare_dates_and_reject_non_dates(client: FlaskClient) -> None:
    every = client.get(f"{URL}?_size=1000&_col=ID&_col=開設日").get_json()["rows"]
    expected = [r["ID"] for r in every if r["開設日"] < "2011-04-03"]
    assert expected and _ids(client, "開設日__lt=2011-04-03&_size=1000") == expected
    response = client.get(f"{URL}?開設日__gte=2024/04/01")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad-value"
    assert response.get_json()["error"]["parameter"] == "開設日__gte"
    assert client.get(f"{URL}?開設日=令和5年4月1日").status_code == 400


@pytest.mark.parametrize(("search", "expected"), [
    ("施設1号館", [1]), ("てすと施設5", [5] + list(range(50, 60))), ("ﾃｽﾄ施設6号", [6]),
    ("中央", list(range(1, 61, 5))),
    ('"', []), ("NEAR(施設 館)", []), ("施設*", []), ("* OR *", []), ("' OR 1=1 --", []),
])
def test_search_over_http_is_literal_and_kana_and_width_blind(client: FlaskClient, search: str,
                                                              expected: list[int]) -> None:
    from urllib.parse import quote

    body = client.get(f"{URL}?_search={quote(search)}&_col=ID&_size=100").get_json()
    assert [r["ID"] for r in body["rows"]] == expected and body["total"] == len(expected)


def test_a_search_past_its_bounds_is_a_400_naming_search(client: FlaskClient) -> None:
    response = client.get(f"{URL}?_search={'x' * 101}")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad-parameter"
    assert response.get_json()["error"]["parameter"] == "_search"
