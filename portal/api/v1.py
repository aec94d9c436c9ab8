"""/api/v1/: the native JSON API. Views parse, call a query function, serialise."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request

from portal.errors import NotFound, PortalError
from portal.query.detail import dataset_detail
from portal.query.rows import fetch_rows, parse_query
from portal.query.search import FACETS, SORTS, dataset_summary, search
from portal.store.current import Build, CurrentBuild

v1 = Blueprint("v1", __name__, url_prefix="/api/v1")
MAX_PAGE_SIZE = 100


def _build() -> Build:
    store: CurrentBuild = current_app.extensions["portal.store"]
    return store.get()


def _base_url() -> str:
    configured = current_app.extensions["portal.settings"].base_url
    return configured or request.host_url.rstrip("/")


def _json(body: object) -> Response:
    response = jsonify(body)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _int(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit() or not low <= int(raw) <= high:
        raise PortalError("bad-parameter", parameter=name, value=raw,
                          reason=f"{low}–{high} の整数 / a whole number from {low} to {high}")
    return int(raw)


@v1.get("/datasets")
def datasets() -> Response:
    sort = request.args.get("sort", "relevance")
    if sort not in SORTS:
        raise PortalError("bad-parameter", parameter="sort", value=sort,
                          reason=" | ".join(SORTS))
    filters = {name: request.args.getlist(name) for name in FACETS if name in request.args}
    result = search(_build(), request.args.get("q", ""), filters, sort,
                    _int("page", 1, 1, 10_000), _int("size", 20, 1, MAX_PAGE_SIZE))
    return _json({"total": result.total, "page": result.page, "size": result.size,
                  "datasets": [dataset_summary(d) for d in result.items],
                  "facets": {k: [{"value": v, "count": c} for v, c in values]
                             for k, values in result.facets.items()}})


@v1.get("/datasets/<dataset_id>")
def dataset(dataset_id: str) -> Response:
    return _json(dataset_detail(_build(), dataset_id, _base_url()))


@v1.get("/datasets/<dataset_id>/rows")
def rows(dataset_id: str) -> Response:
    build = _build()
    view = build.require(dataset_id)
    if not view.published or not view.resources:
        raise NotFound("dataset-not-found", parameter="id", id=dataset_id)
    resource_name = request.args.get("_resource")
    resource = view.primary if resource_name is None else view.resource(resource_name)
    if resource is None:
        raise NotFound("file-not-found", parameter="_resource", id=dataset_id,
                       name=resource_name)
    database = resource.file("sqlite")
    if database is None:
        raise NotFound("file-not-found", parameter="_resource", id=dataset_id,
                       name=resource.name)
    query = parse_query(list(request.args.items(multi=True)), resource.schema, dataset_id)
    page = fetch_rows(build.path(database.path), resource.schema, query)
    body = {"dataset": dataset_id, "resource": resource.name, "total": page.total,
            "columns": list(page.columns), "rows": page.rows, "next": page.next,
            "next_url": None}
    if page.next:
        args = [(k, v) for k, v in request.args.items(multi=True) if k != "_next"]
        args.append(("_next", page.next))
        from urllib.parse import urlencode

        body["next_url"] = f"{_base_url()}{request.path}?{urlencode(args)}"
    if page.facets:
        body["facets"] = page.facets
    return _json(body)
