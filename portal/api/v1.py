"""/api/v1/: the native JSON API. Views parse, call a query function, serialise."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, jsonify, request

from portal.api.cache import cached
from portal.api.geojson import feature_collection, geojson_response
from portal.api.routes import ROUTES, read_args
from portal.errors import NotFound
from portal.query.bbox import parse_bbox, spatial_query
from portal.query.detail import dataset_detail
from portal.query.kpi import kpi_summary
from portal.query.rows import fetch_rows, parse_query
from portal.query.search import FACETS, catalog_stats, dataset_summary, search
from portal.store.current import Build, CurrentBuild

v1 = Blueprint("v1", __name__, url_prefix="/api/v1")


def current_build() -> Build:
    store: CurrentBuild = current_app.extensions["portal.store"]
    return store.get()


def base_url() -> str:
    configured = current_app.extensions["portal.settings"].base_url
    return str(configured or request.host_url).rstrip("/")


def json_response(body: object) -> Response:
    response = jsonify(body)
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cache-Control"] = "public, max-age=60"
    return response


@v1.get("/datasets")
@cached
def datasets() -> Response:
    args = read_args(ROUTES["datasets"], request.args)
    filters = {name: args[name] for name in FACETS if args[name]}
    result = search(current_build(), args["q"] or "", filters, args["sort"], args["page"],
                    args["size"], args["lang"])
    return json_response({
        "total": result.total, "page": result.page, "size": result.size,
        "datasets": [dataset_summary(d) for d in result.items],
        "facets": {k: [{"value": v, "count": c} for v, c in values]
                   for k, values in result.facets.items()}})


@v1.get("/datasets/<dataset_id>")
@cached
def dataset(dataset_id: str) -> Response:
    return json_response(dataset_detail(current_build(), dataset_id, base_url()))


@v1.get("/datasets/<dataset_id>/rows")
@cached
def rows(dataset_id: str) -> Response:
    build = current_build()
    view = build.require(dataset_id)
    if not view.published or not view.resources:
        raise NotFound("dataset-not-found", parameter="id", id=dataset_id)
    resource_name = read_args(ROUTES["rows"], request.args, ("_resource",))["_resource"]
    resource = view.primary if resource_name is None else view.resource(resource_name)
    database = resource.file("sqlite") if resource is not None else None
    if resource is None or database is None:
        raise NotFound("file-not-found", parameter="_resource", id=dataset_id,
                       name=resource_name)
    query = parse_query(list(request.args.items(multi=True)), resource.schema, dataset_id)
    spatial = read_args(ROUTES["rows"], request.args, ("_shape", "_bbox"))
    shape_geojson = spatial["_shape"] == "geojson"
    properties = list(query.columns) or list(resource.field_names)
    query, schema = spatial_query(
        query, resource.schema, resource.geo,
        parse_bbox(spatial["_bbox"]) if spatial["_bbox"] is not None else None,
        shape_geojson, dataset_id, resource.name)
    page = fetch_rows(build.path(database.path), schema, query)
    body: dict[str, Any] = {"dataset": dataset_id, "resource": resource.name,
                            "total": page.total, "columns": list(page.columns),
                            "rows": page.rows, "next": page.next, "next_url": None}
    if page.next:
        args = [(k, v) for k, v in request.args.items(multi=True) if k != "_next"]
        args.append(("_next", page.next))
        body["next_url"] = f"{base_url()}{request.path}?{urlencode(args)}"
    if page.facets:
        body["facets"] = page.facets
    if shape_geojson and resource.geo is not None:
        paging = {k: body[k] for k in ("dataset", "resource", "total", "next", "next_url")}
        return geojson_response(feature_collection(page.rows, properties, resource.geo, paging))
    return json_response(body)


@v1.get("/kpi")
@cached
def kpi() -> Response:
    return json_response(kpi_summary(current_build(), date.today()))


@v1.get("/stats")
@cached
def stats() -> Response:
    return json_response(catalog_stats(current_build(), date.today()))
