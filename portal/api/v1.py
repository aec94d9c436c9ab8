"""/api/v1/: the native JSON API. Views parse, call a query function, serialise."""

from __future__ import annotations

from datetime import date
from urllib.parse import unquote_plus, urlencode

from flask import Blueprint, Response, current_app, g, jsonify, request
from werkzeug.wrappers import Request

from portal.api.cache import cached
from portal.api.routes import ROUTES, read_args
from portal.api.shapes import SHAPES, with_api_headers
from portal.errors import NotFound
from portal.origin import base_url
from portal.query.bbox import parse_bbox, spatial_query
from portal.query.detail import dataset_detail
from portal.query.kpi import kpi_summary
from portal.query.rows import fetch_rows, parse_query, resume, scope_of
from portal.query.search import FACETS, catalog_stats, dataset_summary, search
from portal.store.current import Build, CurrentBuild

v1 = Blueprint("v1", __name__, url_prefix="/api/v1")


def current_build() -> Build:
    """The build of this request: the one its cache key named (portal/api/cache.py), else
    the one published now."""
    build: Build | None = g.get("portal_build")
    if build is None:
        store: CurrentBuild = current_app.extensions["portal.store"]
        build = g.portal_build = store.get()
    return build


def json_response(body: object) -> Response:
    return with_api_headers(jsonify(body))


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
    return rows_response(current_build(), dataset_id, request, base_url())


def rows_response(build: Build, dataset_id: str, req: Request, base: str) -> Response:
    """A page of rows for the request ``req``; the Flask route above and the WSGI fast path
    (portal/api/fastpath.py) both answer with it."""
    view = build.require(dataset_id)
    if not view.published or not view.resources:
        raise NotFound("dataset-not-found", parameter="id", id=dataset_id)
    args = read_args(ROUTES["rows"], req.args, ("_resource", "_shape", "_bbox"))
    resource_name = args["_resource"]
    resource = view.primary if resource_name is None else view.resource(resource_name)
    database = resource.file("sqlite") if resource is not None else None
    if resource is None or database is None:
        raise NotFound("file-not-found", parameter="_resource", id=dataset_id,
                       name=resource_name)
    pairs = list(req.args.items(multi=True))
    # The cursor is read once the spatial filters are added: it is bound to them too.
    query = parse_query([p for p in pairs if p[0] != "_next"], resource.schema, dataset_id,
                        scope_of(database.sha256, dataset_id, resource.name))
    properties = list(query.columns) or list(resource.field_names)
    query, schema = spatial_query(
        query, resource.schema, resource.geo,
        parse_bbox(args["_bbox"]) if args["_bbox"] is not None else None,
        args["_shape"] == "geojson", dataset_id, resource.name)
    cursors = req.args.getlist("_next")
    if cursors:
        query = resume(query, cursors[-1])
    page = fetch_rows(build.path(database.path), schema, query)
    next_url = None
    if page.next:
        next_url = f"{base}{req.path}?{_following(req.query_string, pairs, page.next)}"
    envelope = {"dataset": dataset_id, "resource": resource.name, "next_url": next_url,
                "properties": properties, "geo": resource.geo}
    return SHAPES[args["_shape"]](page, envelope)


def _following(raw: bytes, pairs: list[tuple[str, str]], cursor: str) -> str:
    """The query string of the next page: this one (``raw``) with ``cursor`` as its
    ``_next``. The client's own (ASCII, percent-encoded) text is kept as written: quoting
    every pair again cost 40 µs a page."""
    if raw.isascii():
        kept = [p for p in raw.decode("ascii").split("&")
                if p and unquote_plus(p.partition("=")[0]) != "_next"]
        return "&".join([*kept, f"_next={cursor}"])
    return urlencode([*((k, v) for k, v in pairs if k != "_next"), ("_next", cursor)])


@v1.get("/kpi")
@cached
def kpi() -> Response:
    return json_response(kpi_summary(current_build(), date.today()))


@v1.get("/stats")
@cached
def stats() -> Response:
    return json_response(catalog_stats(current_build(), date.today()))
