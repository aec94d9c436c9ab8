"""Issue #22 item 12: numbers SQLite cannot hold are 400s naming their parameter, in filters
and in the ``_next`` cursor (whose tag anyone can compute), never an OverflowError's 500."""

from __future__ import annotations

import logging

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.query.cursor import encode_cursor
from portal.query.rows import binding, parse_query, scope_of

ROWS = "/api/v1/datasets/generated-facilities/rows"


@pytest.mark.parametrize(("query", "parameter", "value"), [
    ("ID=99999999999999999999999999", "ID", "99999999999999999999999999"),
    ("ID__gt=9223372036854775808", "ID__gt", "9223372036854775808"),
    ("ID__lte=-9223372036854775809", "ID__lte", "-9223372036854775809"),
    ("定員__in=1,18446744073709551616", "定員__in", "18446744073709551616"),
    ("ID__not=" + "9" * 1000, "ID__not", "9" * 1000),
])
def test_an_integer_beyond_64_bits_is_a_400_naming_its_parameter(
        client: FlaskClient, caplog: pytest.LogCaptureFixture, query: str, parameter: str,
        value: str) -> None:
    with caplog.at_level(logging.WARNING):
        response = client.get(f"{ROWS}?{query}")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert (error["code"], error["parameter"]) == ("bad-value", parameter)
    assert caplog.records == []


@pytest.mark.parametrize("query", ["ID=9223372036854775807", "ID__gte=-9223372036854775808"])
def test_the_64_bit_limits_themselves_are_accepted(client: FlaskClient, query: str) -> None:
    response = client.get(f"{ROWS}?{query}")
    assert response.status_code == 200
    assert response.get_json()["total"] == (0 if query.startswith("ID=") else 60)


def _cursor(app: Flask, sort_value: object, rowid: int, params: str) -> str:
    """A cursor with a valid tag for ``params`` on the facilities table: the tag is made
    from public values (the table's SHA-256 and the query), so a client can forge one."""
    resource = app.extensions["portal.store"].get().require("generated-facilities").primary
    pairs = [(k, v) for k, _, v in (p.partition("=") for p in params.split("&"))]
    query = parse_query(pairs, resource.schema, "generated-facilities",
                        scope_of(resource.file("sqlite").sha256, "generated-facilities",
                                 "facilities"))
    return encode_cursor(binding(query), sort_value, rowid, None)


@pytest.mark.parametrize(("sort_value", "rowid", "params"), [
    (None, 2**63, "_size=5"),
    (None, 2**64 - 1, "_size=5"),  # the largest number JSON decoding keeps an integer
    (2**63, 1, "_size=5&_sort=ID"),
    (2**64 - 1, 1, "_size=5&_sort_desc=ID"),
])
def test_a_cursor_with_numbers_beyond_64_bits_is_a_bad_cursor(
        client: FlaskClient, caplog: pytest.LogCaptureFixture, sort_value: object, rowid: int,
        params: str) -> None:
    forged = _cursor(client.application, sort_value, rowid, params)
    honest = _cursor(client.application, 3 if sort_value is not None else None, 3, params)
    assert client.get(f"{ROWS}?{params}&_next={honest}").status_code == 200  # the tag is right
    with caplog.at_level(logging.WARNING):
        response = client.get(f"{ROWS}?{params}&_next={forged}")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad-cursor"
    assert response.get_json()["error"]["parameter"] == "_next"
    assert caplog.records == []
