"""JSON Schemas of what the API answers, for the OpenAPI documents (``openapi.py``,
``openapi_ckan.py``). Objects list the members every answer has; members that depend on the
data (a dataset's schema, a row's columns) are open."""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]

TEXT: Schema = {"type": "string"}
COUNT: Schema = {"type": "integer", "minimum": 0}
NULLABLE_TEXT: Schema = {"type": ["string", "null"]}
TEXTS: Schema = {"type": "array", "items": TEXT}
LANGS: Schema = {"type": "object", "required": ["ja"],
                 "properties": {"ja": TEXT, "en": TEXT}}


def obj(required: dict[str, Schema], optional: dict[str, Schema] | None = None) -> Schema:
    """An object with these members (``required`` always present)."""
    return {"type": "object", "required": list(required),
            "properties": {**required, **(optional or {})}}


def listing(item: Schema) -> Schema:
    return {"type": "array", "items": item}


ERROR = obj({"error": obj({"code": TEXT,
                           "message": obj({"ja": TEXT, "en": TEXT}),
                           "parameter": NULLABLE_TEXT})})
HEALTH = obj({"status": {"enum": ["ok", "no-build"]}},
             {"build_id": NULLABLE_TEXT, "datasets": COUNT})
ROWS = obj({
    "dataset": TEXT, "resource": TEXT,
    "total": {"type": ["integer", "null"], "minimum": 0,
              "description": "Exact count of the matching rows, taken on the first page and "
                             "carried by the cursor; null with _count=false."},
    "columns": TEXTS, "rows": listing({"type": "object"}),
    "next": {"type": ["string", "null"],
             "description": "Cursor of the next page, bound to this query."},
    "next_url": NULLABLE_TEXT}, {"facets": {"type": "object"}})
FEATURE_COLLECTION = obj({"type": {"const": "FeatureCollection"},
                          "features": listing({"type": "object"})},
                         {"total": {"type": ["integer", "null"], "minimum": 0},
                          "next": NULLABLE_TEXT, "next_url": NULLABLE_TEXT})
FACET_COUNTS = listing(obj({"value": TEXT, "count": COUNT}))
DATASET_SUMMARY = obj({"id": TEXT, "title": LANGS, "description": LANGS, "category": TEXT,
                       "tags": TEXTS, "publisher": LANGS, "license": TEXT, "issued": TEXT,
                       "modified": TEXT},
                      {"standard": NULLABLE_TEXT, "state": TEXT})
SEARCH = obj({"total": COUNT, "page": COUNT, "size": COUNT,
              "datasets": listing(DATASET_SUMMARY),
              "facets": {"type": "object", "additionalProperties": FACET_COUNTS}})
FILE = obj({"kind": TEXT, "label": TEXT, "url": TEXT, "media_type": TEXT,
            "encoding": NULLABLE_TEXT, "size": COUNT, "sha256": TEXT,
            "rows": {"type": ["integer", "null"], "minimum": 0}})
RESOURCE = obj({"name": TEXT, "primary": {"type": "boolean"},
                "rows": COUNT, "schema": obj({"fields": listing(obj({"name": TEXT}))}),
                "files": listing(FILE), "rows_url": TEXT},
               {"title": {"type": ["object", "null"]},
                "sjis_unavailable": NULLABLE_TEXT, "geo": {"type": ["object", "null"]}})
DATASET = obj({"id": TEXT, "title": LANGS, "description": LANGS, "publisher": LANGS,
               "category": TEXT, "tags": TEXTS, "license": TEXT, "issued": TEXT,
               "modified": TEXT, "page_url": TEXT, "resources": listing(RESOURCE),
               "keywords": TEXTS, "overdue": {"type": "boolean"}},
              {"license_detail": {"type": "object"}, "changes": listing({"type": "object"}),
               "history": listing({"type": "object"}),
               "update_due": NULLABLE_TEXT})
KPI = obj({"as_of": TEXT, "fiscal_year": {"type": "integer"},
           "policies": listing(obj({"number": {"type": "integer"}, "name": TEXT,
                                    "kpis": listing({"type": "object"})})),
           "kpi_count": COUNT,
           "published_datasets": obj({"count": COUNT, "as_of": TEXT})},
          {"up_to_date": {"type": "object"}, "fiscal_year_label": TEXT})
STATS = obj({"build_id": TEXT, "datasets": COUNT, "resources": COUNT, "rows": COUNT,
             "by_category": {"type": "object", "additionalProperties": COUNT},
             "by_license": {"type": "object", "additionalProperties": COUNT},
             "by_format": {"type": "object", "additionalProperties": COUNT}})
OPENAPI = obj({"openapi": TEXT, "info": {"type": "object"}, "paths": {"type": "object"}})
DCAT = obj({"@context": {"type": "object"}, "@type": {"const": "dcat:Catalog"},
            "dcat:dataset": listing(obj({"@id": TEXT, "dct:identifier": TEXT,
                                         "dcat:distribution": listing({"type": "object"})}))})
DATA_PACKAGE = obj({"name": TEXT, "resources": listing(obj({"name": TEXT, "path": TEXT}))})

# CKAN's Action API (openapi_ckan.py): its envelope, and the results of its actions.
CKAN_ERROR = obj({"help": TEXT, "success": {"const": False},
                  "error": obj({"__type": {"enum": ["Validation Error", "Not Found Error",
                                                    "Internal Server Error",
                                                    "Service Unavailable"]},
                                "message": TEXT})})


def ckan_envelope(result: Schema) -> Schema:
    return obj({"help": TEXT, "success": {"const": True}, "result": result})


CKAN_NAMED = {"id": TEXT, "name": TEXT, "title": TEXT, "display_name": TEXT,
              "description": TEXT, "type": TEXT, "state": TEXT,
              "is_organization": {"type": "boolean"}}
CKAN_RESOURCE = obj({"id": TEXT, "package_id": TEXT, "url": TEXT, "name": TEXT,
                     "format": TEXT, "mimetype": TEXT, "size": COUNT, "hash": TEXT,
                     "state": TEXT, "position": COUNT,
                     "datastore_active": {"type": "boolean"}})
CKAN_PACKAGE = obj({"id": TEXT, "name": TEXT, "type": TEXT, "state": TEXT,
                    "private": {"const": False}, "title": TEXT, "notes": TEXT,
                    "license_id": TEXT, "organization": obj(CKAN_NAMED),
                    "owner_org": TEXT, "groups": listing(obj(CKAN_NAMED)),
                    "tags": listing(obj({"name": TEXT, "display_name": TEXT})),
                    "resources": listing(CKAN_RESOURCE), "num_resources": COUNT,
                    "metadata_created": TEXT, "metadata_modified": TEXT, "url": TEXT,
                    "extras": listing(obj({"key": TEXT, "value": TEXT}))},
                   {"license_title": NULLABLE_TEXT, "license_url": NULLABLE_TEXT,
                    "num_tags": COUNT})
# A use of the data as ckanext-showcase's package dict of type "showcase" (api/showcase.py).
CKAN_SHOWCASE = obj({"id": TEXT, "name": TEXT, "type": {"const": "showcase"}, "state": TEXT,
                     "private": {"const": False}, "title": TEXT, "notes": TEXT, "url": TEXT,
                     "author": TEXT, "metadata_created": TEXT, "metadata_modified": TEXT,
                     "image_url": TEXT, "num_resources": COUNT, "resources": {"type": "array"},
                     "extras": listing(obj({"key": TEXT, "value": TEXT}))})
CKAN_SEARCH = obj({"count": COUNT, "sort": TEXT, "results": listing(CKAN_PACKAGE),
                   "facets": {"type": "object",
                              "additionalProperties": {"type": "object",
                                                       "additionalProperties": COUNT}},
                   "search_facets": {"type": "object", "additionalProperties": obj({
                       "title": TEXT, "items": listing(obj({"name": TEXT,
                                                            "display_name": TEXT,
                                                            "count": COUNT}))})}})
CKAN_WITH_PACKAGES = obj({**CKAN_NAMED, "package_count": COUNT,
                          "packages": listing(CKAN_PACKAGE)})
CKAN_DATASTORE = obj({
    "resource_id": TEXT, "limit": COUNT, "offset": COUNT,
    "fields": listing(obj({"id": TEXT, "type": {"enum": ["int", "numeric", "text", "date",
                                                           "timestamp", "bool", "time"]}})),
    "records": {"type": ["array", "string"],
                "description": "Objects, lists (records_format=lists) or CSV text "
                               "(records_format=csv)."},
    "_links": obj({"start": TEXT, "next": TEXT})},
    {"total": COUNT, "filters": {"type": "object"}, "q": {"type": ["string", "object"]},
     "sort": TEXT, "include_total": {"type": "boolean"}, "records_format": TEXT,
     "total_was_estimated": {"type": "boolean"}})
CKAN_LICENSE = obj({"id": TEXT, "title": TEXT, "url": NULLABLE_TEXT,
                    "od_conformance": TEXT}, {"title_ja": TEXT})
CKAN_STATUS = obj({"site_title": TEXT, "site_url": TEXT, "ckan_version": TEXT,
                   "api_version": {"type": "integer"}, "build_id": TEXT,
                   "locale_default": TEXT, "extensions": TEXTS})
