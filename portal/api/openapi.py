"""OpenAPI 3.1 for the JSON API, written from the route table, and a plain HTML reading of it.

The HTML page needs no script or CDN: the portal must document itself offline.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Response, jsonify

from portal.api import schemas
from portal.api.file_routes import FILE_ROUTES, FileRoute
from portal.api.openapi_ckan import ckan_openapi_spec
from portal.api.openapi_params import json_content as _json_content
from portal.api.openapi_params import parameter as _parameter
from portal.api.routes import ROUTES, Route
from portal.origin import base_url
from portal.query.rows import OPERATORS

openapi = Blueprint("openapi", __name__)

OPERATOR_TEXT = {
    "exact": "equal to the value (the same as `<column>=value`)",
    "not": "not equal to the value", "gt": "greater than the value",
    "gte": "greater than or equal to the value", "lt": "less than the value",
    "lte": "less than or equal to the value", "contains": "containing the text",
    "startswith": "starting with the text",
    "in": "equal to one of the comma-separated values",
    "isnull": "`1`/`true`: empty; `0`/`false`: not empty"}
SUCCESS = {"healthz": schemas.HEALTH, "rows": schemas.ROWS, "datasets": schemas.SEARCH,
           "dataset": schemas.DATASET, "kpi": schemas.KPI, "stats": schemas.STATS}


def column_filters() -> list[dict[str, Any]]:
    """The Datasette-style column filters as parameters: ``<column>=value`` and one per
    operator, ``<column>__<operator>=value``. Column names come from each dataset's schema,
    so each is an exploded object whose property names carry the operator."""
    params = [{"name": "column", "in": "query", "style": "form", "explode": True,
               "description": "`<column>=value`: rows whose column equals the value "
                              "(columns: the dataset's schema, /api/v1/datasets/{id}).",
               "schema": {"type": "object",
                          "propertyNames": {"pattern": "^[^_](?!.*__).*$"},
                          "additionalProperties": {"type": "string"}}}]
    for operator in OPERATORS:
        value: dict[str, Any] = {"type": "string"}
        if operator == "isnull":
            value = {"enum": ["1", "0", "true", "false"]}
        params.append({
            "name": f"column__{operator}", "in": "query", "style": "form", "explode": True,
            "description": f"`<column>__{operator}=value`: rows whose column is "
                           f"{OPERATOR_TEXT[operator]}.",
            "schema": {"type": "object",
                       "propertyNames": {"pattern": f"^[^_].*__{operator}$"},
                       "additionalProperties": value},
            "x-operator": operator})
    return params


def _error(text: str) -> dict[str, Any]:
    return {"description": text, "content": _json_content(schemas.ERROR)}


def _operation(route: Route) -> dict[str, Any]:
    parameters = [_parameter(p) for p in route.params]
    if route.column_filters:
        parameters += column_filters()
    responses: dict[str, Any] = {}
    for status, text in route.responses.items():
        success: dict[str, Any] = SUCCESS.get(route.name, {"type": "object"})
        schema = success if status < 300 or route.name == "healthz" else schemas.ERROR
        responses[str(status)] = {"description": text, "content": _json_content(schema)}
    if any(p.name == "_shape" for p in route.params):  # _shape=geojson: RFC 7946
        responses["200"]["content"]["application/geo+json"] = {
            "schema": schemas.FEATURE_COLLECTION}
    if route.name != "healthz":
        responses["414"] = _error("The query string is too long.")
        responses["503"] = _error("Nothing is built yet.")
    return {"operationId": route.name, "summary": route.summary,
            "description": route.description, "parameters": parameters,
            "responses": responses}


def _file_operation(route: FileRoute) -> dict[str, Any]:
    body: dict[str, Any] = route.schema if route.schema is not None else {
        "type": "string", **({} if route.media_type.startswith("text/") or route.media_type in (
            "application/xml", "application/atom+xml") else {"contentMediaType":
                                                              route.media_type})}
    content = {route.media_type: {"schema": body}}
    responses: dict[str, Any] = {"200": {"description": route.summary, "content": content}}
    if route.ranges:
        responses["206"] = {"description": "The range asked for (one range; several are "
                                           "ignored and the whole file is sent).",
                            "content": {route.media_type: {"schema": {"type": "string"}}}}
    if route.conditional:
        responses["304"] = {"description": "Not modified: the If-None-Match matched."}
    for status, text in route.errors.items():
        responses[str(status)] = {"description": text} if status == 412 else _error(text)
    responses["414"] = _error("The query string is too long.")
    return {"operationId": route.name, "summary": route.summary,
            "description": route.description,
            "parameters": [_parameter(p) for p in route.params], "responses": responses}


def openapi_spec(server: str, routes: dict[str, Route] = ROUTES,
                 files: dict[str, FileRoute] = FILE_ROUTES) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Kanuma City open data API / 鹿沼市オープンデータ API",
                 "version": "1",
                 "description": "Datasets, rows, KPIs, downloads and feeds of the Kanuma City "
                                "open-data portal. The CKAN-compatible Action API at "
                                "/api/3/action/ has its own document, /api/openapi-ckan.json."},
        "servers": [{"url": server}],
        "paths": {**{r.path: {"get": _operation(r)} for r in routes.values()},
                  **{r.path: {"get": _file_operation(r)} for r in files.values()}},
    }


def _examples() -> dict[str, str]:
    return {r.name: r.example for r in (*ROUTES.values(), *FILE_ROUTES.values()) if r.example}


def docs_html(*specs: dict[str, Any]) -> str:
    """Every operation of ``specs`` as a section: its parameters, example and responses."""
    title = html.escape(specs[0]["info"]["title"])
    parts = ["<!doctype html><html lang='en'><head><meta charset='utf-8'>",
             f"<title>{title}</title>",
             "<style>body{font-family:sans-serif;max-width:60rem;margin:auto;padding:1rem}"
             "code{background:#f3f3f3;padding:0 .2em}table{border-collapse:collapse}"
             "td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}</style>",
             "</head><body>", f"<h1>{title}</h1>",
             "<p>Machine-readable: <a href='/api/openapi.json'>/api/openapi.json</a> (native "
             "API, downloads, feeds) and <a href='/api/openapi-ckan.json'>"
             "/api/openapi-ckan.json</a> (CKAN Action API).</p>"]
    examples = _examples()
    for spec in specs:
        parts.append(f"<h2>{html.escape(spec['info']['title'])}</h2>")
        parts.append(f"<p>{html.escape(spec['info']['description'])}</p>")
        prefix = urlsplit(spec["servers"][0]["url"]).path if spec.get("x-relative-servers") \
            else ""
        for path, methods in spec["paths"].items():
            for method, operation in methods.items():
                _operation_html(parts, f"{method.upper()} {prefix}{path}", operation,
                                examples.get(operation["operationId"], ""))
    parts.append("</body></html>")
    return "".join(parts)


def _operation_html(parts: list[str], heading: str, operation: dict[str, Any],
                    example: str) -> None:
    parts.append(f"<h3 id='{html.escape(operation['operationId'])}'><code>"
                 f"{html.escape(heading)}</code> — {html.escape(operation['summary'])}</h3>")
    parts.append(f"<p>{html.escape(operation['description'])}</p>")
    if operation.get("parameters"):
        parts.append("<table><tr><th>Parameter</th><th>In</th><th>Type</th>"
                     "<th>Description</th></tr>")
        for param in operation["parameters"]:
            kind = param["schema"].get("type", "")
            parts.append(f"<tr><td><code>{html.escape(param['name'])}</code></td>"
                         f"<td>{param['in']}</td><td>{html.escape(str(kind))}</td>"
                         f"<td>{html.escape(param['description'])}</td></tr>")
        parts.append("</table>")
    if example:
        parts.append(f"<p>Example: <a href='{html.escape(example)}'>"
                     f"<code>{html.escape(example)}</code></a></p>")
    statuses = ", ".join(f"{s} {html.escape(r['description'])}"
                         for s, r in operation["responses"].items())
    parts.append(f"<p>Responses: {statuses}</p>")


@openapi.get("/api/openapi.json")
def spec() -> Response:
    response = jsonify(openapi_spec(base_url()))
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@openapi.get("/api/openapi-ckan.json")
def ckan_spec() -> Response:
    response = jsonify(ckan_openapi_spec(base_url()))
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@openapi.get("/api/docs")
def docs() -> Response:
    base = base_url()
    return Response(docs_html(openapi_spec(base), ckan_openapi_spec(base)),
                    mimetype="text/html")
