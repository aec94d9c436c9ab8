"""The shape of every error of every surface, pinned: the native API, CKAN's two roots, the
files (downloads, feeds) and the pages, for 400, 404, 405, 409, 413, 414 and a forced
failure (500). One builder makes them all (portal.api.errors.error_response), choosing the
shape by the path's surface (portal.urls.surface)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

LONG = "x" * 9000
BIG_BODY = b'{"id": "' + b"x" * 70_000 + b'"}'
NATIVE_KEYS = ["error"]
HELP = "http://localhost/api/3/action/help_show"


def _boom(*_: Any, **__: Any) -> Any:
    raise RuntimeError("forced failure")


# surface → status → (method, path, body, what to break): every cell the surface can give.
Request = tuple[str, str, bytes | None, str | None]
CASES: dict[str, dict[int, Request]] = {
    "api": {
        400: ("GET", "/api/v1/datasets?size=0", None, None),
        404: ("GET", "/api/v1/datasets/nope", None, None),
        405: ("POST", "/api/v1/datasets", None, None),
        414: ("GET", f"/api/v1/datasets?q={LONG}", None, None),
        500: ("GET", "/api/v1/datasets?q=forced-500", None, "portal.api.v1.search"),
    },
    "ckan3": {
        404: ("GET", "/api/3/action/package_show?id=nope", None, None),
        405: ("PUT", "/api/3/action/package_show", None, None),
        409: ("GET", "/api/3/action/package_search?rows=1001", None, None),
        413: ("POST", "/api/3/action/package_show", BIG_BODY, None),
        414: ("GET", f"/api/3/action/package_search?q={LONG}", None, None),
        500: ("GET", "/api/3/action/package_search?q=forced", None, "portal.api.ckan.search"),
    },
    "ckan": {
        404: ("GET", "/api/action/organization_show?id=nope", None, None),
        405: ("DELETE", "/api/action/package_list", None, None),
        409: ("POST", "/api/action/package_show", b"[1]", None),
        413: ("POST", "/api/action/package_search", BIG_BODY, None),
        414: ("GET", f"/api/action/package_search?q={LONG}", None, None),
        500: ("GET", "/api/action/package_search?q=forced", None, "portal.api.ckan.search"),
    },
    "files": {
        404: ("GET", "/datasets/nope.csv", None, None),
        405: ("POST", "/datasets/generated-facilities.csv", None, None),
        409: ("GET", "/datasets/generated-population/areas.sjis.csv", None, None),
        414: ("GET", f"/datasets/generated-facilities.xlsx?x={LONG}", None, None),
        500: ("GET", "/datasets/generated-facilities.json", None,
              "portal.api.downloads.send_file"),
    },
    "site": {
        404: ("GET", "/datasets/nope", None, None),
        405: ("POST", "/datasets", None, None),
        414: ("GET", f"/datasets?q={LONG}", None, None),
        500: ("GET", "/kpi", None, "portal.web.site._page_title"),
    },
}
# The cells no request can reach, and why.
UNREACHABLE = {
    ("api", 409): "no native API operation conflicts: every refusal is a 400 or 404",
    ("api", 413): "the native API reads no body: a POST is a 405 before the body is read",
    ("ckan3", 400): "CKAN answers a bad parameter with 409 Validation Error",
    ("ckan", 400): "CKAN answers a bad parameter with 409 Validation Error",
    ("files", 400): "files take no parameters to refuse",
    ("files", 413): "files read no body: a POST is a 405",
    ("site", 400): "a page takes any query; Dash's callbacks are their own surface",
    ("site", 409): "no page conflicts", ("site", 413): "pages read no body",
}
CODES = {400: "bad-parameter", 404: None, 405: "request-refused", 409: None,
         413: "request-refused", 414: "query-too-long", 500: "internal-error"}


def _send(client: FlaskClient, monkeypatch: pytest.MonkeyPatch, request: Request) -> TestResponse:
    method, path, body, broken = request
    if broken:
        module, name = broken.rsplit(".", 1)
        monkeypatch.setattr(f"{module}.{name}", _boom)
    headers = {"Content-Type": "application/json"} if body is not None else {}
    return client.open(path, method=method, data=body, headers=headers)


def test_every_status_of_every_surface_is_a_case_or_said_unreachable() -> None:
    for surface, cases in CASES.items():
        for status in CODES:
            assert (status in cases) != ((surface, status) in UNREACHABLE), (surface, status)


@pytest.mark.parametrize(("surface", "status"), [(s, n) for s, c in CASES.items() for n in c])
def test_the_error_has_its_surfaces_shape(client: FlaskClient, monkeypatch: pytest.MonkeyPatch,
                                          surface: str, status: int) -> None:
    response = _send(client, monkeypatch, CASES[surface][status])
    assert response.status_code == status
    # A page's 404 is the site's not-found page (a Dash page, cached like pages); every
    # other error is built by error_response and never cached.
    if (surface, status) != ("site", 404):
        assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"  # the finisher ran
    check: Callable[[TestResponse, int], None] = SHAPES[surface]
    check(response, status)


def _native(response: TestResponse, status: int) -> None:
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert list(body) == NATIVE_KEYS
    assert list(body["error"]) == ["code", "message", "parameter"]
    assert list(body["error"]["message"]) == ["ja", "en"]
    if CODES[status]:
        assert body["error"]["code"] == CODES[status]
    assert "Traceback" not in response.get_data(as_text=True)


def _ckan(response: TestResponse, status: int) -> None:
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert (body["help"], body["success"]) == (HELP, False)
    kind = {404: "Not Found Error", 405: "Method Not Allowed", 500: "Internal Server Error"}
    assert body["error"]["__type"] == kind.get(status, "Validation Error")
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def _page(response: TestResponse, status: int) -> None:
    assert response.mimetype == "text/html"
    text = response.get_data(as_text=True)
    assert text.startswith("<!doctype html>") or text.lower().startswith("<!doctype html>")
    assert "Traceback" not in text and "RuntimeError" not in text


SHAPES = {"api": _native, "files": _native, "ckan3": _ckan, "ckan": _ckan, "site": _page}


def test_pinned_bodies(client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _send(client, monkeypatch, CASES["api"][405]).get_json() == {"error": {
        "code": "request-refused",
        "message": {"ja": "この要求は受け付けられません(HTTP 405: Method Not Allowed)。",
                    "en": "This request cannot be served (HTTP 405: Method Not Allowed)."},
        "parameter": None}}
    assert _send(client, monkeypatch, CASES["ckan3"][414]).get_json() == {
        "help": HELP, "success": False,
        "error": {"__type": "Validation Error",
                  "message": "The query string is too long (9002 bytes; the limit is 4096)."}}
    assert _send(client, monkeypatch, CASES["ckan"][404]).get_json()["error"] == {
        "__type": "Not Found Error", "message": "There is no organization nope."}
    assert _send(client, monkeypatch, CASES["ckan3"][409]).get_json()["error"] == {
        "__type": "Validation Error", "message": 'Parameter rows: "1001" is not valid (0–1000).',
        "rows": ['Parameter rows: "1001" is not valid (0–1000).']}
    page = _send(client, monkeypatch, CASES["site"][500]).get_data(as_text=True)
    assert "<h1>500</h1>" in page and "The server had an internal error." in page
    help_ = client.get("/api/3/action/help_show?name=nope").get_json()["error"]["message"]
    assert help_ == "There is no action nope."
