"""The rows route's WSGI fast path (portal/api/fastpath.py) answers exactly what the Flask
route answers: the same bytes, status and headers, errors included, and hands Flask the
requests it would answer differently."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.test import Client
from werkzeug.wrappers import Response

from portal.api.cache import Costs
from portal.api.fastpath import RowsFastPath
from portal.app import create_app
from portal.config import load_settings

URL = "/api/v1/datasets/generated-facilities/rows"
QUERIES = [
    f"{URL}?_size=5&_sort=ID",
    f"{URL}?ID__gte=10&_sort_desc=ID&_size=3&_col=ID&_col=名称",
    f"{URL}?_facet=地区&_size=1",
    f"{URL}?名称__contains=①",
    f"{URL}?_count=false&_size=2",
    f"{URL}?_shape=geojson&_size=2",
    f"{URL}?_sort=ID&_size=2&_next=!!!",
    f"{URL}?ID__gt=abc",
    f"{URL}?_size=1001",
    f"{URL}?nope=1",
    f"{URL}?_bogus=1",
    f"{URL}?_resource=nope",
    "/api/v1/datasets/nope/rows",
    "/api/v1/datasets/generated-facilities/rows",
]


class AlwaysWorthWriting(Costs):
    """Whether a write pays off is judged on how long earlier writes took: two apps on a
    busy machine could judge one query differently and answer "hit" and "miss". The paths
    are compared here, not that judgement (tests/api/test_cache.py has it)."""

    def worth_writing(self, answer_seconds: float) -> bool:
        return True


def _app(built: Path, cache: Path) -> Flask:
    app = create_app(load_settings({}, build_dir=built, cache_dir=cache))
    app.extensions["portal.cache_costs"] = AlwaysWorthWriting()
    return app


class Counting:
    """A WSGI app that counts the requests it is handed."""

    def __init__(self, inner: Callable[..., Iterable[bytes]]) -> None:
        self.inner = inner
        self.calls = 0

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        self.calls += 1
        return self.inner(environ, start_response)


@pytest.fixture()
def pair(built: Path, tmp_path: Path) -> tuple[Client, Client, Counting]:
    """(the fast path's client, the Flask route's client, Flask behind the fast path)."""
    fast_app, flask_app = _app(built, tmp_path / "a"), _app(built, tmp_path / "b")
    fast = fast_app.wsgi_app
    assert isinstance(fast, RowsFastPath)
    behind = fast.inner = Counting(fast.inner)
    flask_only = flask_app.wsgi_app.inner  # type: ignore[attr-defined]
    return Client(fast, Response), Client(flask_only, Response), behind


def _same(fast: Client, flask: Client, url: str, **headers: str) -> Response:
    ours, theirs = fast.get(url, headers=headers), flask.get(url, headers=headers)
    assert ours.status == theirs.status, url
    assert ours.get_data() == theirs.get_data(), url
    assert ours.headers.to_wsgi_list() == theirs.headers.to_wsgi_list(), url
    return ours


def test_fast_path_answers_the_flask_routes_bytes_and_headers(
        pair: tuple[Client, Client, Counting]) -> None:
    fast, flask, behind = pair
    statuses = []
    # Three times each: an unseen query, a repeated one (written to the cache), a cache hit.
    for _ in range(3):
        for url in QUERIES:
            statuses.append(_same(fast, flask, url).status_code)
    assert behind.calls == 0
    assert sorted(set(statuses)) == [200, 400, 404]
    # The next page as next_url names it.
    first = _same(fast, flask, f"{URL}?_sort=地区&_size=7&_col=ID").get_json()
    following = _same(fast, flask, first["next_url"].replace("http://localhost", ""))
    assert following.get_json()["total"] == first["total"] == 60
    assert behind.calls == 0
    hits = fast.get(QUERIES[0]).headers["X-Cache"], flask.get(QUERIES[0]).headers["X-Cache"]
    assert hits == ("hit", "hit")


def test_fast_path_hands_flask_what_it_would_answer_differently(
        pair: tuple[Client, Client, Counting], built: Path) -> None:
    fast, flask, behind = pair
    too_long = _same(fast, flask, f"{URL}?ID={'1' * 5000}")
    assert too_long.status_code == 414 and behind.calls == 1
    assert fast.head(f"{URL}?_size=1").status_code == 200 and behind.calls == 2
    _same(fast, flask, f"{URL}/")
    assert behind.calls == 3


@pytest.mark.parametrize(("accept", "encoding"), [("gzip, br", "br"), ("gzip", "gzip"),
                                                  ("identity", None)])
def test_fast_path_compresses_as_flask_does_with_the_same_finisher(
        pair: tuple[Client, Client, Counting], accept: str, encoding: str | None) -> None:
    """One finisher (portal/api/finish.py) for both: a client accepting br or gzip is
    answered in front of Flask, with Flask's compressed bytes and headers."""
    fast, flask, behind = pair
    for url in (f"{URL}?_size=50", f"{URL}?_size=1", f"{URL}?_size=1001"):
        answer = _same(fast, flask, url, **{"Accept-Encoding": accept})
        big = not url.endswith("=1001")  # an error (a 400, under 500 bytes) stays plain
        assert answer.headers.get("Content-Encoding") == (encoding if big else None), url
        assert answer.headers["Vary"] == "Accept-Encoding"
        assert answer.headers["X-Frame-Options"] == "DENY"
    assert behind.calls == 0
