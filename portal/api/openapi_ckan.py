"""OpenAPI 3.1 of the CKAN Action API (``ckan.py``): one operation per action, GET with query
parameters and POST with the same parameters as a JSON object, answered in CKAN's envelope.

The descriptions are the actions' docstrings, which ``help_show`` serves too; the parameters
and result schemas are declared here, next to nothing else, and tests/api/test_openapi.py
checks that every action of ``ckan.ACTIONS`` has its operation."""

from __future__ import annotations

from typing import Any

from portal.api import schemas
from portal.api.ckan import ACTIONS, FACET_FIELDS, MAX_ROWS, SORT_FIELDS
from portal.api.openapi_params import parameter
from portal.api.routes import Param
from portal.query.datastore import FORMATS, MAX_LIMIT

ID = Param("id", "Package name (the dataset id); `name` is accepted too.",
           example="kanuma-evacuation-sites")
ALL_FIELDS = Param("all_fields", "`true`: whole objects instead of names.",
                   enum=("true", "false"))
PAGING = (Param("limit", "How many.", type="integer", minimum=0, maximum=10**9),
          Param("offset", "How many to skip.", type="integer", minimum=0, maximum=10**9))
SOLR = ("Solr subset: field:value, field:\"quoted\", [a TO b] / {a TO b} with *, AND, OR, "
        "juxtaposition, NOT, -, +, parentheses; fields id, name, title, tags, organization, "
        "groups, res_format, license_id, metadata_modified, metadata_created, dataset_type, "
        "state, capacity. Anything else is a 409 naming the parameter.")
PARAMS: dict[str, tuple[Param, ...]] = {
    "package_list": PAGING,
    "package_show": (ID,),
    "package_search": (
        Param("q", f"Free text, or a query. {SOLR}", example="避難"),
        Param("fq", f"Filter query. {SOLR}",
              example="metadata_modified:[2026-11-30T23:59:59.999999Z TO *]"),
        Param("rows", "Packages per page.", type="integer", minimum=0, maximum=MAX_ROWS,
              default=10),
        Param("start", "Packages to skip.", type="integer", minimum=0, maximum=10**9,
              default=0),
        Param("sort", f"`field asc|desc`, comma-separated; fields {', '.join(SORT_FIELDS)}.",
              example="id asc"),
        Param("facet.field", f"JSON list of fields to count: {', '.join(FACET_FIELDS)}.",
              example='["tags"]'),
        Param("facet.limit", "Values counted per facet field (-1: all).", type="integer",
              minimum=-1, maximum=10**6, default=50)),
    "current_package_list_with_resources": (
        Param("limit", "How many.", type="integer", minimum=0, maximum=MAX_ROWS),
        PAGING[1]),
    "resource_show": (Param("id", "Resource id: the file's path after /datasets/.",
                            example="kanuma-evacuation-sites.csv"),),
    "organization_list": (ALL_FIELDS,),
    "organization_show": (Param("id", "Organization name.", example="digital-policy-division"),),
    "group_list": (ALL_FIELDS,),
    "group_show": (Param("id", "Group (category) name.", example="safety"),),
    "tag_list": (),
    "license_list": (),
    "status_show": (),
    "help_show": (Param("name", "An action's name.", example="package_search"),),
    "datastore_search": (
        Param("resource_id", "The table's CSV resource id (or any of its files').",
              example="kanuma-evacuation-sites.csv"),
        Param("filters", "JSON object: field → a value or a list of values.",
              example='{"全国地方公共団体コード": "092053"}'),
        Param("q", "Text anywhere in the row, or a JSON object of text per field."),
        Param("distinct", "Distinct rows only.", enum=("true", "false")),
        Param("plain", "Accepted; the text search is always plain.",
              enum=("true", "false")),
        Param("fields", "Fields to return: a JSON list or comma-separated."),
        Param("sort", "`field`, `field desc`, comma-separated."),
        Param("limit", f"Rows (at most {MAX_LIMIT}; larger values are capped).",
              type="integer", minimum=0, maximum=10**9, default=100),
        Param("offset", "Rows to skip.", type="integer", minimum=0, maximum=10**9),
        Param("include_total", "Count the matching rows.", enum=("true", "false")),
        Param("records_format", "How records come back.", enum=FORMATS)),
    # Uses of the data, as ckanext-showcase answers them (portal/api/showcase.py).
    "ckanext_showcase_list": (),
    "ckanext_showcase_show": (Param("id", "The use's id (or `name`)."),),
    "ckanext_package_showcase_list": (Param("package_id", "Dataset id.",
                                            example="kanuma-evacuation-sites"),),
    "ckanext_showcase_package_list": (Param("showcase_id", "The use's id."),),
}
RESULTS: dict[str, dict[str, Any]] = {
    "package_list": schemas.TEXTS, "package_show": schemas.CKAN_PACKAGE,
    "package_search": schemas.CKAN_SEARCH,
    "current_package_list_with_resources": schemas.listing(schemas.CKAN_PACKAGE),
    "resource_show": schemas.CKAN_RESOURCE,
    "organization_list": schemas.listing({"type": ["string", "object"]}),
    "organization_show": schemas.CKAN_WITH_PACKAGES,
    "group_list": schemas.listing({"type": ["string", "object"]}),
    "group_show": schemas.CKAN_WITH_PACKAGES, "tag_list": schemas.TEXTS,
    "license_list": schemas.listing(schemas.CKAN_LICENSE), "status_show": schemas.CKAN_STATUS,
    "help_show": schemas.TEXT, "datastore_search": schemas.CKAN_DATASTORE,
    "ckanext_showcase_list": schemas.listing(schemas.CKAN_SHOWCASE),
    "ckanext_showcase_show": schemas.CKAN_SHOWCASE,
    "ckanext_package_showcase_list": schemas.listing(schemas.CKAN_SHOWCASE),
    "ckanext_showcase_package_list": schemas.listing(schemas.CKAN_PACKAGE),
}
NOT_FOUND = ("package_show", "resource_show", "organization_show", "group_show", "help_show",
             "datastore_search", "ckanext_showcase_show", "ckanext_package_showcase_list",
             "ckanext_showcase_package_list")


def _error(text: str) -> dict[str, Any]:
    return {"description": text, "content": {"application/json": {"schema": schemas.CKAN_ERROR}}}


def _responses(action: str) -> dict[str, Any]:
    responses = {"200": {"description": "CKAN's envelope with the result.",
                         "content": {"application/json": {
                             "schema": schemas.ckan_envelope(RESULTS[action])}}},
                 "409": _error("Validation Error: a parameter (or the body) is not valid; "
                               "it is named in the error."),
                 "414": _error("The query string is too long."),
                 "503": _error("Nothing is built yet.")}
    if action in NOT_FOUND:
        responses["404"] = _error("Not Found Error.")
    return responses


def _body(params: tuple[Param, ...]) -> dict[str, Any]:
    properties = {}
    for param in params:
        schema: dict[str, Any] = {"type": [param.type, "string"]} if param.type == "integer" \
            else {"type": "string"}
        if param.enum:
            schema = {"enum": [*param.enum, *([True, False] if "true" in param.enum else [])]}
        properties[param.name] = schema
    return {"required": False, "content": {"application/json": {"schema": {
        "type": "object", "properties": properties}}}}


def _operations(action: str) -> dict[str, Any]:
    params = PARAMS[action]
    description = " ".join((ACTIONS[action].__doc__ or "").split())
    get = {"operationId": action, "summary": action, "description": description,
           "parameters": [parameter(p) for p in params], "responses": _responses(action)}
    post = {**get, "operationId": f"{action}_post", "parameters": [],
            "requestBody": _body(params)}
    return {"get": get, "post": post}


def ckan_openapi_spec(server: str) -> dict[str, Any]:
    base = server.rstrip("/")
    return {
        "openapi": "3.1.0",
        "info": {"title": "Kanuma City open data — CKAN Action API",
                 "version": "3",
                 "description": "The CKAN API subset harvesters and CKAN clients (ckanapi, "
                                "ckanr) use, in CKAN's envelope {help, success, result}; "
                                "validation errors are 409, unknown objects 404. "
                                "datastore_search_sql is not offered: arbitrary SQL is what "
                                "the rows API's bounds keep out."},
        "servers": [{"url": f"{base}/api/3/action"}, {"url": f"{base}/api/action"}],
        "x-relative-servers": True,
        "paths": {f"/{action}": _operations(action) for action in ACTIONS},
    }
