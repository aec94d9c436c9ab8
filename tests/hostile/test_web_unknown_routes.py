"""Issue #22 items 12 and 13: an address nothing serves is a 404 in its surface's shape (JSON
under /api/, CKAN's envelope under /api/3/, the HTML not-found page elsewhere), HEAD included,
and never a 200 with the not-found page nor a 500 with a traceback."""

from __future__ import annotations

import logging

import pytest
from flask.testing import FlaskClient

from portal import urls


def _route_not_found(path: str) -> dict[str, object]:
    return {"error": {"code": "route-not-found",
                      "message": {"ja": f"{path} というアドレスはありません。",
                                  "en": f"There is nothing at {path}."},
                      "parameter": "path"}}


@pytest.mark.parametrize("path", [
    "/api/zzz", "/api/v1/zzz", "/api", "/api/v1/datasets/generated-population/zzz",
    "/_dash-update-component", "/_dash-layoutx",
    "/_dash-component-suites/dash/nonexistent.js",
    "/_dash-component-suites/no-such-library/x.js",
])
def test_unknown_api_and_dash_addresses_are_json_404s(client: FlaskClient,
                                                      caplog: pytest.LogCaptureFixture,
                                                      path: str) -> None:
    with caplog.at_level(logging.WARNING):
        response = client.get(path)
    assert (response.status_code, response.mimetype) == (404, "application/json")
    assert response.get_json() == _route_not_found(path)
    assert caplog.records == []  # no traceback logged


@pytest.mark.parametrize("path", ["/api/3/action/", "/api/3/zzz", "/api/action/"])
def test_unknown_ckan_addresses_are_ckan_404s(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.get_json() == {
        "help": "http://localhost/api/3/action/help_show", "success": False,
        "error": {"__type": "Not Found Error", "message": f"There is nothing at {path}."}}


@pytest.mark.parametrize("path", ["/healthzX", "/_dashx", "/apix", "/no-such-page",
                                  "/en/no-such-page"])
def test_unknown_pages_are_html_404s(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert (response.status_code, response.mimetype) == (404, "text/html")
    assert "<title>" in response.get_data(as_text=True)


@pytest.mark.parametrize(("path", "status"), [
    ("/no-such-page", 404), ("/en/datasets/no-such-dataset", 404), ("/api/zzz", 404),
    ("/healthzX", 404), ("/", 200), ("/en/kpi", 200), ("/datasets/generated-population", 200),
])
def test_head_has_the_status_of_get(client: FlaskClient, path: str, status: int) -> None:
    head = client.head(path)
    assert (head.status_code, head.get_data()) == (status, b"")
    assert client.get(path).status_code == status


def test_post_to_an_unknown_api_address_is_a_json_error(client: FlaskClient) -> None:
    response = client.post("/api/v1/datasets")
    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "request-refused"


@pytest.mark.parametrize(("path", "surface"), [
    ("/api/3/action/package_show", "ckan"), ("/api/3", "ckan"), ("/api/action/x", "ckan"),
    ("/api/3x", "api"), ("/api/v1/zzz", "api"), ("/api", "api"), ("/healthz", "api"),
    ("/healthzX", "site"), ("/apix", "site"), ("/_dash-update-component", "dash"),
    ("/_dashx", "site"), ("/assets/x.css", "dash"), ("/en/kpi", "site"), ("/", "site"),
    ("/datasets/a.csv", "files"), ("/datasets/a/b.xlsx", "files"), ("/feed.atom", "files"),
    ("/datasets/a/original/x", "files"), ("/datasets/a", "site"), ("/datasets/a/b", "site"),
    ("/catalog.jsonldx", "site"),
])
def test_one_function_names_the_surface_of_a_path(path: str, surface: str) -> None:
    assert urls.surface(path) == surface
