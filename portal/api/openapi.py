"""OpenAPI 3.1 for the JSON API, written from the route table, and a plain HTML reading of it.

The HTML page needs no script or CDN: the portal must document itself offline.
"""

from __future__ import annotations

import html
from typing import Any

from flask import Blueprint, Response, jsonify

from portal.api.routes import ROUTES, Param, Route
from portal.origin import base_url

openapi = Blueprint("openapi", __name__)

ERROR = {"type": "object", "required": ["error"], "properties": {"error": {
    "type": "object", "required": ["code", "message", "parameter"],
    "properties": {"code": {"type": "string"},
                   "message": {"type": "object", "required": ["ja", "en"],
                               "properties": {"ja": {"type": "string"},
                                              "en": {"type": "string"}}},
                   "parameter": {"type": ["string", "null"]}}}}}
HEALTH = {"type": "object", "required": ["status"],
          "properties": {"status": {"enum": ["ok", "no-build"]},
                         "build_id": {"type": ["string", "null"]},
                         "datasets": {"type": "integer"}}}

ROWS = {"type": "object",
        "required": ["dataset", "resource", "total", "columns", "rows", "next", "next_url"],
        "properties": {
            "dataset": {"type": "string"}, "resource": {"type": "string"},
            "total": {"type": ["integer", "null"], "minimum": 0,
                      "description": "Exact count of the matching rows, taken on the first "
                                     "page and carried by the cursor; null with "
                                     "_count=false."},
            "columns": {"type": "array", "items": {"type": "string"}},
            "rows": {"type": "array", "items": {"type": "object"}},
            "next": {"type": ["string", "null"],
                     "description": "Cursor of the next page, bound to this query."},
            "next_url": {"type": ["string", "null"]},
            "facets": {"type": "object"}}}
SUCCESS = {"healthz": HEALTH, "rows": ROWS}
FEATURE_COLLECTION = {"type": "object", "required": ["type", "features"],
                      "properties": {"type": {"const": "FeatureCollection"},
                                     "features": {"type": "array", "items": {"type": "object"}},
                                     "total": {"type": ["integer", "null"], "minimum": 0},
                                     "next": {"type": ["string", "null"]},
                                     "next_url": {"type": ["string", "null"]}}}


def _schema(param: Param) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": param.type}
    if param.enum:
        schema["enum"] = list(param.enum)
    if param.minimum is not None:
        schema["minimum"] = param.minimum
    if param.maximum is not None:
        schema["maximum"] = param.maximum
    if param.default is not None:
        schema["default"] = param.default
    if param.repeated:
        return {"type": "array", "items": schema}
    return schema


def _parameter(param: Param) -> dict[str, Any]:
    spec: dict[str, Any] = {"name": param.name, "in": param.location,
                            "description": param.description,
                            "required": param.location == "path", "schema": _schema(param)}
    if param.location == "path":
        spec["schema"]["pattern"] = "^[a-z0-9]+(-[a-z0-9]+)*$"
    if param.repeated:
        spec.update(style="form", explode=True)
    if param.example is not None:
        spec["example"] = param.example
    return spec


def _json_content(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _operation(route: Route) -> dict[str, Any]:
    parameters = [_parameter(p) for p in route.params]
    if route.column_filters:
        parameters.append({
            "name": "filters", "in": "query", "style": "form", "explode": True,
            "description": "Column filters: <column>=value or <column>__<op>=value.",
            "schema": {"type": "object", "additionalProperties": {"type": "string"}}})
    responses: dict[str, Any] = {}
    for status, text in route.responses.items():
        success: dict[str, Any] = SUCCESS.get(route.name, {"type": "object"})
        schema = success if status < 300 or route.name == "healthz" else ERROR
        responses[str(status)] = {"description": text, "content": _json_content(schema)}
    if any(p.name == "_shape" for p in route.params):  # _shape=geojson: RFC 7946
        responses["200"]["content"]["application/geo+json"] = {"schema": FEATURE_COLLECTION}
    if route.name != "healthz":
        responses["414"] = {"description": "The query string is too long.",
                            "content": _json_content(ERROR)}
        responses["503"] = {"description": "Nothing is built yet.",
                            "content": _json_content(ERROR)}
    return {"operationId": route.name, "summary": route.summary,
            "description": route.description, "parameters": parameters,
            "responses": responses}


def openapi_spec(server: str, routes: dict[str, Route] = ROUTES) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Kanuma City open data API / 鹿沼市オープンデータ API",
                 "version": "1",
                 "description": "Datasets, rows and KPIs of the Kanuma City open-data portal. "
                                "A CKAN-compatible Action API is at /api/3/action/."},
        "servers": [{"url": server}],
        "paths": {r.path: {"get": _operation(r)} for r in routes.values()},
    }


def docs_html(spec: dict[str, Any], routes: dict[str, Route] = ROUTES) -> str:
    parts = ["<!doctype html><html lang='en'><head><meta charset='utf-8'>",
             f"<title>{html.escape(spec['info']['title'])}</title>",
             "<style>body{font-family:sans-serif;max-width:60rem;margin:auto;padding:1rem}"
             "code{background:#f3f3f3;padding:0 .2em}table{border-collapse:collapse}"
             "td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}</style>",
             "</head><body>", f"<h1>{html.escape(spec['info']['title'])}</h1>",
             f"<p>{html.escape(spec['info']['description'])}</p>",
             "<p>Machine-readable: <a href='/api/openapi.json'>/api/openapi.json</a>. "
             "CKAN Action API: <code>/api/3/action/package_search</code> and others.</p>"]
    for route in routes.values():
        operation = spec["paths"][route.path]["get"]
        parts.append(f"<h2 id='{route.name}'><code>GET {html.escape(route.path)}</code> — "
                     f"{html.escape(route.summary)}</h2>")
        parts.append(f"<p>{html.escape(route.description)}</p>")
        if operation["parameters"]:
            parts.append("<table><tr><th>Parameter</th><th>In</th><th>Type</th>"
                         "<th>Description</th></tr>")
            for param in operation["parameters"]:
                kind = param["schema"].get("type", "")
                parts.append(f"<tr><td><code>{html.escape(param['name'])}</code></td>"
                             f"<td>{param['in']}</td><td>{html.escape(str(kind))}</td>"
                             f"<td>{html.escape(param['description'])}</td></tr>")
            parts.append("</table>")
        if route.example:
            parts.append(f"<p>Example: <a href='{html.escape(route.example)}'>"
                         f"<code>{html.escape(route.example)}</code></a></p>")
        statuses = ", ".join(f"{s} {html.escape(r['description'])}"
                             for s, r in operation["responses"].items())
        parts.append(f"<p>Responses: {statuses}</p>")
    parts.append("</body></html>")
    return "".join(parts)


@openapi.get("/api/openapi.json")
def spec() -> Response:
    response = jsonify(openapi_spec(base_url()))
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@openapi.get("/api/docs")
def docs() -> Response:
    return Response(docs_html(openapi_spec(base_url())), mimetype="text/html")
