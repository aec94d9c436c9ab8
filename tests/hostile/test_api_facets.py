"""Issue #22 item 8: ``_facet`` is deduplicated and bounded, so 150 of them cannot make one
request cost seconds."""

from __future__ import annotations

from flask.testing import FlaskClient

from portal.query.rows import MAX_FACETS

ROWS = "/api/v1/datasets/generated-facilities/rows?_size=1"
COLUMNS = ["ID", "名称", "地区", "郵便番号", "緯度", "経度", "開設日", "定員"]


def test_a_repeated_facet_is_counted_once(client: FlaskClient) -> None:
    body = client.get(ROWS + "&_facet=地区" * 150).get_json()
    assert list(body["facets"]) == ["地区"]
    assert sum(v["count"] for v in body["facets"]["地区"]) == 60


def test_up_to_the_maximum_of_distinct_facets_is_answered(client: FlaskClient) -> None:
    wanted = COLUMNS[:MAX_FACETS]
    response = client.get(ROWS + "".join(f"&_facet={c}" for c in wanted * 3))
    assert response.status_code == 200
    assert list(response.get_json()["facets"]) == wanted


def test_more_distinct_facets_than_the_maximum_is_a_400_naming_facet(
        client: FlaskClient) -> None:
    response = client.get(ROWS + "".join(f"&_facet={c}" for c in COLUMNS[:MAX_FACETS + 1]))
    assert response.status_code == 400
    assert response.get_json() == {"error": {
        "code": "too-many-facets", "parameter": "_facet",
        "message": {"ja": f"_facet は {MAX_FACETS} 列までです(指定: {MAX_FACETS + 1} 列)。",
                    "en": f"_facet counts at most {MAX_FACETS} columns "
                          f"(got {MAX_FACETS + 1})."}}}
