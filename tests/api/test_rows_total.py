"""The rows API's total: counted once on a query's first page, carried by its bound cursor."""

from __future__ import annotations

import base64
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from portal.store.sqlite import pooled

URL = "/api/v1/datasets/generated-facilities/rows"
BAD_CURSOR = {"error": {"code": "bad-cursor", "parameter": "_next", "message": {
    "ja": "_next の値が正しくないか、別の問い合わせ(絞り込み・並べ替え・_size・データ)のものです。",
    "en": "The _next cursor is not valid or was made for another query (filters, sort, _size, "
          "data)."}}}


@pytest.fixture
def database(built: Path) -> Path:
    return Path(os.path.realpath(built)) / "datasets/generated-facilities/facilities.sqlite"


@pytest.fixture
def statements(database: Path) -> Iterator[list[str]]:
    """Every SQL statement the rows API runs on the facilities database (the test client
    answers in this thread, so it uses this thread's pooled connection)."""
    executed: list[str] = []
    connection = pooled(database)
    connection.set_trace_callback(executed.append)
    yield executed
    connection.set_trace_callback(None)


def _count(database: Path, where: str) -> int:
    with sqlite3.connect(database) as db:
        return int(db.execute(f"SELECT count(*) FROM rows WHERE {where}").fetchone()[0])


def _local(url: str) -> str:
    return url.replace("http://localhost", "")


def test_page_two_reports_the_first_pages_total_without_counting(
        client: FlaskClient, database: Path, statements: list[str]) -> None:
    first = client.get(f"{URL}?定員__gte=37&_sort=定員&_size=4&_col=ID").get_json()
    counting = [s for s in statements if "count(" in s or "rank:" in s]
    statements.clear()
    second = client.get(_local(first["next_url"])).get_json()
    assert counting, "the first page counts"
    assert first["total"] == _count(database, '"定員" >= 37') > 8
    assert second["total"] == first["total"]
    # Page 2 runs the page query and nothing else.
    assert len(statements) == 1 and statements[0].startswith("SELECT rowid, ")
    assert [r["ID"] for r in second["rows"]] != [r["ID"] for r in first["rows"]]


def test_every_page_of_a_walk_reports_the_first_pages_total(client: FlaskClient,
                                                            database: Path) -> None:
    url = f"{URL}?地区=北部&_sort_desc=ID&_size=5&_col=ID"
    totals, seen = [], []
    while url:
        body = client.get(_local(url)).get_json()
        totals.append(body["total"])
        seen += [r["ID"] for r in body["rows"]]
        url = body["next_url"]
    assert totals == [12, 12, 12] and len(seen) == 12
    assert _count(database, "\"地区\" = '北部'") == 12


def test_count_false_counts_nothing_and_total_is_null(client: FlaskClient,
                                                      statements: list[str]) -> None:
    response = client.get(f"{URL}?ID__lte=3&_size=2&_col=ID&_count=false")
    body = response.get_json()
    assert response.status_code == 200
    assert body == {"dataset": "generated-facilities", "resource": "facilities", "total": None,
                    "columns": ["ID"], "rows": [{"ID": 1}, {"ID": 2}], "next": body["next"],
                    "next_url": f"http://localhost{URL}?ID__lte=3&_size=2&_col=ID&_count=false"
                                f"&_next={body['next']}"}
    second = client.get(_local(body["next_url"])).get_json()
    assert (second["total"], second["rows"], second["next"]) == (None, [{"ID": 3}], None)
    assert not [s for s in statements if "count(" in s or "rank:" in s]


@pytest.mark.parametrize("other", [
    "定員__gte=38&_sort=定員&_size=4",  # another filter value
    "定員__gte=37&_sort_desc=定員&_size=4",  # another order
    "定員__gte=37&_sort=定員&_size=5",  # another page size
    "定員__gte=37&地区=北部&_sort=定員&_size=4",  # one more filter
])
def test_a_cursor_made_for_another_query_is_a_400_naming_next(client: FlaskClient,
                                                             other: str) -> None:
    token = client.get(f"{URL}?定員__gte=37&_sort=定員&_size=4").get_json()["next"]
    response = client.get(f"{URL}?{other}&_next={token}")
    assert response.status_code == 400 and response.get_json() == BAD_CURSOR


def test_a_cursor_of_another_dataset_or_with_an_edited_total_is_a_400(
        client: FlaskClient) -> None:
    token = client.get(f"{URL}?_size=4").get_json()["next"]
    other = client.get(f"/api/v1/datasets/generated-population/rows?_size=4&_next={token}")
    assert other.status_code == 400 and other.get_json() == BAD_CURSOR
    value, rowid, total, tag = json.loads(base64.urlsafe_b64decode(token + "=="))
    edited = base64.urlsafe_b64encode(json.dumps([value, rowid, total + 1, tag]).encode())
    response = client.get(f"{URL}?_size=4&_next={edited.decode().rstrip('=')}")
    assert response.status_code == 400 and response.get_json() == BAD_CURSOR
    # The same filters in another order are the same query: the cursor is accepted.
    token = client.get(f"{URL}?ID__gt=2&地区=北部&_size=2").get_json()["next"]
    assert client.get(f"{URL}?地区=北部&ID__gt=2&_size=2&_next={token}").status_code == 200


def test_a_bbox_walk_keeps_its_total_and_a_cursor_of_another_box_is_a_400(
        client: FlaskClient) -> None:
    url = f"{URL}?_bbox=-180,-90,180,90&_size=25&_col=ID"
    totals, seen = [], []
    while url:
        body = client.get(_local(url)).get_json()
        totals.append(body["total"])
        seen += [r["ID"] for r in body["rows"]]
        url = body["next_url"]
    assert totals == [60, 60, 60] and sorted(seen) == list(range(1, 61))
    token = client.get(f"{URL}?_bbox=-180,-90,180,90&_size=25").get_json()["next"]
    other = client.get(f"{URL}?_bbox=-180,-90,180,89&_size=25&_next={token}")
    assert other.status_code == 400 and other.get_json() == BAD_CURSOR
