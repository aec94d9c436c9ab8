"""/datasets/<id>.* downloads: only files the manifest lists, with ETag, Range and CORS.

A request names a dataset, a resource and a kind; the file is looked up in the manifest and
never by joining the request's text to a path, so nothing outside the published files can be
reached (no traversal, encoded slashes or symlinks: the route does not take a path at all).
"""

from __future__ import annotations

import hashlib
import json
import re

from flask import Blueprint, Response, current_app, request
from werkzeug.routing import BaseConverter
from werkzeug.utils import send_file
from werkzeug.wrappers import Response as BaseResponse

from portal.api.dcat import absolute_datapackage
from portal.errors import Conflict, NotFound, Unavailable
from portal.origin import base_url
from portal.store.current import Build, CurrentBuild, DatasetView, FileInfo, ResourceView

SUFFIX_KINDS = {"excel.csv": "excel-csv", "sjis.csv": "sjis-csv", "csv": "csv", "json": "json",
                "geojson": "geojson", "xlsx": "xlsx"}
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"


class DownloadConverter(BaseConverter):
    """<slug>.<csv|excel.csv|sjis.csv|json|geojson|xlsx> as one path segment."""

    regex = rf"{SLUG}\.(?:excel\.csv|sjis\.csv|csv|geojson|json|xlsx)"


downloads = Blueprint("downloads", __name__)


def _store() -> CurrentBuild:
    return current_app.extensions["portal.store"]  # type: ignore[no-any-return]


def _split(name: str) -> tuple[str, str]:
    stem, _, suffix = name.partition(".")
    return stem, SUFFIX_KINDS[suffix]


def _published(build: Build, dataset_id: str) -> DatasetView:
    dataset = build.require(dataset_id)
    if not dataset.published or not dataset.resources:
        raise NotFound("dataset-not-found", parameter="id", id=dataset_id)
    return dataset


def _file(dataset: DatasetView, resource: ResourceView, kind: str, name: str) -> FileInfo:
    found = resource.file(kind)
    if found is not None:
        return found
    if kind == "sjis-csv":
        raise Conflict("sjis-unavailable", parameter="format", id=dataset.id,
                       reason=resource.sjis_unavailable or "CP932")
    raise NotFound("file-not-found", parameter="name", id=dataset.id, name=name)


def _send(build: Build, info: FileInfo, download_name: str) -> Response:
    path = build.path(info.path)
    # A file whose size no longer matches the manifest was damaged after the build: refuse
    # it (503 for this file only) rather than hand out a truncated download with a valid ETag.
    try:
        damaged = path.stat().st_size != info.size
    except FileNotFoundError:
        damaged = True
    if damaged:
        dataset_id = info.path.split("/")[1] if info.path.startswith("datasets/") else ""
        raise Unavailable("file-damaged", parameter="name", id=dataset_id,
                          name=info.path.rsplit("/", 1)[-1])
    response = send_file(path, _conditional_environ(), mimetype=info.media_type,
                         conditional=True, etag=info.sha256, download_name=download_name,
                         as_attachment=info.kind not in ("json", "geojson"), max_age=300,
                         response_class=Response)
    assert isinstance(response, Response)
    _empty_if_failed(response)
    response.headers["Content-Type"] = _mimetype(info)
    response.headers["Content-Encoding"] = "identity"  # never re-encoded: see create_app
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = \
        "Content-Length, Content-Range, ETag, Last-Modified"
    return response


def _empty_if_failed(response: BaseResponse) -> BaseResponse:
    """A 412 (If-Match named another version) says so and carries none of this one."""
    if response.status_code == 412:
        response.close()
        response.direct_passthrough = False
        response.set_data(b"")
    return response


def _conditional_environ() -> dict[str, object]:
    """The request's environ for send_file's conditional answer. Several ranges
    (``bytes=0-0,1-1``) would be a 416 (werkzeug serves one range only): the Range is
    ignored instead, as RFC 9110 allows, and the whole file is a 200."""
    environ = request.environ
    if "," in environ.get("HTTP_RANGE", ""):
        return {k: v for k, v in environ.items() if k != "HTTP_RANGE"}
    return environ


def _mimetype(info: FileInfo) -> str:
    if info.media_type.startswith(("text/", "application/json")):
        charset = "utf-8" if info.encoding in ("utf-8", "utf-8-sig") else (
            "shift_jis" if info.encoding == "cp932" else None)
        return f"{info.media_type}; charset={charset}" if charset else info.media_type
    return info.media_type


@downloads.get("/datasets/<download:name>")
def primary_download(name: str) -> Response:
    dataset_id, kind = _split(name)
    build = _store().get()
    dataset = _published(build, dataset_id)
    resource = (dataset.located or dataset.primary) if kind == "geojson" else dataset.primary
    info = _file(dataset, resource, kind, name)
    return _send(build, info, name)


@downloads.get("/datasets/<slug_id>/<download:name>")
def resource_download(slug_id: str, name: str) -> Response:
    resource_name, kind = _split(name)
    build = _store().get()
    dataset = _published(build, slug_id)
    resource = dataset.resource(resource_name)
    if resource is None:
        raise NotFound("file-not-found", parameter="name", id=slug_id, name=name)
    return _send(build, _file(dataset, resource, kind, name), f"{slug_id}-{name}")


@downloads.get("/datasets/<slug_id>/datapackage.json")
def dataset_datapackage(slug_id: str) -> Response:
    build = _store().get()
    dataset = _published(build, slug_id)
    info = _file(dataset, dataset.primary, "datapackage", "datapackage.json")
    with build.path(info.path).open(encoding="utf-8") as handle:
        package = json.load(handle)
    base = base_url()
    body = json.dumps(absolute_datapackage(package, dataset, base), ensure_ascii=False,
                      indent=1)
    response = Response(body, mimetype="application/json")
    # The body depends on the file and on the origin its URLs are written with.
    response.set_etag(hashlib.sha256(f"{info.sha256} {base}".encode()).hexdigest())
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.cache_control.public = True
    response.cache_control.max_age = 300
    _empty_if_failed(response.make_conditional(request))
    return response


@downloads.get("/datasets/<slug_id>/original/<filename>")
def original_file(slug_id: str, filename: str) -> Response:
    build = _store().get()
    dataset = _published(build, slug_id)
    for resource in dataset.resources:
        info = resource.file("original")
        if info is not None and info.path.rsplit("/", 1)[-1] == filename:
            return _send(build, info, filename)
    raise NotFound("file-not-found", parameter="filename", id=slug_id, name=filename)


def valid_slug(text: str) -> bool:
    return re.fullmatch(SLUG, text) is not None
