"""/api/3/action/<action>: the CKAN Action API, so harvesters and ckanapi read the portal.

Each action is a function over (build, parameters) returning the ``result``; its docstring is
the help text ``help_show`` serves, as CKAN does. Packages are built from ``dataset_detail``,
the function behind the dataset page and /api/v1/datasets/<id>.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, jsonify, request

from portal.api.showcase import SHOWCASE_ACTIONS
from portal.api.v1 import current_build
from portal.catalog.categories import CATEGORIES
from portal.catalog.licenses import LICENSES
from portal.client_json import read_json
from portal.errors import NotFound, PortalError
from portal.origin import base_url
from portal.quality import ckan_extras
from portal.query import solr
from portal.query.datastore import parse_datastore, search_datastore
from portal.query.detail import dataset_detail
from portal.query.search import search
from portal.store.current import Build, FileInfo, ResourceView

ckan = Blueprint("ckan", __name__)
MAX_ROWS = 1000
FORMATS = {"csv": "CSV", "excel-csv": "CSV", "sjis-csv": "CSV", "json": "JSON",
           "datapackage": "JSON", "original": "", "geojson": "GeoJSON", "xlsx": "XLSX"}
FACET_FIELDS = ("tags", "organization", "groups", "res_format", "license_id")
SORT_FIELDS = ("id", "name", "title", "title_string", "metadata_modified", "metadata_created",
               "score")
Action = Callable[[Build, Mapping[str, Any]], Any]


def _invalid(field: str, reason: str, value: object = "") -> PortalError:
    return PortalError("bad-parameter", parameter=field, value=value, reason=reason)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _organization(publisher: Mapping[str, str]) -> dict[str, Any]:
    return {"id": _slug(publisher["en"]), "name": _slug(publisher["en"]),
            "title": publisher["ja"], "display_name": publisher["ja"],
            "description": publisher["en"], "type": "organization", "state": "active",
            "is_organization": True}


def _group(category: str) -> dict[str, Any]:
    ja, en = CATEGORIES.get(category, (category, category))
    return {"id": category, "name": category, "title": ja, "display_name": ja,
            "description": en, "type": "group", "state": "active", "is_organization": False}


def _resource_id(url: str) -> str:
    return url.split("/datasets/", 1)[1]


def package(build: Build, dataset_id: str, base: str) -> dict[str, Any]:
    detail = dataset_detail(build, dataset_id, base)
    resources = []
    for resource in detail["resources"]:
        for info in resource["files"]:
            title = (resource["title"] or {}).get("ja") or resource["name"]
            resources.append({
                "id": _resource_id(info["url"]), "package_id": detail["id"],
                "url": info["url"], "name": f"{title} ({info['label']})",
                "format": FORMATS.get(info["kind"]) or info["media_type"].split("/")[-1].upper(),
                "mimetype": info["media_type"], "size": info["size"],
                "hash": f"sha256:{info['sha256']}", "state": "active",
                "description": resource["name"], "position": len(resources),
                # A table's rows answer datastore_search under its CSV's id.
                "datastore_active": info["kind"] == "csv"})
    license_ = LICENSES.get(detail["license"])
    return {
        "id": detail["id"], "name": detail["id"], "type": "dataset", "state": "active",
        "private": False, "title": detail["title"]["ja"], "notes": detail["description"]["ja"],
        "license_id": detail["license"], "license_title": license_.en if license_ else None,
        "license_url": license_.url if license_ else None,
        "organization": _organization(detail["publisher"]), "owner_org":
            _slug(detail["publisher"]["en"]),
        "groups": [_group(detail["category"])],
        "tags": [{"name": tag, "display_name": tag} for tag in detail["keywords"]],
        "resources": resources, "num_resources": len(resources),
        "num_tags": len(detail.get("tags", [])),
        "metadata_created": f"{detail['issued']}T00:00:00",
        "metadata_modified": f"{detail['modified']}T00:00:00",
        "url": detail["page_url"],
        "extras": [{"key": "title_en", "value": detail["title"]["en"]},
                   {"key": "notes_en", "value": detail["description"]["en"]},
                   {"key": "frequency", "value": detail.get("frequency") or ""},
                   {"key": "standard", "value": detail.get("standard") or ""},
                   {"key": "local_government_code",
                    "value": build.portal.get("local_government_code", "")},
                   *ckan_extras(detail.get("quality"))],
    }


def _int(params: Mapping[str, Any], name: str, default: int, high: int) -> int:
    raw = params.get(name, default)
    try:
        value = int(raw)
    except (TypeError, ValueError, OverflowError):
        raise _invalid(name, "integer", raw) from None
    if not 0 <= value <= high:
        raise _invalid(name, f"0–{high}", raw)
    return value


def _id(params: Mapping[str, Any]) -> str:
    value = params.get("id") or params.get("name")
    if not isinstance(value, str) or not value:
        raise _invalid("id", "Missing value")
    return value


def _published_package(build: Build, dataset_id: str) -> dict[str, Any]:
    found = build.dataset(dataset_id)
    if found is None or not found.published:
        raise NotFound("dataset-not-found", parameter="id", id=dataset_id)
    return package(build, dataset_id, base_url())


def _facet_values(pkg: Mapping[str, Any], field: str) -> list[str]:
    if field == "tags":
        return [t["name"] for t in pkg["tags"]]
    if field == "organization":
        return [pkg["organization"]["name"]]
    if field == "groups":
        return [g["name"] for g in pkg["groups"]]
    if field == "res_format":
        return sorted({r["format"] for r in pkg["resources"]})
    return [pkg["license_id"]]


def _query(params: Mapping[str, Any], name: str) -> solr.Node:
    text = str(params.get(name) or "")
    try:
        return solr.parse(text)
    except solr.QueryError as exc:
        raise _invalid(name, str(exc), text) from None


def _fields(pkg: Mapping[str, Any]) -> dict[str, list[Any]]:
    """A package's values per searchable field, as Solr indexes them."""
    return {"id": [pkg["name"]], "name": [pkg["name"]], "title": [pkg["title"]],
            **{field: _facet_values(pkg, field) for field in FACET_FIELDS},
            "metadata_modified": [solr.parse_date(pkg["metadata_modified"])],
            "metadata_created": [solr.parse_date(pkg["metadata_created"])],
            "dataset_type": [pkg["type"]], "state": [pkg["state"]], "capacity": ["public"]}


def _sort_key(sort: str) -> list[tuple[str, bool]]:
    keys = []
    for part in sort.split(","):
        words = part.split()
        if not words:
            continue
        if len(words) > 2 or words[0] not in SORT_FIELDS or (
                len(words) == 2 and words[1] not in ("asc", "desc")):
            raise _invalid("sort", f"field asc|desc, field: {', '.join(SORT_FIELDS)}", sort)
        keys.append((words[0], len(words) == 2 and words[1] == "desc"))
    return keys


def package_search(build: Build, params: Mapping[str, Any]) -> dict[str, Any]:
    """Search packages: q (free text), fq (tags:… organization:… groups:… res_format:…
    license_id:…), rows (≤ 1000, default 10), start, sort (e.g. "id asc",
    "metadata_modified desc"), facet.field (JSON list)."""
    rows = _int(params, "rows", 10, MAX_ROWS)
    start = _int(params, "start", 0, 10**9)
    query, filter_query = _query(params, "q"), _query(params, "fq")
    sort = str(params.get("sort") or "score desc, metadata_modified desc")
    keys = _sort_key(sort)
    facet_fields = params.get("facet.field") or "[]"
    try:
        fields = read_json(facet_fields) if isinstance(facet_fields, str) else facet_fields
    except ValueError:
        raise _invalid("facet.field", "JSON list") from None
    if not isinstance(fields, list) or any(f not in FACET_FIELDS for f in fields):
        raise _invalid("facet.field", ", ".join(FACET_FIELDS))
    facet_limit = _int(params, "facet.limit", 50, 10**6) if str(
        params.get("facet.limit", "")).strip() != "-1" else None
    words: dict[str, set[str]] = {}

    def text_match(pkg: Mapping[str, Any]) -> Callable[[str], bool]:
        def match(word: str) -> bool:
            if word not in words:
                words[word] = {d.id for d in search(build, word, {}, "relevance", 1,
                                                    10**6).items}
            return pkg["name"] in words[word]
        return match

    # Words alone are the portal's own search, ranked; anything else is evaluated over
    # every package, ranked by the search of its words.
    plain = query.is_words()
    found = search(build, " ".join(query.words()) if plain else "", {}, "relevance", 1, 10**6)
    ranked = [package(build, d.id, base_url()) for d in found.items]
    if not plain and query.words():
        position = {d.id: n for n, d in enumerate(search(
            build, " ".join(query.words()), {}, "relevance", 1, 10**6).items)}
        ranked.sort(key=lambda p: position.get(p["name"], len(position)))
    score = {pkg["name"]: -rank for rank, pkg in enumerate(ranked)}

    def wanted(pkg: Mapping[str, Any]) -> bool:
        values, match = _fields(pkg), text_match(pkg)
        return ((plain or solr.matches(query, values, match))
                and solr.matches(filter_query, values, match))

    results = [pkg for pkg in ranked if wanted(pkg)]
    for field, descending in reversed(keys):  # stable sorts, last key first
        name = {"id": "name", "title_string": "title"}.get(field, field)
        results.sort(key=lambda p, n=name: score[p["name"]] if n == "score" else p[n],
                     reverse=descending)
    counts = {f: Counter(v for p in results for v in _facet_values(p, f)).most_common(
        facet_limit) for f in fields}
    return {"count": len(results), "sort": sort, "results": results[start:start + rows],
            "facets": {f: dict(c) for f, c in counts.items()},
            "search_facets": {f: {"title": f, "items": [
                {"name": v, "display_name": v, "count": n} for v, n in c]}
                for f, c in counts.items()}}


def package_list(build: Build, params: Mapping[str, Any]) -> list[str]:
    """Names of all published packages, sorted; limit and offset page them."""
    names = sorted(d.id for d in build.published)
    offset = _int(params, "offset", 0, 10**9)
    limit = _int(params, "limit", len(names), 10**9)
    return names[offset:offset + limit]


def package_show(build: Build, params: Mapping[str, Any]) -> dict[str, Any]:
    """One package by id (or name)."""
    return _published_package(build, _id(params))


def current_package_list_with_resources(build: Build,
                                        params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Published packages with their resources, newest first; limit and offset page them."""
    ordered = sorted(build.published, key=lambda d: (d.meta["modified"], d.id), reverse=True)
    offset = _int(params, "offset", 0, 10**9)
    limit = _int(params, "limit", MAX_ROWS, MAX_ROWS)
    return [package(build, d.id, base_url()) for d in ordered[offset:offset + limit]]


def resource_show(build: Build, params: Mapping[str, Any]) -> dict[str, Any]:
    """One resource by id (the file's path after /datasets/, e.g. "my-data.csv")."""
    resource_id = _id(params)
    dataset_id = re.split(r"[/.]", resource_id, maxsplit=1)[0]
    pkg = _published_package(build, dataset_id) if build.dataset(dataset_id) else None
    for resource in (pkg or {}).get("resources", []):
        if resource["id"] == resource_id:
            return dict(resource)
    raise NotFound("file-not-found", parameter="id", id=dataset_id, name=resource_id)


def _table(build: Build, resource_id: str) -> tuple[ResourceView, FileInfo]:
    """The table and SQLite file behind a resource id (any of the table's files)."""
    dataset_id = re.split(r"[/.]", resource_id, maxsplit=1)[0]
    view = build.dataset(dataset_id)
    pkg = _published_package(build, dataset_id) if view is not None else None
    for resource in (pkg or {}).get("resources", []):
        table = view.resource(resource["description"]) if view is not None else None
        database = table.file("sqlite") if table is not None else None
        if resource["id"] == resource_id and table is not None and database is not None:
            return table, database
    raise NotFound("file-not-found", parameter="resource_id", id=dataset_id, name=resource_id)


def datastore_search(build: Build, params: Mapping[str, Any]) -> dict[str, Any]:
    """Rows of a tabular resource as CKAN's DataStore gives them: resource_id, filters (JSON:
    a value or a list per field), q (text, or JSON per field), distinct, plain, fields, sort
    ("field desc, other"), limit (default 100, at most 1000), offset, include_total,
    records_format (objects, lists, csv). datastore_search_sql is not offered."""
    resource_id = params.get("resource_id") or params.get("id")
    if not isinstance(resource_id, str) or not resource_id:
        raise _invalid("resource_id", "Missing value")
    table, database = _table(build, resource_id)
    query = parse_datastore(params, table.schema)
    result = search_datastore(build.path(database.path), table.schema, query)
    kept = {k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
            for k, v in params.items() if k not in ("offset", "id")}
    start = f"/api/3/action/datastore_search?{urlencode({**kept, 'resource_id': resource_id})}"
    return {"resource_id": resource_id, "limit": query.limit, "offset": query.offset,
            "filters": {n: list(v) for n, v in query.filters},
            "q": params.get("q") or "", "sort": params.get("sort") or "",
            "include_total": query.include_total, "records_format": query.records_format,
            **result,
            "_links": {"start": start,
                       "next": f"{start}&offset={query.offset + query.limit}"}}


def _publishers(build: Build) -> dict[str, dict[str, Any]]:
    return {_slug(d.meta["publisher"]["en"]): d.meta["publisher"] for d in build.published}


def organization_list(build: Build, params: Mapping[str, Any]) -> list[Any]:
    """Publishing divisions; all_fields=true returns them whole."""
    orgs = [_organization(p) for _, p in sorted(_publishers(build).items())]
    return orgs if _flag(params, "all_fields") else [o["name"] for o in orgs]


def organization_show(build: Build, params: Mapping[str, Any]) -> dict[str, Any]:
    """One publishing division with its packages."""
    name = _id(params)
    publisher = _publishers(build).get(name)
    if publisher is None:
        raise NotFound("organization-not-found", parameter="id", id=name)
    packages = [package(build, d.id, base_url()) for d in build.published
                if _slug(d.meta["publisher"]["en"]) == name]
    return {**_organization(publisher), "package_count": len(packages), "packages": packages}


def group_list(build: Build, params: Mapping[str, Any]) -> list[Any]:
    """Categories in use; all_fields=true returns them whole."""
    groups = [_group(c) for c in sorted({d.meta["category"] for d in build.published})]
    return groups if _flag(params, "all_fields") else [g["name"] for g in groups]


def group_show(build: Build, params: Mapping[str, Any]) -> dict[str, Any]:
    """One category with its packages."""
    name = _id(params)
    packages = [package(build, d.id, base_url()) for d in build.published
                if d.meta["category"] == name]
    if not packages:
        raise NotFound("group-not-found", parameter="id", id=name)
    return {**_group(name), "package_count": len(packages), "packages": packages}


def tag_list(build: Build, params: Mapping[str, Any]) -> list[str]:
    """Every tag of a published package, sorted."""
    return sorted({t for d in build.published for t in d.meta.get("tags", [])})


def license_list(build: Build, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Licences the catalog accepts."""
    return [{"id": lic.id, "title": lic.en, "title_ja": lic.ja, "url": lic.url,
             "od_conformance": "approved" if lic.open else "not reviewed"}
            for lic in LICENSES.values()]


def status_show(build: Build, params: Mapping[str, Any]) -> dict[str, Any]:
    """Site and build information."""
    return {"site_title": build.portal["title"]["ja"], "site_url": base_url(),
            "ckan_version": "2.10.0", "api_version": 3, "build_id": build.build_id,
            "locale_default": "ja", "extensions": []}


def help_show(build: Build, params: Mapping[str, Any]) -> str:
    """The help text of an action."""
    name = params.get("name")
    if not isinstance(name, str) or name not in ACTIONS:
        raise NotFound("action-not-found", parameter="name", id=str(name))
    return " ".join((ACTIONS[name].__doc__ or "").split())


def _flag(params: Mapping[str, Any], name: str) -> bool:
    return str(params.get(name, "")).lower() in ("true", "1")


ACTIONS: dict[str, Action] = {f.__name__: f for f in (
    package_list, package_show, package_search, current_package_list_with_resources,
    resource_show, organization_list, organization_show, group_list, group_show, tag_list,
    license_list, status_show, help_show, datastore_search)}
ACTIONS.update(SHOWCASE_ACTIONS)  # uses of the data, as ckanext-showcase (api/showcase.py)


def help_url(action: str) -> str:
    return f"{base_url()}/api/3/action/help_show?name={action}"


def envelope(action: str, result: Any) -> dict[str, Any]:
    return {"help": help_url(action), "success": True, "result": result}


def _params() -> dict[str, Any]:
    params: dict[str, Any] = dict(request.args.items())
    if request.method == "POST" and request.content_length:
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            # Not an object, or not strict JSON (NaN, Infinity, 1e400, deep nesting).
            raise _invalid("body", "a JSON object", request.get_data(as_text=True)[:40])
        params.update(body)
    return params


# CKAN serves the unversioned /api/action/ too, and ckanapi calls that one.
@ckan.route("/api/3/action/<action>", methods=["GET", "POST"])
@ckan.route("/api/action/<action>", methods=["GET", "POST"])
def action_view(action: str) -> Response:
    found = ACTIONS.get(action)
    if found is None:
        raise PortalError("bad-parameter", parameter="action", value=action,
                          reason=", ".join(ACTIONS))
    response = jsonify(envelope(action, found(current_build(), _params())))
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
