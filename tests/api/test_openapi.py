"""/api/openapi.json describes what the API does: schemathesis calls every operation with
generated inputs and checks the answers against the document; /api/docs renders it offline."""

from __future__ import annotations

import re

import pytest
import schemathesis
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from portal.api.ckan import ACTIONS
from portal.api.file_routes import FILE_ROUTES
from portal.api.openapi import openapi_spec
from portal.api.openapi_ckan import ckan_openapi_spec
from portal.api.routes import ROUTES
from portal.query.rows import OPERATORS

# Served routes that are no API operation, and why.
NOT_OPERATIONS = {
    "/static/<path:filename>": "Flask's static folder (the site's assets are Dash's)",
    "/_dash-component-suites/plotly/package_data/plotly.min.js": "a script of the site",
    "/assets/on-demand/<name>": "a script of the site",
    "/assets/<path:filename>": "the site's assets",
    "/_dash-component-suites/<string:package_name>/<path:fingerprinted_path>": "Dash scripts",
    "/_dash-layout": "Dash's page layout", "/_dash-dependencies": "Dash's callbacks",
    "/_dash-update-component": "Dash's callbacks", "/_reload-hash": "Dash's dev reloader",
    "/_favicon.ico": "the site's icon", "/": "a page", "/<path:path>": "the site's pages",
    "/lang/<lang>": "the old language switch, a redirect to a page",
}


@pytest.mark.slow
def test_api_conforms_to_its_openapi_document(live_url: str) -> None:
    # schemathesis leaves out the document it was loaded from.
    for document, count in (("openapi.json", len(ROUTES) + len(FILE_ROUTES) - 1),
                            ("openapi-ckan.json", 2 * len(ACTIONS))):
        _conforms(f"{live_url}/api/{document}", count)


def _conforms(url: str, count: int) -> None:
    schema = schemathesis.openapi.from_url(url)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == count
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def conforms(case: schemathesis.Case) -> None:
            # Column names (_sort, _col, filters) depend on each dataset's schema, which one
            # document cannot enumerate: a well-formed request may rightly be a 400.
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        conforms()


def test_spec_is_written_from_the_route_table(client: FlaskClient) -> None:
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"] == "3.1.0"
    assert sorted(spec["paths"]) == sorted(r.path for r in (*ROUTES.values(),
                                                           *FILE_ROUTES.values()))
    rows = spec["paths"]["/api/v1/datasets/{id}/rows"]["get"]
    size = next(p for p in rows["parameters"] if p["name"] == "_size")
    assert size["schema"] == {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}


def _concrete(path: str) -> str:
    return re.sub(r"\{[a-z_]+\}", lambda m: {"{filename}": "data.csv"}.get(m.group(0), "abc"),
                  path)


def test_every_served_route_is_an_operation_of_a_document(app: Flask) -> None:
    """Walks the URL map: a route served and in neither document (nor NOT_OPERATIONS) fails,
    as does an operation that no route serves."""
    adapter = app.url_map.bind("localhost")
    covered: dict[str, set[str]] = {}
    native, ckan = openapi_spec("http://localhost"), ckan_openapi_spec("http://localhost")
    for prefix, spec in (("", native), ("/api/3/action", ckan), ("/api/action", ckan)):
        for path, operations in spec["paths"].items():
            for method in operations:
                rule, _ = adapter.match(_concrete(prefix + path), method=method.upper(),
                                        return_rule=True)
                assert rule.rule not in NOT_OPERATIONS, path
                covered.setdefault(rule.rule, set()).add(method.upper())
    served = {rule.rule: rule.methods - {"HEAD", "OPTIONS"} for rule in app.url_map.iter_rules()
              if rule.rule not in NOT_OPERATIONS}
    assert {rule: covered.get(rule, set()) for rule in served} == served
    assert sorted(ckan["paths"]) == sorted(f"/{action}" for action in ACTIONS)


def test_rows_filters_are_a_parameter_per_operator(client: FlaskClient) -> None:
    spec = client.get("/api/openapi.json").get_json()
    rows = spec["paths"]["/api/v1/datasets/{id}/rows"]["get"]["parameters"]
    filters = {p["name"]: p for p in rows if p["name"].startswith("column")}
    assert list(filters) == ["column", *(f"column__{op}" for op in OPERATORS)]
    assert filters["column__gte"]["schema"]["propertyNames"] == {"pattern": "^[^_].*__gte$"}
    assert filters["column__isnull"]["schema"]["additionalProperties"] == {
        "enum": ["1", "0", "true", "false"]}
    assert all((p["in"], p["style"], p["explode"]) == ("query", "form", True)
               for p in filters.values())


def test_every_operation_has_a_response_schema(client: FlaskClient) -> None:
    for url in ("/api/openapi.json", "/api/openapi-ckan.json"):
        spec = client.get(url).get_json()
        for path, operations in spec["paths"].items():
            for method, operation in operations.items():
                ok = operation["responses"]["200"]["content"]
                assert all(media["schema"] for media in ok.values()), (url, path, method)
                for status, response in operation["responses"].items():
                    if status not in ("200", "206", "304", "412") and path != "/healthz":
                        assert "error" in next(iter(response["content"].values()))[
                            "schema"]["properties"], (url, path, status)
    package = client.get("/api/openapi-ckan.json").get_json()["paths"]["/package_show"]
    result = package["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert result["properties"]["result"]["properties"]["resources"]["items"]["properties"][
        "datastore_active"] == {"type": "boolean"}
    assert package["post"]["requestBody"]["content"]["application/json"]["schema"][
        "properties"] == {"id": {"type": "string"}}


def test_docs_page_lists_every_operation_and_its_parameters(client: FlaskClient) -> None:
    response = client.get("/api/docs")
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    page = response.data.decode()
    for route in (*ROUTES.values(), *FILE_ROUTES.values()):
        assert f"<code>GET {route.path}</code>" in page
        for param in route.params:
            assert f"<code>{param.name}</code>" in page
    for action in ACTIONS:
        assert f"<code>GET /api/3/action/{action}</code>" in page
        assert f"<code>POST /api/3/action/{action}</code>" in page
    assert "<script" not in page and "cdn" not in page.lower()
