"""/api/openapi.json describes what the API does: schemathesis calls every operation with
generated inputs and checks the answers against the document; /api/docs renders it offline."""

from __future__ import annotations

import pytest
import schemathesis
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from portal.api.routes import ROUTES


@pytest.mark.slow
def test_api_conforms_to_its_openapi_document(live_url: str) -> None:
    schema = schemathesis.openapi.from_url(f"{live_url}/api/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == len(ROUTES)
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
    assert sorted(spec["paths"]) == sorted(r.path for r in ROUTES.values())
    rows = spec["paths"]["/api/v1/datasets/{id}/rows"]["get"]
    size = next(p for p in rows["parameters"] if p["name"] == "_size")
    assert size["schema"] == {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}


def test_docs_page_lists_every_route_and_its_parameters(client: FlaskClient) -> None:
    response = client.get("/api/docs")
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    page = response.data.decode()
    for route in ROUTES.values():
        assert f"<code>GET {route.path}</code>" in page
        for param in route.params:
            assert f"<code>{param.name}</code>" in page
    assert "<script" not in page and "cdn" not in page.lower()
