"""Issue #22 item 12: CKAN parameters that crashed the parser or int() are CKAN validation
errors (409), never a 500 with a traceback."""

from __future__ import annotations

import logging

import pytest
from flask.testing import FlaskClient

from portal.client_json import MAX_DEPTH, read_json

SEARCH = "/api/3/action/package_search"


def _validation_error(response: object, field: str) -> str:
    assert response.status_code == 409  # type: ignore[attr-defined]
    body = response.get_json()  # type: ignore[attr-defined]
    assert (body["success"], body["error"]["__type"]) == (False, "Validation Error")
    assert list(body["error"]) == ["__type", "message", field]
    return str(body["error"]["message"])


def test_a_deeply_nested_facet_field_is_a_validation_error(
        client: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        response = client.get(f"{SEARCH}?facet.field=" + "[" * 1200)
    message = _validation_error(response, "facet.field")
    assert message.startswith("Parameter facet.field: ")
    assert caplog.records == []


@pytest.mark.parametrize("body", ['{"rows":1e400}', '{"rows":Infinity}', '{"rows":NaN}',
                                  '{"start":-Infinity}', '{"q":' + "[" * 2000 + "]" * 2000 + "}",
                                  '[{"rows":1}]', "5", "null", "{"])
def test_a_body_that_is_not_a_strict_json_object_is_a_validation_error(
        client: FlaskClient, caplog: pytest.LogCaptureFixture, body: str) -> None:
    with caplog.at_level(logging.WARNING):
        response = client.post(SEARCH, data=body, content_type="application/json")
    message = _validation_error(response, "body")
    assert message == f'Parameter body: "{body[:40]}" is not valid (a JSON object).'
    assert caplog.records == []


@pytest.mark.parametrize("rows", [1e300, -1, 1001, "1e3", [5], {"a": 1}, True])
def test_rows_outside_its_range_is_a_validation_error(client: FlaskClient, rows: object) -> None:
    response = client.post(SEARCH, json={"rows": rows})
    if rows is True:  # CKAN reads true as 1, as int() does
        assert response.status_code == 200
        return
    assert _validation_error(response, "rows").startswith("Parameter rows: ")


def test_a_valid_post_body_still_searches(client: FlaskClient) -> None:
    response = client.post(SEARCH, json={"rows": 1, "facet.field": ["tags"]})
    assert response.status_code == 200
    result = response.get_json()["result"]
    assert (result["count"], len(result["results"])) == (2, 1)
    assert result["facets"]["tags"] == {"テスト": 2, "施設": 1, "人口": 1}


def test_read_json_refuses_what_the_standard_reader_would_take_or_crash_on() -> None:
    for text in ("NaN", "[Infinity]", "1e400", "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)):
        with pytest.raises(ValueError):
            read_json(text)
    nested = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert read_json(nested) is not None
    assert read_json('{"a": [1, 2.5, "x", null, true]}') == {"a": [1, 2.5, "x", None, True]}


@pytest.mark.parametrize(("name", "status"), [("filters", 409), ("fields", 409),
                                             ("q", 200)])  # q: then a plain search text
def test_a_deeply_nested_datastore_parameter_is_not_a_500(
        client: FlaskClient, caplog: pytest.LogCaptureFixture, name: str, status: int) -> None:
    with caplog.at_level(logging.ERROR):
        response = client.get("/api/3/action/datastore_search",
                              query_string={"resource_id": "generated-facilities.csv",
                                            name: "[" * 1200})
    assert response.status_code == status
    assert response.get_json()["success"] is (status == 200)
    assert caplog.records == []
